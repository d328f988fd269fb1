// Calendar arithmetic on local dates ("YYYY-MM-DD") with no zone at all.
// A local date is a label on a wall calendar, not an instant; doing the arithmetic on
// Date.UTC values keeps it exact (no DST, no process TZ) and fast.

import type { Weekday } from './types.js';

/** A wall-calendar date "YYYY-MM-DD". */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Strict parse: the right shape and a day that exists (no 2026-02-30). */
export function parseLocalDate(text: string): DateParts | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.month < 1 || parts.month > 12) return null;
  if (parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return null;
  return parts;
}

/**
 * The years a date from outside (a form, a query) may fall in: far beyond any booking horizon,
 * and far inside what the calendar arithmetic computes (year 9999 would need year 10000).
 */
export const ACCEPTED_YEARS = { first: 2000, last: 2199 } as const;

/** A date the app accepts from outside: the right shape, a day that exists, within ACCEPTED_YEARS. */
export function isLocalDate(text: string): boolean {
  const parts = parseLocalDate(text);
  return parts !== null && isAcceptedYear(parts.year);
}

export function isAcceptedYear(year: number): boolean {
  return year >= ACCEPTED_YEARS.first && year <= ACCEPTED_YEARS.last;
}

export function formatLocalDate({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a date; the single bridge to epoch arithmetic. */
export function epochDay(parts: DateParts): number {
  return Math.round(Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS);
}

export function fromEpochDay(days: number): DateParts {
  const date = new Date(days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function mustParse(date: LocalDate): DateParts {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`not a local date "YYYY-MM-DD": ${JSON.stringify(date)}`);
  return parts;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return formatLocalDate(fromEpochDay(epochDay(mustParse(date)) + days));
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDay(mustParse(b)) - epochDay(mustParse(a));
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: LocalDate): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const days = epochDay(mustParse(date));
  return (((((days + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** Every date from `from` to `to`, both included. */
export function datesFromTo(from: LocalDate, to: LocalDate): LocalDate[] {
  const first = epochDay(mustParse(from));
  const last = epochDay(mustParse(to));
  const dates: LocalDate[] = [];
  for (let day = first; day <= last; day += 1) dates.push(formatLocalDate(fromEpochDay(day)));
  return dates;
}
