// The rates page: admins add a rate from a date; the rate in force on the event's date prices
// a quote, and a quote already sent keeps its prices.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, signInAs, type Session } from '../helpers/auth.js';
import { post, requestRental } from '../helpers/rentals.js';

let t: TestApp;
let admin: Session;
beforeEach(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
});
afterEach(() => t.close());

const gross = (id: number) =>
  JSON.parse(t.db.$client.prepare('SELECT quote FROM rental_requests WHERE id = ?').pluck().get(id) as string)
    .grossCents as number;

async function rateForm(): Promise<Record<string, string>> {
  const page = await t.app.inject({ method: 'GET', url: '/admin/rentals/rates', headers: { cookie: admin.cookie } });
  expect(page.statusCode).toBe(200);
  expect(csrfOf(page.body)).not.toBeNull();
  // The form starts from the rate in force.
  const values: Record<string, string> = {};
  for (const m of page.body.matchAll(/<input id="([a-z_]+)" name="\1" type="(?:text|date)" value="([^"]*)"/g))
    values[m[1]!] = m[2]!;
  return values;
}

it('adds a rate from a date; quotes of events from that date use it, earlier ones keep theirs', async () => {
  await requestRental(t.app);
  await post(t.app, admin, '/admin/rentals/1/quote');
  const before = gross(1);
  const values = await rateForm();
  expect(values.evening).toBe('700.00');
  const saved = await post(t.app, admin, '/admin/rentals/rates', {
    ...values,
    starts_on: '2027-01-01',
    evening: '800',
  });
  expect(saved.statusCode).toBe(303);
  const list = await t.app.inject({ method: 'GET', url: '/admin/rentals/rates', headers: { cookie: admin.cookie } });
  expect(list.body).toContain('2027-01-01');
  expect(list.body).toMatch(/800,00\s€/);

  await requestRental(t.app, { date: '2027-01-12', email: 'x@y.example' });
  await post(t.app, admin, '/admin/rentals/2/quote');
  // 800 € - 30 % = 560 € HT, 672 € TTC; the December event stays at 700 € - 30 %.
  expect(gross(2)).toBe(67_200);
  await post(t.app, admin, '/admin/rentals/1/quote');
  expect(gross(1)).toBe(before);
});

it('refuses a wrong amount with 422 and the field named; the front desk and members get 404', async () => {
  const values = await rateForm();
  const res = await post(t.app, admin, '/admin/rentals/rates', { ...values, starts_on: '2027-01-01', day: '12,345' });
  expect(res.statusCode).toBe(422);
  expect(res.body).toContain(
    'Journée\u202f: Indiquez un montant en euros, par exemple 650 ou 650,50 (deux décimales au plus).',
  );
  expect(t.db.$client.prepare('SELECT count(*) FROM rental_rates').pluck().get()).toBe(1);
  for (const who of ['frontdesk', 'member'] as const) {
    const s = await signInAs(t.app, who);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/rentals/rates', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(404);
    expect((await post(t.app, s, '/admin/rentals/rates', { ...values, starts_on: '2027-02-01' })).statusCode).toBe(404);
  }
});

it('admins set the rental settings; a quote then takes its validity from them', async () => {
  const settings = { retentionMonths: '6', optionDays: '7', quoteValidityDays: '10', warnHours: '24' };
  const saved = await post(t.app, admin, '/admin/rentals/settings', settings);
  expect(saved.statusCode).toBe(303);
  expect(saved.headers.location).toBe('/admin/rentals/rates?done=settings');
  const row = t.db.$client.prepare('SELECT * FROM rental_settings WHERE id = 1').get();
  expect(row).toEqual({ id: 1, retention_months: 6, option_days: 7, quote_validity_days: 10, warn_hours: 24 });
  const page = await t.app.inject({
    method: 'GET',
    url: '/admin/rentals/rates?done=settings',
    headers: { cookie: admin.cookie },
  });
  expect(page.body).toContain('Réglages enregistrés.');
  expect(page.body).toContain('id="retentionMonths" name="retentionMonths" type="text" value="6"');
  await requestRental(t.app);
  expect((await post(t.app, admin, '/admin/rentals/1/quote')).statusCode).toBe(303);
  const validUntil = t.db.$client.prepare('SELECT quote_valid_until FROM rental_requests WHERE id = 1').pluck().get();
  expect(validUntil).toBe('2026-12-17');
});

it('refuses settings out of range, naming each field, and changes nothing', async () => {
  const refused = await post(t.app, admin, '/admin/rentals/settings', {
    retentionMonths: '0',
    optionDays: 'abc',
    quoteValidityDays: '',
    warnHours: '24',
  });
  expect(refused.statusCode).toBe(422);
  expect(refused.body).toContain('Conservation des coordonnées (mois)\u202f: Indiquez un nombre entier de 1 à 120.');
  expect(refused.body).toContain('Durée d’une option (jours)\u202f: Indiquez un nombre entier de 1 à 90.');
  expect(refused.body).toContain('Validité d’un devis (jours)\u202f: Indiquez un nombre entier de 1 à 180.');
  const row = t.db.$client.prepare('SELECT retention_months, option_days FROM rental_settings WHERE id = 1').get();
  expect(row).toEqual({ retention_months: 12, option_days: 14 });
  const member = await signInAs(t.app, 'member');
  expect((await post(t.app, member, '/admin/rentals/settings', { retentionMonths: '6' })).statusCode).toBe(404);
});
