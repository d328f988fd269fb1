// Expansion of a recurring booking into its occurrences. Expansion happens on the SITE'S
// WALL CLOCK: a weekly 09:00 stays 09:00 in Paris on both sides of a DST change (expanding
// in UTC, or with rrule's tzid, would drift by an hour). Each wall-clock occurrence is
// then converted with zoned-time, so a time skipped by spring forward is reported on that
// occurrence, not silently moved.

import type { Instant, Weekday } from './types.js';
import {
  addDays,
  daysInMonth,
  epochDay,
  formatLocalDate,
  fromEpochDay,
  parseLocalDate,
  weekdayOf,
  type DateParts,
  type LocalDate,
} from './local-date.js';
import {
  boundaryInstant,
  formatLocalDateTime,
  localToInstant,
  parseLocalDateTime,
  startOfLocalDate,
  type ZonedViolation,
} from './zoned-time.js';
import { MINUTE_MS } from './interval.js';
import type { ViolationOf } from './violations.js';

export type Frequency = 'daily' | 'weekly' | 'monthly';

export interface SeriesRule {
  freq: Frequency;
  /** Every `interval` days / weeks / months (1 = every one). */
  interval: number;
  /** Weekly only: the weekdays it falls on; default the first start's weekday. */
  byWeekday?: Weekday[];
  /** Monthly only: same day of the month (default), or the nth weekday of the month. */
  monthlyBy?: 'date' | 'nth_weekday';
  /** nth_weekday only: 1..5, or -1 for the last; default the first start's position (2nd Tuesday → 2). */
  nth?: number;
  /** Last local date, included. */
  until?: LocalDate;
  /** Number of occurrences, the first included. */
  count?: number;
}

export interface ExpandOptions {
  zone: string;
  /** Occurrences must start before this instant (usually the booking horizon's end). */
  horizon: Instant;
  /** Hard cap on occurrences (200). */
  maxOccurrences?: number;
}

interface OccurrenceBase {
  /** 0-based position in the series: the iCalendar RECURRENCE-ID follows from localStart. */
  index: number;
  localDate: LocalDate;
  /** "YYYY-MM-DDTHH:mm" on the site's wall clock. */
  localStart: string;
}
export type Occurrence =
  | (OccurrenceBase & { ok: true; start: Instant; end: Instant })
  | (OccurrenceBase & { ok: false; violation: ZonedViolation });

export type RecurrenceViolation = ViolationOf<'invalid_local_time'>;

export interface Expansion {
  occurrences: Occurrence[];
  /** Why expansion stopped: the rule ended, or the horizon or the cap cut it short. */
  stoppedBy: 'count' | 'until' | 'horizon' | 'cap';
}

/** Problems a form should show before expanding; empty when the rule is usable. */
export function recurrenceRuleProblems(rule: SeriesRule): ('interval' | 'byWeekday' | 'nth' | 'until' | 'count')[] {
  const problems: ('interval' | 'byWeekday' | 'nth' | 'until' | 'count')[] = [];
  if (!Number.isInteger(rule.interval) || rule.interval < 1) problems.push('interval');
  if (
    rule.byWeekday &&
    (rule.byWeekday.length === 0 || rule.byWeekday.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
  ) {
    problems.push('byWeekday');
  }
  if (rule.nth !== undefined && !(rule.nth === -1 || (Number.isInteger(rule.nth) && rule.nth >= 1 && rule.nth <= 5))) {
    problems.push('nth');
  }
  if (rule.until !== undefined && parseLocalDate(rule.until) === null) problems.push('until');
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) problems.push('count');
  return problems;
}

function addMonths({ year, month }: DateParts, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The nth (1..5, or -1 = last) given weekday of a month, or null when the month has none. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, nth: number): LocalDate | null {
  const firstOfMonth = formatLocalDate({ year, month, day: 1 });
  const firstMatch = 1 + ((weekday - weekdayOf(firstOfMonth) + 7) % 7);
  const length = daysInMonth(year, month);
  const day = nth === -1 ? firstMatch + 7 * Math.floor((length - firstMatch) / 7) : firstMatch + 7 * (nth - 1);
  return day <= length ? formatLocalDate({ year, month, day }) : null;
}

/**
 * A candidate in ascending order. `date` is null when the rule skips that period (no 31st
 * in April, no 5th Monday); `notBefore` still says where in the calendar the search is, so
 * until and the horizon stop it even through a run of skipped months.
 */
