// Every kind of mail, in French and English, written with dates in words (issue 17): no ISO date
// or month in the subject nor in the text part, "1er" for the first of the month in French, and no
// French floor in an English address.
import { describe, expect, it } from 'vitest';
import { composeBookingMail, type BookingMailKind } from '../../src/mail/booking-mails.js';
import { composeRentalMail, RENTAL_MAIL_KINDS } from '../../src/mail/rental-mails.js';
import { composeSeriesMail } from '../../src/mail/series-mails.js';
import type { Language } from '../../src/i18n/index.js';

const ISO = /\b\d{4}-\d{2}(?:-\d{2})?\b/;
const ZONE = 'Europe/Paris';
const SETTINGS = { baseUrl: 'https://booking.21.example.org', mailFrom: '21 <booking@21.example.org>' };
const ADDRESS = '21 rue de la Vanne, 92120 Montrouge, France (1er étage)';
/** Friday 1 January 2027, 10:00–11:00 in Paris. */
const START = Date.UTC(2027, 0, 1, 9);
const END = Date.UTC(2027, 0, 1, 10);
const BOOKING_KINDS: BookingMailKind[] = [
  'booking-confirmed',
  'booking-pending',
  'booking-changed',
  'booking-cancelled',
  'booking-released',
  'booking-reminder',
  'booking-approved',
  'booking-declined',
];
const recipient = (language: Language) => ({ name: 'Camille', email: 'camille@example.org', language });
const FIRST: Record<Language, RegExp> = { fr: /vendredi 1er janvier 2027/, en: /Friday, 1 January 2027/ };

function expectWords(mail: { subject: string; text: string }, lang: Language) {
  expect(mail.subject).not.toMatch(ISO);
  expect(mail.text).not.toMatch(ISO);
  expect(mail.text).toMatch(FIRST[lang]);
  // The address's floor note is in the reader's language too.
  if (lang === 'en') expect(mail.text).not.toContain('étage');
}

describe.each(['fr', 'en'] as const)('mails in %s', (lang) => {
  it.each(BOOKING_KINDS)('%s writes its date in words', (kind) => {
    const booking = {
      id: 7,
      startsAt: START,
      endsAt: END,
      status: 'confirmed' as const,
      title: '',
      version: 1,
      updatedAt: START,
    };
    const mail = composeBookingMail(
      kind,
      booking,
      { resourceName: 'Salle Appia', resourceGender: 'f', siteAddress: ADDRESS, zone: ZONE },
      recipient(lang),
      SETTINGS,
      {
        reason: 'Fermeture',
        message: 'Bonne réunion',
      },
    );
    expectWords(mail, lang);
    if (kind === 'booking-confirmed') expect(mail.text).toContain(lang === 'fr' ? '(1er étage)' : '(1st floor)');
  });

  it.each(RENTAL_MAIL_KINDS)('rental-%s writes its dates in words, the quote’s validity too', (kind) => {
    const rental = {
      contactName: 'Nadia',
      email: 'nadia@example.org',
      language: lang,
      title: 'Soirée',
      startsAt: START,
      endsAt: END,
      quoteNumber: '2026-0001',
      quote: { lines: [], netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatPercent: 20, rateId: 1 },
      quoteValidUntil: '2026-12-01',
      optionUntil: Date.UTC(2026, 11, 1, 17),
    };
    const mail = composeRentalMail(
      kind,
      rental,
      { resourceName: 'Espace', siteAddress: ADDRESS, zone: ZONE },
      SETTINGS,
    );
    expectWords(mail, lang);
    if (kind === 'quoted') expect(mail.text).toContain(lang === 'fr' ? '1er décembre 2026' : '1 December 2026');
  });

  it('series-created writes booked and skipped dates in words, even a date with no instant', () => {
    const mail = composeSeriesMail(
      {
        title: '',
        dates: [{ id: 7, startsAt: START, endsAt: END, status: 'confirmed' }],
        skipped: [
          {
            localDate: '2027-03-01',
            localStart: '2027-03-01T02:30',
            start: null,
            end: null,
            violations: [{ code: 'nonexistent_local_time', local: '2027-03-01T02:30', zone: ZONE }],
          },
        ],
      },
      { resource: { name: 'Salle Appia', nameEn: 'Appia room', nameGender: 'f' }, siteAddress: ADDRESS, zone: ZONE },
      recipient(lang),
      SETTINGS,
    );
    expectWords(mail, lang);
    expect(mail.text).toContain(lang === 'fr' ? 'lundi 1er mars 2027' : 'Monday, 1 March 2027');
  });
});
