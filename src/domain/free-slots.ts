// The next free times of one resource, as a space's page offers them: half-days for desks,
// back-to-back slots of a usual length for the others, each inside a free stretch, after the
// minimum notice and within the horizon. Whether a given person may book one is still
// evaluateBooking's call when they send the form.
import { halfDaySlotsOfDate } from './half-day.js';
import type { Interval, Instant, OpeningPeriod, Resource } from './types.js';
import { addDays, type LocalDate } from './local-date.js';
import { MINUTE_MS } from './interval.js';
import { localDateOf, startOfLocalDate, wallClockMsOfDay } from './zoned-time.js';

/** A length people usually book when the rules allow it. */
const USUAL_MINUTES = 60;

export interface FreeSlotInput {
  resource: Pick<Resource, 'rules'>;
  /** Free stretches (availability's `free`), sorted. */
  free: readonly Interval[];
  /** The resource's week, for its half-days. */
  periods: readonly OpeningPeriod[];
  zone: string;
  now: Instant;
  count: number;
}

/** The length offered: an hour when the rules allow it, else the nearest they do, on their grid. */
export function usualMinutes(rules: Resource['rules']): number {
  const wanted = Math.min(Math.max(USUAL_MINUTES, rules.minDurationMinutes), rules.maxDurationMinutes);
  const step = Math.max(1, rules.slotStepMinutes);
  return Math.max(step, Math.ceil(wanted / step) * step);
}

/** The last instant a booking may start: the end of the horizon's last local day. */
function horizonEnd(rules: Resource['rules'], now: Instant, zone: string): Instant {
  return startOfLocalDate(addDays(localDateOf(now, zone), rules.horizonDays + 1), zone);
}

const inside = (slot: Interval, free: readonly Interval[]) =>
  free.some((f) => f.start <= slot.start && f.end >= slot.end);

function halfDays(input: FreeSlotInput, last: Instant): Interval[] {
  const { resource, zone, now } = input;
  const found: Interval[] = [];
  const earliest = now + resource.rules.minNoticeMinutes * MINUTE_MS;
  let date: LocalDate = localDateOf(now, zone);
  for (let i = 0; i <= resource.rules.horizonDays && found.length < input.count; i += 1, date = addDays(date, 1)) {
    for (const slot of halfDaySlotsOfDate(input.periods, date, zone, resource.rules.halfDaySplit)) {
      if (slot.part === 'full_day' || slot.start >= last || found.length >= input.count) continue;
      // A half-day under way may still be taken on arrival, when the rules ask no notice.
      const open = resource.rules.minNoticeMinutes === 0 ? slot.end > now : slot.start >= earliest;
      if (open && inside(slot, input.free)) found.push({ start: slot.start, end: slot.end });
    }
  }
  return found;
}

function steps(input: FreeSlotInput, last: Instant): Interval[] {
  const { rules } = input.resource;
  const length = usualMinutes(rules) * MINUTE_MS;
  const step = Math.max(1, rules.slotStepMinutes) * MINUTE_MS;
  const earliest = input.now + rules.minNoticeMinutes * MINUTE_MS;
  const found: Interval[] = [];
  for (const gap of input.free) {
    let start = Math.max(gap.start, earliest);
    // Starts sit on the resource's grid, counted on the wall clock from local midnight.
    const offGrid = wallClockMsOfDay(start, input.zone) % step;
    if (offGrid !== 0) start += step - offGrid;
    for (; start + length <= gap.end && start < last && found.length < input.count; start += length)
      found.push({ start, end: start + length });
    if (found.length >= input.count) break;
  }
  return found;
}

/** Up to `count` free times from now on, nearest first. */
export function nextFreeSlots(input: FreeSlotInput): Interval[] {
  const last = horizonEnd(input.resource.rules, input.now, input.zone);
  return input.resource.rules.shape === 'half_day' ? halfDays(input, last) : steps(input, last);
}
