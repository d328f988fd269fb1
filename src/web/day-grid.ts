// The rooms' day view as a table: one row per resource, one column per half hour between
// the earliest opening and the latest closing of the day. Every cell says in words what it
// is (free, booked, closed, full, past), so nothing is told by colour alone; a free cell links
// to the booking form filled in with that time. A time already begun is past: it could not be
// booked, so it offers nothing. Side by side cells of one state other than free are one cell
// spanning their columns: each free cell is a link of its own, the others say the same word.
import type { BusyInterval, ResourceAvailability } from '../domain/availability.js';
import { MINUTE_MS, subtract } from '../domain/interval.js';
import type { ResourceView } from '../services/catalogue.js';
import { dateFormatter, type DateFormatter } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';
import { remembered } from '../domain/memo.js';
import { wallClockMsOfDay } from '../domain/zoned-time.js';
import { localInput } from './booking-views.js';
import { localName } from '../i18n/names.js';

const CELL = 30 * MINUTE_MS;

export type CellState = 'free' | 'busy' | 'closed' | 'full' | 'past';

export interface GridCell {
  state: CellState;
  /** The time of its first column. */
  time: string;
  /** The time its last column ends. */
  endTime: string;
  /** Its first column, from 0. */
  col: number;
  /** Its start and end as the booking form's fields ("2026-12-08T09:30"), for a selection of free cells. */
  start: string;
  end: string;
  /** Link to the prefilled form, for free cells. */
  href: string | null;
  /** The columns it spans (always 1 for a free cell). */
  span: number;
  /** The booking a busy cell belongs to: two bookings side by side stay two blocks. */
  bookingId?: number;
}

export interface GridRow {
  resource: ResourceView;
  cells: GridCell[];
}

/** The resource as the reader names it: the rows show `resource.name`. */
function inLanguage(resource: ResourceView, lang: Language): ResourceView {
  return { ...resource, name: localName(resource, lang) };
}

/** A resource's free stretches as text with a booking link, for the list view. */
export interface ListRow {
  resource: ResourceView;
  free: { text: string; href: string }[];
}

export interface DayGrid {
  times: string[];
  rows: GridRow[];
}

/** Instants one grid converts at most (a day of half hours has fewer than a hundred). */
const INSTANTS_MAX = 1024;

/**
 * The zoned conversions of the instants one grid links to. The columns are the same for every
 * row, so each instant is converted once per grid, not once per cell.
 */
class Instants {
  private readonly inputs = new Map<number, string>();
  private readonly wall = new Map<number, number>();
  private readonly dates: DateFormatter;
  constructor(
    private readonly zone: string,
    lang: Language,
  ) {
    this.dates = dateFormatter(lang, zone);
  }

  /** The time of day for people ("09:30"). */
  time(instant: number): string {
    return this.dates.time(instant);
  }

  /** localInput of the instant ("2026-12-08T09:30": digits, "-", "T" and ":" may all stand in a query as they are). */
  input(instant: number): string {
    return remembered(this.inputs, instant, INSTANTS_MAX, () => localInput(instant, this.zone));
  }

  wallMsOfDay(instant: number): number {
    return remembered(this.wall, instant, INSTANTS_MAX, () => wallClockMsOfDay(instant, this.zone));
  }
}

/** The form prefilled from the first start on the resource's grid at or after `from`, for its usual length. */
function formHref(resource: ResourceView, from: number, stretchEnd: number, instants: Instants): string {
  const step = resource.rules.slotStepMinutes * MINUTE_MS;
  const start = nextStep(resource, from, instants);
  const usualEnd = Math.min(start + Math.max(resource.rules.minDurationMinutes, 60) * MINUTE_MS, stretchEnd);
  const end = usualEnd > start ? usualEnd : start + step;
  return `/bookings/new?resource=${resource.id}&start=${instants.input(start)}&end=${instants.input(end)}`;
}

/** The first start on the resource's grid at or after `instant`. */
function nextStep(resource: ResourceView, instant: number, instants: Instants): number {
  const step = resource.rules.slotStepMinutes * MINUTE_MS;
  const offGrid = instants.wallMsOfDay(instant) % step;
  return offGrid === 0 ? instant : instant + step - offGrid;
}

// What a cell meets, as bits: the first match in this order decides its state.
const CLOSURE = 1;
const FULL = 2;
const BUSY = 4;

/** A cell's state: the first that applies of closed, full, busy, past and free. */
function stateOf(open: boolean, met: number, past: boolean): CellState {
  if (!open || met & CLOSURE) return 'closed';
  if (met & FULL) return 'full';
  if (met & BUSY) return 'busy';
  return past ? 'past' : 'free';
}

