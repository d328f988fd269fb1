// What a signed-in person's home shows, in their language and the site's zone, with dates in
// words ("lundi 7 décembre 2026, 10:00–11:00"). Pure: the route passes in what it loaded.
import type { HomeOverview, TeamBookingRow, UsualDesk } from '../services/home.js';
import type { BookingListRow } from '../services/bookings.js';
import { localDateOf } from '../domain/zoned-time.js';
import { dateFormatter, type DateFormatter } from '../i18n/dates.js';
import type { MessageKey } from '../i18n/index.js';
import type { ViewContext } from './booking-views.js';
import { bookingListViews } from './booking-views.js';
import { checkInView, type CheckInView } from './check-in-views.js';
import { zoneName } from './presenters.js';
import { resourceNameIn, resourceNameOf } from '../services/inventory.js';
import { resourceParams } from '../i18n/names.js';

export interface UsualDeskView {
  zoneId: number | null;
  date: string;
  part: string;
  /** "Open space, mardi 8 décembre 2026, matin (08:30–13:00)". */
  label: string;
  /** "12 postes libres" / "Aucun poste libre". */
  freeText: string;
  free: number;
  deskPage: string;
}

export interface TodayView {
  id: number;
  resourceName: string;
  when: string;
  statusText: string;
  checkIn: CheckInView;
  checkInLabel: string;
}

function resourceName(ctx: ViewContext, id: number): string {
  return resourceNameIn(ctx.inventory, id, ctx.lang);
}

function span(ctx: ViewContext, dates: DateFormatter, b: { startsAt: number; endsAt: number }): string {
  return ctx.t('booking.when.value', {
    date: dates.date(b.startsAt),
    start: dates.time(b.startsAt),
    end: dates.time(b.endsAt),
  });
}

/** The desk page opened on the same zone's half-day. */
export function deskPageOf(date: string, part: string): string {
  return `/book/desk?date=${encodeURIComponent(date)}&part=${encodeURIComponent(part)}`;
}

export function usualDeskView(desk: UsualDesk, ctx: ViewContext): UsualDeskView {
  const dates = dateFormatter(ctx.lang, ctx.inventory.site.timezone);
  const partText = ctx.t(`home.my.usual.part.${desk.part}` as MessageKey, {
    start: desk.slot.startText,
    end: desk.slot.endText,
  });
  return {
    zoneId: desk.zoneId,
    date: desk.date,
    part: desk.part,
    label: ctx.t('home.my.usual.what', {
      zone: zoneName(ctx.lang, desk.sample) ?? '',
      date: dates.date(desk.slot.start),
      part: partText,
    }),
    freeText: ctx.t('home.my.usual.free', { count: desk.free }),
    free: desk.free,
    deskPage: deskPageOf(desk.date, desk.part),
  };
}

function todayView(row: HomeOverview['today'][number], ctx: ViewContext, dates: DateFormatter, now: number): TodayView {
  const name = resourceName(ctx, row.resourceId);
  const when = ctx.t('home.my.timeRange', { start: dates.time(row.startsAt), end: dates.time(row.endsAt) });
  const checkIn = checkInView(row, ctx, now, row.checkInDeadline);
  const action = ctx.t(checkIn.canCheckIn ? 'checkIn.button' : 'checkOut.button');
  return {
    id: row.id,
    resourceName: name,
    when,
    statusText: ctx.t(`booking.status.${row.status}` as MessageKey),
    checkIn,
    // The visible words lead the name (WCAG 2.5.3); the booking follows, so each button is told apart.
    checkInLabel: ctx.t('home.my.action.label', { action, resource: name, when }),
  };
}

function teamView(row: TeamBookingRow, ctx: ViewContext, dates: DateFormatter) {
  return {
    id: row.id,
    person: row.memberName ?? row.guestName ?? ctx.t('home.my.team.someone'),
    resourceName: resourceName(ctx, row.resourceId),
    when: ctx.t('home.my.timeRange', { start: dates.time(row.startsAt), end: dates.time(row.endsAt) }),
    checkedIn: row.checkedInAt !== null ? ctx.t('checkIn.list.in', { time: dates.time(row.checkedInAt) }) : null,
  };
}

/** A closure in words: its day, or its first and last days when it lasts longer, and its reason. */
function closureView(c: HomeOverview['closures'][number], ctx: ViewContext, dates: DateFormatter) {
  const zone = ctx.inventory.site.timezone;
  const first = localDateOf(c.start, zone);
  // The end is exclusive: a closure ending at midnight ends on the day before.
  const last = localDateOf(c.end - 1, zone);
  const when =
    first === last
      ? dates.date(c.start)
      : ctx.t('home.my.closure.range', { from: dates.date(c.start), to: dates.date(c.end - 1) });
  const reason = ctx.lang === 'en' ? (c.reasonEn ?? c.reason) : c.reason;
  const named = c.resourceId !== null ? resourceNameOf(ctx.inventory, c.resourceId) : undefined;
  return named
    ? ctx.t('home.my.closure.resource', { when, ...resourceParams(named, ctx.lang), reason })
    : ctx.t('home.my.closure', { when, reason });
}

function nextView(row: BookingListRow | null, ctx: ViewContext, dates: DateFormatter) {
  if (!row) return null;
  return {
    id: row.id,
    text: ctx.t('home.my.next.what', { resource: resourceName(ctx, row.resourceId), when: span(ctx, dates, row) }),
  };
}

export function homeView(overview: HomeOverview, ctx: ViewContext) {
  const dates = dateFormatter(ctx.lang, ctx.inventory.site.timezone);
  return {
    next: nextView(overview.next, ctx, dates),
    todayLabel: dates.date(overview.now),
    today: overview.today.map((row) => todayView(row, ctx, dates, overview.now)),
    later: bookingListViews(overview.later, ctx),
    pending: overview.pending.map((b) =>
      ctx.t('home.my.pending.what', { resource: resourceName(ctx, b.resourceId), when: span(ctx, dates, b) }),
    ),
    closures: overview.closures.map((c) => closureView(c, ctx, dates)),
    team: overview.team?.map((row) => teamView(row, ctx, dates)) ?? null,
    usualDesk: overview.usualDesk ? usualDeskView(overview.usualDesk, ctx) : null,
  };
}
