// Queries of rental requests, their messages and history. Every write runs inside the
// caller's immediate transaction (src/services/rentals.ts); a change raises the version.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { members, rentalHistory, rentalMessages, rentalRequests } from './schema.js';
import type { RentalStatus } from '../domain/rental-states.js';

export type RentalRow = typeof rentalRequests.$inferSelect;
export type NewRental = Omit<typeof rentalRequests.$inferInsert, 'id' | 'version'>;
export type RentalChange = Partial<Omit<RentalRow, 'id' | 'version' | 'createdAt' | 'tokenHash'>> & {
  updatedAt: number;
};
export type RentalMessageRow = typeof rentalMessages.$inferSelect;
export type RentalHistoryRow = typeof rentalHistory.$inferSelect & { memberName: string | null };
export type NewHistory = Omit<typeof rentalHistory.$inferInsert, 'id'>;

export function insertRental(db: Db, rental: NewRental): RentalRow {
  return db.insert(rentalRequests).values(rental).returning().get();
}

export function rentalById(db: Db, id: number): RentalRow | undefined {
  return db.select().from(rentalRequests).where(eq(rentalRequests.id, id)).get();
}

export function rentalByTokenHash(db: Db, tokenHash: string): RentalRow | undefined {
  return db.select().from(rentalRequests).where(eq(rentalRequests.tokenHash, tokenHash)).get();
}

/** Writes the change and raises the version; returns the row as stored. */
export function updateRental(db: Db, id: number, change: RentalChange): RentalRow {
  return db
    .update(rentalRequests)
    .set({ ...change, version: sql`${rentalRequests.version} + 1` })
    .where(eq(rentalRequests.id, id))
    .returning()
    .get()!;
}

/** Requests in these states, oldest change first (the queue: what waits longest comes first). */
export function rentalsIn(db: Db, statuses: readonly RentalStatus[], limit: number): RentalRow[] {
  return db
    .select()
    .from(rentalRequests)
    .where(inArray(rentalRequests.status, [...statuses]))
    .orderBy(asc(rentalRequests.updatedAt), asc(rentalRequests.id))
    .limit(limit)
    .all();
}

/** Other requests in these states for the same resource whose event overlaps [from, to). */
export function competingRentals(
  db: Db,
  id: number,
  resourceId: number,
  from: number,
  to: number,
  statuses: readonly RentalStatus[],
): RentalRow[] {
  return db
    .select()
    .from(rentalRequests)
    .where(
      and(
        eq(rentalRequests.resourceId, resourceId),
        ne(rentalRequests.id, id),
        lt(rentalRequests.startsAt, to),
        gt(rentalRequests.endsAt, from),
        inArray(rentalRequests.status, [...statuses]),
      ),
    )
    .all();
}

/** Options whose lapse comes before `until` (the job warns, then expires them). */
export function optionsLapsingBefore(db: Db, until: number): RentalRow[] {
  return db
    .select()
    .from(rentalRequests)
    .where(and(eq(rentalRequests.status, 'option'), lte(rentalRequests.optionUntil, until)))
    .all();
}

/** Confirmed rentals whose event ended by `now`. */
export function confirmedEndedBy(db: Db, now: number): RentalRow[] {
  return db
    .select()
    .from(rentalRequests)
    .where(and(eq(rentalRequests.status, 'confirmed'), lte(rentalRequests.endsAt, now)))
    .all();
}

/** Ended requests (declined, cancelled, expired) last changed before `before` whose details are still kept. */
export function erasableRentals(db: Db, before: number): RentalRow[] {
  return db
    .select()
    .from(rentalRequests)
    .where(
      and(
        inArray(rentalRequests.status, ['declined', 'cancelled', 'expired']),
        lt(rentalRequests.updatedAt, before),
        isNull(rentalRequests.erasedAt),
      ),
    )
    .all();
}

export function insertRentalMessage(db: Db, message: Omit<RentalMessageRow, 'id'>): RentalMessageRow {
  return db.insert(rentalMessages).values(message).returning().get();
}

export function rentalMessagesOf(db: Db, requestId: number): RentalMessageRow[] {
  return db
    .select()
    .from(rentalMessages)
    .where(eq(rentalMessages.requestId, requestId))
    .orderBy(asc(rentalMessages.at), asc(rentalMessages.id))
    .all();
}

/** Erases the words of a request's messages with its contact details (they may name people). */
export function eraseRentalMessages(db: Db, requestId: number): void {
  db.update(rentalMessages).set({ body: '' }).where(eq(rentalMessages.requestId, requestId)).run();
}

export function insertRentalHistory(db: Db, entry: NewHistory): void {
  db.insert(rentalHistory).values(entry).run();
}

export function rentalHistoryOf(db: Db, requestId: number): RentalHistoryRow[] {
  return db
    .select({ entry: rentalHistory, memberName: members.name })
    .from(rentalHistory)
    .leftJoin(members, eq(members.id, rentalHistory.memberId))
    .where(eq(rentalHistory.requestId, requestId))
    .orderBy(desc(rentalHistory.at), desc(rentalHistory.id))
    .all()
    .map((r) => ({ ...r.entry, memberName: r.memberName }));
}

/** Whether a rental in option or confirmed holds the space through this booking. */
export function rentalHoldingBooking(db: Db, bookingId: number): boolean {
  const row = db
    .select({ id: rentalRequests.id })
    .from(rentalRequests)
    .where(and(eq(rentalRequests.bookingId, bookingId), inArray(rentalRequests.status, ['option', 'confirmed'])))
    .get();
  return row !== undefined;
}
