// Wall-clock <-> instant in an IANA zone.
//
// Policy (one for the whole system, RFC 5545 §3.3.5 style):
// - a local time that does not exist (skipped by spring forward, e.g. 2026-03-29 02:30
//   Europe/Paris) is REFUSED with `nonexistent_local_time`: we never book a time the person
//   did not ask for. Luxon would silently move it to 03:30, so we never let luxon resolve
//   wall-clock times; we compute the possible instants ourselves.
// - an ambiguous local time (repeated by fall back, e.g. 2026-10-25 02:30 Paris) means its
//   FIRST occurrence, the earlier instant (+02:00). Luxon would pick the later one.
// - day boundaries and opening times are "lenient": when they fall in a gap, they mean the
//   first instant after it (a day whose midnight is skipped starts when the clock jumps).
//
// Only luxon's IANAZone.offset() is used: it depends on the zone name alone, never on the
// process TZ. No Date local-time methods are used anywhere in the domain.
//
// Each offset() costs about 7 us (an Intl formatToParts), and one evaluateBooking needs a
// dozen or more, mostly for the same few instants (opening times of one day, now, the
// horizon). A bounded memo of (zone, instant) -> offset keeps suggestions and series cheap;
// it is keyed by zone name, so it cannot depend on the process TZ.

import { IANAZone } from 'luxon';
import type { Instant, Interval } from './types.js';
import { addDays, formatLocalDate, pad2, parseLocalDate, type DateParts, type LocalDate } from './local-date.js';
import type { ViolationOf } from './violations.js';
import { MINUTE_MS } from './interval.js';
import { remembered } from './memo.js';

const DAY_MS = 86_400_000;

export type ZonedViolation = ViolationOf<'invalid_local_time'> | ViolationOf<'nonexistent_local_time'>;

export type ZonedResult =
  | {
      ok: true;
      instant: Instant;
      /** true when the wall time occurs twice and we took the first. */ ambiguous: boolean;
    }
  | { ok: false; violation: ZonedViolation };

/** A wall-clock date and time, minutes counted from local midnight. */
export interface LocalDateTime {
  date: LocalDate;
  minutes: number;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/** Offset in minutes of one zone at an instant. */
type OffsetOf = (instant: Instant) => number;

const OFFSET_MEMO_LIMIT = 50_000;
const ZONES_LIMIT = 64;
const offsetFunctions = new Map<string, OffsetOf>();

/** The zone's offset function, memoised; throws on an unknown zone (a configuration error). */
function zone(name: string): OffsetOf {
  return remembered(offsetFunctions, name, ZONES_LIMIT, () => {
    const z = IANAZone.create(name);
    if (!z.isValid) throw new RangeError(`unknown IANA time zone: ${JSON.stringify(name)}`);
    const memo = new Map<Instant, number>();
    return (instant) => remembered(memo, instant, OFFSET_MEMO_LIMIT, () => z.offset(instant));
  });
}

/** UTC offset of `zoneName` at `instant`, in minutes (Paris: 60 or 120). */
export function offsetMinutes(instant: Instant, zoneName: string): number {
  return zone(zoneName)(instant);
}

/** Strict "HH:mm", 00:00..23:59, to minutes from midnight. */
export function parseLocalTime(text: string): number | null {
  const match = LOCAL_TIME.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Strict "YYYY-MM-DDTHH:mm" (no seconds, no offset, no zone), or null. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return null;
  const date = match[1]!;
  const minutes = parseLocalTime(match[2]!);
  if (minutes === null || parseLocalDate(date) === null) return null;
  return { date, minutes };
}

export function formatLocalTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

export function formatLocalDateTime({ date, minutes }: LocalDateTime): string {
  return `${date}T${formatLocalTime(minutes)}`;
}

/** The wall clock read as if it were UTC: the common currency of the conversions below. */
function wallMs(date: LocalDate, minutes: number): number {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`not a local date "YYYY-MM-DD": ${JSON.stringify(date)}`);
  return Date.UTC(parts.year, parts.month - 1, parts.day) + minutes * MINUTE_MS;
}

/**
 * Every instant whose wall clock in the zone reads `wall`, earliest first: one normally,
 * two in a fall-back hour, none in a spring-forward gap. Assumes at most one offset change
 * within a day of `wall`, true of every real zone's rules since 2012.
 */
