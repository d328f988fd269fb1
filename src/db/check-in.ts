// Queries of check-in, check-out and no-show release. The release job reads, every minute,
// the confirmed bookings not checked in whose start lies in a bounded window before now, on
// the bookings_start index (prepared once); its UPDATE is guarded by the state it releases
// from, so a booking is released once however many processes run the job on the same file.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { MAX_BOOKING_MS, type BookingRow } from './bookings.js';
import { bookings, checkInPolicies, members, resources } from './schema.js';

/** A booking the release job looks at, with what its deadline depends on. */
export interface ReleaseCandidate {
  booking: BookingRow;
  /** The booked member's access needs (empty for a day guest). */
  accessNeeds: string[] | null;
}

export type CheckInQueries = ReturnType<typeof checkInQueries>;

const p = sql.placeholder;
const raiseVersion = sql`${bookings.version} + 1`;

/** Confirmed bookings not checked in, of kinds with a policy, starting in [from, now], on bookings_start. */
function candidatesOf(db: Db) {
  return (
    db
      .select({ booking: bookings, accessNeeds: members.accessNeeds })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      // A kind without a policy is never released: its bookings are not even read.
      .innerJoin(
        checkInPolicies,
        and(eq(checkInPolicies.siteId, resources.siteId), eq(checkInPolicies.resourceKind, resources.kind)),
      )
      .leftJoin(members, eq(members.id, bookings.memberId))
      .where(
        and(
          gte(bookings.startsAt, p('from')),
          lte(bookings.startsAt, p('now')),
          eq(bookings.status, 'confirmed'),
          isNull(bookings.checkedInAt),
        ),
      )
      .orderBy(asc(bookings.startsAt), asc(bookings.id))
  );
}

/** The release job's read, as SQL and parameters (to read its query plan). */
export function releaseCandidatesQuery(db: Db) {
  return candidatesOf(db).toSQL();
}

export function checkInQueries(db: Db) {
  const candidates = candidatesOf(db).prepare();
  const release = db
    .update(bookings)
    .set({ status: 'released', cancelledAt: sql`${p('now')}`, updatedAt: sql`${p('now')}`, version: raiseVersion })
    .where(and(eq(bookings.id, p('id')), eq(bookings.status, 'confirmed'), isNull(bookings.checkedInAt)))
    .returning()
    .prepare();
  return {
    /** Confirmed bookings not checked in, of kinds with a policy, starting in [from, now]. */
    releaseCandidates(from: number, now: number): ReleaseCandidate[] {
      return candidates.all({ from, now });
    },
    /** Releases a booking still confirmed and not checked in; undefined when it no longer is. */
    release(id: number, now: number): BookingRow | undefined {
      return release.get({ id, now });
    },
    /** Sets who checked the booking in and when; raises the version. */
    checkIn(id: number, byId: number, now: number): BookingRow | undefined {
      return db
        .update(bookings)
        .set({ checkedInAt: now, checkedInById: byId, updatedAt: now, version: raiseVersion })
        .where(and(eq(bookings.id, id), eq(bookings.status, 'confirmed'), isNull(bookings.checkedInAt)))
        .returning()
        .get();
    },
    /** Ends a checked-in booking at `endsAt` and records when it was checked out; raises the version. */
    checkOut(id: number, endsAt: number, now: number): BookingRow | undefined {
      return db
        .update(bookings)
        .set({ endsAt, checkedOutAt: now, updatedAt: now, version: raiseVersion })
        .where(and(eq(bookings.id, id), eq(bookings.status, 'confirmed'), isNull(bookings.checkedOutAt)))
        .returning()
        .get();
    },
    /** The access needs recorded in a member's profile (empty when none, or no member). */
    accessNeedsOf(memberId: number | null): string[] {
      if (memberId === null) return [];
      return db.select({ needs: members.accessNeeds }).from(members).where(eq(members.id, memberId)).get()?.needs ?? [];
    },
    /**
     * A member's bookings of one resource that end after `from` and start before `to`, active
     * or released, nearest first (the page a door's QR code opens), on bookings_member_start.
     */
    memberBookingsOf(memberId: number, resourceId: number, from: number, to: number): BookingRow[] {
      return db
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.memberId, memberId),
            gt(bookings.startsAt, from - MAX_BOOKING_MS),
            lt(bookings.startsAt, to),
            gt(bookings.endsAt, from),
            eq(bookings.resourceId, resourceId),
            inArray(bookings.status, ['confirmed', 'pending', 'released']),
          ),
        )
        .orderBy(asc(bookings.startsAt), desc(bookings.id))
        .limit(5)
        .all();
    },
  };
}
