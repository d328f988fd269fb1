// The social-impact view: hours of space given to each organisation and programme, valued at
// the public rate of the resource's kind in force on each local day (a rate holds from its
// start date until the next one of its kind). Hourly kinds are valued per hour booked; a kind
// rated per half-day is valued per half-day touched, as the desk quota counts them.

import type { Interval } from './types.js';
import { localDayRange, localDateOf } from './zoned-time.js';
import { addDays, type LocalDate } from './local-date.js';
import { intersect } from './interval.js';
import { countHalfDays } from './quota.js';

export interface PublicRate {
  resourceKind: string;
  unit: 'hour' | 'half_day';
  amountCents: number;
  startsOn: LocalDate;
}

/** A booking given to an organisation, as the valuation needs it. */
export interface GivenBooking extends Interval {
  resourceKind: string;
  halfDaySplit: string;
  organisationId: number;
}

export interface GivenTotal {
  organisationId: number;
  minutes: number;
  /** Value in cents excluding VAT; bookings of a kind with no rate that day add nothing. */
  valueCents: number;
  /** Minutes that had no rate in force (shown so a missing rate is not mistaken for free). */
  unratedMinutes: number;
}

/** The rate of `kind` in force on `date`: the latest whose start date is on or before it. */
export function rateOn(rates: readonly PublicRate[], kind: string, date: LocalDate): PublicRate | null {
  let best: PublicRate | null = null;
  for (const rate of rates)
    if (rate.resourceKind === kind && rate.startsOn <= date && (!best || rate.startsOn >= best.startsOn)) best = rate;
  return best;
}

/** The value of one booking, clipped to `window`, day by day at that day's rate (fractional cents). */
export function valueOf(
  booking: GivenBooking,
  window: Interval,
  rates: readonly PublicRate[],
  zone: string,
): { minutes: number; cents: number; unratedMinutes: number } {
  const clipped = intersect(booking, window);
  if (!clipped) return { minutes: 0, cents: 0, unratedMinutes: 0 };
  let minutes = 0;
  let cents = 0;
  let unratedMinutes = 0;
  for (let date = localDateOf(clipped.start, zone); ; date = addDays(date, 1)) {
    const day = localDayRange(date, zone);
    const part = intersect(clipped, day);
    if (part) {
      const partMinutes = (part.end - part.start) / 60_000;
      minutes += partMinutes;
      const rate = rateOn(rates, booking.resourceKind, date);
      if (!rate) unratedMinutes += partMinutes;
      else if (rate.unit === 'hour') cents += (partMinutes / 60) * rate.amountCents;
      else cents += countHalfDays(part, zone, booking.halfDaySplit) * rate.amountCents;
    }
    if (clipped.end <= day.end) break;
  }
  return { minutes, cents, unratedMinutes };
}

/** Minutes and value per organisation, in the order organisations first appear; cents rounded once per total. */
export function givenByOrganisation(
  bookings: readonly GivenBooking[],
  window: Interval,
  rates: readonly PublicRate[],
  zone: string,
): GivenTotal[] {
  const totals = new Map<number, { minutes: number; cents: number; unratedMinutes: number }>();
  for (const booking of bookings) {
    const v = valueOf(booking, window, rates, zone);
    const t = totals.get(booking.organisationId) ?? { minutes: 0, cents: 0, unratedMinutes: 0 };
    t.minutes += v.minutes;
    t.cents += v.cents;
    t.unratedMinutes += v.unratedMinutes;
    totals.set(booking.organisationId, t);
  }
  return [...totals].map(([organisationId, t]) => ({
    organisationId,
    minutes: Math.round(t.minutes),
    valueCents: Math.round(t.cents),
    unratedMinutes: Math.round(t.unratedMinutes),
  }));
}

/** The no-show rate in whole percent of the bookings that were held (null when there were none). */
export function noShowPercent(held: number, noShows: number): number | null {
  return held === 0 ? null : Math.round((noShows / held) * 100);
}
