// Reads and checks the booking form (POST /bookings): every field is validated here, and a
// malformed one is reported against its field (422) before the engine is asked anything.
// Whether the booking is *allowed* is the engine's question, never this file's.
import { isLocalDate, parseLocalDate } from '../domain/local-date.js';
import type { SeriesRule, Frequency } from '../domain/recurrence.js';
import type { SeriesPolicy } from '../domain/series-plan.js';
import type { Weekday } from '../domain/types.js';
import { parseLocalDateTime } from '../domain/zoned-time.js';

export type BookingField =
  | 'resource'
  | 'start'
  | 'end'
  | 'headcount'
  | 'title'
  | 'repeat'
  | 'repeat_interval'
  | 'repeat_end'
  | 'repeat_until'
  | 'repeat_count'
  | 'repeat_weekdays'
  | 'monthly_by'
  | 'series_policy';

/** Error codes per field; the page turns them into messages (fields.booking.<field>.<code>). */
export type FieldErrors = Partial<
  Record<BookingField, 'required' | 'invalid' | 'too_long' | 'out_of_range' | 'date_out_of_range'>
>;

export interface BookingForm {
  resourceId: number;
  start: string;
  end: string;
  headcount: number;
  title: string;
  idempotencyKey: string | null;
  repeat: { rule: SeriesRule; policy: SeriesPolicy | null } | null;
}

export type Body = Record<string, unknown>;

export const TITLE_MAX = 200;
const REPEAT_COUNT_MAX = 100;
const HEADCOUNT_MAX = 1000;
const REPEAT_INTERVAL_MAX = 12;

/** The upper limit each field's message names ("from 1 to {max}"). */
export const FIELD_MAX = {
  title: TITLE_MAX,
  headcount: HEADCOUNT_MAX,
  repeat_interval: REPEAT_INTERVAL_MAX,
  repeat_count: REPEAT_COUNT_MAX,
} as const;

function one(body: Body, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function many(body: Body, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** Local "YYYY-MM-DDTHH:mm" (a datetime-local input); seconds, if a browser adds them, must be zero. */
export function normaliseLocal(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00(\.0{1,3})?)?$/.exec(text);
  return match && parseLocalDateTime(match[1]!) ? match[1]! : null;
}

/** What is wrong with a date and time field: nothing, missing, malformed, or a year the app does not take. */
const isLocalDateShape = (text: string) => parseLocalDate(text) !== null;

function localDateTimeError(text: string, local: string | null): 'required' | 'invalid' | 'date_out_of_range' | null {
  if (!text) return 'required';
  if (!local) return 'invalid';
  return isLocalDate(local.slice(0, 10)) ? null : 'date_out_of_range';
}

export function parseBookingForm(
  body: Body,
): { ok: true; form: BookingForm } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> } {
  const errors: FieldErrors = {};
  const resourceText = one(body, 'resource');
  const resourceId = /^\d{1,9}$/.test(resourceText) ? Number(resourceText) : null;
  if (!resourceText) errors.resource = 'required';
  else if (resourceId === null) errors.resource = 'invalid';

  const startText = one(body, 'start');
  const endText = one(body, 'end');
  const start = normaliseLocal(startText);
  const end = normaliseLocal(endText);
  const startError = localDateTimeError(startText, start);
  const endError = localDateTimeError(endText, end);
  if (startError) errors.start = startError;
  if (endError) errors.end = endError;

  const headcountText = one(body, 'headcount');
  const headcount = headcountText === '' ? 1 : wholeNumber(headcountText, 1, HEADCOUNT_MAX);
  if (headcount === null) errors.headcount = 'out_of_range';

  const title = one(body, 'title');
  if (title.length > TITLE_MAX) errors.title = 'too_long';
  // Our pages write a UUID; anything else (a hidden field no person types) counts as no key.
  const keyText = one(body, 'idempotency_key');
  const key = /^[A-Za-z0-9_-]{1,64}$/.test(keyText) ? keyText : null;

  let repeat: BookingForm['repeat'] = null;
  const freq = one(body, 'repeat') || 'none';
  if (!['none', 'daily', 'weekly', 'monthly'].includes(freq)) errors.repeat = 'invalid';
  else if (freq !== 'none') {
    const interval = wholeNumber(one(body, 'repeat_interval') || '1', 1, REPEAT_INTERVAL_MAX);
    if (interval === null) errors.repeat_interval = 'out_of_range';
    const rule: SeriesRule = { freq: freq as Frequency, interval: interval ?? 1 };
    const ending = one(body, 'repeat_end') || 'count';
    if (ending === 'until') {
      const until = one(body, 'repeat_until');
      if (!until) errors.repeat_until = 'required';
      else if (!isLocalDate(until)) errors.repeat_until = isLocalDateShape(until) ? 'date_out_of_range' : 'invalid';
      else rule.until = until;
    } else if (ending === 'count') {
      const count = wholeNumber(one(body, 'repeat_count') || '', 2, REPEAT_COUNT_MAX);
      if (count === null) errors.repeat_count = 'out_of_range';
      else rule.count = count;
    } else errors.repeat_end = 'invalid';
    if (freq === 'weekly') {
      const days = many(body, 'repeat_weekdays');
      if (days.some((d) => !/^[1-7]$/.test(d))) errors.repeat_weekdays = 'invalid';
      else if (days.length > 0) rule.byWeekday = [...new Set(days.map(Number))].sort() as Weekday[];
    }
    if (freq === 'monthly') {
      const by = one(body, 'monthly_by') || 'date';
      if (by !== 'date' && by !== 'nth_weekday') errors.monthly_by = 'invalid';
      else rule.monthlyBy = by;
    }
    const policyText = one(body, 'series_policy');
    let policy: SeriesPolicy | null = null;
    if (policyText === 'skip_conflicts' || policyText === 'all_or_nothing') policy = policyText;
    else if (policyText !== '') errors.series_policy = 'invalid';
    repeat = { rule, policy };
  }

  if (Object.keys(errors).length > 0) {
    const values: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(body))
      if (k !== '_csrf') values[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    form: {
      resourceId: resourceId!,
      start: start!,
      end: end!,
      headcount: headcount!,
      title,
      idempotencyKey: key,
      repeat,
    },
  };
}
