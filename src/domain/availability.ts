// Free and busy time of resources over local days, within their opening hours, with the
// reason for every busy stretch; and free desks per zone per half-day. "Free" means nobody
// holds it: whether a given booking fits (length, grid, notice) is still evaluateBooking's call.

import type { Closure, ExistingBooking, Instant, Interval, OpeningPeriod, Resource } from './types.js';
import { datesFromTo, type LocalDate } from './local-date.js';
import { MINUTE_MS, intersect, overlaps, subtract } from './interval.js';
import { effectivePeriods, openIntervalsOfDates, type OpenInterval } from './opening-hours.js';
import { halfDaySlotsOfDate } from './half-day.js';
import { isActive } from './booking-request.js';
import { sharedPlacesOf } from './occupancy-rules.js';

export type BusyReason =
  | { reason: 'booking'; bookingId: number }
  /** Setup/teardown around a booking of an exclusive resource. */
  | { reason: 'buffer'; bookingId: number }
  | { reason: 'linked_booking'; bookingId: number; resourceId: number }
  | { reason: 'closure'; closureId: number; text: string }
  /** A shared resource with no place left. */
  | { reason: 'full' };
export type BusyInterval = Interval & BusyReason;

/** Places in use on a shared resource, constant over [start, end). */
export interface OccupancySegment extends Interval {
  used: number;
  placesLeft: number;
}

export interface AvailabilityInput<R extends Resource = Resource> {
  resources: readonly R[];
  zone: string;
  sitePeriods: readonly OpeningPeriod[];
  /** Per-resource weeks that replace the site's (absent or empty: the site's week). */
  overridePeriods: ReadonlyMap<number, readonly OpeningPeriod[]>;
  closures: readonly Closure[];
  /** Bookings of these resources and of resources linked to them; inactive ones are ignored. */
  bookings: readonly ExistingBooking[];
  /** To follow links to resources outside `resources`; defaults to `resources`. */
  resourcesById?: ReadonlyMap<number, Resource>;
  from: LocalDate;
  to: LocalDate;
}

/** Of `R` itself, so a caller gets back the resources it passed in, with all their fields. */
export interface ResourceAvailability<R extends Resource = Resource> {
  resource: R;
  /** Shared by the resources of one call that keep the same week. */
  open: readonly OpenInterval[];
  /** Cut to the opening hours, sorted by start; stretches of different reasons may overlap. */
  busy: BusyInterval[];
  free: Interval[];
  /** Shared resources only, else empty. */
  occupancy: OccupancySegment[];
}

/** Each busy stretch cut to every opening it meets, keeping its reason (one inside an opening is kept as is). */
function withinOpen(open: readonly Interval[], busy: readonly BusyInterval[]): BusyInterval[] {
  const clipped: BusyInterval[] = [];
  for (const b of busy) {
    if (b.end <= b.start) continue;
    for (const o of open) {
      if (b.start >= o.start && b.end <= o.end) clipped.push(b);
      else {
        const part = intersect(b, o);
        if (part) clipped.push({ ...b, ...part });
      }
    }
  }
  return clipped;
}

