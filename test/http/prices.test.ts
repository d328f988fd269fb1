// /admin/prices: the public rates' history and a new rate from a start date, for admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';

let t: TestApp;
let admin: Session;

const post = (session: Session, fields: Record<string, string>, csrf = session.csrf) =>
  t.app.inject({
    method: 'POST',
    url: '/admin/prices',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrf, ...fields }),
  });
const rateCount = () => t.db.$client.prepare('SELECT count(*) FROM public_rates').pluck().get() as number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
});
afterAll(() => t.close());

describe('public rates', () => {
  it('lists the seeded defaults, each in force', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/prices', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(rateCount()).toBe(6);
    expect(res.body).toMatch(/Salles de réunion<\/th>\s*<td class="num">35,00\s€ par heure<\/td>/);
    expect(res.body.match(/<strong>en vigueur<\/strong>/g)).toHaveLength(6);
  });

  it('adds a rate from a start date, audited, and keeps the old one in the history', async () => {
    const res = await post(admin, { kind: 'meeting_room', unit: 'hour', amount: '42,50', startsOn: '2027-01-01' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/prices?done=added');
    const row = t.db.$client
      .prepare('SELECT resource_kind, unit, amount_cents, starts_on FROM public_rates ORDER BY id DESC LIMIT 1')
      .get();
    expect(row).toEqual({ resource_kind: 'meeting_room', unit: 'hour', amount_cents: 4250, starts_on: '2027-01-01' });
    const audit = t.db.$client
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'public_rate.added'")
      .pluck()
      .get() as number;
    expect(audit).toBe(1);
    const page = await t.app.inject({ method: 'GET', url: res.headers.location!, headers: { cookie: admin.cookie } });
    expect(page.body).toContain('<p class="notice" role="status">Tarif ajouté.</p>');
    expect(page.body).toContain('à venir');
    expect(page.body).toContain('Alex Admin');
  });

  it('refuses a wrong rate with 422 and a sentence per field, writing nothing', async () => {
    const before = rateCount();
    const res = await post(admin, { kind: 'castle', unit: '', amount: '-3', startsOn: '2027-02-30' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choisissez un type d’espace de la liste.');
    expect(res.body).toContain('Choisissez une unité.');
    expect(res.body).toContain('Le montant doit être un nombre positif d’euros, avec au plus deux décimales.');
    expect(res.body).toContain('La date de début doit être une date au format AAAA-MM-JJ.');
    expect(rateCount()).toBe(before);
  });

  it('answers 404 to anyone but an admin and 403 without the CSRF token', async () => {
    for (const who of ['member', 'lead', 'frontdesk'] as const) {
      const session = await signInAs(t.app, who);
      const res = await post(session, { kind: 'desk', unit: 'half_day', amount: '1', startsOn: '2027-01-01' });
      expect(res.statusCode).toBe(404);
    }
    const forged = await post(admin, { kind: 'desk', unit: 'half_day', amount: '1', startsOn: '2027-01-01' }, 'x');
    expect(forged.statusCode).toBe(403);
    expect(rateCount()).toBe(7);
  });
});
