// Queries of a member's home page: the last desk they booked (their usual zone and half-day)
// and the bookings of the teams they lead on one day. Each is prepared once and walks an
// index: bookings_member_start from the newest start down, bookings_org_start over one day.
import { and, desc, eq, gte, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { MAX_BOOKING_MS } from './bookings.js';
import { bookings, members, resources } from './schema.js';
import type { BookingStatus } from '../domain/types.js';

const p = sql.placeholder;
const ACTIVE: BookingStatus[] = ['pending', 'confirmed'];

/** A desk booking as the home page reads a habit from it. */
export interface LastDeskRow {
  resourceId: number;
  startsAt: number;
  endsAt: number;
}

/** A booking of a team the person leads, with whose it is. */
export interface TeamBookingRow {
  id: number;
  resourceId: number;
  memberId: number | null;
  memberName: string | null;
  guestName: string | null;
  startsAt: number;
  endsAt: number;
  status: BookingStatus;
  checkedInAt: number | null;
}

export function homeQueries(db: Db) {
  const lastDesk = db
    .select({ resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(and(eq(bookings.memberId, p('memberId')), eq(resources.kind, 'desk'), inArray(bookings.status, ACTIVE)))
    .orderBy(desc(bookings.startsAt))
    .limit(1)
    .prepare();
  const teamDay = db
    .select({
      id: bookings.id,
      resourceId: bookings.resourceId,
      memberId: bookings.memberId,
      memberName: members.name,
      guestName: bookings.guestName,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      checkedInAt: bookings.checkedInAt,
    })
    .from(bookings)
    .leftJoin(members, eq(members.id, bookings.memberId))
    .where(
      and(
        // drizzle's inArray writes one `?` per value: json_each keeps one statement for any number of teams.
        sql`${bookings.organisationId} IN (SELECT value FROM json_each(${p('organisationIds')}))`,
        gte(bookings.startsAt, p('lowest')),
        lt(bookings.startsAt, p('to')),
        gt(bookings.endsAt, p('from')),
        inArray(bookings.status, ACTIVE),
      ),
    )
    .orderBy(bookings.startsAt, bookings.id)
    .limit(200)
    .prepare();
  return {
    /** The member's latest active desk booking, past or to come. */
    lastDesk(memberId: number): LastDeskRow | undefined {
      return lastDesk.get({ memberId });
    },
    /** Active bookings of these organisations overlapping [from, to), by start (200 at most). */
    teamBookings(organisationIds: readonly number[], from: number, to: number): TeamBookingRow[] {
      if (organisationIds.length === 0) return [];
      return teamDay.all({
        organisationIds: JSON.stringify(organisationIds),
        lowest: from - MAX_BOOKING_MS,
        from,
        to,
      });
    },
  };
}