function occupancyOf(
  bookings: readonly ExistingBooking[],
  open: readonly Interval[],
  places: number,
): OccupancySegment[] {
  const segments: OccupancySegment[] = [];
  for (const window of open) {
    const cuts = new Set<Instant>([window.start, window.end]);
    for (const b of bookings) {
      const part = intersect(b, window);
      if (part) cuts.add(part.start).add(part.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const segment = { start: points[i]!, end: points[i + 1]! };
      const used = bookings.filter((b) => overlaps(b, segment)).reduce((sum, b) => sum + b.headcount, 0);
      segments.push({ ...segment, used, placesLeft: Math.max(0, places - used) });
    }
  }
  return segments;
}

/** What every resource of one call shares: active bookings by resource, links, opening intervals by week. */
interface Shared {
  activeByResource: ReadonlyMap<number, ExistingBooking[]>;
  /** Resources that declare a link to the key (links hold both ways). */
  linkedFrom: ReadonlyMap<number, number[]>;
  openByPeriods: Map<readonly OpeningPeriod[], readonly OpenInterval[]>;
}

function shared<R extends Resource>(input: AvailabilityInput<R>): Shared {
  const activeByResource = new Map<number, ExistingBooking[]>();
  for (const b of input.bookings) {
    if (!isActive(b)) continue;
    const list = activeByResource.get(b.resourceId);
    if (list) list.push(b);
    else activeByResource.set(b.resourceId, [b]);
  }
  const linkedFrom = new Map<number, number[]>();
  for (const other of input.resourcesById?.values() ?? input.resources) {
    for (const id of other.linkedResourceIds) linkedFrom.set(id, [...(linkedFrom.get(id) ?? []), other.id]);
  }
  return { activeByResource, linkedFrom, openByPeriods: new Map() };
}

const NO_IDS: ReadonlySet<number> = new Set();

/** As linkedResourceIds (occupancy-rules), from the links gathered once. */
function linkedOf(resource: Resource, common: Shared): ReadonlySet<number> {
  const from = common.linkedFrom.get(resource.id);
  if (resource.linkedResourceIds.length === 0 && !from) return NO_IDS;
  const linked = new Set([...resource.linkedResourceIds, ...(from ?? [])]);
  linked.delete(resource.id);
  return linked;
}

const NONE: readonly ExistingBooking[] = [];

function availabilityOf<R extends Resource>(
  resource: R,
  input: AvailabilityInput<R>,
  common: Shared,
): ResourceAvailability<R> {
  const periods = effectivePeriods(input.sitePeriods, input.overridePeriods.get(resource.id));
  // Most resources keep the site's week: its openings are computed once per call.
  let open = common.openByPeriods.get(periods);
  if (!open) {
    open = openIntervalsOfDates(periods, input.from, input.to, input.zone);
    common.openByPeriods.set(periods, open);
  }
  const own = common.activeByResource.get(resource.id) ?? NONE;
  const rules = resource.rules;

  const busy: BusyInterval[] = [];
  for (const c of input.closures) {
    if (c.resourceId === null || c.resourceId === resource.id) {
      busy.push({ start: c.start, end: c.end, reason: 'closure', closureId: c.id, text: c.reason });
    }
  }
  for (const id of linkedOf(resource, common)) {
    for (const b of common.activeByResource.get(id) ?? NONE) {
      busy.push({ start: b.start, end: b.end, reason: 'linked_booking', bookingId: b.id, resourceId: b.resourceId });
    }
  }
  let occupancy: OccupancySegment[] = [];
  if (rules.capacityModel === 'shared') {
    occupancy = occupancyOf(own, open, sharedPlacesOf(resource));
    for (const s of occupancy) if (s.placesLeft === 0) busy.push({ start: s.start, end: s.end, reason: 'full' });
  } else {
    // The buffer rule demands a gap of max(before, after) on either side of a booking.
    const gap = Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes) * MINUTE_MS;
    for (const b of own) {
      busy.push({ start: b.start, end: b.end, reason: 'booking', bookingId: b.id });
      if (gap > 0) {
        busy.push({ start: b.start - gap, end: b.start, reason: 'buffer', bookingId: b.id });
        busy.push({ start: b.end, end: b.end + gap, reason: 'buffer', bookingId: b.id });
      }
    }
  }
  const clipped = withinOpen(open, busy).sort((a, b) => a.start - b.start || a.end - b.end);
  return { resource, open, busy: clipped, free: subtract(open, clipped), occupancy };
}

export function resourceAvailability<R extends Resource>(input: AvailabilityInput<R>): ResourceAvailability<R>[] {
  const common = shared(input);
  return input.resources.map((resource) => availabilityOf(resource, input, common));
}

export interface DeskZoneHalfDay {
  localDate: LocalDate;
  zoneId: number | null;
  part: 'morning' | 'afternoon';
  /** Desks of the zone open in that half-day. */
  total: number;
  /** Of those, the ones nobody holds for the whole half-day. */
  free: number;
}

/** Free desks per zone, per morning and afternoon of each date: the front desk's and the booking page's overview. */
export function deskAvailabilityByZone(input: AvailabilityInput): DeskZoneHalfDay[] {
  return deskZonesOf(
    resourceAvailability({ ...input, resources: input.resources.filter((r) => r.kind === 'desk') }),
    input,
  );
}

/**
 * The same overview from desks' availability already computed over `input`'s dates (a page
 * that shows both the desks and the counts computes the desks once).
 */
export function deskZonesOf(
  availability: readonly ResourceAvailability[],
  input: Pick<AvailabilityInput, 'sitePeriods' | 'overridePeriods' | 'zone' | 'from' | 'to'>,
): DeskZoneHalfDay[] {
  const desks = availability.filter((a) => a.resource.kind === 'desk');
  const counts = new Map<string, DeskZoneHalfDay>();
  const slotsOf = new Map<string, ReturnType<typeof halfDaySlotsOfDate>>();
  const weeks = new Map<readonly OpeningPeriod[], number>();
  for (const date of datesFromTo(input.from, input.to)) {
    for (const desk of desks) {
      const periods = effectivePeriods(input.sitePeriods, input.overridePeriods.get(desk.resource.id));
      // Desks share a few weeks and splits: their slots of a date are computed once.
      if (!weeks.has(periods)) weeks.set(periods, weeks.size);
      const slotKey = `${weeks.get(periods)}|${date}|${desk.resource.rules.halfDaySplit}`;
      let slots = slotsOf.get(slotKey);
      if (!slots) {
        slots = halfDaySlotsOfDate(periods, date, input.zone, desk.resource.rules.halfDaySplit);
        slotsOf.set(slotKey, slots);
      }
      for (const slot of slots) {
        if (slot.part === 'full_day') continue;
        const key = `${date}|${desk.resource.zoneId}|${slot.part}`;
        const row = counts.get(key) ?? {
          localDate: date,
          zoneId: desk.resource.zoneId,
          part: slot.part,
          total: 0,
          free: 0,
        };
        row.total += 1;
        if (!desk.busy.some((b) => overlaps(b, slot))) row.free += 1;
        counts.set(key, row);
      }
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.localDate.localeCompare(b.localDate) ||
      (a.zoneId ?? -1) - (b.zoneId ?? -1) ||
      (a.part === b.part ? 0 : a.part === 'morning' ? -1 : 1),
  );
}
