// The inventory as the booking rules see it: site, resources, opening weeks and closures.
// It changes only when an admin edits it, yet every booking click needs it, so it is loaded
// once and kept until `invalidate()` (called by whatever writes the inventory).
import type { Db } from '../db/connection.js';
import {
  getDefaultSite,
  getOpeningWeek,
  listClosuresFrom,
  listResources,
  type ClosureView,
  type ResourceView,
  type SiteRow,
} from '../db/inventory.js';
import type { OpeningPeriod, Resource } from '../domain/types.js';

export interface InventorySnapshot {
  site: SiteRow;
  resources: ResourceView[];
  resourcesById: ReadonlyMap<number, ResourceView>;
  sitePeriods: OpeningPeriod[];
  overridePeriods: ReadonlyMap<number, OpeningPeriod[]>;
  closures: ClosureView[];
}

const NO_PERIODS: OpeningPeriod[] = [];

export class Inventory {
  private snapshot: InventorySnapshot | null = null;

  constructor(private readonly db: Db) {}

  get(): InventorySnapshot {
    if (!this.snapshot) this.snapshot = this.load();
    return this.snapshot;
  }

  invalidate(): void {
    this.snapshot = null;
  }

  resource(id: number): ResourceView | undefined {
    return this.get().resourcesById.get(id);
  }

  overrideOf(resourceId: number): OpeningPeriod[] {
    return this.get().overridePeriods.get(resourceId) ?? NO_PERIODS;
  }

  /** Site-wide closures and this resource's that overlap [from, to). */
  closuresFor(resourceId: number, from: number, to: number): ClosureView[] {
    return this.get().closures.filter(
      (c) => (c.resourceId === null || c.resourceId === resourceId) && c.start < to && c.end > from,
    );
  }

  /** The resources a booking of `resource` interacts with: itself and the ones linked to it. */
  interacting(resource: Resource): number[] {
    return [resource.id, ...resource.linkedResourceIds];
  }

  private load(): InventorySnapshot {
    const site = getDefaultSite(this.db);
    if (!site) throw new Error('No site: the database has not been seeded');
    const resources = listResources(this.db, site.id);
    const week = getOpeningWeek(this.db, site.id);
    return {
      site,
      resources,
      resourcesById: new Map(resources.map((r) => [r.id, r])),
      sitePeriods: week.site,
      overridePeriods: week.byResource,
      // Closures are few (holidays, works): all of them from a year back are kept.
      closures: listClosuresFrom(this.db, site.id, 0, { limit: 100_000 }),
    };
  }
}
