// Queries of bookings. The hot reads and writes (overlaps, quotas, idempotency, the booking
// itself) are drizzle statements prepared once per connection with placeholders: they run on
// every booking click and every day view. Every overlap read bounds starts_at from below by
// the longest booking the rules allow, so it walks the (resource_id, starts_at) index and
// stays flat however many years of history pile up.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, not, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';
import { bookings, resources } from './schema.js';
import type { BookingStatus, ExistingBooking, Interval } from '../domain/types.js';

/** The longest booking any resource may hold (also the bound of the overlap trigger). */
export const MAX_BOOKING_MS = 7 * 24 * 3600_000;

export type BookingRow = typeof bookings.$inferSelect;

/** A booking as a member's list shows it. */
export type BookingListRow = Pick<
  BookingRow,
  'id' | 'resourceId' | 'memberId' | 'startsAt' | 'endsAt' | 'status' | 'title' | 'checkedInAt' | 'checkedOutAt'
>;

/** What an insert needs: the row's own fields, the rest (id, version, times) is set by the insert. */
export type NewBooking = Pick<
  BookingRow,
  | 'resourceId'
  | 'seriesId'
  | 'originalStartsAt'
  | 'memberId'
  | 'bookedById'
  | 'organisationId'
  | 'startsAt'
  | 'endsAt'
  | 'headcount'
  | 'status'
  | 'title'
  | 'idempotencyKey'
  | 'guestName'
  | 'guestOrganisation'
> & { now: number };

export type BookingChange = Pick<BookingRow, 'resourceId' | 'startsAt' | 'endsAt' | 'status' | 'cancelledAt'> & {
  now: number;
};

const p = sql.placeholder;
// drizzle's update().set() does not take a placeholder (drizzle-orm#2110): one inside `sql` is bound as is.
const setTo = (name: string) => sql`${p(name)}`;
const ACTIVE = inArray(bookings.status, ['pending', 'confirmed']);

/** A list of ids or kinds bound as one JSON parameter, so one prepared statement serves any length. */
// drizzle's inArray writes one `?` per value, a new statement per length: json_each takes the list whole.
const inJsonList = (column: AnySQLiteColumn, name: string) =>
  sql`${column} IN (SELECT value FROM json_each(${p(name)}))`;

/** A row of `existing` as an array, its columns in the same order. */
type ExistingBookingRow = [number, number, number | null, number, number, number, BookingStatus];

/** A booking as the rules see it. */
const existing = {
  id: bookings.id,
  resourceId: bookings.resourceId,
  memberId: bookings.memberId,
  start: bookings.startsAt,
  end: bookings.endsAt,
  headcount: bookings.headcount,
  status: bookings.status,
};

/** The active bookings overlapping [from, to) with a start at or above `lowest` (from - MAX_BOOKING_MS). */
const overlapping = and(
  gte(bookings.startsAt, p('lowest')),
  lt(bookings.startsAt, p('to')),
  gt(bookings.endsAt, p('from')),
  ACTIVE,
);

/** A booking's length inside [from, to): SQLite's two-argument min() and max(), which drizzle does not have. */
const clippedMs = sql`min(${bookings.endsAt}, ${p('to')}) - max(${bookings.startsAt}, ${p('from')})`;

/** What an organisation's quota of a kind counts: its active bookings of it overlapping [from, to), but `exclude`. */
const countedForQuota = and(
  eq(bookings.organisationId, p('organisationId')),
  overlapping,
  eq(resources.kind, p('kind')),
  not(inJsonList(bookings.id, 'exclude')),
);

/** A booking's columns as a list or a calendar feed shows it. */
export const LISTED_COLUMNS = {
  id: bookings.id,
  resourceId: bookings.resourceId,
  memberId: bookings.memberId,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  status: bookings.status,
  title: bookings.title,
  checkedInAt: bookings.checkedInAt,
  checkedOutAt: bookings.checkedOutAt,
};

/**
 * The statements of bookingQueries, prepared on `db`'s connection (they run inside its
 * transactions too). Exported for the tests that read their query plans.
 */
