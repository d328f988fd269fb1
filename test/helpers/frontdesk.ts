// Bookings and visitors written straight into the test database for the front-desk pages,
// with whatever state a test needs (checked in, released, a day guest, an event).
import type { Db } from '../../src/db/connection.js';

/** Paris is UTC+1 in December 2026: the instant of a Paris wall-clock time that month. */
export const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

export function insertBooking(
  db: Db,
  b: {
    resourceId: number;
    memberId?: number | null;
    organisationId?: number | null;
    start: number;
    end: number;
    status?: 'pending' | 'confirmed' | 'cancelled' | 'released';
    headcount?: number;
    checkedInAt?: number | null;
    checkedOutAt?: number | null;
    guestName?: string | null;
    guestOrganisation?: string | null;
  },
): number {
  const row = db.$client
    .prepare(
      `INSERT INTO bookings (resource_id, member_id, booked_by_id, organisation_id, starts_at, ends_at, headcount,
         status, created_at, updated_at, checked_in_at, checked_out_at, guest_name, guest_organisation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      b.resourceId,
      b.memberId ?? null,
      b.memberId ?? null,
      b.organisationId ?? null,
      b.start,
      b.end,
      b.headcount ?? 1,
      b.status ?? 'confirmed',
      b.checkedInAt ?? null,
      b.checkedOutAt ?? null,
      b.guestName ?? null,
      b.guestOrganisation ?? null,
    ) as { id: number };
  return row.id;
}

export function insertVisitor(
  db: Db,
  v: {
    hostId: number;
    name: string;
    organisation?: string;
    expectedAt: number;
    arrivedAt?: number | null;
    leftAt?: number | null;
  },
): number {
  const site = db.$client.prepare('SELECT id FROM sites LIMIT 1').get() as { id: number };
  const row = db.$client
    .prepare(
      `INSERT INTO visitors (site_id, host_member_id, name, organisation, expected_at, arrived_at, left_at,
         created_by_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
    )
    .get(
      site.id,
      v.hostId,
      v.name,
      v.organisation ?? '',
      v.expectedAt,
      v.arrivedAt ?? null,
      v.leftAt ?? null,
      v.hostId,
    ) as { id: number };
  return row.id;
}
