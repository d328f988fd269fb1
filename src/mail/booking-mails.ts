// Mails about a booking: rendered in the member's language from views/emails/booking-*,
// with an iCalendar invitation (REQUEST on create and change, CANCEL on cancel) whose UID
// and SEQUENCE are those of the feeds. `bookingMailListener` plugs into BookingService's
// onChange, so each mail is queued in the transaction of the change it announces.
import { prepared, type Db } from '../db/connection.js';
import { remembered } from '../domain/memo.js';
import {
  addressDomain,
  bookingCalendarEvent,
  type BookingForCalendar,
  type PlaceForCalendar,
} from '../calendar/booking-event.js';
import { buildInvitation, CalendarInputError } from '../calendar/ical.js';
import { formatInstant } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';
import { enqueueMail, MailValidationError, type OutgoingMail } from './outbox.js';
import { renderMail } from './render.js';
import type { OutboxKick } from './worker.js';

export type BookingMailKind =
  'booking-confirmed' | 'booking-pending' | 'booking-changed' | 'booking-cancelled' | 'booking-reminder';

export interface Recipient {
  name: string;
  email: string;
  language: Language;
}

export interface BookingMailSettings {
  baseUrl: string;
  mailFrom: string;
}

/** The sender's display name without the address, for ORGANIZER. */
function senderName(mailFrom: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1]?.trim();
  return name || addressDomain(mailFrom);
}

function senderAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

// Bookings start and end on a few hundred instants a month: their words are kept (bounded).
const formatted = new Map<string, string>();
function wordsOf(instant: number, lang: Language, zone: string, style: 'date' | 'time'): string {
  return remembered(formatted, `${lang}|${zone}|${style}|${instant}`, 5_000, () =>
    formatInstant(instant, lang, zone, style),
  );
}

export function composeBookingMail(
  kind: BookingMailKind,
  booking: BookingForCalendar,
  place: PlaceForCalendar,
  recipient: Recipient,
  settings: BookingMailSettings,
  extra: { reason?: string; invitation?: boolean } = {},
): OutgoingMail {
  const lang = recipient.language;
  const url = `${settings.baseUrl}/bookings/${booking.id}`;
  const method = kind === 'booking-cancelled' ? 'CANCEL' : 'REQUEST';
  const withInvitation = extra.invitation ?? true;
  const rendered = renderMail(kind, lang, {
    name: recipient.name,
    resource: place.resourceName,
    address: place.siteAddress,
    title: booking.title.trim(),
    date: wordsOf(booking.startsAt, lang, place.zone, 'date'),
    start: wordsOf(booking.startsAt, lang, place.zone, 'time'),
    end: wordsOf(booking.endsAt, lang, place.zone, 'time'),
    url,
    reason: extra.reason ?? '',
    hasCalendar: withInvitation,
  });
  // A reminder changes nothing in a calendar: it goes without an invitation.
  if (!withInvitation) return { kind, to: recipient.email, ...rendered, bookingId: booking.id };
  const event = bookingCalendarEvent(booking, place, {
    domain: addressDomain(settings.mailFrom),
    baseUrl: settings.baseUrl,
  });
  const content = buildInvitation([event], {
    method,
    organizer: { name: senderName(settings.mailFrom), email: senderAddress(settings.mailFrom) },
    attendees: [{ name: recipient.name, email: recipient.email }],
  });
  return { kind, to: recipient.email, ...rendered, calendar: { method, content }, bookingId: booking.id };
}

interface ChangeEvent {
  type: 'created' | 'changed' | 'cancelled';
  booking: BookingForCalendar & { resourceId: number; memberId: number | null; seriesId: number | null };
}

export function mailKindFor(event: ChangeEvent): BookingMailKind | null {
  const { type, booking } = event;
  if (type === 'cancelled') return 'booking-cancelled';
  if (booking.status === 'cancelled' || booking.status === 'rejected' || booking.status === 'released')
    return 'booking-cancelled';
  if (type === 'changed') return 'booking-changed';
  return booking.status === 'pending' ? 'booking-pending' : 'booking-confirmed';
}

// Read on every booking change: prepared once per connection.
const MEMBER = 'SELECT name, email, language, active FROM members WHERE id = ?';
const PLACE =
  'SELECT r.name AS resourceName, s.address AS siteAddress, s.timezone AS zone FROM resources r JOIN sites s ON s.id = r.site_id WHERE r.id = ?';

/**
 * A BookingService listener: queues the mail of each change in the change's transaction.
 * Occurrences of a series are left to the series use cases (one mail per series rather than
 * one per date). The kick only schedules a worker round (a timer), which runs after the
 * synchronous transaction has committed; after a rollback it finds nothing.
 */
export function bookingMailListener(settings: BookingMailSettings, outbox: OutboxKick, clock: { now(): number }) {
  return (tx: Db, event: ChangeEvent): void => {
    const { booking } = event;
    if (booking.seriesId !== null || booking.memberId === null) return;
    const kind = mailKindFor(event);
    if (!kind) return;
    const member = prepared(tx, MEMBER).get(booking.memberId) as (Recipient & { active: number }) | undefined;
    if (!member?.active) return;
    const place = prepared(tx, PLACE).get(booking.resourceId) as PlaceForCalendar | undefined;
    if (!place) return;
    let mail: OutgoingMail;
    try {
      mail = composeBookingMail(kind, booking, place, member, settings);
      enqueueMail(tx, mail, clock.now());
    } catch (err) {
      // A mail that cannot be written (an address refused as a header) must not undo the booking.
      if (err instanceof MailValidationError || err instanceof CalendarInputError) return;
      throw err;
    }
    outbox.kick();
  };
}