export function bookingStatements(db: Db) {
  const forMember = (past: boolean) => {
    // A member's bookings are those for them or booked by them: each half walks its own index
    // in order and SQLite merges the two walks, stopping at the limit (one OR over both
    // collected the whole history, then sorted). The second half reads the partial index of
    // bookings made for someone else, whose condition it repeats word for word so that SQLite
    // uses it.
    const when = past
      ? and(lt(bookings.startsAt, p('from')), lte(bookings.endsAt, p('from')))
      : and(gt(bookings.startsAt, p('lowest')), gt(bookings.endsAt, p('from')));
    const bookedFor = db
      .select(LISTED_COLUMNS)
      .from(bookings)
      .where(and(eq(bookings.memberId, p('memberId')), when));
    const bookedBy = db
      .select(LISTED_COLUMNS)
      .from(bookings)
      .where(
        and(eq(bookings.bookedById, p('memberId')), sql`${bookings.memberId} IS NOT ${bookings.bookedById}`, when),
      );
    const order = past ? [desc(bookings.startsAt), desc(bookings.id)] : [asc(bookings.startsAt), asc(bookings.id)];
    return bookedFor
      .unionAll(bookedBy)
      .orderBy(...order)
      .limit(p('limit'))
      .prepare();
  };
  return {
    /** Read from the covering index bookings_resource_start. */
    overlapping: db
      .select(existing)
      .from(bookings)
      .where(and(inJsonList(bookings.resourceId, 'resourceIds'), overlapping))
      .prepare(),
    memberDesks: db
      .select(existing)
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(and(eq(bookings.memberId, p('memberId')), overlapping, eq(resources.kind, 'desk')))
      .prepare(),
    organisation: db
      .select(existing)
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(and(eq(bookings.organisationId, p('organisationId')), overlapping, inJsonList(resources.kind, 'kinds')))
      .prepare(),
    /** The minutes quota's sum; read from the covering index bookings_org_start. */
    organisationMs: db
      .select({ ms: sql<number>`coalesce(sum(${clippedMs}), 0)` })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(countedForQuota)
      .prepare(),
    /** The half-days quota's bookings, start and end only: read from the covering index bookings_org_start. */
    organisationIntervals: db
      .select({ start: bookings.startsAt, end: bookings.endsAt })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(countedForQuota)
      .prepare(),
    byId: db
      .select()
      .from(bookings)
      .where(eq(bookings.id, p('id')))
      .prepare(),
    // The unique index bookings_idempotency holds at most one row per person and key.
    byKey: db
      .select()
      .from(bookings)
      .where(and(eq(bookings.bookedById, p('bookedById')), eq(bookings.idempotencyKey, p('key'))))
      .prepare(),
    bySeries: db
      .select()
      .from(bookings)
      .where(eq(bookings.seriesId, p('seriesId')))
      .orderBy(asc(bookings.startsAt))
      .prepare(),
    insert: db
      .insert(bookings)
      .values({
        resourceId: p('resourceId'),
        seriesId: p('seriesId'),
        originalStartsAt: p('originalStartsAt'),
        memberId: p('memberId'),
        bookedById: p('bookedById'),
        organisationId: p('organisationId'),
        startsAt: p('startsAt'),
        endsAt: p('endsAt'),
        headcount: p('headcount'),
        status: p('status'),
        title: p('title'),
        isPublic: false,
        idempotencyKey: p('idempotencyKey'),
        guestName: p('guestName'),
        guestOrganisation: p('guestOrganisation'),
        version: 0,
        createdAt: p('now'),
        updatedAt: p('now'),
      })
      .returning()
      .prepare(),
    update: db
      .update(bookings)
      .set({
        resourceId: setTo('resourceId'),
        startsAt: setTo('startsAt'),
        endsAt: setTo('endsAt'),
        status: setTo('status'),
        cancelledAt: setTo('cancelledAt'),
        updatedAt: setTo('now'),
        version: sql`${bookings.version} + 1`,
      })
      .where(eq(bookings.id, p('id')))
      .returning()
      .prepare(),
    upcoming: forMember(false),
    past: forMember(true),
  };
}

export type BookingQueries = ReturnType<typeof bookingQueries>;

