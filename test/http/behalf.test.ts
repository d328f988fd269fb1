// Bookings made by staff for a member or a day guest, through the booking form: who may, the
// same rules as members' own, the member's mail, list and feed, and the form's validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let desk: Session;
let camille: Session;
let camilleId: number;
let samiId: number;
let staffId: number;
let room: number;

const idOf = (email: string) =>
  (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
const row = (id: number) =>
  t.db.$client.prepare('SELECT * FROM bookings WHERE id = ?').get(id) as Record<string, unknown>;
const count = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;

const post = (who: Session, url: string, fields: Record<string, string | number>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const bookingIdOf = (location: unknown) => Number(/\/bookings\/(\d+)/.exec(String(location))![1]);

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  desk = await signInAs(t.app, 'frontdesk');
  camille = await signInAs(t.app, 'member');
  camilleId = idOf(DEMO_ACCOUNTS.member.email);
  samiId = idOf(DEMO_ACCOUNTS.member2.email);
  staffId = idOf(DEMO_ACCOUNTS.frontdesk.email);
  room = resourceId(t.db, 'salle-appia');
});
afterAll(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

describe('the For whom fieldset', () => {
  it('is offered to staff only', async () => {
    expect((await get(desk, '/bookings/new')).body).toContain('Pour qui ?');
    expect((await get(camille, '/bookings/new')).body).not.toContain('Pour qui ?');
  });

  it('finds active members by name without JavaScript, and is prefilled from the board’s link', async () => {
    const found = await post(desk, '/bookings', { find_member: '1', member_q: 'camille', resource: room });
    expect(found.statusCode).toBe(200);
    expect(found.body).toMatch(new RegExp(`name="for_member" value="${camilleId}" checked> Camille Membre`));
    expect(found.body).toMatch(/id="b-for-member" name="for" value="member" checked/);
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(0);
    const none = await post(desk, '/bookings', { find_member: '1', member_q: 'personne' });
    expect(none.body).toContain('Aucun membre actif ne porte ce nom.');
    const linked = await get(
      desk,
      `/bookings/new?resource=${room}&start=2026-12-08T09:00&end=2026-12-08T10:00&for=${samiId}`,
    );
    expect(linked.body).toMatch(new RegExp(`name="for_member" value="${samiId}" checked> Sami Membre`));
    expect(linked.body).toContain('value="2026-12-08T09:00"');
  });
});

describe('booking for a member', () => {
  it('records who booked it; the member gets the mail, sees it in their list and feed', async () => {
    const res = await post(desk, '/bookings', {
      for: 'member',
      for_member: camilleId,
      resource: room,
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
    });
    expect(res.statusCode).toBe(303);
    const id = bookingIdOf(res.headers.location);
    expect(row(id)).toMatchObject({ member_id: camilleId, booked_by_id: staffId, guest_name: null });
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual([DEMO_ACCOUNTS.member.email]);
    const staffPage = await get(desk, `/bookings/${id}`);
    expect(staffPage.body).toContain('Réservé par Fatou Accueil pour Camille Membre.');
    const own = await get(camille, `/bookings/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Réservé par');
    expect((await get(camille, '/bookings')).body).toContain(`/bookings/${id}`);
    const token = t.app.services.feedTokens.rotate(camilleId);
    const feed = await t.app.inject({ method: 'GET', url: `/feeds/${token}/bookings.ics` });
    expect(feed.body).toContain('Salle Louis Appia');
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('is judged by the rules of the member: quota, induction, one desk at a time', async () => {
    const org = createOrganisation(t.db, { quotaRoomMinutes: 60 });
    const zoe = createMember(t.db, { name: 'Zoé Forfait', organisationId: org });
    const quota = await post(desk, '/bookings', {
      for: 'member',
      for_member: zoe,
      resource: room,
      start: '2026-12-09T09:00',
      end: '2026-12-09T11:00',
    });
    expect(quota.statusCode).toBe(409);
    // Refusals name the member booked for: the front desk is not the one with a plan or a desk.
    expect(quota.body).toContain('Le forfait de l’organisation de Zoé Forfait est de 1 heure de salle par mois');
    const studio = resourceId(t.db, 'studio-numerique');
    const induction = await post(desk, '/bookings', {
      for: 'member',
      for_member: samiId,
      resource: studio,
      start: '2026-12-09T09:00',
      end: '2026-12-09T10:00',
    });
    expect(induction.statusCode).toBe(409);
    expect(induction.body).toContain('réservé aux membres qui ont suivi la formation');
    const zoeOther = createMember(t.db, { name: 'Zoé Autre' });
    const roomTimes = { start: '2026-12-08T10:30', end: '2026-12-08T11:30' }; // Camille's room is taken then
    const desk1 = resourceId(t.db, 'poste-os-01');
    const desk2 = resourceId(t.db, 'poste-os-02');
    const times = { start: '2026-12-10T08:30', end: '2026-12-10T13:00' };
    const held = await post(desk, '/bookings', { for: 'member', for_member: samiId, resource: desk1, ...times });
    expect(held.statusCode).toBe(303);
    const second = await post(desk, '/bookings', { for: 'member', for_member: samiId, resource: desk2, ...times });
    expect(second.statusCode).toBe(409);
    expect(second.body).toMatch(/Sami [^<]* a déjà un poste à ce moment-là/);
    expect(second.body).not.toContain('Vous avez déjà un poste');
    // An alternative taken in one click is booked for the same member.
    const taken = await post(desk, '/bookings', { for: 'member', for_member: zoeOther, resource: room, ...roomTimes });
    expect(taken.statusCode).toBe(409);
    const first = taken.body.match(/<ul class="alternatives">[\s\S]*?<form[\s\S]*?<\/form>/)![0];
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(first)![1]!;
    expect(field('for')).toBe('member');
    const alternative = await post(desk, '/bookings', {
      resource: field('resource'),
      start: field('start'),
      end: field('end'),
      idempotency_key: field('idempotency_key'),
      for: field('for'),
      for_member: field('for_member'),
    });
    expect(alternative.statusCode).toBe(303);
    expect(row(bookingIdOf(alternative.headers.location))).toMatchObject({
      member_id: zoeOther,
      booked_by_id: staffId,
    });
    // The staff member's own desk does not stand in the way: the rules judge the person booked for.
    const mine = await post(desk, '/bookings', { resource: desk2, ...times });
    expect(mine.statusCode).toBe(303);
  });
});

describe('booking for a day guest', () => {
  it('stores the guest without a member, sends no mail, and tells staff who it is for', async () => {
    await worker.runOnce();
    const before = smtp.received.length;
    const sent = count('SELECT count(*) AS n FROM outbox');
    const res = await post(desk, '/bookings', {
      for: 'guest',
      guest_name: 'Hugo Invité',
      guest_organisation: 'Mairie de Montrouge',
      resource: resourceId(t.db, 'poste-os-03'),
      start: '2026-12-10T08:30',
      end: '2026-12-10T13:00',
    });
    expect(res.statusCode).toBe(303);
    const id = bookingIdOf(res.headers.location);
    expect(row(id)).toMatchObject({
      member_id: null,
      booked_by_id: staffId,
      organisation_id: null,
      guest_name: 'Hugo Invité',
      guest_organisation: 'Mairie de Montrouge',
    });
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(sent);
    await worker.runOnce();
    expect(smtp.received.length).toBe(before);
    const page = await get(desk, `/bookings/${id}`);
    expect(page.body).toContain(
      'Réservé par Fatou Accueil pour Hugo Invité (Mairie de Montrouge), invité·e à la journée.',
    );
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'booking.create' AND subject_id = ?")
      .get(id) as { details: string };
    expect(audit.details).not.toContain('Hugo');
  });

  it('keeps a guest out of the studios (no induction)', async () => {
    const res = await post(desk, '/bookings', {
      for: 'guest',
      guest_name: 'Hugo Invité',
      resource: resourceId(t.db, 'studio-numerique'),
      start: '2026-12-11T09:00',
      end: '2026-12-11T10:00',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('réservé aux membres qui ont suivi la formation');
  });

  it('answers 422 for an empty or too long guest name, in French and in English', async () => {
    const before = count('SELECT count(*) AS n FROM bookings');
    const fields = { for: 'guest', resource: room, start: '2026-12-11T14:00', end: '2026-12-11T15:00' };
    const empty = await post(desk, '/bookings', { ...fields, guest_name: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Indiquez le nom de l’invité·e.');
    expect(empty.body).toMatch(/id="b-guest-name"[^>]*aria-invalid="true"/);
    const long = await post(desk, '/bookings', { ...fields, guest_name: 'x'.repeat(101) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Le nom de l’invité·e ne doit pas dépasser 100 caractères.');
    const noMember = await post(desk, '/bookings', { ...fields, for: 'member' });
    expect(noMember.statusCode).toBe(422);
    expect(noMember.body).toContain('Cherchez puis choisissez le membre pour qui vous réservez.');
    const admin = await signInAs(t.app, 'admin');
    await post(admin, '/profile/language', { lang: 'en', next: '/' });
    const english = await post(admin, '/bookings', { ...fields, guest_name: '' });
    expect(english.statusCode).toBe(422);
    expect(english.body).toContain('Give the guest’s name.');
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(before);
  });
});

describe('a member', () => {
  it('cannot book for someone else or for a guest: 404, nothing booked', async () => {
    const before = count('SELECT count(*) AS n FROM bookings');
    const times = { resource: room, start: '2026-12-11T16:00', end: '2026-12-11T17:00' };
    const other = await post(camille, '/bookings', { ...times, for: 'member', for_member: samiId });
    expect(other.statusCode).toBe(404);
    const guest = await post(camille, '/bookings', { ...times, for: 'guest', guest_name: 'Ami' });
    expect(guest.statusCode).toBe(404);
    const search = await post(camille, '/bookings', { find_member: '1', member_q: 'sami' });
    expect(search.body).not.toContain('Sami Membre');
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(before);
    // Naming oneself is booking for oneself.
    const self = await post(camille, '/bookings', { ...times, for: 'member', for_member: camilleId });
    expect(self.statusCode).toBe(303);
  });
});
