// A URL Fastify cannot decode is answered by our error page, in the visitor's language and
// with the security headers every other answer carries, not by Fastify's raw JSON.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it.each(['/bookings/%E0%A4%A', '/resources/%zz', '/feeds/%c0%af/bookings.ics'])(
  '%s: a 400 page of ours, with the security headers',
  async (url) => {
    const reference = await t.app.inject({ method: 'GET', url: '/' });
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1>Requête invalide</h1>');
    expect(res.body).toContain('l’adresse de la page est mal formée.');
    for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'])
      expect(res.headers[name], name).toBe(reference.headers[name]);
  },
);

it('speaks the visitor’s language', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/bookings/%E0%A4%A', headers: { 'accept-language': 'en' } });
  expect(res.statusCode).toBe(400);
  expect(res.body).toContain('the address of the page is malformed.');
  expect(res.body).toContain('<html lang="en">');
});
