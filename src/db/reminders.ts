// Queries of the reminder job: the confirmed bookings of active members starting within its
// window, what was already queued for them, and the record of a reminder queued. Prepared
// once: the job runs every minute.
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { bookingReminders, bookings, members, resources, sites } from './schema.js';

export type ReminderRecord = typeof bookingReminders.$inferInsert;

export interface ReminderQueries {
  /** Confirmed bookings of active members starting in (from, to], by start. */
  candidates(
    from: number,
    to: number,
  ): { id: number; startsAt: number; updatedAt: number; version: number; zone: string }[];
  /** The reminders already recorded for these bookings. */
  recorded(bookingIds: readonly number[]): { bookingId: number; kind: string; startsAt: number }[];
  record(row: ReminderRecord): void;
}

export function reminderQueries(db: Db): ReminderQueries {
  // Resource by resource on the (resource_id, starts_at) index, bounded by start, so a round
  // stays flat however much history piles up (CROSS JOIN fixes that order for the planner).
  const candidates = db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      updatedAt: bookings.updatedAt,
      version: bookings.version,
      zone: sites.timezone,
    })
    .from(resources)
    .crossJoin(bookings)
    .innerJoin(sites, eq(sites.id, resources.siteId))
    .innerJoin(members, eq(members.id, bookings.memberId))
    .where(
      and(
        eq(bookings.resourceId, resources.id),
        gt(bookings.startsAt, sql.placeholder('from')),
        lte(bookings.startsAt, sql.placeholder('to')),
        eq(bookings.status, 'confirmed'),
        eq(members.active, true),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .prepare();
  // One statement for any number of bookings: their ids as one JSON array (json_each).
  const recorded = db
    .select({ bookingId: bookingReminders.bookingId, kind: bookingReminders.kind, startsAt: bookingReminders.startsAt })
    .from(bookingReminders)
    .where(sql`${bookingReminders.bookingId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
    .prepare();
  const record = db
    .insert(bookingReminders)
    .values({
      bookingId: sql.placeholder('bookingId'),
      kind: sql.placeholder('kind'),
      startsAt: sql.placeholder('startsAt'),
      queuedAt: sql.placeholder('queuedAt'),
      outboxId: sql.placeholder('outboxId'),
    })
    .prepare();
  return {
    candidates: (from, to) => candidates.all({ from, to }),
    recorded: (ids) => recorded.all({ ids: JSON.stringify(ids) }),
    record(row) {
      record.run({ ...row, outboxId: row.outboxId ?? null });
    },
  };
}
