// What the booking pages show of bookings, refusals and suggestions, in the reader's
// language and the site's zone. Pure: routes pass in what they loaded.
import type { BookingRow } from '../services/bookings.js';
import type { ResourceView } from '../services/catalogue.js';
import type { Suggestion } from '../domain/alternatives.js';
import type { Violation } from '../domain/violations.js';
import { formatLocalDateTime, localDateTimeOf } from '../domain/zoned-time.js';
import { dateFormatter } from '../i18n/dates.js';
import type { Language, MessageKey, Translate } from '../i18n/index.js';
import type { InventorySnapshot } from '../services/inventory.js';
import { describeViolation } from '../i18n/violations.js';

export interface ViewContext {
  t: Translate;
  lang: Language;
  inventory: InventorySnapshot;
}

export interface BookingView {
  id: number;
  resourceId: number;
  resourceName: string;
  date: string;
  start: string;
  end: string;
  when: string;
  status: BookingRow['status'];
  statusText: string;
  active: boolean;
  headcount: number;
  title: string;
  seriesId: number | null;
  startsAt: number;
  /** Local "YYYY-MM-DDTHH:mm" of start and end, to prefill the change form. */
  startLocal: string;
  endLocal: string;
}

export function localInput(instant: number, zone: string): string {
  return formatLocalDateTime(localDateTimeOf(instant, zone));
}

export function bookingView(row: BookingRow, ctx: ViewContext): BookingView {
  const zone = ctx.inventory.site.timezone;
  const dates = dateFormatter(ctx.lang, zone);
  const date = dates.date(row.startsAt);
  const start = dates.time(row.startsAt);
  const end = dates.time(row.endsAt);
  return {
    id: row.id,
    resourceId: row.resourceId,
    resourceName: ctx.inventory.resourcesById.get(row.resourceId)?.name ?? '',
    date,
    start,
    end,
    when: ctx.t('booking.when.value', { date, start, end }),
    status: row.status,
    statusText: ctx.t(`booking.status.${row.status}` as MessageKey),
    active: row.status === 'confirmed' || row.status === 'pending',
    headcount: row.headcount,
    title: row.title,
    seriesId: row.seriesId,
    startsAt: row.startsAt,
    startLocal: localInput(row.startsAt, zone),
    endLocal: localInput(row.endsAt, zone),
  };
}

export function reasons(
  violations: readonly Violation[],
  resource: ResourceView,
  requestStart: number,
  ctx: ViewContext,
): string[] {
  const zone = ctx.inventory.site.timezone;
  const closures = new Map(ctx.inventory.closures.map((c) => [c.id, c]));
  const sentences = violations.map((v) =>
    describeViolation(v, {
      t: ctx.t,
      lang: ctx.lang,
      zone,
      resourceName: resource.name,
      requestStart,
      closureReason: (id) => {
        const c = closures.get(id);
        return c && ctx.lang === 'en' ? (c.reasonEn ?? c.reason) : c?.reason;
      },
    }),
  );
  // Two violations can read the same (a start and an end both skipped by the clock change).
  return [...new Set(sentences)];
}

export interface SuggestionView {
  resourceId: number;
  resourceName: string;
  when: string;
  label: string;
  startLocal: string;
  endLocal: string;
}

export function suggestionViews(suggestions: readonly Suggestion[], ctx: ViewContext): SuggestionView[] {
  const zone = ctx.inventory.site.timezone;
  const dates = dateFormatter(ctx.lang, zone);
  return suggestions.map((s) => {
    const when = ctx.t('booking.when.value', {
      date: dates.weekdayDate(s.start),
      start: dates.time(s.start),
      end: dates.time(s.end),
    });
    return {
      resourceId: s.resourceId,
      resourceName: s.resourceName,
      when,
      label: ctx.t('refusal.take', { resource: s.resourceName, when }),
      startLocal: localInput(s.start, zone),
      endLocal: localInput(s.end, zone),
    };
  });
}
