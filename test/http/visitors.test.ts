// Expected visitors through HTTP: registering (validated in the site's zone), who may cancel,
// staff-only arrival and departure, and the host's arrival mail at a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { parseMime } from '../helpers/mime.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let desk: Session;
let camille: Session;
let sami: Session;
let camilleId: number;
let samiId: number;

const idOf = (email: string) =>
  (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
const visitor = (id: number) =>
  t.db.$client.prepare('SELECT * FROM visitors WHERE id = ?').get(id) as Record<string, unknown> | undefined;
const lastVisitorId = () => (t.db.$client.prepare('SELECT max(id) AS id FROM visitors').get() as { id: number }).id;
const count = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;

const post = (who: Session, url: string, fields: Record<string, string | number> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

/** Registers a visitor as `who` and returns its id. */
async function register(who: Session, fields: Record<string, string | number> = {}): Promise<number> {
  const res = await post(who, '/visitors', {
    name: 'Alice Visiteuse',
    organisation: 'ACME',
    date: '2026-12-08',
    time: '10:00',
    ...fields,
  });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/visitors?done=registered');
  return lastVisitorId();
}

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  desk = await signInAs(t.app, 'frontdesk');
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  camilleId = idOf(DEMO_ACCOUNTS.member.email);
  samiId = idOf(DEMO_ACCOUNTS.member2.email);
});
afterAll(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

describe('GET /visitors', () => {
  it('is for signed-in people, in the menu, with the form and my visitors', async () => {
    const anonymous = await get(null, '/visitors');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fvisitors');
    const page = await get(camille, '/visitors');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/visitors" aria-current="page">Visiteurs</a>');
    expect(page.body).toContain('Annoncer un visiteur');
    expect(page.body).toContain('value="2026-12-07"');
    expect(page.body).not.toContain('Personne qui reçoit');
  });
});

describe('POST /visitors', () => {
  it('registers a member’s visitor, listed for them and for staff, not for others', async () => {
    const id = await register(camille);
    expect(visitor(id)).toMatchObject({
      host_member_id: camilleId,
      created_by_id: camilleId,
      name: 'Alice Visiteuse',
      organisation: 'ACME',
      expected_at: Date.UTC(2026, 11, 8, 9),
    });
    expect((await get(camille, '/visitors?done=registered')).body).toContain('Alice Visiteuse');
    expect((await get(camille, '/visitors?done=registered')).body).toContain('Visiteur annoncé');
    expect((await get(sami, '/visitors')).body).not.toContain('Alice Visiteuse');
    const staff = await get(desk, '/visitors');
    expect(staff.body).toContain('Alice Visiteuse');
    expect(staff.body).toContain('Marquer l’arrivée de Alice Visiteuse');
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE subject_type = 'visitor' AND subject_id = ?")
      .get(id) as { details: string };
    expect(audit.details).not.toContain('Alice');
  });

  it('refuses what is wrong with 422, field by field, in French and English', async () => {
    const before = count('SELECT count(*) AS n FROM visitors');
    const empty = await post(camille, '/visitors', { name: ' ', date: '2026-12-08', time: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Indiquez le nom du visiteur.');
    expect(empty.body).toContain('Indiquez l’heure d’arrivée prévue.');
    expect(empty.body).toMatch(/id="v-name"[^>]*aria-invalid="true"/);
    const past = await post(camille, '/visitors', { name: 'Bob', date: '2026-12-07', time: '09:30' });
    expect(past.body).toContain('Ce moment est déjà passé');
    const saturday = await post(camille, '/visitors', { name: 'Bob', date: '2026-12-12', time: '10:00' });
    expect(saturday.statusCode).toBe(422);
    expect(saturday.body).toContain('21 est fermé à ce moment-là');
    const christmas = await post(camille, '/visitors', { name: 'Bob', date: '2026-12-25', time: '10:00' });
    expect(christmas.body).toContain('21 est fermé à ce moment-là');
    const night = await post(camille, '/visitors', { name: 'Bob', date: '2026-12-08', time: '22:00' });
    expect(night.body).toContain('21 est fermé à ce moment-là');
    const long = await post(camille, '/visitors', { name: 'x'.repeat(101), date: '2026-12-08', time: '10:00' });
    expect(long.body).toContain('Le nom du visiteur ne doit pas dépasser 100 caractères.');
    const badDate = await post(camille, '/visitors', { name: 'Bob', date: '8/12/2026', time: '10h' });
    expect(badDate.body).toContain('Indiquez le jour sous la forme AAAA-MM-JJ.');
    await post(sami, '/profile/language', { lang: 'en', next: '/' });
    const english = await post(sami, '/visitors', { name: '', date: '2026-12-12', time: '10:00' });
    expect(english.statusCode).toBe(422);
    expect(english.body).toContain('Give the visitor’s name.');
    expect(english.body).toContain('21 is closed at that time');
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(before);
  });

  it('lets staff name any active member as host, and refuses a member naming someone else (404)', async () => {
    const search = await post(desk, '/visitors', { find_host: '1', host_q: 'sami', name: 'Carla' });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`name="host" value="${samiId}"`);
    expect(search.body).toContain('value="Carla"');
    const id = await register(desk, { name: 'Carla Externe', host: samiId });
    expect(visitor(id)).toMatchObject({ host_member_id: samiId });
    const before = count('SELECT count(*) AS n FROM visitors');
    const refused = await post(camille, '/visitors', { name: 'Dan', date: '2026-12-08', time: '11:00', host: samiId });
    expect(refused.statusCode).toBe(404);
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(before);
  });
});

describe('cancel, arrival and departure', () => {
  it('only the host or staff cancel a visit', async () => {
    const id = await register(camille, { name: 'Eve Annulée' });
    expect((await post(sami, `/visitors/${id}/cancel`)).statusCode).toBe(404);
    expect(visitor(id)!.cancelled_at).toBeNull();
    const res = await post(camille, `/visitors/${id}/cancel`);
    expect(res.statusCode).toBe(303);
    expect(visitor(id)!.cancelled_at).toBe(t.clock.now());
    expect((await get(camille, '/visitors')).body).not.toContain('Eve Annulée');
    const other = await register(camille, { name: 'Fred Annulé' });
    expect((await post(desk, `/visitors/${other}/cancel`)).statusCode).toBe(303);
  });

  it('a member cannot mark an arrival or a departure', async () => {
    const id = await register(camille, { name: 'Gina Membre' });
    expect((await post(camille, `/visitors/${id}/arrival`)).statusCode).toBe(404);
    expect((await post(camille, `/visitors/${id}/leave`)).statusCode).toBe(404);
    expect(visitor(id)!.arrived_at).toBeNull();
  });

  it('staff mark the arrival once: the host gets one mail in their language; then the departure', async () => {
    await worker.runOnce();
    const sent = smtp.received.length;
    const id = await register(camille, { name: 'Hélène Visiteuse', organisation: 'Mairie' });
    t.clock.advance(5 * 60_000);
    const res = await post(desk, `/visitors/${id}/arrival`, { next: '/frontdesk?date=2026-12-07' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/frontdesk?date=2026-12-07');
    expect(visitor(id)).toMatchObject({
      arrived_at: t.clock.now(),
      arrival_recorded_by_id: idOf(DEMO_ACCOUNTS.frontdesk.email),
    });
    const again = await post(desk, `/visitors/${id}/arrival`, { next: '//evil.example.org/' });
    expect(again.headers.location).toBe('/');
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received.length).toBe(sent + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual([DEMO_ACCOUNTS.member.email]);
    const { headers, parts } = parseMime(mail.raw);
    expect(headers.get('subject')).toBe('Hélène Visiteuse est arrivé·e à l’accueil');
    expect(parts.find((p) => p.contentType === 'text/plain')!.body).toContain(
      'Votre visiteur Hélène Visiteuse (Mairie) est arrivé·e à l’accueil de 21 à 10:05.',
    );
    const left = await post(desk, `/visitors/${id}/leave`);
    expect(left.headers.location).toBe('/visitors?done=left');
    expect(visitor(id)!.left_at).toBe(t.clock.now());
    // Sami reads English: his visitor's arrival mail is in English.
    const english = await register(desk, { name: 'Ivan Guest', organisation: '', host: samiId });
    await post(desk, `/visitors/${english}/arrival`);
    await worker.runOnce();
    const toSami = smtp.received.at(-1)!;
    expect(toSami.to).toEqual([DEMO_ACCOUNTS.member2.email]);
    expect(parseMime(toSami.raw).headers.get('subject')).toBe('Ivan Guest has arrived at the front desk');
  });
});
