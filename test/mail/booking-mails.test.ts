import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingCalendarEvent, bookingUid } from '../../src/calendar/booking-event.js';
import { outbox } from '../../src/db/schema.js';
import { composeBookingMail } from '../../src/mail/booking-mails.js';
import { getOutboxMessage, rawOutboxMessage } from '../../src/mail/outbox-admin.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { lint, readCalendar } from '../helpers/ical.js';
import { signInAs } from '../helpers/auth.js';
import { parseMime } from '../helpers/mime.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// Paris is UTC+1 in December.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let kicks = 0;

beforeEach(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({
    db: t.db,
    clock: t.clock,
    transport: smtpTransport(smtp.url),
    settings: t.config,
  });
  kicks = 0;
  // buildApp registers bookingMailListener; createTestApp has no worker, so count its kicks.
  t.app.outbox.kick = () => {
    kicks += 1;
  };
});
afterEach(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

function calendarOf(raw: string) {
  const { headers, parts } = parseMime(raw);
  const part = parts.find((p) => p.contentType === 'text/calendar')!;
  return { headers, parts, method: part.params.get('method'), ics: part.body };
}

describe('booking mails', () => {
  it('create, change and cancel each send a mail; clients read one event updated then cancelled', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { name: 'Zoé Ärnström 🎉', organisationId: org, language: 'fr' });
    const room = resourceId(t.db, 'salle-appia');
    const bookings = t.app.services.bookings;
    const created = bookings.create(actorOf(t.db, zoe), {
      resourceId: room,
      start: paris(8, 9),
      end: paris(8, 10, 30),
      headcount: 3,
      title: 'Point « impact », équipe',
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.booking.id;
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    t.clock.advance(60_000);
    expect(bookings.change(actorOf(t.db, zoe), id, { start: paris(8, 14), end: paris(8, 15) }).ok).toBe(true);
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    t.clock.advance(60_000);
    bookings.cancel(actorOf(t.db, zoe), id);
    expect(kicks).toBe(3);
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    expect(
      t.db.select({ kind: outbox.kind, bookingId: outbox.bookingId, status: outbox.status }).from(outbox).all(),
    ).toEqual([
      { kind: 'booking-confirmed', bookingId: id, status: 'sent' },
      { kind: 'booking-changed', bookingId: id, status: 'sent' },
      { kind: 'booking-cancelled', bookingId: id, status: 'sent' },
    ]);

    const [first, second, third] = smtp.received.map((m) => calendarOf(m.raw));
    expect(first!.headers.get('subject')).toBe('Réservation confirmée : Salle Louis Appia, mardi 8 décembre 2026');
    expect(first!.parts.find((p) => p.contentType === 'text/plain')!.body).toContain('Horaire : 09:00 – 10:30');
    expect([first!.method, second!.method, third!.method]).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);

    const events = [first!, second!, third!].map((c) => {
      expect(lint(c.ics)).toEqual([]);
      const read = readCalendar(c.ics);
      expect(read.method).toBe(c.method);
      expect(read.events).toHaveLength(1);
      return read.events[0]!;
    });
    const uid = bookingUid(id, '21.example.org');
    expect(events.map((e) => e.uid)).toEqual([uid, uid, uid]);
    expect(events[1]!.sequence).toBeGreaterThan(events[0]!.sequence);
    expect(events[2]!.sequence).toBeGreaterThan(events[1]!.sequence);
    expect(events.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CANCELLED']);
    expect(events.map((e) => e.startLocal)).toEqual([
      '2026-12-08T09:00:00',
      '2026-12-08T14:00:00',
      '2026-12-08T14:00:00',
    ]);
    expect(events[0]!.summary).toBe('Salle Louis Appia – Point « impact », équipe');
    expect(events[0]!.location).toMatch(/^Salle Louis Appia, .*Montrouge/);
    expect(events[0]!.url).toBe(`${t.config.baseUrl}/bookings/${id}`);
    expect(events[0]!.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${smtp.received[0]!.to[0]}`]);
  });

  it('writes the mail in the language of the member', async () => {
    const org = createOrganisation(t.db);
    const sam = createMember(t.db, { name: 'Sam', organisationId: org, language: 'en' });
    const outcome = t.app.services.bookings.create(actorOf(t.db, sam), {
      resourceId: resourceId(t.db, 'salle-appia'),
      start: paris(8, 9),
      end: paris(8, 10),
    });
    expect(outcome.ok).toBe(true);
    await worker.runOnce();
    const { headers, parts, ics } = calendarOf(smtp.received[0]!.raw);
    expect(headers.get('subject')).toBe('Booking confirmed: Louis Appia room, Tuesday, 8 December 2026');
    // The invitation's place reads in English too, down to the floor.
    expect(readCalendar(ics).events[0]!.location).toBe(
      'Louis Appia room, 21 rue de la Vanne, 92120 Montrouge, France (1st floor)',
    );
    const text = parts.find((p) => p.contentType === 'text/plain')!.body;
    expect(text).toContain('Hello Sam,');
    expect(text).toContain('Your booking is confirmed.');
  });

  it('queues nothing for a refused booking', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    const outcome = t.app.services.bookings.create(actorOf(t.db, zoe), {
      resourceId: resourceId(t.db, 'salle-appia'),
      start: paris(8, 9),
      end: paris(8, 8),
    });
    expect(outcome.ok).toBe(false);
    expect(t.db.select().from(outbox).all()).toEqual([]);
    expect(kicks).toBe(0);
  });
});

describe('a booking mail rendered by the worker, not in the booking transaction', () => {
  const rows = () =>
    t.db
      .select({
        kind: outbox.kind,
        status: outbox.status,
        sequence: outbox.sequence,
        toAddress: outbox.toAddress,
        lastError: outbox.lastError,
      })
      .from(outbox)
      .all();

  function book(language: 'fr' | 'en' = 'fr') {
    const zoe = createMember(t.db, { name: 'Zoé', organisationId: createOrganisation(t.db), language });
    const outcome = t.app.services.bookings.create(actorOf(t.db, zoe), {
      resourceId: resourceId(t.db, 'salle-appia'),
      start: paris(8, 9),
      end: paris(8, 10),
    });
    if (!outcome.ok) throw new Error('refused');
    return { zoe, id: outcome.booking.id };
  }

  const move = (zoe: number, id: number, hour: number) =>
    expect(
      t.app.services.bookings.change(actorOf(t.db, zoe), id, { start: paris(8, hour), end: paris(8, hour + 1) }).ok,
    ).toBe(true);

  it('commits only the intent with the booking, and keeps the message the server accepted', async () => {
    const { id } = book();
    const [row] = t.db.select().from(outbox).all();
    expect(row).toMatchObject({
      kind: 'booking-confirmed',
      bookingId: id,
      sequence: 0,
      status: 'pending',
      toAddress: null,
      subject: null,
      message: null,
    });
    await worker.runOnce();
    const sent = t.db.select().from(outbox).get()!;
    expect(smtp.received).toHaveLength(1);
    expect(sent).toMatchObject({
      status: 'sent',
      toAddress: smtp.received[0]!.to[0],
      subject: 'Réservation confirmée : Salle Louis Appia, mardi 8 décembre 2026',
    });
    expect(sent.message!.text).toContain('Horaire : 09:00 – 10:00');
    expect(readCalendar(sent.message!.calendar!.content).events[0]!.sequence).toBe(0);
  });

  it('created, moved and cancelled before the worker ran: one CANCEL of the booking as it is now', async () => {
    const { zoe, id } = book();
    move(zoe, id, 14);
    t.app.services.bookings.cancel(actorOf(t.db, zoe), id);
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 2 });
    expect(rows().map((r) => [r.kind, r.status, r.sequence])).toEqual([
      ['booking-confirmed', 'superseded', 0],
      ['booking-changed', 'superseded', 1],
      ['booking-cancelled', 'sent', 2],
    ]);
    expect(rows()[0]!.lastError).toBe('a later mail tells the booking as it is now');
    expect(smtp.received).toHaveLength(1);
    const mail = calendarOf(smtp.received[0]!.raw);
    expect(mail.headers.get('subject')).toBe('Réservation annulée : Salle Louis Appia, mardi 8 décembre 2026');
    expect(mail.method).toBe('CANCEL');
    expect(readCalendar(mail.ics).events[0]).toMatchObject({
      uid: bookingUid(id, '21.example.org'),
      sequence: 2,
      status: 'CANCELLED',
      startLocal: '2026-12-08T14:00:00',
    });
  });

  it('created then moved before the worker ran: one confirmation, at the new time', async () => {
    const { zoe, id } = book();
    move(zoe, id, 15);
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 1 });
    expect(rows().map((r) => [r.kind, r.status])).toEqual([
      ['booking-confirmed', 'superseded'],
      ['booking-confirmed', 'sent'],
    ]);
    const mail = calendarOf(smtp.received[0]!.raw);
    expect(mail.headers.get('subject')).toBe('Réservation confirmée : Salle Louis Appia, mardi 8 décembre 2026');
    expect(mail.parts.find((p) => p.contentType === 'text/plain')!.body).toContain('Horaire : 15:00 – 16:00');
    expect(mail.method).toBe('REQUEST');
    expect(readCalendar(mail.ics).events[0]).toMatchObject({ sequence: 1, startLocal: '2026-12-08T15:00:00' });
  });

  it('moved twice after its confirmation went: one change, at the latest time, with a higher SEQUENCE', async () => {
    const { zoe, id } = book('en');
    await worker.runOnce();
    move(zoe, id, 11);
    move(zoe, id, 16);
    expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 1 });
    const [first, second] = smtp.received.map((m) => calendarOf(m.raw));
    expect(second!.headers.get('subject')).toBe('Booking changed: Louis Appia room, Tuesday, 8 December 2026');
    const [before, after] = [first!, second!].map((m) => readCalendar(m.ics).events[0]!);
    expect(after).toMatchObject({ uid: before!.uid, startLocal: '2026-12-08T16:00:00', sequence: 2 });
    expect(after!.sequence).toBeGreaterThan(before!.sequence);
  });

  it('sends nothing to a member deactivated before the worker ran, and says why', async () => {
    const { zoe } = book();
    t.db.$client.prepare('UPDATE members SET active = 0 WHERE id = ?').run(zoe);
    expect(await worker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1, superseded: 0 });
    expect(rows()[0]).toMatchObject({ status: 'failed', lastError: 'the member is no longer active' });
    expect(smtp.received).toEqual([]);
  });

  it('shows an intent on the admin page as it would be sent now, and a sent one as it was sent', async () => {
    const { zoe } = book();
    const id = t.db.select({ id: outbox.id }).from(outbox).get()!.id;
    const admin = await signInAs(t.app, 'admin');
    const page = async () =>
      (await t.app.inject({ method: 'GET', url: `/admin/outbox/${id}`, headers: { cookie: admin.cookie } })).body;
    expect(await page()).toContain('Horaire : 09:00 – 10:00');
    expect(await page()).toContain('METHOD:REQUEST');
    const eml = await t.app.inject({
      method: 'GET',
      url: `/admin/outbox/${id}/eml`,
      headers: { cookie: admin.cookie },
    });
    expect(eml.statusCode).toBe(200);
    expect(parseMime(eml.body).headers.get('subject')).toBe(
      'Réservation confirmée : Salle Louis Appia, mardi 8 décembre 2026',
    );
    const list = await t.app.inject({ method: 'GET', url: '/admin/outbox', headers: { cookie: admin.cookie } });
    expect(list.body).toContain('Réservation confirmée : Salle Louis Appia');

    await worker.runOnce();
    // Renamed after the mail went: the page still shows what was sent.
    t.db.$client.prepare("UPDATE members SET name = 'Zoé Nouveau' WHERE id = ?").run(zoe);
    const message = getOutboxMessage(t.db, t.config, id)!;
    expect(message.status).toBe('sent');
    expect(message.text).toContain('Bonjour Zoé,');
    expect(message.calendar?.method).toBe('REQUEST');
    const raw = (await rawOutboxMessage(t.db, t.config, id))!.toString('utf8');
    expect(parseMime(raw).headers.get('message-id')).toBe(parseMime(smtp.received[0]!.raw).headers.get('message-id'));
  });
});

describe('composeBookingMail', () => {
  const booking = {
    id: 42,
    startsAt: paris(7, 9),
    endsAt: paris(7, 10),
    status: 'pending' as const,
    title: '',
    version: 0,
    updatedAt: paris(1, 12),
  };
  const place = { resourceName: 'Studio numérique', siteAddress: '98 rue Didot, 75014 Paris', zone: 'Europe/Paris' };
  const settings = {
    baseUrl: 'https://reservations.21.example.org',
    mailFrom: '21 – Croix-Rouge <reservations@21.example.org>',
  };

  it('marks a booking awaiting approval TENTATIVE, organised by the sender', () => {
    const mail = composeBookingMail(
      'booking-pending',
      booking,
      place,
      { name: 'Zoé', email: 'zoe@example.org', language: 'fr' },
      settings,
    );
    expect(mail).toMatchObject({ kind: 'booking-pending', to: 'zoe@example.org', calendar: { method: 'REQUEST' } });
    const read = readCalendar(mail.calendar!.content);
    expect(read.events[0]).toMatchObject({
      uid: 'booking-42@21.example.org',
      status: 'TENTATIVE',
      summary: 'Studio numérique',
      organizer: 'mailto:reservations@21.example.org',
    });
    expect(mail.calendar!.content.replace(/\r\n /g, '')).toContain(
      'ORGANIZER;CN="21 – Croix-Rouge":mailto:reservations@21.example.org',
    );
  });

  it('gives feeds and invitations the same event', () => {
    const mail = composeBookingMail(
      'booking-confirmed',
      { ...booking, status: 'confirmed' },
      place,
      { name: 'Zoé', email: 'zoe@example.org', language: 'fr' },
      settings,
    );
    const event = bookingCalendarEvent({ ...booking, status: 'confirmed' }, place, {
      domain: '21.example.org',
      baseUrl: settings.baseUrl,
    });
    const fromMail = readCalendar(mail.calendar!.content).events[0]!;
    expect(fromMail).toMatchObject({
      uid: event.uid,
      sequence: event.sequence,
      start: event.start,
      end: event.end,
      summary: event.summary,
      location: event.location,
      url: event.url,
    });
  });
});
