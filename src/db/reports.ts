// The reads of the usage reports and the public rates. Bookings are read by time through the
// bookings_start index; what adds up in SQL (counts, minutes booked) is summed there.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from './connection.js';
import type { RESOURCE_KINDS } from '../domain/types.js';
import { bookings, members, organisations, publicRates, rentalRequests, resources } from './schema.js';

/** Bookings longer than this are not seen before their start: far beyond any resource's maximum. */
const LONGEST_BOOKING_MS = 31 * 24 * 3_600_000;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ReportScope {
  /** [from, to) in instants: the local days of the period. */
  from: number;
  to: number;
  kind?: ResourceKind;
  zoneId?: number;
  /** Only bookings of these organisations (a lead's own, or the filter). */
  organisationIds?: readonly number[];
  programme?: string;
}

function scopeWhere(scope: ReportScope, statuses: readonly string[]): SQL {
  const where: SQL[] = [
    gte(bookings.startsAt, scope.from - LONGEST_BOOKING_MS),
    lt(bookings.startsAt, scope.to),
    gt(bookings.endsAt, scope.from),
    inArray(bookings.status, statuses as ('confirmed' | 'released')[]),
  ];
  if (scope.kind) where.push(eq(resources.kind, scope.kind));
  if (scope.zoneId !== undefined) where.push(eq(resources.zoneId, scope.zoneId));
  if (scope.organisationIds) where.push(inArray(bookings.organisationId, [...scope.organisationIds]));
  if (scope.programme) where.push(eq(organisations.programme, scope.programme as 'coworking'));
  return and(...where)!;
}

/** A confirmed booking in the scope, with what occupancy and valuation need. */
export interface ReportInterval {
  start: number;
  end: number;
  resourceId: number;
  resourceKind: string;
  halfDaySplit: string;
  organisationId: number | null;
}

/** Confirmed bookings overlapping the scope's period (released and cancelled ones held nothing). */
export function reportIntervals(db: Db, scope: ReportScope): ReportInterval[] {
  return db
    .select({
      start: bookings.startsAt,
      end: bookings.endsAt,
      resourceId: bookings.resourceId,
      resourceKind: resources.kind,
      halfDaySplit: resources.halfDaySplit,
      organisationId: bookings.organisationId,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId))
    .where(scopeWhere(scope, ['confirmed']))
    .all();
}

export interface UsageRow {
  kind: string;
  /** Bookings held at their start (confirmed, or released as no-shows). */
  held: number;
  checkedIn: number;
  noShows: number;
  /** Minutes held, within the period. */
  heldMinutes: number;
}

/** Booked against used per resource kind, summed in SQL, for bookings that started in [from, until). */
export function usageByKind(db: Db, scope: ReportScope, until: number): UsageRow[] {
  const start = sql`max(${bookings.startsAt}, ${scope.from})`;
  const end = sql`min(${bookings.endsAt}, ${scope.to})`;
  return db
    .select({
      kind: resources.kind,
      held: count(),
      checkedIn: sql<number>`count(${bookings.checkedInAt})`,
      noShows: sql<number>`sum(${bookings.status} = 'released')`,
      heldMinutes: sql<number>`coalesce(sum(${end} - ${start}), 0) / 60000`,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId))
    .where(
      and(
        scopeWhere(scope, ['confirmed', 'released']),
        gte(bookings.startsAt, scope.from),
        lt(bookings.startsAt, until),
      ),
    )
    .groupBy(resources.kind)
    .orderBy(asc(resources.kind))
    .all();
}

export interface ReportOrganisation {
  id: number;
  name: string;
  programme: string;
}

/** Organisations by name: all, or only `ids`, or only a programme's. */
export function reportOrganisations(
  db: Db,
  filter: { ids?: readonly number[]; programme?: string },
): ReportOrganisation[] {
  const where: SQL[] = [];
  if (filter.ids) where.push(inArray(organisations.id, [...filter.ids]));
  if (filter.programme) where.push(eq(organisations.programme, filter.programme as 'coworking'));
  return db
    .select({ id: organisations.id, name: organisations.name, programme: organisations.programme })
    .from(organisations)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .all();
}

export type PublicRateRow = typeof publicRates.$inferSelect & { createdByName: string | null };

/** Every public rate with who added it, newest start first within each kind. */
export function publicRateHistory(db: Db): PublicRateRow[] {
  return db
    .select({
      id: publicRates.id,
      resourceKind: publicRates.resourceKind,
      unit: publicRates.unit,
      amountCents: publicRates.amountCents,
      startsOn: publicRates.startsOn,
      createdById: publicRates.createdById,
      createdAt: publicRates.createdAt,
      createdByName: members.name,
    })
    .from(publicRates)
    .leftJoin(members, eq(members.id, publicRates.createdById))
    .orderBy(asc(publicRates.resourceKind), desc(publicRates.startsOn), desc(publicRates.id))
    .all();
}

export function insertPublicRate(db: Db, rate: Omit<typeof publicRates.$inferInsert, 'id'>): number {
  return db.insert(publicRates).values(rate).returning({ id: publicRates.id }).get().id;
}

export function publicRateCount(db: Db): number {
  return db.select({ n: count() }).from(publicRates).get()?.n ?? 0;
}

/** A confirmed (or held) rental of the period, with its quote. */
export interface RentalRevenueRow {
  id: number;
  startsAt: number;
  organisation: string;
  quoteNumber: string | null;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** Rentals confirmed or held whose event starts in [from, to) on these resources, by start. */
export function rentalRevenue(db: Db, resourceIds: readonly number[], from: number, to: number): RentalRevenueRow[] {
  if (resourceIds.length === 0) return [];
  return db
    .select({
      id: rentalRequests.id,
      startsAt: rentalRequests.startsAt,
      organisation: rentalRequests.organisation,
      quoteNumber: rentalRequests.quoteNumber,
      quote: rentalRequests.quote,
    })
    .from(rentalRequests)
    .where(
      and(
        inArray(rentalRequests.resourceId, [...resourceIds]),
        gte(rentalRequests.startsAt, from),
        lt(rentalRequests.startsAt, to),
        inArray(rentalRequests.status, ['confirmed', 'held']),
      ),
    )
    .orderBy(asc(rentalRequests.startsAt), asc(rentalRequests.id))
    .all()
    .map(({ quote, ...r }) => ({
      ...r,
      netCents: quote?.netCents ?? 0,
      vatCents: quote?.vatCents ?? 0,
      grossCents: quote?.grossCents ?? 0,
    }));
}
