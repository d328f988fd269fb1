// "Book my usual desk": which half-day a past desk booking was, and the next half-days of that
// part the site is open for. Pure: the service brings the bookings, the hours and the clock.
import type { HalfDayPart } from './violations.js';
import type { Closure, Instant, Interval, OpeningPeriod } from './types.js';
import { halfDaySlotsOfDate, type HalfDaySlot } from './half-day.js';
import { addDays, type LocalDate } from './local-date.js';
import { localDateOf } from './zoned-time.js';

export interface HalfDayCalendar {
  periods: readonly OpeningPeriod[];
  closures: readonly Closure[];
  zone: string;
  halfDaySplit: string;
}

/** The part of the day a desk booking held: the slot it matches, else which side of the split it sits. */
export function halfDayPartOf(booking: Interval, calendar: HalfDayCalendar): HalfDayPart {
  const date = localDateOf(booking.start, calendar.zone);
  const slots = halfDaySlotsOfDate(calendar.periods, date, calendar.zone, calendar.halfDaySplit);
  const same = slots.find((s) => s.start === booking.start && s.end === booking.end);
  if (same) return same.part;
  const split = slots.find((s) => s.part === 'afternoon')?.start;
  if (split === undefined) return 'full_day';
  if (booking.end <= split) return 'morning';
  return booking.start >= split ? 'afternoon' : 'full_day';
}

/**
 * The slots of `part` from today on, for `days` days, that have not ended at `now` (a half-day
 * under way may still be booked on arrival) and that no site-wide closure touches.
 */
export function nextHalfDays(
  part: HalfDayPart,
  calendar: HalfDayCalendar,
  now: Instant,
  days: number,
): (HalfDaySlot & { date: LocalDate })[] {
  const today = localDateOf(now, calendar.zone);
  const found: (HalfDaySlot & { date: LocalDate })[] = [];
  for (let i = 0; i < days; i += 1) {
    const date = addDays(today, i);
    const slot = halfDaySlotsOfDate(calendar.periods, date, calendar.zone, calendar.halfDaySplit).find(
      (s) => s.part === part,
    );
    if (!slot || slot.end <= now) continue;
    const closed = calendar.closures.some((c) => c.resourceId === null && c.start < slot.end && c.end > slot.start);
    if (!closed) found.push({ ...slot, date });
  }
  return found;
}