interface Candidate {
  date: LocalDate | null;
  notBefore: LocalDate;
}

function* dailyDates(first: LocalDate, step: number): Generator<Candidate> {
  for (let k = 0; ; k += step) {
    const date = addDays(first, k);
    yield { date, notBefore: date };
  }
}

/** Weeks start on Monday (RFC 5545 WKST=MO); dates before the first start are not part of the series. */
function* weeklyDates(first: LocalDate, step: number, byWeekday: readonly Weekday[] | undefined): Generator<Candidate> {
  const weekdays = [...new Set(byWeekday ?? [weekdayOf(first)])].sort((a, b) => a - b);
  const firstDay = epochDay(parseLocalDate(first)!);
  const monday = firstDay - (weekdayOf(first) - 1);
  for (let week = 0; ; week += step) {
    for (const weekday of weekdays) {
      const day = monday + week * 7 + (weekday - 1);
      if (day >= firstDay) {
        const date = formatLocalDate(fromEpochDay(day));
        yield { date, notBefore: date };
      }
    }
  }
}

function* monthlyDates(first: LocalDate, rule: SeriesRule): Generator<Candidate> {
  const firstParts = parseLocalDate(first)!;
  const nth = rule.nth ?? Math.ceil(firstParts.day / 7);
  for (let months = 0; ; months += rule.interval) {
    const { year, month } = addMonths(firstParts, months);
    const notBefore = formatLocalDate({ year, month, day: 1 });
    let date: LocalDate | null;
    if (rule.monthlyBy === 'nth_weekday') {
      date = nthWeekdayOfMonth(year, month, weekdayOf(first), nth);
      if (date !== null && date < first) date = null;
    } else {
      date = firstParts.day <= daysInMonth(year, month) ? formatLocalDate({ year, month, day: firstParts.day }) : null;
    }
    yield { date, notBefore };
  }
}

function candidateDates(rule: SeriesRule, first: LocalDate): Generator<Candidate> {
  switch (rule.freq) {
    case 'daily':
      return dailyDates(first, rule.interval);
    case 'weekly':
      return weeklyDates(first, rule.interval, rule.byWeekday);
    case 'monthly':
      return monthlyDates(first, rule);
  }
}

export function expandSeries(
  rule: SeriesRule,
  firstStart: string,
  durationMinutes: number,
  options: ExpandOptions,
): { ok: true; expansion: Expansion } | { ok: false; violation: RecurrenceViolation } {
  const parsed = parseLocalDateTime(firstStart);
  if (!parsed) return { ok: false, violation: { code: 'invalid_local_time', input: firstStart } };
  const problems = recurrenceRuleProblems(rule);
  if (problems.length > 0)
    throw new RangeError(
      `invalid recurrence rule (${problems.join(', ')}): check it with recurrenceRuleProblems first`,
    );
  const { zone, horizon, maxOccurrences = 200 } = options;
  const occurrences: Occurrence[] = [];
  const stop = (stoppedBy: Expansion['stoppedBy']) => ({ ok: true as const, expansion: { occurrences, stoppedBy } });
  for (const { date, notBefore } of candidateDates(rule, parsed.date)) {
    if (rule.until !== undefined && notBefore > rule.until) return stop('until');
    if (startOfLocalDate(notBefore, zone) >= horizon) return stop('horizon');
    if (date === null) continue;
    if (rule.until !== undefined && date > rule.until) return stop('until');
    // A skipped wall time still has a place in time: where the clock jumps.
    if (boundaryInstant(date, parsed.minutes, zone) >= horizon) return stop('horizon');
    if (occurrences.length >= maxOccurrences) return stop('cap');
    const base = {
      index: occurrences.length,
      localDate: date,
      localStart: formatLocalDateTime({ date, minutes: parsed.minutes }),
    };
    const converted = localToInstant(date, parsed.minutes, zone);
    occurrences.push(
      converted.ok
        ? { ...base, ok: true, start: converted.instant, end: converted.instant + durationMinutes * MINUTE_MS }
        : { ...base, ok: false, violation: converted.violation },
    );
    if (rule.count !== undefined && occurrences.length >= rule.count) return stop('count');
  }
  throw new Error('unreachable: candidate dates never end');
}
