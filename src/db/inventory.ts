// Queries of the space's inventory: sites, zones, resources, opening hours, closures.
// The rows are turned into the domain's types here, so the services never see SQL shapes.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { checkInPolicies, inventoryVersion, openingHours, resourceLinks, resources, sites, zones } from './schema.js';
import type {
  Accessibility,
  BookingRules,
  CheckInPolicy,
  Closure,
  Equipment,
  OpeningPeriod,
  Resource,
  ResourceKind,
  Weekday,
} from '../domain/types.js';
import type { EventLayout, closures } from './schema.js';
import { closureRowsFrom, exceptionRowsFrom, type ExceptionRow } from './space.js';
import { exceptionClosedIntervals } from '../domain/opening-exceptions.js';
import { closureOccurrences } from '../domain/space-closures.js';

export type SiteRow = typeof sites.$inferSelect;
export type ZoneRow = typeof zones.$inferSelect;
type ResourceRow = typeof resources.$inferSelect;

/** A resource's French name, its optional English name and the French name's gender. */
export interface ResourceNames {
  name: string;
  nameEn: string | null;
  nameGender: 'f' | 'm';
}

/** A resource with what the pages show beside its rules. */
export interface ResourceView extends Resource {
  slug: string;
  nameEn: string | null;
  nameGender: 'f' | 'm';
  photo: string | null;
  /** Rectangle on the floor plan, or null when the resource is not drawn. */
  plan: PlanRect | null;
  description: string;
  descriptionEn: string | null;
  layouts: EventLayout[];
  zoneName: string | null;
  zoneNameEn: string | null;
  active: boolean;
}

/** A rectangle on the floor plan, in plan units. */
export interface PlanRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function planRectOf(row: {
  planX: number | null;
  planY: number | null;
  planWidth: number | null;
  planHeight: number | null;
}): PlanRect | null {
  if (row.planX === null || row.planY === null || row.planWidth === null || row.planHeight === null) return null;
  return { x: row.planX, y: row.planY, width: row.planWidth, height: row.planHeight };
}

export function rulesOf(row: ResourceRow): BookingRules {
  return {
    shape: row.shape,
    slotStepMinutes: row.slotStepMinutes,
    minDurationMinutes: row.minDurationMinutes,
    maxDurationMinutes: row.maxDurationMinutes,
    horizonDays: row.horizonDays,
    minNoticeMinutes: row.minNoticeMinutes,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    approvalRequired: row.approvalRequired,
    checkInGraceMinutes: row.checkInGraceMinutes,
    capacityModel: row.capacityModel,
    sharedPlaces: row.sharedPlaces,
    inductionRequired: row.inductionRequired,
    halfDaySplit: row.halfDaySplit,
  };
}

function toView(row: ResourceRow, zone: ZoneRow | null, links: Map<number, number[]>): ResourceView {
  return {
    id: row.id,
    siteId: row.siteId,
    kind: row.kind as ResourceKind,
    name: row.name,
    zoneId: row.zoneId,
    capacity: row.capacity,
    equipment: row.equipment as Equipment[],
    accessibility: row.accessibility as Accessibility[],
    rules: rulesOf(row),
    linkedResourceIds: links.get(row.id) ?? [],
    slug: row.slug,
    nameEn: row.nameEn,
    nameGender: row.nameGender,
    photo: row.photo,
    plan: planRectOf(row),
    description: row.description,
    descriptionEn: row.descriptionEn,
    layouts: row.layouts,
    zoneName: zone?.name ?? null,
    zoneNameEn: zone?.nameEn ?? null,
    active: row.active,
  };
}

function linkMap(db: Db): Map<number, number[]> {
  const map = new Map<number, number[]>();
  const add = (a: number, b: number) => map.set(a, [...(map.get(a) ?? []), b]);
  for (const link of db.select().from(resourceLinks).all()) {
    add(link.resourceId, link.linkedResourceId);
    add(link.linkedResourceId, link.resourceId);
  }
  return map;
}

export function getDefaultSite(db: Db): SiteRow | undefined {
  return db.select().from(sites).orderBy(asc(sites.id)).limit(1).get();
}

export function getSite(db: Db, id: number): SiteRow | undefined {
  return db.select().from(sites).where(eq(sites.id, id)).get();
}

export function listZones(db: Db, siteId: number): ZoneRow[] {
  return db.select().from(zones).where(eq(zones.siteId, siteId)).orderBy(asc(zones.sortOrder), asc(zones.id)).all();
}

/** Every active resource of a site, in display order. */
export function listResources(db: Db, siteId: number): ResourceView[] {
  const links = linkMap(db);
  return db
    .select()
    .from(resources)
    .leftJoin(zones, eq(resources.zoneId, zones.id))
    .where(and(eq(resources.siteId, siteId), eq(resources.active, true)))
    .orderBy(asc(resources.sortOrder), asc(resources.id))
    .all()
    .map((r) => toView(r.resources, r.zones, links));
}

