// The mail that announces a new recurring booking: ONE message listing the dates booked and
// the dates skipped (with why), rather than one per date. The series' transaction writes its
// intent (the series, and the skipped dates, which nothing else keeps); the worker renders it
// from the series as it is when the mail goes: the dates still booked then, so a date
// cancelled in between is not announced. It carries no invitation: each date is its own
// calendar event (own UID, see booking-event.ts), and an iTIP message holds one UID; the dates
// reach calendars through the person's feed.
import type { Db } from '../db/connection.js';
import { closureReasons, resourceNames, seriesForMail, type OutboxRow, type SeriesForMail } from '../db/outbox.js';
import type { SkippedDate } from '../db/schema.js';
import { addressIn } from '../i18n/address.js';
import { formatInstant, formatLocalDate } from '../i18n/dates.js';
import { translator, type Language } from '../i18n/index.js';
import { describeViolation } from '../i18n/violations.js';
import { localName, type ResourceName } from '../i18n/names.js';
import type { Recipient } from './booking-mails.js';
import {
  sentMailOf,
  type IntentWriter,
  type MailSettings,
  type OutboxKick,
  type OutgoingMail,
  type Rendering,
} from './outbox.js';
import { renderMail } from './render.js';

interface Place {
  resource: ResourceName;
  siteAddress: string;
  zone: string;
  closureReason?: (id: number, lang: Language) => string | undefined;
  /** Another resource a skipped date's refusal names, in both languages. */
  otherResource?: (id: number) => ResourceName | undefined;
}

/** A series as its summary tells it: its dates still booked, in order, and those skipped. */
export interface SeriesSummary {
  title: string;
  dates: readonly { id: number; startsAt: number; endsAt: number; status: string }[];
  skipped: readonly SkippedDate[];
}

export function composeSeriesMail(
  series: SeriesSummary,
  place: Place,
  recipient: Recipient,
  settings: MailSettings,
): OutgoingMail {
  const lang = recipient.language;
  const t = translator(lang);
  const line = (start: number, end: number) =>
    t('mail.series-created.line', {
      date: formatInstant(start, lang, place.zone, 'date'),
      start: formatInstant(start, lang, place.zone, 'time'),
      end: formatInstant(end, lang, place.zone, 'time'),
    });
  const booked = series.dates.map((b) => ({ line: line(b.startsAt, b.endsAt) }));
  const skipped = series.skipped.map((plan) => {
    const reasons = plan.violations.map((v) =>
      describeViolation(v, {
        t,
        lang,
        zone: place.zone,
        resource: place.resource,
        linkedName: (id) => place.otherResource?.(id),
        requestStart: plan.start ?? 0,
        closureReason: (id) => place.closureReason?.(id, lang),
      }),
    );
    const when =
      plan.start !== null && plan.end !== null
        ? line(plan.start, plan.end)
        : `${formatLocalDate(plan.localDate, lang, 'date')} ${plan.localStart.slice(11)}`;
    return { line: when, reasons: [...new Set(reasons)] };
  });
  const first = series.dates[0];
  const rendered = renderMail('series-created', lang, {
    name: recipient.name,
    resource: localName(place.resource, lang),
    gender: place.resource.nameGender,
    address: addressIn(place.siteAddress, lang),
    title: series.title,
    count: booked.length,
    booked,
    skipped,
    pending: series.dates.some((b) => b.status === 'pending'),
    url: first ? `${settings.baseUrl}/bookings/${first.id}` : '',
  });
  return { kind: 'series-created', to: recipient.email, ...rendered };
}

/** What a new series tells its listeners (SeriesService.onCreated), as far as its mail needs. */
interface SeriesCreated {
  seriesId: number;
  memberId: number;
  booked: readonly unknown[];
  refused: readonly SkippedDate[];
}

/** A SeriesService listener: writes the summary's intent in the series' transaction, then wakes the worker. */
export function seriesMailListener(intents: IntentWriter, outbox: OutboxKick, clock: { now(): number }) {
  return (_tx: Db, series: SeriesCreated): void => {
    if (series.booked.length === 0 || !intents.memberIsActive(series.memberId)) return;
    const skipped = series.refused.map(({ localDate, localStart, start, end, violations }) => ({
      localDate,
      localStart,
      start,
      end,
      violations,
    }));
    intents.enqueue({ kind: 'series-created', seriesId: series.seriesId, details: { skipped } }, clock.now());
    outbox.kick();
  };
}

function placeOf(db: Db, series: SeriesForMail, skipped: readonly SkippedDate[]): Place {
  const ids = skipped.flatMap((s) => s.violations.flatMap((v) => (v.code === 'closed' ? [v.closureId] : [])));
  const reasons = new Map(closureReasons(db, [...new Set(ids)]).map((c) => [c.id, c]));
  const otherIds = skipped.flatMap((s) =>
    s.violations.flatMap((v) =>
      v.code === 'linked_resource_busy' || v.code === 'already_booked_elsewhere' ? [v.resourceId] : [],
    ),
  );
  const others = new Map(resourceNames(db, [...new Set(otherIds)]).map(({ id, ...names }) => [id, names]));
  return {
    resource: { name: series.resourceName, nameEn: series.resourceNameEn, nameGender: series.resourceGender },
    otherResource: (id) => others.get(id),
    siteAddress: series.siteAddress,
    zone: series.zone,
    closureReason: (id, lang) => {
      const c = reasons.get(id);
      return c && lang === 'en' ? (c.reasonEn ?? c.reason) : c?.reason;
    },
  };
}

/** The summary of a series intent; superseded when none of its dates is still booked. */
export function renderSeriesIntent(db: Db, row: OutboxRow, settings: MailSettings): Rendering {
  const series = row.seriesId === null ? undefined : seriesForMail(db, row.seriesId);
  if (!series) return { ok: false, status: 'failed', reason: 'series not found' };
  if (series.dates.length === 0) return { ok: false, status: 'superseded', reason: 'no date of the series is booked' };
  if (!series.active || series.email === null || series.memberName === null || series.language === null)
    return { ok: false, status: 'failed', reason: 'the member is no longer active' };
  const skipped = row.details?.skipped ?? [];
  const mail = composeSeriesMail(
    { title: series.title, dates: series.dates, skipped },
    placeOf(db, series, skipped),
    { name: series.memberName, email: series.email, language: series.language },
    settings,
  );
  return { ok: true, mail: sentMailOf(mail), composed: false };
}
