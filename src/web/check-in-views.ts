// What the pages show of a booking's check-in: its state in words, which button it offers
// now, and a refusal's reason, in the reader's language and the site's zone. Pure.
import type { BookingRow } from '../services/bookings.js';
import { judgeCheckIn, type CheckInViolation } from '../domain/check-in.js';
import { localDateOf } from '../domain/zoned-time.js';
import { dateFormatter } from '../i18n/dates.js';
import type { MessageKey } from '../i18n/index.js';
import type { ViewContext } from './booking-views.js';

export interface CheckInView {
  /** "Checked in at 09:05", "Checked out at 11:40" or "Not checked in yet"; null when it does not apply. */
  state: string | null;
  canCheckIn: boolean;
  canCheckOut: boolean;
  /** "Check in by 10:15, or the booking is released." or "You can check in from 09:45."; null otherwise. */
  hint: string | null;
}

type CheckInFields = Pick<
  BookingRow,
  'id' | 'resourceId' | 'startsAt' | 'endsAt' | 'status' | 'checkedInAt' | 'checkedOutAt'
>;

/** An instant as the time alone on the day of `now`, or with its date on another day. */
function when(ctx: ViewContext, instant: number, now: number): string {
  const zone = ctx.inventory.site.timezone;
  const dates = dateFormatter(ctx.lang, zone);
  return localDateOf(instant, zone) === localDateOf(now, zone) ? dates.time(instant) : dates.dateTime(instant);
}

/** The check-in state and buttons of a booking at `now`; `deadline` is its release deadline (the service's). */
export function checkInView(row: CheckInFields, ctx: ViewContext, now: number, deadline: number | null): CheckInView {
  const resource = ctx.inventory.resourcesById.get(row.resourceId);
  const policy = resource ? ctx.inventory.checkInPolicies.get(resource.kind) : undefined;
  const t = ctx.t;
  if (row.checkedOutAt !== null)
    return {
      state: t('checkIn.outAt', { time: when(ctx, row.checkedOutAt, now) }),
      canCheckIn: false,
      canCheckOut: false,
      hint: null,
    };
  if (row.checkedInAt !== null) {
    const open = row.status === 'confirmed' && now < row.endsAt;
    return {
      state: t('checkIn.at', { time: when(ctx, row.checkedInAt, now) }),
      canCheckIn: false,
      canCheckOut: open,
      hint: null,
    };
  }
  if (row.status !== 'confirmed' || now >= row.endsAt || !resource)
    return { state: null, canCheckIn: false, canCheckOut: false, hint: null };
  const verdict = judgeCheckIn(row, policy, now);
  // A kind without a policy needs no check-in: the button is offered in the window, nothing is announced.
  if (!policy) return { state: null, canCheckIn: verdict.ok, canCheckOut: false, hint: null };
  let hint: string | null = null;
  if (!verdict.ok && verdict.violation.code === 'check_in_not_open_yet')
    hint = t('checkIn.opensAt', { time: when(ctx, verdict.violation.opensAt, now) });
  else if (deadline !== null) hint = t('checkIn.deadline', { time: when(ctx, deadline, now) });
  return { state: t('checkIn.none'), canCheckIn: verdict.ok, canCheckOut: false, hint };
}

/** Why a check-in or check-out was refused, as a sentence. */
export function checkInReason(violation: CheckInViolation, ctx: ViewContext, now: number): string {
  const t = ctx.t;
  const key = `checkIn.error.${violation.code}` as MessageKey;
  let params = {};
  if (violation.code === 'check_in_not_open_yet') params = { time: when(ctx, violation.opensAt, now) };
  if (violation.code === 'check_in_over' || violation.code === 'check_out_over')
    params = { time: when(ctx, violation.endedAt, now) };
  if (violation.code === 'already_checked_out') params = { time: when(ctx, violation.checkedOutAt, now) };
  if (violation.code === 'booking_not_active')
    params = { status: t(`booking.status.${violation.status}` as MessageKey).toLowerCase() };
  return t('checkIn.refused', { reason: t(key, params) });
}

/** The notice a booking's page shows after a check-in (`done=checkedIn`, `alreadyCheckedIn`) or a check-out. */
export function checkInNotices(done: string | undefined, row: Pick<BookingRow, 'endsAt'>, ctx: ViewContext): string[] {
  const t = ctx.t;
  if (done === 'checkedIn') return [t('checkIn.done')];
  if (done === 'alreadyCheckedIn') return [t('checkIn.already')];
  if (done === 'checkedOut')
    return [t('checkOut.done', { time: dateFormatter(ctx.lang, ctx.inventory.site.timezone).time(row.endsAt) })];
  return [];
}