/** The names of a site's retired resources: their past bookings still show where they were. */
export function retiredResourceNames(db: Db, siteId: number): Map<number, ResourceNames> {
  const rows = db
    .select({ id: resources.id, name: resources.name, nameEn: resources.nameEn, nameGender: resources.nameGender })
    .from(resources)
    .where(and(eq(resources.siteId, siteId), eq(resources.active, false)))
    .all();
  return new Map(rows.map(({ id, ...name }) => [id, name]));
}

/** The check-in policy of each resource kind of a site; a kind without one is never released. */
export function listCheckInPolicies(db: Db, siteId: number): CheckInPolicy[] {
  return db
    .select()
    .from(checkInPolicies)
    .where(eq(checkInPolicies.siteId, siteId))
    .all()
    .map((p) => ({
      kind: p.resourceKind,
      graceMinutes: p.graceMinutes,
      accessNeedGraceMinutes: p.accessNeedGraceMinutes,
      opensBeforeMinutes: p.opensBeforeMinutes,
    }));
}

export interface OpeningWeek {
  site: OpeningPeriod[];
  /** Per-resource replacements of the site's week. */
  byResource: Map<number, OpeningPeriod[]>;
}

export function getOpeningWeek(db: Db, siteId: number): OpeningWeek {
  const rows = db
    .select()
    .from(openingHours)
    .where(eq(openingHours.siteId, siteId))
    .orderBy(asc(openingHours.weekday), asc(openingHours.opens))
    .all();
  const week: OpeningWeek = { site: [], byResource: new Map() };
  for (const row of rows) {
    const period: OpeningPeriod = { weekday: row.weekday as Weekday, opens: row.opens, closes: row.closes };
    if (row.resourceId === null) week.site.push(period);
    else week.byResource.set(row.resourceId, [...(week.byResource.get(row.resourceId) ?? []), period]);
  }
  return week;
}

export interface ClosureView extends Closure {
  kind: string;
  reasonEn: string | null;
}

/** The occurrences of a closure row, each a ClosureView with the row's id and reason. */
function toClosures(c: typeof closures.$inferSelect, zone: string): ClosureView[] {
  const rule = { start: c.startsAt, end: c.endsAt, repeat: c.repeat, repeatUntil: c.repeatUntil };
  return closureOccurrences(rule, zone).map((o) => ({
    id: c.id,
    resourceId: c.resourceId,
    start: o.start,
    end: o.end,
    reason: c.reason,
    reasonEn: c.reasonEn,
    kind: c.kind,
  }));
}

/**
 * An opening exception as closures of its day's closed parts, under its id negated (so it
 * never meets a closure's id). The site-wide list of upcoming closures shows only closed days.
 */
function exceptionClosures(e: ExceptionRow, zone: string, closedDaysOnly: boolean): ClosureView[] {
  if (closedDaysOnly && e.opens !== null) return [];
  return exceptionClosedIntervals(e, zone).map((i) => ({
    id: -e.id,
    resourceId: e.resourceId,
    start: i.start,
    end: i.end,
    reason: e.reason,
    reasonEn: e.reasonEn,
    kind: 'other',
  }));
}

/**
 * Closures of a site that end after `from`, earliest first: site-wide and per resource, or
 * site-wide only. A repeating closure gives one entry per occurrence (same id and reason).
 */
export function listClosuresFrom(
  db: Db,
  siteId: number,
  from: number,
  options: { limit?: number; siteWideOnly?: boolean } = {},
): ClosureView[] {
  const zone = getSite(db, siteId)?.timezone ?? 'UTC';
  const siteWideOnly = options.siteWideOnly ?? false;
  return [
    ...closureRowsFrom(db, siteId, from, siteWideOnly).flatMap((row) => toClosures(row, zone)),
    ...exceptionRowsFrom(db, siteId, from, siteWideOnly).flatMap((row) => exceptionClosures(row, zone, siteWideOnly)),
  ]
    .filter((c) => c.end > from)
    .sort((a, b) => a.start - b.start || a.id - b.id)
    .slice(0, options.limit ?? 500);
}

/**
 * A reader of the inventory's version (raised by triggers on every change to the inventory's
 * tables, by any connection): one indexed read, prepared once.
 */
export function inventoryVersionReader(db: Db): () => number {
  const query = db
    .select({ version: inventoryVersion.version })
    .from(inventoryVersion)
    .where(eq(inventoryVersion.id, sql.placeholder('id')))
    .prepare();
  return () => query.get({ id: 1 })?.version ?? 0;
}
