// Occupancy by local weekday and hour of the wall clock. A booking's minutes are put in the
// wall-clock hour they fall in; the capacity of a cell is how often that wall-clock hour
// occurs in the period (a spring-forward Sunday has no 02:00, a fall-back Sunday has two),
// less the hours the whole site was closed (a public holiday offers no hour to book).

import type { Instant, Interval, Weekday } from './types.js';
import { datesFromTo, weekdayOf, type LocalDate } from './local-date.js';
import { localDateTimeOf, localDayRange, offsetMinutes } from './zoned-time.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** One cell of the grid: booked minutes at that weekday and hour, and how many such hours the period had. */
export interface OccupancyCell {
  weekday: Weekday;
  hour: number;
  bookedMinutes: number;
  hourOccurrences: number;
}

export interface OccupancyGrid {
  /** The hours shown, ascending: opening hours plus any hour with a booking. */
  hours: number[];
  /** cells[hour][weekday - 1] */
  cells: Map<number, OccupancyCell[]>;
  /** How many resources the rates are counted over. */
  resources: number;
}

/** Calls `visit` for each piece of `interval` that lies within one wall-clock hour, with its local date and hour. */
export function splitByLocalHour(
  interval: Interval,
  zone: string,
  visit: (date: LocalDate, hour: number, ms: number, start: Instant) => void,
): void {
  let cursor: Instant = interval.start;
  while (cursor < interval.end) {
    const offsetMs = offsetMinutes(cursor, zone) * MINUTE_MS;
    const wall = cursor + offsetMs;
    // The next wall-clock hour boundary under the current offset; a change of offset happens at such a boundary.
    const next = Math.min(interval.end, Math.floor(wall / HOUR_MS) * HOUR_MS + HOUR_MS - offsetMs);
    const local = localDateTimeOf(cursor, zone);
    visit(local.date, Math.floor(local.minutes / 60), next - cursor, cursor);
    cursor = next;
  }
}

/**
 * How many times each (weekday, hour) of the wall clock occurs from `from` to `to` (local
 * dates, inclusive), leaving out the hours that start inside one of the `closed` intervals.
 */
export function hourOccurrences(
  from: LocalDate,
  to: LocalDate,
  zone: string,
  closed: readonly Interval[] = [],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const date of datesFromTo(from, to)) {
    splitByLocalHour(localDayRange(date, zone), zone, (day, hour, _ms, start) => {
      if (closed.some((c) => c.start <= start && start < c.end)) return;
      const key = `${weekdayOf(day)}:${hour}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  return counts;
}

/** The grid of `bookings` over `period` (they are clipped to it), `closed` being the site-wide closures. */
export function occupancyGrid(
  bookings: readonly Interval[],
  period: { from: LocalDate; to: LocalDate },
  zone: string,
  resources: number,
  closed: readonly Interval[] = [],
  shownHours: readonly number[] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
): OccupancyGrid {
  const window = { start: localDayRange(period.from, zone).start, end: localDayRange(period.to, zone).end };
  const booked = new Map<string, number>();
  for (const b of bookings) {
    const start = Math.max(b.start, window.start);
    const end = Math.min(b.end, window.end);
    if (end <= start) continue;
    splitByLocalHour({ start, end }, zone, (date, hour, ms) => {
      const key = `${weekdayOf(date)}:${hour}`;
      booked.set(key, (booked.get(key) ?? 0) + ms);
    });
  }
  const occurrences = hourOccurrences(period.from, period.to, zone, closed);
  const hours = new Set(shownHours);
  for (const key of booked.keys()) hours.add(Number(key.split(':')[1]));
  const sorted = [...hours].sort((a, b) => a - b);
  const cells = new Map<number, OccupancyCell[]>();
  for (const hour of sorted) {
    cells.set(
      hour,
      WEEKDAYS.map((weekday) => ({
        weekday,
        hour,
        bookedMinutes: Math.round((booked.get(`${weekday}:${hour}`) ?? 0) / MINUTE_MS),
        hourOccurrences: occurrences.get(`${weekday}:${hour}`) ?? 0,
      })),
    );
  }
  return { hours: sorted, cells, resources };
}

/** The share of the cell's capacity that was booked, in whole percent (null when the cell had no hour). */
export function occupancyPercent(cell: OccupancyCell, resources: number): number | null {
  const capacity = cell.hourOccurrences * resources * 60;
  return capacity === 0 ? null : Math.round((cell.bookedMinutes / capacity) * 100);
}
