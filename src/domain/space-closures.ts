// Closures as admins write them: validated from a form, turned into instants on the site's
// wall clock, repeated weekly or yearly, and the bookings they would fall on. Pure.
import type { ExistingBooking, Instant, Interval } from './types.js';
import {
  type LocalDate,
  addDays,
  daysBetween,
  isLocalDate,
  parseLocalDate,
  formatLocalDate,
  daysInMonth,
} from './local-date.js';
import { boundaryInstant, localDateTimeOf, parseLocalTime } from './zoned-time.js';

export const CLOSURE_REPEATS = ['none', 'weekly', 'yearly'] as const;
export type ClosureRepeat = (typeof CLOSURE_REPEATS)[number];

export const CLOSURE_KINDS = ['maintenance', 'event', 'public_holiday', 'other'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

export const CLOSURE_REASON_MAX = 200;
/** A one-off closure spans at most this many days; a repeating one repeats for at most this many years. */
export const CLOSURE_MAX_DAYS = 366;
export const CLOSURE_MAX_REPEAT_YEARS = 5;

/** The closure form's fields as they arrive (strings; a missing one is ''). */
export interface ClosureForm {
  resource: string;
  start: string;
  end: string;
  startTime: string;
  endTime: string;
  reason: string;
  reasonEn: string;
  kind: string;
  repeat: string;
  repeatUntil: string;
}

export type ClosureField = keyof ClosureForm;
export type ClosureError = 'required' | 'invalid' | 'before_start' | 'too_long' | 'unknown';

/** A valid closure, still on the wall clock. Times are minutes from midnight; null = the whole day. */
export interface ClosurePlan {
  resourceId: number | null;
  startDate: LocalDate;
  endDate: LocalDate;
  startMinutes: number | null;
  endMinutes: number | null;
  reason: string;
  reasonEn: string | null;
  kind: ClosureKind;
  repeat: ClosureRepeat;
  repeatUntil: LocalDate | null;
}

/** A stored closure as far as its occurrences go. */
export interface ClosureRule extends Interval {
  repeat: ClosureRepeat;
  repeatUntil: LocalDate | null;
}

export type ClosureValidation =
  { ok: true; plan: ClosurePlan } | { ok: false; errors: Partial<Record<ClosureField, ClosureError>> };

const oneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

function optionalTime(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  return parseLocalTime(text.trim()) ?? 'invalid';
}

function checkText(value: string, required: boolean): ClosureError | null {
  const trimmed = value.trim();
  if (required && trimmed === '') return 'required';
  return trimmed.length > CLOSURE_REASON_MAX ? 'too_long' : null;
}

/** The resource field: '' for the whole site, or the id of one of `resourceIds`. */
function checkResource(value: string, resourceIds: ReadonlySet<number>): number | null | 'unknown' {
  if (value.trim() === '') return null;
  const id = /^[1-9]\d{0,8}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return resourceIds.has(id) ? id : 'unknown';
}

/** Checks every field at once (the form lists every problem); `resourceIds` are the ones a closure may name. */
export function validateClosure(form: ClosureForm, resourceIds: ReadonlySet<number>): ClosureValidation {
  const errors: Partial<Record<ClosureField, ClosureError>> = {};
  const resourceId = checkResource(form.resource, resourceIds);
  if (resourceId === 'unknown') errors.resource = 'unknown';
  const start = form.start.trim();
  const end = form.end.trim() === '' ? start : form.end.trim();
  if (start === '') errors.start = 'required';
  else if (!isLocalDate(start)) errors.start = 'invalid';
  if (!errors.start && !isLocalDate(end)) errors.end = 'invalid';
  const startMinutes = optionalTime(form.startTime);
  const endMinutes = optionalTime(form.endTime);
  if (startMinutes === 'invalid') errors.startTime = 'invalid';
  if (endMinutes === 'invalid') errors.endTime = 'invalid';
  const reasonError = checkText(form.reason, true);
  if (reasonError) errors.reason = reasonError;
  const reasonEnError = checkText(form.reasonEn, false);
  if (reasonEnError) errors.reasonEn = reasonEnError;
  const kind = form.kind.trim() === '' ? 'other' : form.kind.trim();
  if (!oneOf(CLOSURE_KINDS, kind)) errors.kind = 'invalid';
  const repeat = form.repeat.trim() === '' ? 'none' : form.repeat.trim();
  if (!oneOf(CLOSURE_REPEATS, repeat)) errors.repeat = 'invalid';
  if (!errors.start && !errors.end && startMinutes !== 'invalid' && endMinutes !== 'invalid') {
    const days = daysBetween(start, end);
    const sameDayBackwards = days === 0 && startMinutes !== null && endMinutes !== null && endMinutes <= startMinutes;
    if (days < 0 || sameDayBackwards) errors.end = 'before_start';
    else if (days > CLOSURE_MAX_DAYS) errors.end = 'too_long';
    else if (repeat === 'weekly' && days >= 7) errors.repeat = 'too_long';
    else if (repeat === 'yearly' && days >= 365) errors.repeat = 'too_long';
  }
  const until = form.repeatUntil.trim();
  if (repeat !== 'none' && !errors.start && !errors.repeat) {
    if (until === '') errors.repeatUntil = 'required';
    else if (!isLocalDate(until)) errors.repeatUntil = 'invalid';
    else if (daysBetween(start, until) < 0) errors.repeatUntil = 'before_start';
    else if (daysBetween(start, until) > CLOSURE_MAX_REPEAT_YEARS * 366) errors.repeatUntil = 'too_long';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      resourceId: resourceId as number | null,
      startDate: start,
      endDate: end,
      startMinutes: startMinutes as number | null,
      endMinutes: endMinutes as number | null,
      reason: form.reason.trim(),
      reasonEn: form.reasonEn.trim() || null,
      kind: kind as ClosureKind,
      repeat: repeat as ClosureRepeat,
      repeatUntil: repeat === 'none' ? null : until,
    },
  };
}

