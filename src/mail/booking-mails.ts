// Mails about a booking: rendered in the member's language from views/emails/booking-*,
// with an iCalendar invitation (REQUEST on create and change, CANCEL on cancel) whose UID
// and SEQUENCE are those of the feeds. `bookingMailListener` plugs into BookingService's
// onChange and writes an intent in the change's transaction; the worker renders it from the
// booking as it is when the mail goes (renderBookingIntent).
//
// When the booking changed again before the worker got to an intent, the member gets one
// mail with the booking as it is now, never one per state it went through: an intent is
// superseded (kept, not sent) once a later intent about the same booking is pending or sent,
// and the mail that goes shows the current times, status and SEQUENCE under the kind that fits
// them: cancelled if the booking is no longer active; confirmed or awaiting approval if the
// member was never sent a mail about it; changed otherwise. A calendar therefore never gets
// an invitation older than one it already has, nor a REQUEST for a cancelled booking.
import type { Db } from '../db/connection.js';
import type { BookingForMail, OutboxRow } from '../db/outbox.js';
import {
  addressDomain,
  bookingCalendarEvent,
  type BookingForCalendar,
  type PlaceForCalendar,
} from '../calendar/booking-event.js';
import { buildInvitation } from '../calendar/ical.js';
import { addressIn } from '../i18n/address.js';
import { formatInstant } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';
import { localName, type NameGender } from '../i18n/names.js';
import {
  sentMailOf,
  type IntentWriter,
  type MailSettings,
  type OutboxKick,
  type OutgoingMail,
  type Rendering,
} from './outbox.js';
import { renderMail } from './render.js';

export type BookingMailKind =
  | 'booking-confirmed'
  | 'booking-pending'
  | 'booking-changed'
  | 'booking-cancelled'
  | 'booking-released'
  | 'booking-reminder'
  | 'booking-approved'
  | 'booking-declined';

/** Mails that remove the event from the member's calendar. */
const CANCELLING: readonly BookingMailKind[] = ['booking-cancelled', 'booking-released', 'booking-declined'];

export interface Recipient {
  name: string;
  email: string;
  language: Language;
}

/** The sender's display name without the address, for ORGANIZER. */
function senderName(mailFrom: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1]?.trim();
  return name || addressDomain(mailFrom);
}

function senderAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

export function composeBookingMail(
  kind: BookingMailKind,
  booking: BookingForCalendar,
  place: PlaceForCalendar & { resourceGender?: NameGender },
  recipient: Recipient,
  settings: MailSettings,
  extra: { invitation?: boolean; message?: string; reason?: string } = {},
): OutgoingMail {
  const lang = recipient.language;
  const url = `${settings.baseUrl}/bookings/${booking.id}`;
  const method = CANCELLING.includes(kind) ? 'CANCEL' : 'REQUEST';
  const withInvitation = extra.invitation ?? true;
  const rendered = renderMail(kind, lang, {
    name: recipient.name,
    resource: place.resourceName,
    gender: place.resourceGender ?? 'f',
    address: addressIn(place.siteAddress, lang),
    title: booking.title.trim(),
    date: formatInstant(booking.startsAt, lang, place.zone, 'date'),
    start: formatInstant(booking.startsAt, lang, place.zone, 'time'),
    end: formatInstant(booking.endsAt, lang, place.zone, 'time'),
    url,
    hasCalendar: withInvitation,
    message: (extra.message ?? '').trim(),
    reason: extra.reason ?? '',
  });
  // A reminder changes nothing in a calendar: it goes without an invitation.
  if (!withInvitation) return { kind, to: recipient.email, ...rendered };
  const event = bookingCalendarEvent(
    booking,
    { ...place, siteAddress: addressIn(place.siteAddress, lang) },
    {
      domain: addressDomain(settings.mailFrom),
      baseUrl: settings.baseUrl,
    },
  );
  const content = buildInvitation([event], {
    method,
    organizer: { name: senderName(settings.mailFrom), email: senderAddress(settings.mailFrom) },
    attendees: [{ name: recipient.name, email: recipient.email }],
  });
  return { kind, to: recipient.email, ...rendered, calendar: { method, content } };
}

interface ChangeEvent {
  type: 'created' | 'changed' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'released' | 'approved' | 'declined';
  booking: Pick<BookingForCalendar, 'id' | 'status' | 'version'> & { memberId: number | null; seriesId: number | null };
  message?: string;
  reason?: { fr: string; en: string | null };
}

const INACTIVE: readonly BookingForCalendar['status'][] = ['cancelled', 'rejected', 'released'];

