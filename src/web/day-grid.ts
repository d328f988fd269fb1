// The rooms' day view as a table: one row per resource, one column per half hour between
// the earliest opening and the latest closing of the day. Every cell says in words what it
// is (free, booked, closed, full, past), so nothing is told by colour alone; a free cell links
// to the booking form filled in with that time. A time already begun is past: it could not be
// booked, so it offers nothing.
import type { ResourceAvailability } from '../domain/availability.js';
import { MINUTE_MS } from '../domain/interval.js';
import type { ResourceView } from '../db/inventory.js';
import { dateFormatter } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';
import { wallClockMsOfDay } from '../domain/zoned-time.js';
import { localInput } from './booking-views.js';

const CELL = 30 * MINUTE_MS;

export type CellState = 'free' | 'busy' | 'closed' | 'full' | 'past';

export interface GridCell {
  state: CellState;
  time: string;
  /** Link to the prefilled form, for free cells. */
  href: string | null;
}

export interface GridRow {
  resource: ResourceView;
  cells: GridCell[];
  /** The free stretches as text with a booking link, for the list view. */
  free: { text: string; href: string }[];
  placesNote: string | null;
}

export interface DayGrid {
  times: string[];
  rows: GridRow[];
}

/** The form prefilled from the first start on the resource's grid at or after `from`, for its usual length. */
function formHref(resource: ResourceView, from: number, stretchEnd: number, zone: string): string {
  const step = resource.rules.slotStepMinutes * MINUTE_MS;
  const start = nextStep(resource, from, zone);
  const end = Math.min(start + Math.max(resource.rules.minDurationMinutes, 60) * MINUTE_MS, stretchEnd);
  // Built by hand: one URLSearchParams per free cell stood out in profiles of the rooms page.
  return `/bookings/new?resource=${resource.id}&start=${encodeURIComponent(localInput(start, zone))}&end=${encodeURIComponent(localInput(end > start ? end : start + step, zone))}`;
}

/** The first start on the resource's grid at or after `instant`. */
function nextStep(resource: ResourceView, instant: number, zone: string): number {
  const step = resource.rules.slotStepMinutes * MINUTE_MS;
  const offGrid = wallClockMsOfDay(instant, zone) % step;
  return offGrid === 0 ? instant : instant + step - offGrid;
}

export function dayGrid(day: readonly (ResourceAvailability & { resource: ResourceView })[], zone: string, lang: Language, now: number): DayGrid {
  const dates = dateFormatter(lang, zone);
  const opens = day.flatMap((a) => a.open);
  if (opens.length === 0) return { times: [], rows: day.map((a) => ({ resource: a.resource, cells: [], free: [], placesNote: null })) };
  const from = Math.min(...opens.map((o) => o.start));
  const to = Math.max(...opens.map((o) => o.end));
  const starts: number[] = [];
  for (let s = from; s < to; s += CELL) starts.push(s);
  // One label per column, shared by every row (formatting a time is the costly part of a cell).
  const times = starts.map((s) => dates.time(s));
  const rows = day.map((a): GridRow => {
    const cells = starts.map((start, i): GridCell => {
      const cell = { start, end: Math.min(start + CELL, to) };
      const open = a.open.some((o) => o.start <= cell.start && o.end >= cell.end);
      const busy = a.busy.filter((b) => b.start < cell.end && b.end > cell.start);
      const time = times[i]!;
      if (!open || busy.some((b) => b.reason === 'closure')) return { state: 'closed', time, href: null };
      if (busy.some((b) => b.reason === 'full')) return { state: 'full', time, href: null };
      if (busy.length > 0) return { state: 'busy', time, href: null };
      if (cell.start < now) return { state: 'past', time, href: null };
      const freeStretch = a.free.find((f) => f.start <= cell.start && f.end >= cell.end)!;
      return { state: 'free', time, href: formHref(a.resource, start, freeStretch.end, zone) };
    });
    const free = a.free
      .map((f) => ({ start: Math.max(f.start, nextStep(a.resource, now, zone)), end: f.end }))
      .filter((f) => f.end > f.start)
      .map((f) => ({ text: `${dates.time(f.start)}–${dates.time(f.end)}`, href: formHref(a.resource, f.start, f.end, zone) }));
    return { resource: a.resource, cells, free, placesNote: null };
  });
  return { times, rows };
}
