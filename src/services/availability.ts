// Free and busy time for the day views: which rooms are free when, which desks are free in a
// half-day. The domain computes; this loads one day of bookings for the resources shown (plus
// the ones linked to them) in a single bounded query.
import { resourceAvailability, type ResourceAvailability } from '../domain/availability.js';
import { addDays, type LocalDate } from '../domain/local-date.js';
import { startOfLocalDate } from '../domain/zoned-time.js';
import { nextOpenDate } from '../domain/opening-hours.js';
import type { ResourceKind } from '../domain/types.js';
import type { BookingQueries } from '../db/bookings.js';
import type { ResourceView } from '../db/inventory.js';
import type { InventorySnapshot } from './inventory.js';

export interface DayAvailability {
  date: LocalDate;
  resources: ResourceAvailability<ResourceView>[];
}

/** Each method takes the inventory the request read (Inventory.get()), so one answer sees one inventory. */
export class AvailabilityService {
  constructor(private readonly queries: BookingQueries) {}

  /** The date a day view opens on: the next day the site is open (see the domain's nextOpenDate). */
  nextOpenDate(snapshot: InventorySnapshot, now: number): LocalDate {
    return nextOpenDate(snapshot.sitePeriods, snapshot.closures, now, snapshot.site.timezone);
  }

  /** Free and busy intervals of `resources` on local dates `from`..`to` (inclusive). */
  range(
    snapshot: InventorySnapshot,
    resources: readonly ResourceView[],
    from: LocalDate,
    to: LocalDate,
  ): ResourceAvailability<ResourceView>[] {
    const zone = snapshot.site.timezone;
    const window = { start: startOfLocalDate(from, zone), end: startOfLocalDate(addDays(to, 1), zone) };
    // Each resource and the ones linked to it: a booking of either makes it busy.
    const ids = new Set<number>();
    let margin = 0;
    for (const r of resources) {
      ids.add(r.id);
      for (const id of r.linkedResourceIds) ids.add(id);
      margin = Math.max(margin, r.rules.bufferBeforeMinutes, r.rules.bufferAfterMinutes);
    }
    return resourceAvailability({
      resources,
      zone,
      sitePeriods: snapshot.sitePeriods,
      overridePeriods: snapshot.overridePeriods,
      closures: snapshot.closures.filter((c) => c.start < window.end && c.end > window.start),
      bookings: this.queries.activeOverlapping([...ids], window.start - margin * 60_000, window.end + margin * 60_000),
      resourcesById: snapshot.resourcesById,
      from,
      to,
    });
  }

  /** One day of the resources of some kinds, in catalogue order. */
  day(
    snapshot: InventorySnapshot,
    date: LocalDate,
    kinds: readonly ResourceKind[],
    filter: (r: ResourceView) => boolean = () => true,
  ): DayAvailability {
    const resources = snapshot.resources.filter((r) => kinds.includes(r.kind) && filter(r));
    return { date, resources: this.range(snapshot, resources, date, date) };
  }
}