const isClosure = (b: BusyInterval) => b.reason === 'closure';

/** Nothing of the day is open outside closures, for any of these resources. */
export function closedAllDay(day: readonly ResourceAvailability[]): boolean {
  return day.every((a) => subtract(a.open, a.busy.filter(isClosure)).length === 0);
}

export function dayGrid(
  day: readonly ResourceAvailability<ResourceView>[],
  zone: string,
  lang: Language,
  now: number,
): DayGrid {
  const instants = new Instants(zone, lang);
  const opens = day.flatMap((a) => a.open);
  if (opens.length === 0)
    return { times: [], rows: day.map((a) => ({ resource: inLanguage(a.resource, lang), cells: [] })) };
  let from = Infinity;
  let to = -Infinity;
  for (const o of opens) {
    if (o.start < from) from = o.start;
    if (o.end > to) to = o.end;
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let s = from; s < to; s += CELL) {
    starts.push(s);
    ends.push(Math.min(s + CELL, to));
  }
  const n = starts.length;
  // One label per column, shared by every row (formatting a time is the costly part of a cell).
  const times = starts.map((s) => instants.time(s));
  const endTimes = ends.map((e) => instants.time(e));
  const inputs = starts.map((s) => instants.input(s));
  const endInputs = ends.map((e) => instants.input(e));
  // The cells an interval may meet: those from the one holding its start to the one holding its end.
  const firstCell = (instant: number) => Math.max(0, Math.floor((instant - from) / CELL));
  const lastCell = (instant: number) => Math.min(n - 1, Math.ceil((instant - from) / CELL));
  const rows = day.map((a): GridRow => {
    // Each busy stretch marks the cells it overlaps, each opening the cells it holds whole:
    // one pass over the intervals instead of a filter of them per cell.
    const met = new Uint8Array(n);
    const booking = new Float64Array(n);
    for (const b of a.busy) {
      const bit = b.reason === 'closure' ? CLOSURE : b.reason === 'full' ? FULL : BUSY;
      for (let i = firstCell(b.start), last = lastCell(b.end); i <= last; i += 1) {
        if (b.start < ends[i]! && b.end > starts[i]!) {
          met[i]! |= bit;
          if ('bookingId' in b && booking[i] === 0) booking[i] = b.bookingId;
        }
      }
    }
    const open = new Uint8Array(n);
    for (const o of a.open) {
      for (let i = firstCell(o.start), last = lastCell(o.end); i <= last; i += 1) {
        if (o.start <= starts[i]! && o.end >= ends[i]!) open[i] = 1;
      }
    }
    // Free stretches are sorted and disjoint, and so are the cells: one walk finds each cell's.
    let f = 0;
    const cells: GridCell[] = [];
    for (let i = 0; i < n; i += 1) {
      const start = starts[i]!;
      const state = stateOf(open[i] === 1, met[i]!, start < now);
      const last = cells[cells.length - 1];
      const column = { time: times[i]!, endTime: endTimes[i]!, col: i, start: inputs[i]!, end: endInputs[i]! };
      if (state !== 'free') {
        const bookingId = state === 'busy' ? booking[i] || undefined : undefined;
        if (last?.state === state && last.bookingId === bookingId) {
          last.span += 1;
          last.endTime = column.endTime;
          last.end = column.end;
        } else cells.push({ state, ...column, href: null, span: 1, bookingId });
        continue;
      }
      while (f < a.free.length && a.free[f]!.end < ends[i]!) f += 1;
      let stretch = a.free[f];
      if (!stretch || stretch.start > start) stretch = a.free.find((s) => s.start <= start && s.end >= ends[i]!)!;
      cells.push({ state, ...column, href: formHref(a.resource, start, stretch.end, instants), span: 1 });
    }
    return { resource: inLanguage(a.resource, lang), cells };
  });
  return { times, rows };
}

/** Each resource's free stretches from the next step on, as text with a link to the form filled in. */
export function dayList(
  day: readonly ResourceAvailability<ResourceView>[],
  zone: string,
  lang: Language,
  now: number,
): ListRow[] {
  const instants = new Instants(zone, lang);
  return day.map((a) => {
    const firstStart = nextStep(a.resource, now, instants);
    const free = a.free
      .map((s) => ({ start: Math.max(s.start, firstStart), end: s.end }))
      .filter((s) => s.end > s.start)
      .map((s) => ({
        text: `${instants.time(s.start)}–${instants.time(s.end)}`,
        href: formHref(a.resource, s.start, s.end, instants),
      }));
    return { resource: inLanguage(a.resource, lang), free };
  });
}
