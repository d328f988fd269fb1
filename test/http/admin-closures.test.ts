// Closures through HTTP: admins only; a closure falling on bookings lists them first, then
// cancels them (each member told at a real SMTP server, in their language, with the reason)
// or keeps them; the day then refuses with the reason; repeating closures; validation in FR/EN.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { parseMime } from '../helpers/mime.js';
import { resourceId } from '../helpers/people.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let admin: Session;
let camille: Session;
let sami: Session;

const post = (who: Session, url: string, fields: Record<string, string | number> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session | null, url: string, cookie = '') =>
  t.app.inject({ method: 'GET', url, headers: { cookie: [who?.cookie, cookie].filter(Boolean).join('; ') } });

const book = (who: Session, slug: string, start: string, end: string) =>
  post(who, '/bookings', { resource: resourceId(t.db, slug), start, end });
const bookingId = (res: { headers: Record<string, unknown> }) =>
  Number(/\/bookings\/(\d+)/.exec(String(res.headers.location))![1]);
const status = (id: number) =>
  (t.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').get(id) as { status: string }).status;
const closureCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM closures').get() as { n: number }).n;

const closure = (fields: Record<string, string | number>) => ({
  resource: '',
  start: '',
  end: '',
  reason: '',
  ...fields,
});

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  admin = await signInAs(t.app, 'admin');
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  t.db.$client.prepare("UPDATE members SET language = 'en' WHERE email = ?").run(DEMO_ACCOUNTS.member2.email);
});
afterAll(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

describe('permission', () => {
  it('GET /admin/closures answers 200 to admins and 404 to members, front desk included', async () => {
    const page = await get(admin, '/admin/closures');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Fermetures</h1>');
    expect((await get(camille, '/admin/closures')).statusCode).toBe(404);
    expect((await get(await signInAs(t.app, 'frontdesk'), '/admin/closures')).statusCode).toBe(404);
  });

  it('POST /admin/closures by a member is a 404 and writes nothing', async () => {
    const before = closureCount();
    const res = await post(camille, '/admin/closures', closure({ start: '2026-12-20', reason: 'Non' }));
    expect(res.statusCode).toBe(404);
    expect(closureCount()).toBe(before);
  });
});

describe('a closure falling on bookings', () => {
  it('is listed first, then cancels them on confirmation: members told in their language, the day refuses', async () => {
    const mine = bookingId(await book(camille, 'salle-dunant', '2026-12-09T10:00', '2026-12-09T11:00'));
    const his = bookingId(await book(sami, 'salle-dunant', '2026-12-09T14:00', '2026-12-09T15:00'));
    const other = bookingId(await book(sami, 'salle-barton', '2026-12-09T10:00', '2026-12-09T11:00'));
    await worker.runOnce();
    smtp.received.length = 0;
    const dunant = resourceId(t.db, 'salle-dunant');
    const fields = closure({
      resource: dunant,
      start: '2026-12-09',
      end: '2026-12-09',
      reason: 'Dégât des eaux',
      reasonEn: 'Water damage',
      kind: 'maintenance',
    });
    const before = closureCount();
    const asked = await post(admin, '/admin/closures', fields);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Réservations concernées</h1>');
    expect(asked.body).toContain(`data-booking="${mine}"`);
    expect(asked.body).toContain(`data-booking="${his}"`);
    expect(asked.body).not.toContain(`data-booking="${other}"`);
    expect(asked.body).toContain('name="confirm" value="1"');
    expect(asked.body).toContain('value="Dégât des eaux"');
    expect(closureCount()).toBe(before);
    expect(status(mine)).toBe('confirmed');

    const done = await post(admin, '/admin/closures', { ...fields, confirm: 1, affected: 'cancel' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/closures?done=created&cancelled=2');
    expect([status(mine), status(his), status(other)]).toEqual(['cancelled', 'cancelled', 'confirmed']);
    const list = await get(admin, String(done.headers.location));
    expect(list.body).toContain('2 réservations ont été annulées');
    expect(list.body).toContain('Dégât des eaux');

    await worker.runOnce();
    const mails = await smtp.waitFor(2);
    const to = (email: string) => parseMime(mails.find((m) => m.to.includes(email))!.raw);
    const fr = to(DEMO_ACCOUNTS.member.email);
    const en = to(DEMO_ACCOUNTS.member2.email);
    expect(fr.parts.find((p) => p.contentType === 'text/plain')!.body).toContain('Motif : Dégât des eaux');
    expect(en.parts.find((p) => p.contentType === 'text/plain')!.body).toContain('Water damage');

    const refused = await book(camille, 'salle-dunant', '2026-12-09T16:00', '2026-12-09T17:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Dégât des eaux');
    const rooms = await get(camille, '/book/rooms?date=2026-12-09');
    expect(rooms.body.match(/Salle Henry Dunant<\/a>[\s\S]*?<\/tr>/)![0]).toContain('class="closed"');
    const audit = t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'closure.create'").get();
    expect(audit).toEqual({ n: 1 });
  });

  it('keeps them when the admin chooses so: they stay confirmed and nobody is mailed', async () => {
    const kept = bookingId(await book(camille, 'salle-barton', '2026-12-10T10:00', '2026-12-10T11:00'));
    await worker.runOnce();
    smtp.received.length = 0;
    const fields = closure({ resource: resourceId(t.db, 'salle-barton'), start: '2026-12-10', reason: 'Tournage' });
    expect((await post(admin, '/admin/closures', fields)).statusCode).toBe(200);
    const done = await post(admin, '/admin/closures', { ...fields, confirm: 1, affected: 'keep' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/closures?done=created&cancelled=0');
    expect(status(kept)).toBe('confirmed');
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    const refused = await book(sami, 'salle-barton', '2026-12-10T14:00', '2026-12-10T15:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Tournage');
  });

  it('on no booking is created at once, and a site-wide one closes the desks with its reason', async () => {
    const res = await post(admin, '/admin/closures', closure({ start: '2026-12-18', reason: 'Séminaire d’équipe' }));
    expect(res.statusCode).toBe(303);
    const desk = await get(camille, '/book/desk?date=2026-12-18');
    expect(desk.body).toContain('Séminaire d’équipe');
  });
});

describe('repeating closures', () => {
  it('every Wednesday morning until a date: refuses the mornings it covers, not the afternoons nor after', async () => {
    const res = await post(
      admin,
      '/admin/closures',
      closure({
        resource: resourceId(t.db, 'salle-appia'),
        start: '2026-12-16',
        startTime: '08:00',
        endTime: '12:00',
        reason: 'Ménage',
        repeat: 'weekly',
        repeatUntil: '2026-12-30',
      }),
    );
    expect(res.statusCode).toBe(303);
    for (const day of ['2026-12-16', '2026-12-23', '2026-12-30']) {
      const refused = await book(camille, 'salle-appia', `${day}T10:00`, `${day}T11:00`);
      expect(refused.statusCode, day).toBe(409);
      expect(refused.body).toContain('Ménage');
    }
    expect((await book(camille, 'salle-appia', '2026-12-23T14:00', '2026-12-23T15:00')).statusCode).toBe(303);
    expect((await book(camille, 'salle-appia', '2027-01-06T10:00', '2027-01-06T11:00')).statusCode).toBe(303);
    const list = await get(admin, '/admin/closures');
    expect(list.body).toContain('Chaque semaine jusqu’au 30 décembre 2026');
  });
});

describe('edit and delete', () => {
  it('changes the dates of a closure, then removes it: the day is bookable again', async () => {
    await post(admin, '/admin/closures', closure({ start: '2026-12-21', reason: 'Inventaire' }));
    const id = (t.db.$client.prepare('SELECT max(id) AS id FROM closures').get() as { id: number }).id;
    const page = await get(admin, `/admin/closures/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2026-12-21"');
    expect((await book(camille, 'salle-dufour', '2026-12-21T10:00', '2026-12-21T11:00')).statusCode).toBe(409);
    const moved = await post(admin, `/admin/closures/${id}`, closure({ start: '2026-12-22', reason: 'Inventaire' }));
    expect(moved.statusCode).toBe(303);
    expect((await book(camille, 'salle-dufour', '2026-12-21T10:00', '2026-12-21T11:00')).statusCode).toBe(303);
    expect((await book(camille, 'salle-dufour', '2026-12-22T10:00', '2026-12-22T11:00')).statusCode).toBe(409);
    expect((await post(camille, `/admin/closures/${id}/delete`)).statusCode).toBe(404);
    const removed = await post(admin, `/admin/closures/${id}/delete`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/admin/closures?done=deleted');
    expect((await book(camille, 'salle-dufour', '2026-12-22T10:00', '2026-12-22T11:00')).statusCode).toBe(303);
    expect((await get(admin, `/admin/closures/${id}`)).statusCode).toBe(404);
  });
});

describe('validation', () => {
  it('answers 422 with the form and every problem, in French', async () => {
    const before = closureCount();
    const res = await post(
      admin,
      '/admin/closures',
      closure({ resource: 999999, start: '2026-12-20', end: '2026-12-19', reason: ' ', repeat: 'daily' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choisissez une ressource de la liste, ou tout le site.');
    expect(res.body).toContain('La fin doit venir après le début.');
    expect(res.body).toContain('Indiquez le motif de la fermeture');
    expect(res.body).toContain('Choisissez une répétition de la liste.');
    expect(res.body).toContain('href="#closure-reason"');
    expect(closureCount()).toBe(before);
  });

  it('answers 422 in English for an English reader', async () => {
    const setLanguage = (lang: string) =>
      t.db.$client.prepare('UPDATE members SET language = ? WHERE email = ?').run(lang, DEMO_ACCOUNTS.admin.email);
    setLanguage('en');
    const res = await post(admin, '/admin/closures', { start: '20/12/2026', reason: 'x', startTime: '25:00' });
    setLanguage('fr');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter the first day as YYYY-MM-DD.');
    expect(res.body).toContain('Enter the start time as HH:MM, or leave it empty.');
  });

  it('refuses a weekly closure longer than a week and a repetition without an end', async () => {
    const long = await post(
      admin,
      '/admin/closures',
      closure({ start: '2026-12-20', end: '2026-12-28', reason: 'x', repeat: 'weekly', repeatUntil: '2027-02-01' }),
    );
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('moins de 7 jours chaque semaine');
    const endless = await post(
      admin,
      '/admin/closures',
      closure({ start: '2026-12-20', reason: 'x', repeat: 'yearly' }),
    );
    expect(endless.statusCode).toBe(422);
    expect(endless.body).toContain('Indiquez jusqu’à quand la fermeture se répète.');
  });
});
