// The public rental form and the requester's page over HTTP: the contracts of issue 14, the
// spam guard, refusals with reasons, and a link that gives nothing about another request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, visitor } from '../helpers/auth.js';
import { post, RENTAL_FIELDS, requestRental } from '../helpers/rentals.js';
import { LANGUAGE_COOKIE } from '../../src/web/plugins/i18n.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const count = (sql: string) => t.db.$client.prepare(sql).pluck().get() as number;

describe('the public form', () => {
  it('answers a visitor with one form holding _csrf, a honeypot and every layout', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/event-space/request' });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<form method="post" action="\/event-space\/request"/g)).toHaveLength(1);
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.body).toContain('name="website"');
    expect(res.body).toContain('value="cabaret"');
  });

  it('sends a filled-in form to the requester’s page, which shows the request and its state', async () => {
    const sent = await requestRental(t.app);
    const page = await t.app.inject({ method: 'GET', url: sent.url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Soirée solidaire');
    expect(page.body).toContain('Demande reçue');
    expect(page.headers['cache-control']).toBe('no-store');
    const row = t.db.$client.prepare('SELECT status, token_hash, booking_id FROM rental_requests').get() as {
      status: string;
      token_hash: string;
      booking_id: number | null;
    };
    expect(row.status).toBe('requested');
    // The token is stored hashed only, and a request holds nothing yet.
    expect(row.token_hash).not.toContain(sent.token);
    expect(row.booking_id).toBeNull();
    expect(count("SELECT count(*) FROM outbox WHERE kind = 'rental-received'")).toBe(1);
    const mail = t.db.$client.prepare("SELECT message FROM outbox WHERE kind = 'rental-received'").pluck().get();
    expect(String(mail)).toContain(`/rentals/${sent.token}`);
  });

  it('writes in English for an English visitor', async () => {
    const anonymous = await visitor(t.app);
    const session = { ...anonymous, cookie: `${anonymous.cookie}; ${LANGUAGE_COOKIE}=en` };
    const sent = await requestRental(t.app, {}, { session });
    const page = await t.app.inject({ method: 'GET', url: sent.url, headers: { cookie: session.cookie } });
    expect(page.body).toContain('Request received');
    expect(t.db.$client.prepare('SELECT language FROM rental_requests').pluck().get()).toBe('en');
  });

  it('answers an unknown or malformed token with 404', async () => {
    await requestRental(t.app);
    for (const url of [`/rentals/${'A'.repeat(43)}`, '/rentals/short', `/rentals/${'A'.repeat(43)}/accept`]) {
      const res = await t.app.inject({ method: url.endsWith('accept') ? 'GET' : 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('refuses missing and wrong fields with 422, each named in the summary', async () => {
    const session = await visitor(t.app);
    const res = await post(t.app, session, '/event-space/request', {
      ...RENTAL_FIELDS,
      email: 'not-an-address',
      headcount: '400',
      end: '17:00',
      consent: '',
      kind: 'pirates',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('role="alert"');
    for (const words of [
      'Indiquez une adresse e-mail valide',
      'ne peut pas accueillir autant',
      'L’heure de fin doit suivre',
      'Acceptez la conservation',
      'Choisissez le type',
    ])
      expect(res.body).toContain(words);
    expect(count('SELECT count(*) FROM rental_requests')).toBe(0);
  });

  it('refuses a date that cannot work with the reason and the nearest free dates', async () => {
    const session = await visitor(t.app);
    // A Saturday: the event space is closed at weekends.
    const res = await post(t.app, session, '/event-space/request', { ...RENTAL_FIELDS, date: '2026-12-19' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Cette date ne convient pas');
    expect(res.body).toContain('Dates libres les plus proches');
    expect(count('SELECT count(*) FROM rental_requests')).toBe(0);
  });

  it('shows availability before sending, as a page and as an htmx fragment', async () => {
    const session = await visitor(t.app);
    const page = await post(t.app, session, '/event-space/request/availability', { ...RENTAL_FIELDS });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('L’espace est libre');
    expect(page.body).toContain('<form');
    const fragment = await t.app.inject({
      method: 'POST',
      url: '/event-space/request/availability',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
      payload: form({ ...RENTAL_FIELDS, date: '2026-12-19', _csrf: session.csrf }),
    });
    expect(fragment.statusCode).toBe(422);
    expect(fragment.body).not.toContain('<form');
    expect(fragment.body).toContain('id="rental-availability"');
    expect(fragment.body).toContain('Cette date ne convient pas');
    expect(count('SELECT count(*) FROM rental_requests')).toBe(0);
  });

  it('refuses a post without the CSRF token', async () => {
    const session = await visitor(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/event-space/request',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ ...RENTAL_FIELDS }),
    });
    expect(res.statusCode).toBe(403);
    expect(count('SELECT count(*) FROM rental_requests')).toBe(0);
  });
});

describe('the spam guard', () => {
  it('keeps and mails nothing when the honeypot is filled, and says "sent"', async () => {
    const session = await visitor(t.app);
    const res = await post(t.app, session, '/event-space/request', {
      ...RENTAL_FIELDS,
      website: 'http://spam.example',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/event-space/request?sent=1');
    expect(count('SELECT count(*) FROM rental_requests')).toBe(0);
    expect(count('SELECT count(*) FROM outbox')).toBe(0);
  });

  it('limits requests per address (5 an hour), others unaffected', async () => {
    for (let i = 0; i < 5; i++) await requestRental(t.app, { title: `Soirée ${i}` }, { ip: '203.0.113.9' });
    const session = await visitor(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/event-space/request',
      remoteAddress: '203.0.113.9',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ ...RENTAL_FIELDS, _csrf: session.csrf }),
    });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM rental_requests')).toBe(5);
    await requestRental(t.app, {}, { ip: '198.51.100.7' });
    t.clock.advance(3_600_000);
    await requestRental(t.app, {}, { ip: '203.0.113.9' });
    expect(count('SELECT count(*) FROM rental_requests')).toBe(7);
  });
});

describe('the requester’s link', () => {
  it('gives nothing about any other request', async () => {
    const mine = await requestRental(t.app);
    await requestRental(t.app, {
      organisation: 'Société Secrète',
      title: 'Lancement confidentiel',
      email: 'x@secret.example',
    });
    const page = await t.app.inject({ method: 'GET', url: mine.url });
    expect(page.body).toContain('Soirée solidaire');
    for (const other of ['Société Secrète', 'Lancement confidentiel', 'secret.example'])
      expect(page.body).not.toContain(other);
    // Nor does it open staff's pages.
    const admin = await t.app.inject({
      method: 'GET',
      url: '/admin/rentals',
      headers: { cookie: mine.session.cookie },
    });
    expect(admin.statusCode).toBe(303);
  });

  it('lets the requester reply, and refuses an empty message with 422', async () => {
    const sent = await requestRental(t.app);
    const empty = await post(t.app, sent.session, `${sent.url}/reply`, { message: '   ' });
    expect(empty.statusCode).toBe(422);
    const ok = await post(t.app, sent.session, `${sent.url}/reply`, { message: 'Nous serons 90.' });
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: sent.url });
    expect(page.body).toContain('Nous serons 90.');
  });

  it('cannot accept before a quote (409), and may cancel', async () => {
    const sent = await requestRental(t.app);
    const accept = await post(t.app, sent.session, `${sent.url}/accept`);
    expect(accept.statusCode).toBe(409);
    const cancel = await post(t.app, sent.session, `${sent.url}/cancel`);
    expect(cancel.statusCode).toBe(303);
    expect(t.db.$client.prepare('SELECT status FROM rental_requests').pluck().get()).toBe('cancelled');
    expect((await post(t.app, sent.session, `${sent.url}/cancel`)).statusCode).toBe(409);
  });
});

it('a member gets 404 on the staff queue, the front desk reads it, an admin acts on it', async () => {
  await requestRental(t.app);
  const member = await signInAs(t.app, 'member');
  expect(
    (await t.app.inject({ method: 'GET', url: '/admin/rentals', headers: { cookie: member.cookie } })).statusCode,
  ).toBe(404);
  const desk = await signInAs(t.app, 'frontdesk');
  const deskPage = await t.app.inject({ method: 'GET', url: '/admin/rentals', headers: { cookie: desk.cookie } });
  expect(deskPage.statusCode).toBe(200);
  expect(deskPage.body).toContain('Soirée solidaire');
  const id = t.db.$client.prepare('SELECT id FROM rental_requests').pluck().get() as number;
  expect((await post(t.app, desk, `/admin/rentals/${id}/quote`)).statusCode).toBe(404);
  const admin = await signInAs(t.app, 'admin');
  expect((await post(t.app, admin, `/admin/rentals/${id}/quote`)).statusCode).toBe(303);
});