export function bookingQueries(db: Db) {
  const statements = bookingStatements(db);
  const window = (from: number, to: number) => ({ lowest: from - MAX_BOOKING_MS, from, to });
  return {
    /** Active bookings of these resources that overlap [from, to). */
    activeOverlapping(resourceIds: readonly number[], from: number, to: number): ExistingBooking[] {
      if (resourceIds.length === 0) return [];
      // The day views read dozens of rows: each is built from its array in the order of `existing`,
      // rather than mapped column by column.
      const rows = statements.overlapping.values({ resourceIds: JSON.stringify(resourceIds), ...window(from, to) });
      return (rows as ExistingBookingRow[]).map(([id, resourceId, memberId, start, end, headcount, status]) => ({
        id,
        resourceId,
        memberId,
        start,
        end,
        headcount,
        status,
      }));
    },
    /** Active desk bookings of a member that overlap [from, to). */
    memberActiveDesks(memberId: number, from: number, to: number): ExistingBooking[] {
      return statements.memberDesks.all({ memberId, ...window(from, to) });
    },
    /** Active bookings of an organisation on resources of these kinds overlapping [from, to). */
    organisationActive(organisationId: number, kinds: readonly string[], from: number, to: number): ExistingBooking[] {
      return statements.organisation.all({ organisationId, kinds: JSON.stringify(kinds), ...window(from, to) });
    },
    /**
     * Milliseconds of the organisation's active bookings of `kind` inside [from, to), each clipped
     * to it, leaving out `exclude`: the minutes quota summed by SQLite, without a row per booking.
     */
    organisationActiveMs(
      organisationId: number,
      kind: string,
      from: number,
      to: number,
      exclude: readonly number[],
    ): number {
      const row = statements.organisationMs.get({
        organisationId,
        kind,
        exclude: JSON.stringify(exclude),
        ...window(from, to),
      });
      return row?.ms ?? 0;
    },
    /** Start and end of the organisation's active bookings of `kind` overlapping [from, to), leaving out `exclude`. */
    organisationIntervals(
      organisationId: number,
      kind: string,
      from: number,
      to: number,
      exclude: readonly number[],
    ): Interval[] {
      return statements.organisationIntervals.all({
        organisationId,
        kind,
        exclude: JSON.stringify(exclude),
        ...window(from, to),
      });
    },
    byId(id: number): BookingRow | undefined {
      return statements.byId.get({ id });
    },
    byIdempotencyKey(bookedById: number, key: string): BookingRow | undefined {
      return statements.byKey.get({ bookedById, key });
    },
    bySeries(seriesId: number): BookingRow[] {
      return statements.bySeries.all({ seriesId });
    },
    /** Inserts and returns the row as stored. */
    insert(booking: NewBooking): BookingRow {
      return statements.insert.get(booking)!;
    },
    /** Sets new times/resource/status and raises the version (the iCalendar SEQUENCE); returns the row as stored. */
    update(id: number, change: BookingChange): BookingRow | undefined {
      return statements.update.get({ id, ...change });
    },
    /** A member's bookings (for them or booked by them) that end after `from`, or before it when `past`. */
    forMember(memberId: number, from: number, past: boolean, limit: number): BookingListRow[] {
      const params = { memberId, from, lowest: from - MAX_BOOKING_MS, limit };
      return (past ? statements.past : statements.upcoming).all(params);
    },
  };
}

/** Whether a booking is shown in the public calendar, and of which resource; undefined if there is none. */
export function bookingVisibility(db: Db, id: number): Pick<BookingRow, 'resourceId' | 'isPublic'> | undefined {
  return db
    .select({ resourceId: bookings.resourceId, isPublic: bookings.isPublic })
    .from(bookings)
    .where(eq(bookings.id, id))
    .get();
}

/**
 * Visibility is not a change of the event itself: the version (SEQUENCE) stays, the last
 * change (DTSTAMP, feed validators) moves.
 */
export function setBookingPublic(db: Db, id: number, isPublic: boolean, now: number): void {
  db.update(bookings).set({ isPublic, updatedAt: now }).where(eq(bookings.id, id)).run();
}
