// Queries of expected visitors: register, list (a host's, everyone's for staff, a day's for
// the board), arrival, departure, cancellation, and the GDPR erasure of old ones.
import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';
import { members, outbox, sites, visitors } from './schema.js';

export type VisitorRow = typeof visitors.$inferSelect;
export type NewVisitor = Omit<typeof visitors.$inferInsert, 'id'>;

/** A visitor with the name of their host, as lists show them. */
export type VisitorListRow = VisitorRow & { hostName: string };

/** The outbox kind of the mail telling a host their visitor has arrived. */
export const VISITOR_ARRIVED_MAIL = 'visitor-arrived';

const host = alias(members, 'host');

export function insertVisitor(db: Db, visitor: NewVisitor): VisitorRow {
  return db.insert(visitors).values(visitor).returning().get();
}

export function visitorById(db: Db, id: number): VisitorRow | undefined {
  return db.select().from(visitors).where(eq(visitors.id, id)).get();
}

/**
 * Visitors not cancelled expected from `from` on (a host's only, or everyone's when
 * `hostId` is null), soonest first.
 */
export function upcomingVisitors(db: Db, from: number, hostId: number | null, limit: number): VisitorListRow[] {
  return db
    .select({ visitor: visitors, hostName: host.name })
    .from(visitors)
    .innerJoin(host, eq(host.id, visitors.hostMemberId))
    .where(
      and(
        gte(visitors.expectedAt, from),
        isNull(visitors.cancelledAt),
        hostId === null ? undefined : eq(visitors.hostMemberId, hostId),
      ),
    )
    .orderBy(asc(visitors.expectedAt), asc(visitors.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.visitor, hostName: r.hostName }));
}

/** Visitors not cancelled expected in [from, to) (a day of the board), soonest first. */
export function visitorsExpectedBetween(db: Db, from: number, to: number): VisitorListRow[] {
  return db
    .select({ visitor: visitors, hostName: host.name })
    .from(visitors)
    .innerJoin(host, eq(host.id, visitors.hostMemberId))
    .where(and(gte(visitors.expectedAt, from), lt(visitors.expectedAt, to), isNull(visitors.cancelledAt)))
    .orderBy(asc(visitors.expectedAt), asc(visitors.id))
    .all()
    .map((r) => ({ ...r.visitor, hostName: r.hostName }));
}

export function updateVisitor(
  db: Db,
  id: number,
  change: Partial<Pick<VisitorRow, 'arrivedAt' | 'arrivalRecordedById' | 'leftAt' | 'cancelledAt'>>,
): VisitorRow | undefined {
  return db.update(visitors).set(change).where(eq(visitors.id, id)).returning().get();
}

/** Each site and its zone (visitors are erased by the local day of the site they came to). */
export function siteZones(db: Db): { id: number; timezone: string }[] {
  return db.select({ id: sites.id, timezone: sites.timezone }).from(sites).all();
}

/**
 * Deletes a site's visitors expected before `cutoff`, and the arrival mails written before it
 * (they hold a visitor's name); returns the ids of the visitors erased.
 */
export function eraseVisitorsBefore(db: Db, siteId: number, cutoff: number): number[] {
  const erased = db
    .delete(visitors)
    .where(and(eq(visitors.siteId, siteId), lt(visitors.expectedAt, cutoff)))
    .returning({ id: visitors.id })
    .all()
    .map((r) => r.id);
  db.delete(outbox)
    .where(and(eq(outbox.kind, VISITOR_ARRIVED_MAIL), lt(outbox.createdAt, cutoff)))
    .run();
  return erased;
}
