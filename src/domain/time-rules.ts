// Rules about WHEN a booking may be: opening hours, closures, slot shape, duration,
// notice and horizon. Each takes the request (itself an interval) and the context and
// returns the violations it finds (none = fine).

import type { BookingContext, BookingRequest } from './booking-request.js';
import type { Violation } from './violations.js';
import { halfDaySlotsOfDate } from './half-day.js';
import { MINUTE_MS, durationMinutes, overlaps } from './interval.js';
import type { Instant } from './types.js';
import { addDays, type LocalDate } from './local-date.js';
import { remembered } from './memo.js';
import { effectivePeriods, openingContaining, localPeriodsOfDate } from './opening-hours.js';
import { localDateOf, startOfLocalDate, wallClockMsOfDay } from './zoned-time.js';

function periodsFor(context: BookingContext) {
  return effectivePeriods(context.sitePeriods, context.resourceOverridePeriods);
}

export function checkOpeningHours(request: BookingRequest, context: BookingContext): Violation[] {
  const periods = periodsFor(context);
  if (openingContaining(periods, request, context.zone)) return [];
  const localDate = localDateOf(request.start, context.zone);
  return [
    { code: 'outside_opening_hours', localDate, zone: context.zone, periods: localPeriodsOfDate(periods, localDate) },
  ];
}

export function checkClosures(request: BookingRequest, context: BookingContext): Violation[] {
  return context.closures
    .filter((c) => (c.resourceId === null || c.resourceId === request.resource.id) && overlaps(c, request))
    .map((c) => ({
      code: 'closed',
      closureId: c.id,
      reason: c.reason,
      start: c.start,
      end: c.end,
      siteWide: c.resourceId === null,
    }));
}

/** Steps are counted on the local wall clock from midnight, so 09:15 is on a 15-minute grid on every day. */
function checkSteps(request: BookingRequest, context: BookingContext): Violation[] {
  const stepMs = Math.max(1, request.resource.rules.slotStepMinutes) * MINUTE_MS;
  const aligned = (instant: number) => wallClockMsOfDay(instant, context.zone) % stepMs === 0;
  if (aligned(request.start) && aligned(request.end)) return [];
  return [{ code: 'slot_misaligned', stepMinutes: request.resource.rules.slotStepMinutes }];
}

/** Morning = opening to split, afternoon = split to closing, or the full day; nothing else. */
function checkHalfDay(request: BookingRequest, context: BookingContext): Violation[] {
  const localDate = localDateOf(request.start, context.zone);
  const slots = halfDaySlotsOfDate(periodsFor(context), localDate, context.zone, request.resource.rules.halfDaySplit);
  // A day with no opening at all is already refused as outside opening hours.
  if (slots.length === 0) return [];
  if (slots.some((slot) => slot.start === request.start && slot.end === request.end)) return [];
  return [
    {
      code: 'invalid_half_day',
      localDate,
      allowed: slots.map((slot) => ({ part: slot.part, start: slot.startText, end: slot.endText })),
    },
  ];
}

export function checkShape(request: BookingRequest, context: BookingContext): Violation[] {
  return request.resource.rules.shape === 'half_day' ? checkHalfDay(request, context) : checkSteps(request, context);
}

export function checkDuration(request: BookingRequest): Violation[] {
  const { minDurationMinutes, maxDurationMinutes } = request.resource.rules;
  const requestedMinutes = durationMinutes(request);
  if (requestedMinutes < minDurationMinutes) {
    return [{ code: 'too_short', limitMinutes: minDurationMinutes, requestedMinutes }];
  }
  if (requestedMinutes > maxDurationMinutes) {
    return [{ code: 'too_long', limitMinutes: maxDurationMinutes, requestedMinutes }];
  }
  return [];
}

/**
 * A start in the past is too late as well: notice 0 still means "not before now". One
 * exception: a half-day (desks) with no notice may be taken once it has begun and until it
 * ends, since a desk is booked on arrival; the slot keeps its shape, so it starts in the past.
 */
export function checkNotice(request: BookingRequest, context: BookingContext): Violation[] {
  const { minNoticeMinutes, shape } = request.resource.rules;
  const earliestStart = context.now + minNoticeMinutes * MINUTE_MS;
  if (shape === 'half_day' && minNoticeMinutes === 0 && request.end > context.now) return [];
  return request.start < earliestStart ? [{ code: 'too_late_to_book', minNoticeMinutes, earliestStart }] : [];
}

/**
 * The horizon is counted in local days: with 14 days, on Monday 3rd at 18:00 one may book
 * anything that starts by the end of Monday 17th, whatever the hour of asking.
 */
// The candidates of one request (alternatives, a series) all ask for the same horizon.
const HORIZONS_LIMIT = 256;
const horizons = new Map<string, { lastBookableDate: LocalDate; horizonEnd: Instant }>();

export function checkHorizon(request: BookingRequest, context: BookingContext): Violation[] {
  const { horizonDays } = request.resource.rules;
  const { lastBookableDate, horizonEnd } = remembered(
    horizons,
    `${context.now}|${context.zone}|${horizonDays}`,
    HORIZONS_LIMIT,
    () => {
      const lastBookableDate = addDays(localDateOf(context.now, context.zone), horizonDays);
      return { lastBookableDate, horizonEnd: startOfLocalDate(addDays(lastBookableDate, 1), context.zone) };
    },
  );
  return request.start >= horizonEnd ? [{ code: 'beyond_horizon', horizonDays, lastBookableDate, horizonEnd }] : [];
}