export function mailKindFor(event: ChangeEvent): BookingMailKind | null {
  const { type, booking } = event;
  // Check-in and check-out tell the member nothing; a check-out's shorter end reaches feeds by its version.
  if (type === 'checkedIn' || type === 'checkedOut') return null;
  if (type === 'approved') return 'booking-approved';
  if (type === 'declined') return 'booking-declined';
  if (type === 'released' || booking.status === 'released') return 'booking-released';
  if (type === 'cancelled' || INACTIVE.includes(booking.status)) return 'booking-cancelled';
  if (type === 'changed') return 'booking-changed';
  return booking.status === 'pending' ? 'booking-pending' : 'booking-confirmed';
}

/**
 * A BookingService listener: writes the intent of each change in the change's transaction.
 * Occurrences of a series are left to the series use cases (one mail per series rather than
 * one per date). The kick only schedules a worker round (a timer), which runs after the
 * synchronous transaction has committed; after a rollback it finds nothing.
 */
export function bookingMailListener(intents: IntentWriter, outbox: OutboxKick, clock: { now(): number }) {
  return (_tx: Db, event: ChangeEvent): void => {
    const { booking } = event;
    // A released, approved or declined occurrence of a series, or one cancelled for a reason (a closure),
    // is told on its own: no series mail covers it.
    const toldAlone =
      event.type === 'released' || event.type === 'approved' || event.type === 'declined' || event.reason !== undefined;
    if ((booking.seriesId !== null && !toldAlone) || booking.memberId === null) return;
    const kind = mailKindFor(event);
    if (!kind || !intents.memberIsActive(booking.memberId)) return;
    const details =
      event.message || event.reason
        ? { ...(event.message ? { message: event.message } : {}), ...(event.reason ? { reason: event.reason } : {}) }
        : undefined;
    intents.enqueue({ kind, bookingId: booking.id, sequence: booking.version, details }, clock.now());
    outbox.kick();
  };
}

/** A decision's own mail while the booking stands as decided (approved, then cancelled, is told cancelled). */
function decisionKind(row: OutboxRow, status: BookingForCalendar['status']): BookingMailKind | null {
  if (row.kind === 'booking-approved' && status === 'confirmed') return 'booking-approved';
  if (row.kind === 'booking-declined' && status === 'rejected') return 'booking-declined';
  return null;
}

/** The kind a change intent is told as, from the booking now and what the member was told. */
function shownKind(status: BookingForCalendar['status'], told: boolean): BookingMailKind {
  if (status === 'released') return 'booking-released';
  if (INACTIVE.includes(status)) return 'booking-cancelled';
  if (told) return 'booking-changed';
  return status === 'pending' ? 'booking-pending' : 'booking-confirmed';
}

/**
 * The mail of a booking intent (a change, or a reminder written by the reminder job), from
 * the booking as it is now; see the top of this file for a booking changed in between. A
 * reminder is superseded when its booking is no longer confirmed at the start it was due for.
 */
export function renderBookingIntent(
  bookingForMail: (bookingId: number, outboxId: number) => BookingForMail | undefined,
  row: OutboxRow,
  settings: MailSettings,
): Rendering {
  const booking = row.bookingId === null ? undefined : bookingForMail(row.bookingId, row.id);
  if (!booking) return { ok: false, status: 'failed', reason: 'booking not found' };
  const reminder = row.kind === 'booking-reminder';
  if (reminder && (booking.status !== 'confirmed' || booking.startsAt !== row.details?.startsAt))
    return { ok: false, status: 'superseded', reason: 'the booking changed after the reminder was due' };
  if (!reminder && booking.laterChange)
    return { ok: false, status: 'superseded', reason: 'a later mail tells the booking as it is now' };
  if (!booking.active || booking.email === null || booking.memberName === null || booking.language === null)
    return { ok: false, status: 'failed', reason: 'the member is no longer active' };
  const kind = reminder
    ? 'booking-reminder'
    : (decisionKind(row, booking.status) ?? shownKind(booking.status, booking.told));
  const message = typeof row.details?.message === 'string' ? row.details.message : undefined;
  const why = row.details?.reason;
  const reason =
    why && kind === 'booking-cancelled' ? (booking.language === 'en' ? (why.en ?? why.fr) : why.fr) : undefined;
  // The recipient reads the place in their own language.
  const place = {
    ...booking,
    resourceName: localName({ name: booking.resourceName, nameEn: booking.resourceNameEn }, booking.language),
  };
  const mail = composeBookingMail(
    kind,
    booking,
    place,
    { name: booking.memberName, email: booking.email, language: booking.language },
    settings,
    { invitation: !reminder, message, reason },
  );
  return { ok: true, mail: sentMailOf(mail), composed: false };
}
