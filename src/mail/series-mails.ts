// The mail that announces a new recurring booking: ONE message listing the dates booked and
// the dates skipped (with why), rather than one per date. Queued by a SeriesService listener
// inside the transaction that writes the series. It carries no invitation: each date is its
// own calendar event (own UID, see booking-event.ts), and an iTIP message holds one UID;
// the dates reach calendars through the person's feed.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { members } from '../db/schema.js';
import type { SeriesCreated } from '../services/series.js';
import type { Inventory } from '../services/inventory.js';
import { formatInstant } from '../i18n/dates.js';
import { translator, type Language } from '../i18n/index.js';
import { describeViolation } from '../i18n/violations.js';
import type { BookingMailSettings, Recipient } from './booking-mails.js';
import { enqueueMail, MailValidationError, type OutgoingMail } from './outbox.js';
import { renderMail } from './render.js';
import type { OutboxKick } from './worker.js';

interface Place {
  resourceName: string;
  siteAddress: string;
  zone: string;
  closureReason?: (id: number, lang: Language) => string | undefined;
}

export function composeSeriesMail(
  series: SeriesCreated,
  place: Place,
  recipient: Recipient,
  settings: BookingMailSettings,
): OutgoingMail {
  const lang = recipient.language;
  const t = translator(lang);
  const line = (start: number, end: number) =>
    t('mail.series-created.line', {
      date: formatInstant(start, lang, place.zone, 'date'),
      start: formatInstant(start, lang, place.zone, 'time'),
      end: formatInstant(end, lang, place.zone, 'time'),
    });
  const booked = series.booked.map((b) => ({ line: line(b.startsAt, b.endsAt) }));
  const skipped = series.refused.map((plan) => {
    const reasons = plan.violations.map((v) =>
      describeViolation(v, {
        t,
        lang,
        zone: place.zone,
        resourceName: place.resourceName,
        requestStart: plan.start ?? 0,
        closureReason: (id) => place.closureReason?.(id, lang),
      }),
    );
    const when =
      plan.start !== null && plan.end !== null
        ? line(plan.start, plan.end)
        : `${plan.localDate} ${plan.localStart.slice(11)}`;
    return { line: when, reasons: [...new Set(reasons)] };
  });
  const first = series.booked[0];
  const rendered = renderMail('series-created', lang, {
    name: recipient.name,
    resource: place.resourceName,
    address: place.siteAddress,
    title: series.title,
    count: booked.length,
    booked,
    skipped,
    pending: series.booked.some((b) => b.status === 'pending'),
    url: first ? `${settings.baseUrl}/bookings/${first.id}` : '',
  });
  return { kind: 'series-created', to: recipient.email, ...rendered, ...(first ? { bookingId: first.id } : {}) };
}

/** A SeriesService listener: queues the summary in the series' transaction, then wakes the worker. */
export function seriesMailListener(
  settings: BookingMailSettings,
  outbox: OutboxKick,
  clock: { now(): number },
  inventory: Inventory,
) {
  return (tx: Db, series: SeriesCreated): void => {
    if (series.booked.length === 0) return;
    const member = tx
      .select({ name: members.name, email: members.email, language: members.language, active: members.active })
      .from(members)
      .where(eq(members.id, series.memberId))
      .get();
    if (!member?.active) return;
    const snapshot = inventory.get();
    const resource = snapshot.resourcesById.get(series.resourceId);
    if (!resource) return;
    const closures = new Map(snapshot.closures.map((c) => [c.id, c]));
    const place: Place = {
      resourceName: resource.name,
      siteAddress: snapshot.site.address,
      zone: snapshot.site.timezone,
      closureReason: (id, lang) => {
        const c = closures.get(id);
        return c && lang === 'en' ? (c.reasonEn ?? c.reason) : c?.reason;
      },
    };
    try {
      enqueueMail(tx, composeSeriesMail(series, place, member, settings), clock.now());
    } catch (err) {
      // A mail that cannot be written must not undo the series.
      if (err instanceof MailValidationError) return;
      throw err;
    }
    outbox.kick();
  };
}
