// A space's next free times, for its page: one read of its bookings over the days it may be
// booked (at most two weeks ahead), through the availability service, then the domain picks
// the slots. Public like the page: it tells free from busy, never whose a booking is.
import type { Clock } from '../domain/clock.js';
import { nextFreeSlots } from '../domain/free-slots.js';
import type { Interval } from '../domain/types.js';
import { addDays } from '../domain/local-date.js';
import { effectivePeriods } from '../domain/opening-hours.js';
import { localDateOf } from '../domain/zoned-time.js';
import type { AvailabilityService } from './availability.js';
import type { Inventory } from './inventory.js';

/** Days searched ahead of today, at most (the horizon of most resources). */
const DAYS_SEARCHED = 14;

export class FreeTimesService {
  constructor(
    private readonly inventory: Inventory,
    private readonly availability: AvailabilityService,
    private readonly clock: Clock,
  ) {}

  /** Up to `count` next free times of an active resource, nearest first; [] for an unknown one. */
  next(resourceId: number, count: number): Interval[] {
    const snapshot = this.inventory.get();
    const resource = snapshot.resourcesById.get(resourceId);
    if (!resource || !resource.active) return [];
    const zone = snapshot.site.timezone;
    const now = this.clock.now();
    const today = localDateOf(now, zone);
    const last = addDays(today, Math.min(resource.rules.horizonDays, DAYS_SEARCHED));
    const [day] = this.availability.range(snapshot, [resource], today, last);
    if (!day) return [];
    return nextFreeSlots({
      resource,
      free: day.free,
      periods: effectivePeriods(snapshot.sitePeriods, snapshot.overridePeriods.get(resource.id)),
      zone,
      now,
      count,
    });
  }
}
