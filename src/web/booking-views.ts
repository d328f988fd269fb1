// What the booking pages show of bookings, refusals and suggestions, in the reader's
// language and the site's zone. Pure: routes pass in what they loaded.
import type { BookingListRow, BookingRow } from '../services/bookings.js';
import type { ResourceView } from '../services/catalogue.js';
import type { Suggestion } from '../domain/alternatives.js';
import type { Violation } from '../domain/violations.js';
import { formatLocalDateTime, localDateTimeOf } from '../domain/zoned-time.js';
import { dateFormatter, type DateFormatter } from '../i18n/dates.js';
import type { Language, MessageKey, Translate } from '../i18n/index.js';
import { resourceNameIn, resourceNameOf, type InventorySnapshot } from '../services/inventory.js';
import { RESOURCE_KINDS } from '../domain/types.js';
import { describeViolation } from '../i18n/violations.js';
import { localName } from '../i18n/names.js';

export interface ViewContext {
  t: Translate;
  lang: Language;
  inventory: InventorySnapshot;
  /** Whether a booking holds the space for an outside organisation's event (a rental), said as such. */
  heldForEvent?: (bookingId: number) => boolean;
  /** The member a booking is for, when staff book for someone (refusals name them). */
  person?: string;
}

/** A booking as a row of a member's list shows it. */
export interface BookingListView {
  id: number;
  resourceName: string;
  when: string;
  status: BookingListRow['status'];
  statusText: string;
  active: boolean;
  title: string;
  /** "Checked in at 09:05" / "Checked out at 11:40", or null. */
  checkInText: string | null;
}

/** A booking as its own page shows it. */
export interface BookingView extends BookingListView {
  resourceId: number;
  headcount: number;
  seriesId: number | null;
  /** Local "YYYY-MM-DDTHH:mm" of start and end, to prefill the change form. */
  startLocal: string;
  endLocal: string;
}

export function localInput(instant: number, zone: string): string {
  return formatLocalDateTime(localDateTimeOf(instant, zone));
}

function listView(row: BookingListRow, ctx: ViewContext, dates: DateFormatter): BookingListView {
  return {
    id: row.id,
    resourceName: resourceNameIn(ctx.inventory, row.resourceId, ctx.lang),
    when: ctx.t('booking.when.value', {
      date: dates.date(row.startsAt),
      start: dates.time(row.startsAt),
      end: dates.time(row.endsAt),
    }),
    status: row.status,
    statusText: ctx.t(`booking.status.${row.status}` as MessageKey),
    active: row.status === 'confirmed' || row.status === 'pending',
    title: row.title,
    checkInText: checkInText(row, ctx, dates),
  };
}

/** A booking's check-in, in words: the time its member left, or arrived; null when neither. */
function checkInText(row: BookingListRow, ctx: ViewContext, dates: DateFormatter): string | null {
  if (row.checkedOutAt !== null) return ctx.t('checkIn.list.out', { time: dates.time(row.checkedOutAt) });
  if (row.checkedInAt !== null) return ctx.t('checkIn.list.in', { time: dates.time(row.checkedInAt) });
  return null;
}

/** The rows of a member's list, with one set of formatters for all of them. */
export function bookingListViews(rows: readonly BookingListRow[], ctx: ViewContext): BookingListView[] {
  const dates = dateFormatter(ctx.lang, ctx.inventory.site.timezone);
  return rows.map((row) => listView(row, ctx, dates));
}

export function bookingView(row: BookingRow, ctx: ViewContext): BookingView {
  const zone = ctx.inventory.site.timezone;
  return {
    ...listView(row, ctx, dateFormatter(ctx.lang, zone)),
    resourceId: row.resourceId,
    headcount: row.headcount,
    seriesId: row.seriesId,
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
  const sentences = violations.map((v) =>
    v.code === 'conflict' && ctx.heldForEvent?.(v.bookingId)
      ? ctx.t('rentals.held.reason')
      : describeViolation(v, {
          t: ctx.t,
          lang: ctx.lang,
          zone,
          resource,
          linkedName: (id) => resourceNameOf(ctx.inventory, id),
          requestStart,
          person: ctx.person,
          // Looked up only for a closure that refused: most refusals name none.
          closureReason: (id) => {
            const c = ctx.inventory.closures.find((closure) => closure.id === id);
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
    const resourceName = resourceNameIn(ctx.inventory, s.resourceId, ctx.lang) || s.resourceName;
    return {
      resourceId: s.resourceId,
      resourceName,
      when,
      label: ctx.t('refusal.take', { resource: resourceName, when }),
      startLocal: localInput(s.start, zone),
      endLocal: localInput(s.end, zone),
    };
  });
}

/** The resources to choose from in a booking's change form, grouped by kind. */
export function resourceChoiceGroups(ctx: ViewContext) {
  return RESOURCE_KINDS.map((kind) => ({
    kind,
    label: ctx.t(`kind.heading.${kind}` as MessageKey),
    items: ctx.inventory.resources
      .filter((r) => r.kind === kind)
      .map((r) => ({ id: r.id, name: localName(r, ctx.lang) })),
  })).filter((g) => g.items.length > 0);
}
