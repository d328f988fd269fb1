// The catalogue of resources: what the home page counts and the spaces page filters.
import type { Db } from '../db/connection.js';
import type { Inventory } from './inventory.js';
import {
  getOpeningWeek,
  listClosuresFrom,
  listZones,
  type ResourceView,
  type SiteRow,
  type ZoneRow,
} from '../db/inventory.js';
import {
  ACCESSIBILITY,
  EQUIPMENT,
  RESOURCE_KINDS,
  type Accessibility,
  type Equipment,
  type ResourceKind,
} from '../domain/types.js';

export type { ResourceView, SiteRow, ZoneRow };

export interface CatalogueFilter {
  kind: ResourceKind | null;
  zoneId: number | null;
  minCapacity: number | null;
  equipment: Equipment[];
  accessibility: Accessibility[];
}

export const EMPTY_FILTER: CatalogueFilter = {
  kind: null,
  zoneId: null,
  minCapacity: null,
  equipment: [],
  accessibility: [],
};

export function matchesFilter(resource: ResourceView, filter: CatalogueFilter): boolean {
  if (filter.kind && resource.kind !== filter.kind) return false;
  if (filter.zoneId !== null && resource.zoneId !== filter.zoneId) return false;
  if (filter.minCapacity !== null && resource.capacity < filter.minCapacity) return false;
  if (!filter.equipment.every((e) => resource.equipment.includes(e))) return false;
  if (!filter.accessibility.every((a) => resource.accessibility.includes(a))) return false;
  return true;
}

export interface FilterProblem {
  field: 'kind' | 'zone' | 'capacity' | 'equipment' | 'accessibility';
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

/** Reads the catalogue filter from a query string; unknown values are reported, never ignored silently. */
export function parseFilter(
  query: Record<string, unknown>,
  zones: ZoneRow[],
): { filter: CatalogueFilter; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const filter: CatalogueFilter = { ...EMPTY_FILTER, equipment: [], accessibility: [] };
  const kind = list(query.kind)[0];
  if (kind) {
    if ((RESOURCE_KINDS as readonly string[]).includes(kind)) filter.kind = kind as ResourceKind;
    else problems.push({ field: 'kind' });
  }
  const zone = list(query.zone)[0];
  if (zone) {
    const found = zones.find((z) => String(z.id) === zone);
    if (found) filter.zoneId = found.id;
    else problems.push({ field: 'zone' });
  }
  const capacity = list(query.capacity)[0];
  if (capacity) {
    if (/^\d{1,4}$/.test(capacity) && Number(capacity) > 0) filter.minCapacity = Number(capacity);
    else problems.push({ field: 'capacity' });
  }
  for (const e of list(query.equipment)) {
    if ((EQUIPMENT as readonly string[]).includes(e)) filter.equipment.push(e as Equipment);
    else problems.push({ field: 'equipment' });
  }
  for (const a of list(query.accessibility)) {
    if ((ACCESSIBILITY as readonly string[]).includes(a)) filter.accessibility.push(a as Accessibility);
    else problems.push({ field: 'accessibility' });
  }
  return { filter, problems };
}

export interface Catalogue {
  site: SiteRow;
  zones: ZoneRow[];
  resources: ResourceView[];
}

export class CatalogueService {
  // Resources come from the inventory, so their rules read as the booking engine reads them
  // (the check-in grace of their kind included).
  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
  ) {}

  site(): SiteRow {
    return this.inventory.get().site;
  }

  catalogue(): Catalogue {
    const { site, resources } = this.inventory.get();
    return { site, zones: listZones(this.db, site.id), resources };
  }

  countsByKind(resources: ResourceView[]): { kind: ResourceKind; count: number }[] {
    return RESOURCE_KINDS.map((kind) => ({ kind, count: resources.filter((r) => r.kind === kind).length })).filter(
      (c) => c.count > 0,
    );
  }

  resource(id: number): ResourceView | undefined {
    return this.inventory.resource(id);
  }

  openingWeek(siteId: number) {
    return getOpeningWeek(this.db, siteId);
  }

  upcomingClosures(siteId: number, now: number, limit: number) {
    return listClosuresFrom(this.db, siteId, now, { limit, siteWideOnly: true });
  }
}
