// A calendar month on the wall: "YYYY-MM" parsed strictly, the months around it, and its
// dates laid out in weeks from Monday (null pads the days of the months around it). Zone-free.
import { addDays, daysInMonth, formatLocalDate, isAcceptedYear, weekdayOf, type LocalDate } from './local-date.js';

/** A calendar month "YYYY-MM". */
export type LocalMonth = string;

const LOCAL_MONTH = /^(\d{4})-(\d{2})$/;

export interface MonthParts {
  year: number;
  month: number;
}

/** Strict parse: the right shape, a month 01-12, a year the app accepts; null otherwise. */
export function parseLocalMonth(text: string): MonthParts | null {
  const match = LOCAL_MONTH.exec(text);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]) };
  if (parts.month < 1 || parts.month > 12 || !isAcceptedYear(parts.year)) return null;
  return parts;
}

export function formatLocalMonth({ year, month }: MonthParts): LocalMonth {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after (or before, when negative) `parts`. */
export function addMonths(parts: MonthParts, count: number): MonthParts {
  const index = parts.year * 12 + (parts.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The first date of the month and the first date of the next one. */
export function monthDates(parts: MonthParts): { first: LocalDate; next: LocalDate } {
  const first = formatLocalDate({ ...parts, day: 1 });
  return { first, next: addDays(first, daysInMonth(parts.year, parts.month)) };
}

/** The month's dates in weeks Monday to Sunday; days of the months around are null. */
export function monthWeeks(parts: MonthParts): (LocalDate | null)[][] {
  const { first } = monthDates(parts);
  const days = daysInMonth(parts.year, parts.month);
  const cells: (LocalDate | null)[] = Array.from({ length: weekdayOf(first) - 1 }, () => null);
  for (let day = 0; day < days; day += 1) cells.push(addDays(first, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (LocalDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