function possibleInstants(wall: number, offsetOf: OffsetOf): Instant[] {
  const offsets = new Set([offsetOf(wall - DAY_MS), offsetOf(wall + DAY_MS)]);
  const found: Instant[] = [];
  for (const offset of offsets) {
    const candidate = wall - offset * MINUTE_MS;
    if (offsetOf(candidate) === offset) found.push(candidate);
  }
  return found.sort((a, b) => a - b);
}

/** Wall-clock date + minutes to an instant, under the policy above. */
export function localToInstant(date: LocalDate, minutes: number, zoneName: string): ZonedResult {
  const candidates = possibleInstants(wallMs(date, minutes), zone(zoneName));
  if (candidates.length === 0) {
    return {
      ok: false,
      violation: {
        code: 'nonexistent_local_time',
        local: formatLocalDateTime({ date, minutes }),
        zone: zoneName,
      },
    };
  }
  return { ok: true, instant: candidates[0]!, ambiguous: candidates.length > 1 };
}

/** "YYYY-MM-DDTHH:mm" in the zone to an instant; refuses malformed and nonexistent times. */
export function localDateTimeToInstant(text: string, zoneName: string): ZonedResult {
  const parsed = parseLocalDateTime(text);
  if (!parsed) return { ok: false, violation: { code: 'invalid_local_time', input: text } };
  return localToInstant(parsed.date, parsed.minutes, zoneName);
}

/** "HH:mm" on a local date to an instant; refuses malformed and nonexistent times. */
export function localTimeOnDate(date: LocalDate, time: string, zoneName: string): ZonedResult {
  const minutes = parseLocalTime(time);
  if (minutes === null || parseLocalDate(date) === null) {
    return { ok: false, violation: { code: 'invalid_local_time', input: `${date}T${time}` } };
  }
  return localToInstant(date, minutes, zoneName);
}

/**
 * The first instant whose wall clock reads `minutes` on `date` or later: the earliest
 * occurrence when it exists, the end of the gap when it was skipped. For boundaries
 * (midnight, opening times), which must always resolve. `minutes` may be 1440 (24:00).
 */
export function boundaryInstant(date: LocalDate, minutes: number, zoneName: string): Instant {
  const offsetOf = zone(zoneName);
  const wall = wallMs(date, minutes);
  const candidates = possibleInstants(wall, offsetOf);
  if (candidates.length > 0) return candidates[0]!;
  // In a gap the wall clock jumps over `wall` at one transition instant: find it. Before it
  // the zone has the earlier offset, from it the later one.
  const before = offsetOf(wall - DAY_MS);
  let low = wall - offsetOf(wall + DAY_MS) * MINUTE_MS; // still before the jump
  let high = wall - before * MINUTE_MS; // already after it
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetOf(middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The wall clock of an instant, as a date and minutes from midnight (seconds dropped). */
export function localDateTimeOf(instant: Instant, zoneName: string): LocalDateTime {
  const wall = instant + offsetMinutes(instant, zoneName) * MINUTE_MS;
  const dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
  const d = new Date(dayStart);
  const parts: DateParts = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  return { date: formatLocalDate(parts), minutes: Math.floor((wall - dayStart) / MINUTE_MS) };
}

/** Milliseconds since local midnight on the wall clock (10:00 is 10 h even on a 25 h day). */
export function wallClockMsOfDay(instant: Instant, zoneName: string): number {
  const wall = instant + offsetMinutes(instant, zoneName) * MINUTE_MS;
  return wall - Math.floor(wall / DAY_MS) * DAY_MS;
}

export function localDateOf(instant: Instant, zoneName: string): LocalDate {
  return localDateTimeOf(instant, zoneName).date;
}

/** "HH:mm" of an instant in the zone. */
export function localTimeOf(instant: Instant, zoneName: string): string {
  return formatLocalTime(localDateTimeOf(instant, zoneName).minutes);
}

/** "YYYY-MM-DDTHH:mm" of an instant in the zone: the exact inverse of localDateTimeToInstant. */
export function formatInstantLocal(instant: Instant, zoneName: string): string {
  return formatLocalDateTime(localDateTimeOf(instant, zoneName));
}

export function startOfLocalDate(date: LocalDate, zoneName: string): Instant {
  return boundaryInstant(date, 0, zoneName);
}

/** [start of `date`, start of the next date): 24 h, or 23 h / 25 h on change days. */
export function localDayRange(date: LocalDate, zoneName: string): Interval {
  return { start: startOfLocalDate(date, zoneName), end: startOfLocalDate(addDays(date, 1), zoneName) };
}

export function startOfLocalDay(instant: Instant, zoneName: string): Instant {
  return startOfLocalDate(localDateOf(instant, zoneName), zoneName);
}
