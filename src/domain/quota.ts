// Quota periods and usage. A quota is counted per calendar month of the SITE's zone (a
// booking on the 1st at 00:30 Paris belongs to that month even though it is still the
// previous month in UTC), in minutes or in half-days.

import type { Instant, Interval } from './types.js';
import { addDays, daysInMonth, formatLocalDate, parseLocalDate, type LocalDate } from './local-date.js';
import { durationMinutes, intersect, overlaps } from './interval.js';
import { boundaryInstant, localDateOf, localDayRange, parseLocalTime, startOfLocalDate } from './zoned-time.js';
import type { QuotaUnit } from './violations.js';
import { remembered } from './memo.js';

export interface QuotaMonth extends Interval {
  /** "YYYY-MM" */
  month: string;
}

/** The local calendar month holding `instant`, as [first midnight, next month's first midnight). */
export function calendarMonthOf(instant: Instant, zone: string): QuotaMonth {
  const date = localDateOf(instant, zone);
  const parts = parseLocalDate(date)!;
  const first = formatLocalDate({ ...parts, day: 1 });
  const next = addDays(first, daysInMonth(parts.year, parts.month));
  return { month: first.slice(0, 7), start: startOfLocalDate(first, zone), end: startOfLocalDate(next, zone) };
}

/**
 * The local date an organisation's plan must start before to govern `month`: the first day of
 * the next month, so a plan from the 15th governs its whole month (the latest such plan wins).
 */
export function planCutoff(month: Pick<QuotaMonth, 'month'>): LocalDate {
  const [year, monthNumber] = month.month.split('-').map(Number) as [number, number];
  return addDays(formatLocalDate({ year, month: monthNumber, day: 1 }), daysInMonth(year, monthNumber));
}

/** Half-days of dates kept at most: every date of some years, for a few zones and splits. */
const HALF_DAYS_MAX = 10_000;
const halfDays = new Map<string, readonly [Interval, Interval]>();

/** The morning [midnight, split) and afternoon [split, next midnight) of a local date. */
function halfDaysOfDate(date: LocalDate, zone: string, halfDaySplit: string): readonly [Interval, Interval] {
  // A month's desk quota counts the half-days of every booking: the same few dates again and again.
  return remembered(halfDays, `${zone}|${halfDaySplit}|${date}`, HALF_DAYS_MAX, () => {
    const split = parseLocalTime(halfDaySplit);
    if (split === null) throw new RangeError(`invalid halfDaySplit: ${JSON.stringify(halfDaySplit)}`);
    const day = localDayRange(date, zone);
    const middle = boundaryInstant(date, split, zone);
    return [
      { start: day.start, end: middle },
      { start: middle, end: day.end },
    ];
  });
}

/** How many half-days an interval touches: a morning counts 1, a full day 2. */
export function countHalfDays(interval: Interval, zone: string, halfDaySplit: string): number {
  if (interval.end <= interval.start) return 0;
  let count = 0;
  // From the date of its start, day by day, to the one whose next midnight the interval ends by.
  for (let date = localDateOf(interval.start, zone); ; date = addDays(date, 1)) {
    const [morning, afternoon] = halfDaysOfDate(date, zone, halfDaySplit);
    if (overlaps(morning, interval)) count += 1;
    if (overlaps(afternoon, interval)) count += 1;
    if (interval.end <= afternoon.end) return count;
  }
}

/** The amount an interval costs against a quota, in the quota's unit. */
export function quotaAmount(interval: Interval, unit: QuotaUnit, zone: string, halfDaySplit: string): number {
  return unit === 'minutes' ? Math.max(0, durationMinutes(interval)) : countHalfDays(interval, zone, halfDaySplit);
}

/**
 * Usage of `bookings` within `period` (usually calendarMonthOf): each booking is clipped to
 * the period first, so one that crosses midnight at month end is split between months.
 * Bookings are summed, not merged: two people of one organisation in two rooms use twice.
 */
export function usageWithin(
  bookings: readonly Interval[],
  period: Interval,
  unit: QuotaUnit,
  zone: string,
  halfDaySplit: string,
): number {
  return bookings.reduce((sum, booking) => {
    const clipped = intersect(booking, period);
    return clipped ? sum + quotaAmount(clipped, unit, zone, halfDaySplit) : sum;
  }, 0);
}
