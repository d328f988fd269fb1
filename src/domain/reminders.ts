// Booking reminders: when each one is due. A reminder is either "the day before at HH:mm"
// on the site's wall clock (17:00 Paris is 16:00 UTC in winter, 15:00 UTC in summer) or
// "N minutes before the start". Written in the REMINDERS setting as a comma-separated list:
//   day_before@17:00, hour_before, before@30m, before@2h      (or "off")
import { addDays } from './local-date.js';
import { boundaryInstant, localDateOf, parseLocalTime } from './zoned-time.js';
import type { Instant } from './types.js';

export type ReminderSpec = { type: 'day_before'; minutes: number } | { type: 'before'; minutes: number };

export const DEFAULT_REMINDERS = 'day_before@17:00,hour_before';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A "before" reminder at most a week ahead: the longest notice anyone needs. */
const MAX_BEFORE_MINUTES = 7 * 24 * 60;

export type ParsedReminders = { ok: true; reminders: ReminderSpec[] } | { ok: false; problem: string };

function parseOne(item: string): ReminderSpec | string {
  if (item === 'hour_before') return { type: 'before', minutes: 60 };
  const day = /^day_before@(\d{2}:\d{2})$/.exec(item);
  if (day) {
    const minutes = parseLocalTime(day[1]!);
    return minutes === null
      ? `"${item}": the time must be HH:mm between 00:00 and 23:59`
      : { type: 'day_before', minutes };
  }
  const before = /^before@(\d{1,5})(m|h)$/.exec(item);
  if (before) {
    const minutes = Number(before[1]) * (before[2] === 'h' ? 60 : 1);
    if (minutes < 1 || minutes > MAX_BEFORE_MINUTES) return `"${item}": between 1 minute and 7 days before the start`;
    return { type: 'before', minutes };
  }
  return `"${item}" is not one of day_before@HH:mm, hour_before, before@<N>m, before@<N>h`;
}

/** The REMINDERS setting to reminders; "off" (or "none") means none. Duplicates are refused. */
export function parseReminders(text: string): ParsedReminders {
  const trimmed = text.trim();
  if (/^(off|none)$/i.test(trimmed)) return { ok: true, reminders: [] };
  const reminders: ReminderSpec[] = [];
  const keys = new Set<string>();
  for (const raw of trimmed.split(',')) {
    const item = raw.trim();
    if (item === '') return { ok: false, problem: 'an empty item in the list' };
    const parsed = parseOne(item);
    if (typeof parsed === 'string') return { ok: false, problem: parsed };
    const key = reminderKey(parsed);
    if (keys.has(key)) return { ok: false, problem: `"${item}" is listed twice` };
    keys.add(key);
    reminders.push(parsed);
  }
  return { ok: true, reminders };
}

/**
 * What is recorded as sent: one "day before" per booking whatever its hour (changing 17:00
 * to 18:00 in the settings does not send a second one), one per distinct "before" delay.
 */
export function reminderKey(spec: ReminderSpec): string {
  return spec.type === 'day_before' ? 'day_before' : `before:${spec.minutes}`;
}

/** The instant a reminder of a booking starting at `start` is due, in the site's zone. */
export function reminderInstant(spec: ReminderSpec, start: Instant, zone: string): Instant {
  if (spec.type === 'before') return start - spec.minutes * MINUTE;
  // A time skipped by the clock change means the moment the clock jumps (domain policy for boundaries).
  return boundaryInstant(addDays(localDateOf(start, zone), -1), spec.minutes, zone);
}

/** How far ahead of a start the earliest reminder can fall: bounds the scan for due ones. */
export function reminderLookahead(specs: readonly ReminderSpec[]): number {
  // The day before at 00:00 is at most 48 h (+1 h on a 25-hour day) before a start at 23:59.
  return Math.max(0, ...specs.map((s) => (s.type === 'before' ? s.minutes * MINUTE : 49 * HOUR)));
}

export interface RemindableBooking {
  startsAt: Instant;
  /** The last change: a booking made or moved after its reminder moment is not reminded. */
  updatedAt: Instant;
}

/**
 * A reminder is due once its moment has come and the booking has not started; a booking
 * made (or moved) after that moment gets none, since its confirmation has just gone out.
 */
export function isReminderDue(spec: ReminderSpec, booking: RemindableBooking, now: Instant, zone: string): boolean {
  const at = reminderInstant(spec, booking.startsAt, zone);
  return at <= now && now < booking.startsAt && booking.updatedAt < at;
}
