// Queries of space management: closures as admins edit them (rows, not occurrences), and the
// active bookings a change to the space would fall on, with what the confirmation page shows.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { MAX_BOOKING_MS } from './bookings.js';
import {
  bookings,
  closures,
  members,
  openingExceptions,
  openingHours,
  resourceLinks,
  resources,
  zones,
} from './schema.js';

export type ClosureRow = typeof closures.$inferSelect;
/** A closure as admins write it (generated ones, with a source key, come from the seed). */
export type NewClosure = Omit<ClosureRow, 'id' | 'sourceKey'>;

/** A closure as the admin list shows it: its row and the name of its resource (null: the whole site). */
export interface ClosureListRow extends ClosureRow {
  resourceName: string | null;
  resourceNameEn: string | null;
}

/** Every closure of a site, latest start first (the page splits them into ahead and past). */
export function listClosureRows(db: Db, siteId: number): ClosureListRow[] {
  return db
    .select()
    .from(closures)
    .leftJoin(resources, eq(resources.id, closures.resourceId))
    .where(eq(closures.siteId, siteId))
    .orderBy(desc(closures.startsAt), desc(closures.id))
    .limit(2000)
    .all()
    .map((r) => ({
      ...r.closures,
      resourceName: r.resources?.name ?? null,
      resourceNameEn: r.resources?.nameEn ?? null,
    }));
}

export function closureRow(db: Db, id: number): ClosureRow | undefined {
  return db.select().from(closures).where(eq(closures.id, id)).get();
}

export function insertClosure(db: Db, values: NewClosure): number {
  return db.insert(closures).values(values).returning({ id: closures.id }).get().id;
}

export function updateClosure(db: Db, id: number, values: NewClosure): void {
  db.update(closures).set(values).where(eq(closures.id, id)).run();
}

export function deleteClosure(db: Db, id: number): void {
  db.delete(closures).where(eq(closures.id, id)).run();
}

/** An active booking as the confirmation page lists it and the cancellation needs it. */
export interface AffectedBookingRow {
  id: number;
  resourceId: number;
  resourceName: string;
  resourceNameEn: string | null;
  memberId: number | null;
  memberName: string | null;
  guestName: string | null;
  start: number;
  end: number;
  status: 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';
  headcount: number;
}

