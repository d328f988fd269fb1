// When a resource is open, as instants, from weekly wall-clock periods in the site's zone.
// Periods are wall-clock so that "08:30-19:00" stays 08:30-19:00 across DST changes.

import type { Closure, Instant, Interval, OpeningPeriod } from './types.js';
import { type LocalDate, addDays, weekdayOf, datesFromTo } from './local-date.js';
import { boundaryInstant, formatLocalTime, localDateOf, parseLocalTime } from './zoned-time.js';
import { contains, intersect } from './interval.js';
import { remembered } from './memo.js';
import type { LocalPeriod } from './violations.js';

/** An opening of one local day: its instants and the wall-clock strings it came from. */
export interface OpenInterval extends Interval, LocalPeriod {
  localDate: LocalDate;
}

/** Minutes from midnight; `closes` may be 1440 ("24:00", open until midnight). */
interface ParsedPeriod {
  opens: number;
  closes: number;
}

/**
 * A valid period has "HH:mm" times with opens < closes; "24:00" is accepted as a closing
 * time. Exported so admin forms validate with the same rule the core applies.
 */
export function parseOpeningPeriod(period: OpeningPeriod): ParsedPeriod | null {
  const opens = parseLocalTime(period.opens);
  const closes = period.closes === '24:00' ? 1440 : parseLocalTime(period.closes);
  if (opens === null || closes === null || closes <= opens) return null;
  if (!Number.isInteger(period.weekday) || period.weekday < 1 || period.weekday > 7) return null;
  return { opens, closes };
}

/**
 * The week that applies to a resource: its own periods when it has any (they REPLACE the
 * site's week, e.g. the event space open until 23:00), else the site's.
 */
export function effectivePeriods(
  sitePeriods: readonly OpeningPeriod[],
  resourceOverridePeriods: readonly OpeningPeriod[] | null | undefined,
): readonly OpeningPeriod[] {
  return resourceOverridePeriods && resourceOverridePeriods.length > 0 ? resourceOverridePeriods : sitePeriods;
}

/**
 * Wall-clock periods of one date, sorted, overlapping or touching ones merged: 08:30-12:00
 * plus 12:00-19:00 is one continuous opening, and a booking may span the seam.
 */
function parsedPeriodsOfDate(periods: readonly OpeningPeriod[], date: LocalDate): ParsedPeriod[] {
  const weekday = weekdayOf(date);
  const ofDay = periods
    .filter((p) => p.weekday === weekday)
    .map((p) => {
      const parsed = parseOpeningPeriod(p);
      if (!parsed) throw new RangeError(`invalid opening period: ${JSON.stringify(p)}`);
      return parsed;
    })
    .sort((a, b) => a.opens - b.opens);
  const merged: ParsedPeriod[] = [];
  for (const p of ofDay) {
    const last = merged[merged.length - 1];
    if (last && p.opens <= last.closes) last.closes = Math.max(last.closes, p.closes);
    else merged.push({ ...p });
  }
  return merged;
}

function formatBoundary(minutes: number): string {
  return minutes === 1440 ? '24:00' : formatLocalTime(minutes);
}

/** The opening periods of a date as local "HH:mm" strings (what a person reads). */
export function localPeriodsOfDate(periods: readonly OpeningPeriod[], date: LocalDate): LocalPeriod[] {
  return parsedPeriodsOfDate(periods, date).map((p) => ({
    opens: formatBoundary(p.opens),
    closes: formatBoundary(p.closes),
  }));
}

// The openings of a date are asked for again and again (each rule check, grid and
// suggestion) for the same few weeks, which the inventory keeps as the same arrays. They are
// kept per week array, zone and date (a week changes only as a new array), and frozen, as
// every caller shares them.
const OPENING_MEMO_LIMIT = 5_000;
const WEEKS_LIMIT = 256;
const openingMemo = new Map<readonly OpeningPeriod[], Map<string, readonly OpenInterval[]>>();

/** Open intervals of one local date, as instants. An opening time skipped by DST opens when the clock jumps. */
export function openIntervalsOfDate(
  periods: readonly OpeningPeriod[],
  date: LocalDate,
  zone: string,
): readonly OpenInterval[] {
  const byDate = remembered(openingMemo, periods, WEEKS_LIMIT, () => new Map<string, readonly OpenInterval[]>());
  return remembered(byDate, `${zone}|${date}`, OPENING_MEMO_LIMIT, () =>
    Object.freeze(
      parsedPeriodsOfDate(periods, date).map((p) =>
        Object.freeze({
          localDate: date,
          start: boundaryInstant(date, p.opens, zone),
          end: boundaryInstant(date, p.closes, zone),
          opens: formatBoundary(p.opens),
          closes: formatBoundary(p.closes),
        }),
      ),
    ),
  );
}

/** Open intervals over local dates `from`..`to` (both included). */
export function openIntervalsOfDates(
  periods: readonly OpeningPeriod[],
  from: LocalDate,
  to: LocalDate,
  zone: string,
): OpenInterval[] {
  return datesFromTo(from, to).flatMap((date) => openIntervalsOfDate(periods, date, zone));
}

/** Open intervals meeting an instant range, cut to it. */
export function openIntervalsInRange(periods: readonly OpeningPeriod[], range: Interval, zone: string): Interval[] {
  if (range.end <= range.start) return [];
  const from = localDateOf(range.start, zone);
  const to = localDateOf(range.end - 1, zone);
  return openIntervalsOfDates(periods, from, to, zone).flatMap((open) => intersect(open, range) ?? []);
}

/**
 * The single opening that holds the whole interval, or null. An opening never crosses
 * local midnight, so only the date of the start can hold it.
 */
export function openingContaining(
  periods: readonly OpeningPeriod[],
  interval: Interval,
  zone: string,
): OpenInterval | null {
  const date = localDateOf(interval.start, zone);
  return openIntervalsOfDate(periods, date, zone).find((open) => contains(open, interval)) ?? null;
}

export function isWithinOpeningHours(periods: readonly OpeningPeriod[], interval: Interval, zone: string): boolean {
  return openingContaining(periods, interval, zone) !== null;
}

/**
 * The first local date from `now`'s on which the site is still open for a while: today counts
 * only while it is open after `now`, and a day covered by a site-wide closure is skipped.
 * Looks a month ahead at most; returns today's date when nothing is open in that time.
 */
export function nextOpenDate(
  periods: readonly OpeningPeriod[],
  closures: readonly Closure[],
  now: Instant,
  zone: string,
): LocalDate {
  const today = localDateOf(now, zone);
  for (let i = 0; i < 31; i++) {
    const date = addDays(today, i);
    const open = openIntervalsOfDate(periods, date, zone).filter((o) => o.end > now);
    const closed = closures.some(
      (c) => c.resourceId === null && open.some((o) => c.start <= o.start && c.end >= o.end),
    );
    if (open.length > 0 && !closed) return date;
  }
  return today;
}