/** A plan's first occurrence as instants: its start time (or midnight) to its end time (or the next midnight). */
export function closureSpan(plan: ClosurePlan, zone: string): Interval {
  const start = boundaryInstant(plan.startDate, plan.startMinutes ?? 0, zone);
  const end =
    plan.endMinutes === null
      ? boundaryInstant(addDays(plan.endDate, 1), 0, zone)
      : boundaryInstant(plan.endDate, plan.endMinutes, zone);
  return { start, end };
}

/** The same month and day `years` later; 29 February becomes 28 February in other years. */
function addYears(date: LocalDate, years: number): LocalDate {
  const parts = parseLocalDate(date)!;
  const year = parts.year + years;
  return formatLocalDate({ year, month: parts.month, day: Math.min(parts.day, daysInMonth(year, parts.month)) });
}

/**
 * Every occurrence of a closure, earliest first: the stored span, then the same wall-clock
 * times each week or year while the start date is on or before `repeatUntil` (so a weekly
 * Monday-morning closure stays 08:00-12:00 across DST changes).
 */
export function closureOccurrences(rule: ClosureRule, zone: string): Interval[] {
  if (rule.repeat === 'none' || rule.repeatUntil === null) return [{ start: rule.start, end: rule.end }];
  const first = localDateTimeOf(rule.start, zone);
  const last = localDateTimeOf(rule.end, zone);
  const spanDays = daysBetween(first.date, last.date);
  const occurrences: Interval[] = [];
  const limit = CLOSURE_MAX_REPEAT_YEARS * 53 + 1;
  for (let k = 0; k < limit; k++) {
    const date = rule.repeat === 'weekly' ? addDays(first.date, 7 * k) : addYears(first.date, k);
    if (daysBetween(date, rule.repeatUntil) < 0) break;
    occurrences.push({
      start: boundaryInstant(date, first.minutes, zone),
      end: boundaryInstant(addDays(date, spanDays), last.minutes, zone),
    });
  }
  return occurrences;
}

/** The last instant a closure covers (its last occurrence's end). */
export function closureLastEnd(rule: ClosureRule, zone: string): Instant {
  const all = closureOccurrences(rule, zone);
  return all[all.length - 1]!.end;
}

/**
 * The active bookings a closure falls on: those of its resource (every resource for a
 * site-wide one) that overlap one of its occurrences, each once, earliest first.
 */
export function bookingsFallingOn<B extends Pick<ExistingBooking, 'id' | 'resourceId' | 'start' | 'end' | 'status'>>(
  bookings: readonly B[],
  resourceId: number | null,
  occurrences: readonly Interval[],
): B[] {
  return bookings
    .filter(
      (b) =>
        (b.status === 'confirmed' || b.status === 'pending') &&
        (resourceId === null || b.resourceId === resourceId) &&
        occurrences.some((o) => o.start < b.end && o.end > b.start),
    )
    .sort((a, b) => a.start - b.start || a.id - b.id);
}
