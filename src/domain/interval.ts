// Half-open intervals [start, end) of UTC epoch ms. Half-open so that back-to-back
// bookings (one ends at 10:00, the next starts at 10:00) share no instant: touching is
// not overlapping, and a list of adjacent slots tiles time with no gaps and no overlaps.

import type { Instant, Interval } from './types.js';

export const MINUTE_MS = 60_000;

export function isEmpty(interval: Interval): boolean {
  return interval.end <= interval.start;
}

export function durationMinutes(interval: Interval): number {
  return (interval.end - interval.start) / MINUTE_MS;
}

/** They share at least one instant. Empty intervals overlap nothing. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end && !isEmpty(a) && !isEmpty(b);
}

/** `inner` lies entirely within `outer` (an interval contains itself). */
export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function containsInstant(interval: Interval, instant: Instant): boolean {
  return interval.start <= instant && instant < interval.end;
}

/** The common part, or null when they do not overlap. */
export function intersect(a: Interval, b: Interval): Interval | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return end > start ? { start, end } : null;
}

/** `interval` cut to `window`, or null when nothing is left. Alias of intersect that reads better at call sites. */
export const clamp = (interval: Interval, window: Interval): Interval | null => intersect(interval, window);

/** Widen by `beforeMs` at the start and `afterMs` at the end (buffers). */
export function extend(interval: Interval, beforeMs: number, afterMs: number): Interval {
  return { start: interval.start - beforeMs, end: interval.end + afterMs };
}

/** Sorted, with empty ones dropped and overlapping or touching ones merged. */
export function normalise(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => !isEmpty(i)).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ start: next.start, end: next.end });
  }
  return merged;
}

/** What is left of `windows` once `busy` is taken out: free = open minus busy. Sorted. */
export function subtract(windows: Interval | readonly Interval[], busy: readonly Interval[]): Interval[] {
  const taken = normalise(busy);
  const free: Interval[] = [];
  const list: readonly Interval[] = 'start' in windows ? [windows] : windows;
  for (const window of normalise(list)) {
    let cursor = window.start;
    for (const block of taken) {
      if (block.end <= cursor) continue;
      if (block.start >= window.end) break;
      if (block.start > cursor) free.push({ start: cursor, end: block.start });
      cursor = Math.max(cursor, block.end);
      if (cursor >= window.end) break;
    }
    if (cursor < window.end) free.push({ start: cursor, end: window.end });
  }
  return free;
}
