// Free and busy time for the day views: which rooms are free when, how many desks are free
// per zone and half-day. The domain computes; this loads one day of bookings for the
// resources shown (plus the ones linked to them) in a single bounded query.
import {
  deskZonesOf,
  resourceAvailability,
  type DeskZoneHalfDay,
  type ResourceAvailability,
} from '../domain/availability.js';
import { addDays, type LocalDate } from '../domain/local-date.js';
import { startOfLocalDate } from '../domain/zoned-time.js';
import { nextOpenDate } from '../domain/opening-hours.js';
import type { ResourceKind } from '../domain/types.js';
import type { BookingQueries } from '../db/bookings.js';
import type { ResourceView } from '../db/inventory.js';
import type { InventorySnapshot } from './inventory.js';

export interface DayAvailability {
  date: LocalDate;
  resources: (ResourceAvailability & { resource: ResourceView })[];
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
  ): ResourceAvailability[] {
    const zone = snapshot.site.timezone;
    const window = { start: startOfLocalDate(from, zone), end: startOfLocalDate(addDays(to, 1), zone) };
    // Each resource and the ones linked to it: a booking of either makes it busy.
    const ids = new Set<number>();
    for (const r of resources) for (const id of [r.id, ...r.linkedResourceIds]) ids.add(id);
    const margin =
      Math.max(0, ...resources.map((r) => Math.max(r.rules.bufferBeforeMinutes, r.rules.bufferAfterMinutes))) * 60_000;
    return resourceAvailability({
      resources,
      zone,
      sitePeriods: snapshot.sitePeriods,
      overridePeriods: snapshot.overridePeriods,
      closures: snapshot.closures.filter((c) => c.start < window.end && c.end > window.start),
      bookings: this.queries.activeOverlapping([...ids], window.start - margin, window.end + margin),
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
    const byId = new Map(resources.map((r) => [r.id, r]));
    const availability = this.range(snapshot, resources, date, date);
    return {
      date,
      resources: availability.map((a) => ({ ...a, resource: byId.get(a.resource.id)! })),
    };
  }

  /** Desks of a day: per zone and half-day counts, and each desk's availability. */
  desks(
    snapshot: InventorySnapshot,
    date: LocalDate,
  ): { zones: DeskZoneHalfDay[]; desks: DayAvailability['resources'] } {
    const desks = snapshot.resources.filter((r) => r.kind === 'desk');
    const zone = snapshot.site.timezone;
    const window = { start: startOfLocalDate(date, zone), end: startOfLocalDate(addDays(date, 1), zone) };
    const input = {
      resources: desks,
      zone,
      sitePeriods: snapshot.sitePeriods,
      overridePeriods: snapshot.overridePeriods,
      closures: snapshot.closures.filter((c) => c.start < window.end && c.end > window.start),
      resourcesById: snapshot.resourcesById,
      from: date,
      to: date,
    };
    const byId = new Map(desks.map((r) => [r.id, r]));
    // Once for both: each desk's availability, and the counts per zone drawn from it.
    const availability = resourceAvailability({
      ...input,
      bookings: this.queries.activeOverlapping(
        desks.map((d) => d.id),
        window.start,
        window.end,
      ),
    });
    let zones: DeskZoneHalfDay[] | undefined;
    return {
      // Drawn on first use: the desk page lists desks and never reads the counts.
      get zones() {
        return (zones ??= deskZonesOf(availability, input));
      },
      desks: availability.map((a) => ({ ...a, resource: byId.get(a.resource.id)! })),
    };
  }
}
