// Mails to an outside organisation about its rental request, in the language it wrote in.
// They are composed when queued, in the transaction of the change (like account mails): the
// first one holds the link to the requester's page, whose token is stored only hashed. A
// confirmation carries an invitation (METHOD:REQUEST), a cancellation of a confirmed rental
// its CANCEL, both with the UID and SEQUENCE of the booking that holds the space.
import { addressDomain, bookingCalendarEvent, type BookingForCalendar } from '../calendar/booking-event.js';
import { buildInvitation } from '../calendar/ical.js';
import type { RentalQuoteData } from '../domain/rental-quote.js';
import { addressIn } from '../i18n/address.js';
import { formatInstant, formatLocalDate } from '../i18n/dates.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import { formatCents } from '../i18n/money.js';
import type { MailSettings, OutgoingMail } from './outbox.js';
import { renderMail } from './render.js';

export const RENTAL_MAIL_KINDS = [
  'received',
  'quoted',
  'changes',
  'option',
  'confirmed',
  'declined',
  'cancelled',
  'warning',
  'expired',
  'competing',
] as const;
export type RentalMailKind = (typeof RENTAL_MAIL_KINDS)[number];

/** What a rental mail tells: the request as it is after the change. */
export interface RentalForMail {
  contactName: string;
  email: string;
  language: Language;
  title: string;
  startsAt: number;
  endsAt: number;
  quoteNumber: string | null;
  quote: RentalQuoteData | null;
  quoteValidUntil: string | null;
  optionUntil: number | null;
}

export interface RentalPlace {
  resourceName: string;
  siteAddress: string;
  zone: string;
}

export interface RentalMailExtra {
  /** The requester's page, only in the mail written when its token is made. */
  link?: string;
  /** Staff's words (a question, a reason). */
  message?: string;
  /** Nearest free times, already worded. */
  alternatives?: string[];
  /** The hold, for an invitation or its cancellation. */
  booking?: BookingForCalendar;
}

/** A quote's lines and totals, worded in `lang`. */
export function quoteWords(quote: RentalQuoteData, lang: Language) {
  return {
    lines: quote.lines.map((l) => ({
      label: translate(lang, `rentals.line.${l.code}` as MessageKey, { percent: l.percent ?? 0 }),
      amount: formatCents(l.totalCents, lang),
    })),
    net: formatCents(quote.netCents, lang),
    vat: formatCents(quote.vatCents, lang),
    gross: formatCents(quote.grossCents, lang),
    vatPercent: quote.vatPercent,
  };
}

function invitationOf(
  kind: RentalMailKind,
  rental: RentalForMail,
  place: RentalPlace,
  settings: MailSettings,
  booking: BookingForCalendar,
): OutgoingMail['calendar'] {
  const method = kind === 'confirmed' ? 'REQUEST' : 'CANCEL';
  // The invitation shows the event itself; setup and teardown are the space's business.
  const event = bookingCalendarEvent({ ...booking, startsAt: rental.startsAt, endsAt: rental.endsAt }, place, {
    domain: addressDomain(settings.mailFrom),
    baseUrl: settings.baseUrl,
    summary: rental.title,
  });
  event.url = `${settings.baseUrl}/event-space/request`;
  const organizerEmail = /<([^>]+)>/.exec(settings.mailFrom)?.[1] ?? settings.mailFrom.trim();
  const content = buildInvitation([event], {
    method,
    organizer: { name: '21', email: organizerEmail },
    attendees: [{ name: rental.contactName, email: rental.email }],
  });
  return { method, content };
}

export function composeRentalMail(
  kind: RentalMailKind,
  rental: RentalForMail,
  place: RentalPlace,
  settings: MailSettings,
  extra: RentalMailExtra = {},
): OutgoingMail {
  const lang = rental.language;
  const date = (instant: number) => formatInstant(instant, lang, place.zone, 'date');
  const time = (instant: number) => formatInstant(instant, lang, place.zone, 'time');
  const showQuote = (kind === 'quoted' || kind === 'confirmed') && rental.quote !== null;
  const params = {
    number: rental.quoteNumber ?? '',
    until: rental.optionUntil !== null ? `${date(rental.optionUntil)} ${time(rental.optionUntil)}` : '',
  };
  const rendered = renderMail(`rental-${kind}`, lang, {
    name: rental.contactName,
    number: params.number,
    intro: translate(lang, `mail.rental-${kind}.intro` as MessageKey, params),
    message: extra.message ?? '',
    alternatives: extra.alternatives ?? [],
    quote: showQuote
      ? {
          ...quoteWords(rental.quote!, lang),
          number: rental.quoteNumber ?? '',
          validUntil: rental.quoteValidUntil === null ? '' : formatLocalDate(rental.quoteValidUntil, lang, 'dayDate'),
        }
      : null,
    resource: place.resourceName,
    address: addressIn(place.siteAddress, lang),
    title: rental.title,
    date: date(rental.startsAt),
    start: time(rental.startsAt),
    end: time(rental.endsAt),
    url: extra.link ?? '',
    reference: extra.link ? '' : translate(lang, 'mail.rental.reference'),
    hasCalendar: extra.booking !== undefined,
  });
  const calendar = extra.booking ? invitationOf(kind, rental, place, settings, extra.booking) : undefined;
  return { kind: `rental-${kind}`, to: rental.email, ...rendered, ...(calendar ? { calendar } : {}) };
}
