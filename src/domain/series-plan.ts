// What booking a series would do, occurrence by occurrence, and the two policies a person
// chooses between: book the free dates and skip the others, or all or nothing.

import type { ExistingBooking, Instant, Interval } from './types.js';
import type { LocalDate } from './local-date.js';
import type { Violation } from './violations.js';
import type { Occurrence } from './recurrence.js';
import type { BookingContext, BookingRequest, QuotaState } from './booking-request.js';
import { evaluateBooking } from './rules.js';
import { calendarMonthOf, usageWithin, type QuotaMonth } from './quota.js';

export interface OccurrencePlan {
  index: number;
  localDate: LocalDate;
  localStart: string;
  /** null when the wall-clock time does not exist that day. */
  start: Instant | null;
  end: Instant | null;
  /** Empty: this occurrence can be booked. */
  violations: Violation[];
}

/**
 * Judges one occurrence. `accepted` are the earlier occurrences found bookable, so a series
 * cannot overlap itself and its quota use adds up.
 */
export type OccurrenceEvaluator = (interval: Interval, accepted: readonly OccurrencePlan[]) => Violation[];

export function planSeries(occurrences: readonly Occurrence[], evaluate: OccurrenceEvaluator): OccurrencePlan[] {
  const plans: OccurrencePlan[] = [];
  const accepted: OccurrencePlan[] = [];
  for (const o of occurrences) {
    const base = { index: o.index, localDate: o.localDate, localStart: o.localStart };
    const plan: OccurrencePlan = o.ok
      ? { ...base, start: o.start, end: o.end, violations: evaluate({ start: o.start, end: o.end }, accepted) }
      : { ...base, start: null, end: null, violations: [o.violation] };
    plans.push(plan);
    if (plan.violations.length === 0) accepted.push(plan);
  }
  return plans;
}

/**
 * The usual evaluator: evaluateBooking with the accepted occurrences added as pending
 * bookings of the same member (negative ids: they have none yet) and to the quota used.
 * Quotas are monthly: give `quotaOfMonth` (the state of each site-zone month without this
 * series) and each occurrence is held to its own month. Without it, context.quota holds
 * for every occurrence and all accepted ones count against it, which errs on the safe side.
 */
export function seriesEvaluator(
  request: Omit<BookingRequest, 'start' | 'end'>,
  context: BookingContext,
  quotaOfMonth?: (month: QuotaMonth) => QuotaState | null,
): OccurrenceEvaluator {
  const split = request.resource.rules.halfDaySplit;
  return (interval, accepted) => {
    const planned: ExistingBooking[] = accepted.map((p) => ({
      id: -1 - p.index,
      resourceId: request.resource.id,
      memberId: request.memberId,
      start: p.start!,
      end: p.end!,
      headcount: request.headcount,
      status: 'pending',
    }));
    let quota = context.quota ?? null;
    let window: Interval = { start: -Infinity, end: Infinity };
    if (quotaOfMonth) {
      const month = calendarMonthOf(interval.start, context.zone);
      quota = quotaOfMonth(month);
      window = month;
    }
    const withPlanned = quota
      ? { ...quota, usedMinutes: quota.usedMinutes + usageWithin(planned, window, quota.unit, context.zone, split) }
      : null;
    return evaluateBooking(
      { ...request, ...interval },
      { ...context, existingBookings: [...context.existingBookings, ...planned], quota: withPlanned },
    );
  };
}

export type SeriesPolicy = 'skip_conflicts' | 'all_or_nothing';

export interface SeriesDecision {
  /** Occurrences to write now. */
  book: OccurrencePlan[];
  /** Occurrences that cannot be booked, with their reasons. */
  refused: OccurrencePlan[];
}

/**
 * skip_conflicts books every free occurrence; all_or_nothing books them all or, if one is
 * refused, none. Either way nothing is booked when nothing is free.
 */
export function decideSeries(plans: readonly OccurrencePlan[], policy: SeriesPolicy): SeriesDecision {
  const free = plans.filter((p) => p.violations.length === 0);
  const refused = plans.filter((p) => p.violations.length > 0);
  const book = policy === 'all_or_nothing' && refused.length > 0 ? [] : free;
  return { book, refused };
}
