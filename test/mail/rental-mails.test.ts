// Rental mails through the outbox to a real SMTP server, in the requester's language: the
// acknowledgement with the private link, the quote, the confirmation with its invitation
// (METHOD:REQUEST) and the cancellation (METHOD:CANCEL), both read back with ical.js.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { LANGUAGE_COOKIE } from '../../src/web/plugins/i18n.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, visitor, type Session } from '../helpers/auth.js';
import { lint, readCalendar } from '../helpers/ical.js';
import { parseMime } from '../helpers/mime.js';
import { post, requestRental } from '../helpers/rentals.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let admin: Session;

beforeEach(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  admin = await signInAs(t.app, 'admin');
});
afterEach(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

function read(raw: string) {
  const { headers, parts } = parseMime(raw);
  const text = parts.find((p) => p.contentType === 'text/plain')?.body ?? '';
  const calendar = parts.find((p) => p.contentType === 'text/calendar');
  return { subject: headers.get('subject') ?? '', text, calendar };
}

it('tells an English requester each step, with an invitation on confirmation and its cancellation', async () => {
  const anonymous = await visitor(t.app);
  const session = { ...anonymous, cookie: `${anonymous.cookie}; ${LANGUAGE_COOKIE}=en` };
  const sent = await requestRental(t.app, { email: 'nadia@amis.example.org' }, { session });
  const id = t.db.$client.prepare('SELECT max(id) FROM rental_requests').pluck().get() as number;
  await post(t.app, admin, `/admin/rentals/${id}/quote`);
  await post(t.app, session, `${sent.url}/accept`);
  await post(t.app, admin, `/admin/rentals/${id}/confirm`);
  t.clock.advance(60_000);
  await post(t.app, admin, `/admin/rentals/${id}/cancel`, { message: 'The building is closed that day.' });
  await worker.runOnce();
  const mails = (await smtp.waitFor(5)).map((m) => ({ to: m.to, ...read(m.raw) }));
  expect(mails.map((m) => m.to)).toEqual(Array(5).fill(['nadia@amis.example.org']));
  expect(mails.map((m) => m.subject.split(':')[0])).toEqual([
    'Rental request received',
    'Quote 2026-0001',
    'Option taken',
    'Rental confirmed',
    'Rental cancelled',
  ]);
  // Only the first holds the private link; later ones point to it.
  expect(mails[0]!.text).toContain(sent.url);
  expect(mails[1]!.text).not.toContain(sent.token);
  expect(mails[1]!.text).toContain('Total incl. VAT');
  expect(mails[1]!.text).toMatch(/€588\.00/);
  expect(mails[4]!.text).toContain('The building is closed that day.');

  const confirmed = mails[3]!.calendar!;
  const cancelled = mails[4]!.calendar!;
  expect(confirmed.params.get('method')).toBe('REQUEST');
  expect(cancelled.params.get('method')).toBe('CANCEL');
  expect(lint(confirmed.body)).toEqual([]);
  const invitation = readCalendar(confirmed.body);
  const cancellation = readCalendar(cancelled.body);
  const bookingId = t.db.$client.prepare('SELECT booking_id FROM rental_requests WHERE id = ?').pluck().get(id);
  expect(invitation.method).toBe('REQUEST');
  expect(invitation.events[0]).toMatchObject({
    uid: expect.stringMatching(new RegExp(`^booking-${bookingId}@`)),
    summary: 'Soirée solidaire',
    status: 'CONFIRMED',
    tzid: 'Europe/Paris',
    // The event itself, 18:00-22:00 Paris: setup and teardown are the space's business.
    start: Date.UTC(2026, 11, 15, 17, 0),
    end: Date.UTC(2026, 11, 15, 21, 0),
  });
  expect(invitation.events[0]!.attendees.join()).toContain('nadia@amis.example.org');
  expect(cancellation.method).toBe('CANCEL');
  expect(cancellation.events[0]!.uid).toBe(invitation.events[0]!.uid);
  expect(cancellation.events[0]!.status).toBe('CANCELLED');
  expect(cancellation.events[0]!.sequence).toBeGreaterThan(invitation.events[0]!.sequence);
});

it('writes to a French requester in French', async () => {
  await requestRental(t.app);
  await worker.runOnce();
  const [mail] = await smtp.waitFor(1);
  const { subject, text } = read(mail!.raw);
  expect(subject).toBe('Demande de location reçue : Soirée solidaire, mardi 15 décembre 2026');
  expect(text).toContain('Bonjour Nadia Benali,');
  expect(text).toContain('Rien n’est encore réservé');
});
