// The inventory as the booking rules see it: site, resources, opening weeks and closures.
// Every booking click and day view needs it, and reading it costs several times a whole page,
// so it is kept in memory with the version it was read at. The version is a row that triggers
// raise on every change to the inventory's tables (the inventory_version migration), by this
// process or any other on the same file: each get() reads it (one indexed read) and reads the
// inventory again when it moved. PRAGMA data_version costs the same read but moves with every
// commit of another connection, bookings included, and without a trigger this connection's
// own changes would need every writer to remember to say so.
import type { Db } from '../db/connection.js';
import {
  getDefaultSite,
  getOpeningWeek,
  inventoryVersionReader,
  listCheckInPolicies,
  listClosuresFrom,
  listResources,
  retiredResourceNames,
  listZones,
  type ClosureView,
  type ResourceView,
  type SiteRow,
  type ZoneRow,
} from '../db/inventory.js';
import { localName, type ResourceName } from '../i18n/names.js';
import type { Language } from '../i18n/index.js';
import type { CheckInPolicy, OpeningPeriod, Resource, ResourceKind } from '../domain/types.js';

export interface InventorySnapshot {
  site: SiteRow;
  /** The site's zones in their order, with their safety capacities. */
  zones: ZoneRow[];
  resources: ResourceView[];
  resourcesById: ReadonlyMap<number, ResourceView>;
  /** Retired resources' names, for the history that still points at them. */
  retiredNames: ReadonlyMap<number, ResourceName>;
  sitePeriods: OpeningPeriod[];
  overridePeriods: ReadonlyMap<number, OpeningPeriod[]>;
  closures: ClosureView[];
  /** Check-in per resource kind; a kind that is not here is never released. */
  checkInPolicies: ReadonlyMap<ResourceKind, CheckInPolicy>;
}

const NO_PERIODS: OpeningPeriod[] = [];

/** The names of a resource, active or retired, that a booking points at. */
export function resourceNameOf(inventory: InventorySnapshot, resourceId: number): ResourceName | undefined {
  return inventory.resourcesById.get(resourceId) ?? inventory.retiredNames.get(resourceId);
}

/** A booked resource's name in `lang` (empty for an id the site never had). */
export function resourceNameIn(inventory: InventorySnapshot, resourceId: number, lang: Language): string {
  const named = resourceNameOf(inventory, resourceId);
  return named ? localName(named, lang) : '';
}

/** A resource's own opening weeks (empty: the site's apply). */
export function overridePeriodsOf(inventory: InventorySnapshot, resourceId: number): OpeningPeriod[] {
  return inventory.overridePeriods.get(resourceId) ?? NO_PERIODS;
}

/** Site-wide closures and this resource's that overlap [from, to). */
export function closuresOf(inventory: InventorySnapshot, resourceId: number, from: number, to: number): ClosureView[] {
  return inventory.closures.filter(
    (c) => (c.resourceId === null || c.resourceId === resourceId) && c.start < to && c.end > from,
  );
}

export class Inventory {
  private kept: { version: number; snapshot: InventorySnapshot } | null = null;
  private readonly version: () => number;

  constructor(private readonly db: Db) {
    this.version = inventoryVersionReader(db);
  }

  /**
   * The inventory as it is now. A use case reads it once and passes it down; in a write
   * transaction it is read inside the transaction, so it is the one the writes are checked against.
   */
  get(): InventorySnapshot {
    const kept = this.kept;
    if (kept && kept.version === this.version()) return kept.snapshot;
    const read = () => ({ version: this.version(), snapshot: this.load() });
    // What a transaction reads may yet be rolled back (its version with it): used, never kept.
    if (this.db.$client.inTransaction) return read().snapshot;
    // The version and the inventory from one read transaction, so they match.
    const fresh = this.db.transaction(read);
    this.kept = fresh;
    return fresh.snapshot;
  }

  resource(id: number): ResourceView | undefined {
    return this.get().resourcesById.get(id);
  }

  /** The resources a booking of `resource` interacts with: itself and the ones linked to it. */
  interacting(resource: Resource): number[] {
    return [resource.id, ...resource.linkedResourceIds];
  }

  private load(): InventorySnapshot {
    const site = getDefaultSite(this.db);
    if (!site) throw new Error('No site: the database has not been seeded');
    const policies = new Map(listCheckInPolicies(this.db, site.id).map((p) => [p.kind, p]));
    // A resource's rules carry the grace that applies to it: its own, or its kind's.
    const resources = listResources(this.db, site.id).map((r) =>
      r.rules.checkInGraceMinutes === null && policies.has(r.kind)
        ? { ...r, rules: { ...r.rules, checkInGraceMinutes: policies.get(r.kind)!.graceMinutes } }
        : r,
    );
    const week = getOpeningWeek(this.db, site.id);
    return {
      checkInPolicies: policies,
      site,
      zones: listZones(this.db, site.id),
      resources,
      resourcesById: new Map(resources.map((r) => [r.id, r])),
      retiredNames: retiredResourceNames(this.db, site.id),
      sitePeriods: week.site,
      overridePeriods: week.byResource,
      // Closures are few (holidays, works): all of them are read.
      closures: listClosuresFrom(this.db, site.id, 0, { limit: 100_000 }),
    };
  }
}
