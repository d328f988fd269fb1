// Opening hours as admins write them: a week (one period a day, or closed), and exceptions (one
// local date with other hours, or closed, with a reason). An exception is applied as closures
// of the parts of its day outside its hours, so every rule that knows closures knows it. Pure.
import type { Interval, OpeningPeriod, Weekday } from './types.js';
import { parseOpeningPeriod } from './opening-hours.js';
import { addDays, isLocalDate, type LocalDate } from './local-date.js';
import { boundaryInstant, parseLocalTime } from './zoned-time.js';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const satisfies readonly Weekday[];
export const EXCEPTION_REASON_MAX = 200;

export type HoursError = 'invalid' | 'closes_before_opens' | 'required' | 'too_long' | 'unknown';

/** `opens_1`, `closes_1` ... `closes_7`: both empty means closed that weekday. */
export function validateWeek(
  form: Record<string, string>,
): { ok: true; periods: OpeningPeriod[] } | { ok: false; errors: Record<string, HoursError> } {
  const periods: OpeningPeriod[] = [];
  const errors: Record<string, HoursError> = {};
  for (const weekday of WEEKDAYS) {
    const opens = (form[`opens_${weekday}`] ?? '').trim();
    const closes = (form[`closes_${weekday}`] ?? '').trim();
    if (opens === '' && closes === '') continue;
    const period = { weekday, opens, closes };
    if (parseLocalTime(opens) === null || (closes !== '24:00' && parseLocalTime(closes) === null))
      errors[`opens_${weekday}`] = 'invalid';
    else if (!parseOpeningPeriod(period)) errors[`opens_${weekday}`] = 'closes_before_opens';
    else periods.push(period);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, periods };
}

export interface ExceptionForm {
  resource: string;
  date: string;
  opens: string;
  closes: string;
  reason: string;
  reasonEn: string;
}

export interface ExceptionPlan {
  resourceId: number | null;
  date: LocalDate;
  /** Both null: closed all day. */
  opens: string | null;
  closes: string | null;
  reason: string;
  reasonEn: string | null;
}

export function validateException(
  form: ExceptionForm,
  resourceIds: ReadonlySet<number>,
): { ok: true; plan: ExceptionPlan } | { ok: false; errors: Partial<Record<keyof ExceptionForm, HoursError>> } {
  const errors: Partial<Record<keyof ExceptionForm, HoursError>> = {};
  const resource = form.resource.trim();
  const resourceId = resource === '' ? null : /^[1-9]\d{0,8}$/.test(resource) ? Number(resource) : NaN;
  if (resourceId !== null && !resourceIds.has(resourceId)) errors.resource = 'unknown';
  if (form.date.trim() === '') errors.date = 'required';
  else if (!isLocalDate(form.date.trim())) errors.date = 'invalid';
  const opens = form.opens.trim();
  const closes = form.closes.trim();
  const closed = opens === '' && closes === '';
  if (!closed) {
    if (parseLocalTime(opens) === null) errors.opens = 'invalid';
    else if (closes !== '24:00' && parseLocalTime(closes) === null) errors.closes = 'invalid';
    else if (!parseOpeningPeriod({ weekday: 1, opens, closes })) errors.closes = 'closes_before_opens';
  }
  const reason = form.reason.trim();
  if (reason === '') errors.reason = 'required';
  else if (reason.length > EXCEPTION_REASON_MAX) errors.reason = 'too_long';
  if (form.reasonEn.trim().length > EXCEPTION_REASON_MAX) errors.reasonEn = 'too_long';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      resourceId,
      date: form.date.trim(),
      opens: closed ? null : opens,
      closes: closed ? null : closes,
      reason,
      reasonEn: form.reasonEn.trim() || null,
    },
  };
}

/**
 * The parts of the exception's day that are closed: all of it, or before its opening and
 * after its closing. (Hours wider than the week's add nothing: the week still bounds them.)
 */
export function exceptionClosedIntervals(
  exception: Pick<ExceptionPlan, 'date' | 'opens' | 'closes'>,
  zone: string,
): Interval[] {
  const dayStart = boundaryInstant(exception.date, 0, zone);
  const dayEnd = boundaryInstant(addDays(exception.date, 1), 0, zone);
  if (exception.opens === null || exception.closes === null) return [{ start: dayStart, end: dayEnd }];
  const opens = boundaryInstant(exception.date, parseLocalTime(exception.opens)!, zone);
  const closes =
    exception.closes === '24:00' ? dayEnd : boundaryInstant(exception.date, parseLocalTime(exception.closes)!, zone);
  return [
    { start: dayStart, end: opens },
    { start: closes, end: dayEnd },
  ].filter((i) => i.end > i.start);
}