/** Active bookings overlapping [from, to), of one resource or (null) of every resource, earliest first. */
export function activeBookingsBetween(
  db: Db,
  resourceId: number | null,
  from: number,
  to: number,
): AffectedBookingRow[] {
  return db
    .select({
      id: bookings.id,
      resourceId: bookings.resourceId,
      resourceName: resources.name,
      resourceNameEn: resources.nameEn,
      memberId: bookings.memberId,
      memberName: members.name,
      guestName: bookings.guestName,
      start: bookings.startsAt,
      end: bookings.endsAt,
      status: bookings.status,
      headcount: bookings.headcount,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(members, eq(members.id, bookings.memberId))
    .where(
      and(
        resourceId === null ? undefined : eq(bookings.resourceId, resourceId),
        // Bounded from below by the longest booking, so the start index is walked.
        gte(bookings.startsAt, from - MAX_BOOKING_MS),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
        inArray(bookings.status, ['pending', 'confirmed']),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .all();
}

/** Closures that repeat, or that end after `from`: those that may still cover something from `from`. */
export function closureRowsFrom(db: Db, siteId: number, from: number, siteWideOnly: boolean): ClosureRow[] {
  return db
    .select()
    .from(closures)
    .where(
      and(
        eq(closures.siteId, siteId),
        or(gt(closures.endsAt, from), sql`${closures.repeat} <> 'none'`),
        siteWideOnly ? isNull(closures.resourceId) : undefined,
      ),
    )
    .orderBy(asc(closures.startsAt))
    .all();
}

export type ResourceRow = typeof resources.$inferSelect;
export type NewResource = Omit<typeof resources.$inferInsert, 'id'>;

/** Every resource of a site, retired ones included, with its zone's names, in zone then display order. */
export function allResourceRows(db: Db, siteId: number) {
  return db
    .select()
    .from(resources)
    .leftJoin(zones, eq(zones.id, resources.zoneId))
    .where(eq(resources.siteId, siteId))
    .orderBy(asc(zones.sortOrder), asc(resources.kind), asc(resources.sortOrder), asc(resources.id))
    .all()
    .map((r) => ({ ...r.resources, zoneName: r.zones?.name ?? null, zoneNameEn: r.zones?.nameEn ?? null }));
}

export function resourceRow(db: Db, id: number): ResourceRow | undefined {
  return db.select().from(resources).where(eq(resources.id, id)).get();
}

export function slugTaken(db: Db, siteId: number, slug: string): boolean {
  return (
    db
      .select({ id: resources.id })
      .from(resources)
      .where(and(eq(resources.siteId, siteId), eq(resources.slug, slug)))
      .get() !== undefined
  );
}

export function insertResource(db: Db, values: NewResource): number {
  return db.insert(resources).values(values).returning({ id: resources.id }).get().id;
}

export function updateResource(db: Db, id: number, values: Partial<NewResource>): void {
  db.update(resources).set(values).where(eq(resources.id, id)).run();
}

/** The resources linked to one, whichever side of the pair it is stored on. */
export function linkedIds(db: Db, id: number): number[] {
  return db
    .select()
    .from(resourceLinks)
    .where(or(eq(resourceLinks.resourceId, id), eq(resourceLinks.linkedResourceId, id)))
    .all()
    .map((l) => (l.resourceId === id ? l.linkedResourceId : l.resourceId));
}

/** Replaces a resource's links; each pair is stored once. */
export function setLinks(db: Db, id: number, ids: readonly number[]): void {
  db.delete(resourceLinks)
    .where(or(eq(resourceLinks.resourceId, id), eq(resourceLinks.linkedResourceId, id)))
    .run();
  for (const other of ids)
    db.insert(resourceLinks)
      .values({ resourceId: Math.min(id, other), linkedResourceId: Math.max(id, other) })
      .onConflictDoNothing()
      .run();
}

export type ZoneValues = Omit<typeof zones.$inferInsert, 'id'>;

export function zoneRow(db: Db, id: number) {
  return db.select().from(zones).where(eq(zones.id, id)).get();
}

export function insertZone(db: Db, values: ZoneValues): number {
  return db.insert(zones).values(values).returning({ id: zones.id }).get().id;
}

export function updateZone(db: Db, id: number, values: Partial<ZoneValues>): void {
  db.update(zones).set(values).where(eq(zones.id, id)).run();
}

export function zoneSlugTaken(db: Db, siteId: number, slug: string): boolean {
  return (
    db
      .select({ id: zones.id })
      .from(zones)
      .where(and(eq(zones.siteId, siteId), eq(zones.slug, slug)))
      .get() !== undefined
  );
}

/** The week of the site (resourceId null) or of one resource, as rows. */
export function openingRows(db: Db, siteId: number, resourceId: number | null) {
  return db
    .select()
    .from(openingHours)
    .where(
      and(
        eq(openingHours.siteId, siteId),
        resourceId === null ? isNull(openingHours.resourceId) : eq(openingHours.resourceId, resourceId),
      ),
    )
    .orderBy(asc(openingHours.weekday), asc(openingHours.opens))
    .all();
}

/** Replaces the week of the site or of one resource (no period: a resource follows the site's week). */
export function replaceOpeningWeek(
  db: Db,
  siteId: number,
  resourceId: number | null,
  periods: readonly { weekday: number; opens: string; closes: string }[],
): void {
  db.delete(openingHours)
    .where(
      and(
        eq(openingHours.siteId, siteId),
        resourceId === null ? isNull(openingHours.resourceId) : eq(openingHours.resourceId, resourceId),
      ),
    )
    .run();
  for (const p of periods)
    db.insert(openingHours)
      .values({ siteId, resourceId, ...p })
      .run();
}

export type ExceptionRow = typeof openingExceptions.$inferSelect;

export function listExceptionRows(db: Db, siteId: number): ExceptionRow[] {
  return db
    .select()
    .from(openingExceptions)
    .where(eq(openingExceptions.siteId, siteId))
    .orderBy(desc(openingExceptions.date), asc(openingExceptions.id))
    .all();
}

export function insertException(db: Db, values: Omit<ExceptionRow, 'id'>): number {
  return db.insert(openingExceptions).values(values).returning({ id: openingExceptions.id }).get().id;
}

export function deleteException(db: Db, siteId: number, id: number): boolean {
  return (
    db
      .delete(openingExceptions)
      .where(and(eq(openingExceptions.id, id), eq(openingExceptions.siteId, siteId)))
      .run().changes > 0
  );
}

/** Exceptions of a site on or after the local date of `from` (a day before, to be safe in any zone). */
export function exceptionRowsFrom(db: Db, siteId: number, from: number, siteWideOnly: boolean): ExceptionRow[] {
  const day = new Date(from - 86_400_000).toISOString().slice(0, 10);
  return db
    .select()
    .from(openingExceptions)
    .where(
      and(
        eq(openingExceptions.siteId, siteId),
        gte(openingExceptions.date, day),
        siteWideOnly ? isNull(openingExceptions.resourceId) : undefined,
      ),
    )
    .all();
}
