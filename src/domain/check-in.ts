// Check-in, check-out and no-show release of one booking, as pure rules over instants.
// A booking may be checked in from `opensBeforeMinutes` before its start until its end; one
// not checked in by its release deadline (start + grace, longer for a member with an access
// need, never later than its end) is released. Checking out ends a booking early, at the
// next whole slot step (or half-day) from its start, so the rest is bookable at once.

import type { BookingStatus, CheckInPolicy, Instant, Interval, Resource } from './types.js';
import { localDateOf, parseLocalTime, boundaryInstant } from './zoned-time.js';

const MINUTE_MS = 60_000;

/** How early one may check in when the resource's kind has no policy (the schema's default). */
export const DEFAULT_OPENS_BEFORE_MINUTES = 30;

/** A booking as check-in and check-out see it. */
export interface CheckInSubject {
  startsAt: Instant;
  endsAt: Instant;
  status: BookingStatus;
  checkedInAt: Instant | null;
  checkedOutAt: Instant | null;
}

export type CheckInViolation =
  /** The window opens at `opensAt` (before the start by the kind's `opensBeforeMinutes`). */
  | { code: 'check_in_not_open_yet'; opensAt: Instant }
  /** The booking ended at `endedAt`: too late to check in. */
  | { code: 'check_in_over'; endedAt: Instant }
  /** Cancelled, released, rejected or awaiting approval. */
  | { code: 'booking_not_active'; status: BookingStatus }
  /** Only a checked-in booking can be checked out. */
  | { code: 'not_checked_in' }
  | { code: 'already_checked_out'; checkedOutAt: Instant }
  /** The booking ended at `endedAt`: nothing left to check out of. */
  | { code: 'check_out_over'; endedAt: Instant };

export type CheckInViolationCode = CheckInViolation['code'];

export type CheckInVerdict = { ok: true; alreadyCheckedIn: boolean } | { ok: false; violation: CheckInViolation };

export type CheckOutVerdict = { ok: true; endsAt: Instant } | { ok: false; violation: CheckInViolation };

/** [start - opensBefore, end): when a booking may be checked in. */
export function checkInWindow(booking: Pick<CheckInSubject, 'startsAt' | 'endsAt'>, policy?: CheckInPolicy): Interval {
  const before = policy?.opensBeforeMinutes ?? DEFAULT_OPENS_BEFORE_MINUTES;
  return { start: booking.startsAt - before * MINUTE_MS, end: booking.endsAt };
}

/**
 * Minutes after the start by which a booking must be checked in, or null when it is never
 * released (its kind has no policy). An access need adds the kind's extra minutes to the
 * resource's own grace, so a resource with a longer grace keeps it longer for everyone.
 */
export function graceMinutes(
  resource: Pick<Resource, 'rules'>,
  policy: CheckInPolicy | undefined,
  accessNeeds: readonly string[],
): number | null {
  const grace = resource.rules.checkInGraceMinutes;
  if (!policy || grace === null) return null;
  const extra = accessNeeds.length > 0 ? Math.max(0, policy.accessNeedGraceMinutes - policy.graceMinutes) : 0;
  return grace + extra;
}

/** The instant from which a booking not checked in is released, or null if it never is. */
export function releaseDeadline(
  booking: Pick<CheckInSubject, 'startsAt' | 'endsAt'>,
  resource: Pick<Resource, 'rules'>,
  policy: CheckInPolicy | undefined,
  accessNeeds: readonly string[],
): Instant | null {
  const grace = graceMinutes(resource, policy, accessNeeds);
  if (grace === null) return null;
  // A booking that ends before its grace is a no-show from its end: nobody can check in after it.
  return Math.min(booking.startsAt + grace * MINUTE_MS, booking.endsAt);
}

/** Whether a booking is due for release at `now`: confirmed, not checked in, past its deadline. */
export function isDueForRelease(booking: CheckInSubject, deadline: Instant | null, now: Instant): boolean {
  return deadline !== null && booking.status === 'confirmed' && booking.checkedInAt === null && deadline <= now;
}

/** May the booking be checked in at `now`? A second check-in is accepted and changes nothing. */
export function judgeCheckIn(booking: CheckInSubject, policy: CheckInPolicy | undefined, now: Instant): CheckInVerdict {
  if (booking.status !== 'confirmed')
    return { ok: false, violation: { code: 'booking_not_active', status: booking.status } };
  if (booking.checkedInAt !== null) return { ok: true, alreadyCheckedIn: true };
  const window = checkInWindow(booking, policy);
  if (now < window.start) return { ok: false, violation: { code: 'check_in_not_open_yet', opensAt: window.start } };
  if (now >= window.end) return { ok: false, violation: { code: 'check_in_over', endedAt: window.end } };
  return { ok: true, alreadyCheckedIn: false };
}

/**
 * May the booking be checked out at `now`, and where does it end then? Only a checked-in
 * booking that has not ended; its new end is checkOutEnd.
 */
export function judgeCheckOut(
  booking: CheckInSubject,
  resource: Pick<Resource, 'rules'>,
  zone: string,
  now: Instant,
): CheckOutVerdict {
  if (booking.status !== 'confirmed')
    return { ok: false, violation: { code: 'booking_not_active', status: booking.status } };
  if (booking.checkedOutAt !== null)
    return { ok: false, violation: { code: 'already_checked_out', checkedOutAt: booking.checkedOutAt } };
  if (booking.checkedInAt === null) return { ok: false, violation: { code: 'not_checked_in' } };
  if (now >= booking.endsAt) return { ok: false, violation: { code: 'check_out_over', endedAt: booking.endsAt } };
  return { ok: true, endsAt: checkOutEnd(booking, resource, zone, now) };
}

/**
 * The end of a booking checked out at `now`: rounded up to a whole slot step from its start
 * (at least one step, never past its end). A half-day desk ends at the end of the half-day
 * that `now` falls in: at the split for a full day left in the morning, else where it ended.
 */
export function checkOutEnd(
  booking: Pick<CheckInSubject, 'startsAt' | 'endsAt'>,
  resource: Pick<Resource, 'rules'>,
  zone: string,
  now: Instant,
): Instant {
  const { startsAt, endsAt } = booking;
  if (resource.rules.shape === 'half_day') {
    const splitMinutes = parseLocalTime(resource.rules.halfDaySplit);
    if (splitMinutes === null) return endsAt;
    const split = boundaryInstant(localDateOf(startsAt, zone), splitMinutes, zone);
    return split > startsAt && split < endsAt && now < split ? split : endsAt;
  }
  const step = Math.max(1, resource.rules.slotStepMinutes) * MINUTE_MS;
  const steps = Math.max(1, Math.ceil((now - startsAt) / step));
  return Math.min(endsAt, startsAt + steps * step);
}
