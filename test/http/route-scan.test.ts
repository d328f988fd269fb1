// A scan of every state-changing route, read from Fastify's own route table (so a new route is
// covered by itself): without the session's CSRF token, with another session's, or from another
// site, each is refused with 403 and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, visitor, type Session } from '../helpers/auth.js';

let t: TestApp;
let admin: Session;
let other: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  other = await visitor(t.app);
});
afterAll(() => t.close());

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A URL for a route pattern: every parameter a plausible value. */
const urlOf = (pattern: string) =>
  pattern
    .replace(':lang', 'en')
    .replace(':token', 'A'.repeat(43))
    .replace(':kind', 'digital_studio')
    .replace(/:[A-Za-z]+/g, '1');

const unsafeRoutes = () => t.app.routeList.filter((r) => UNSAFE.has(r.method));
const changes = () => t.db.$client.prepare('SELECT total_changes()').pluck().get() as number;

describe('every state-changing route', () => {
  it('is found in the route table (the scan has something to walk)', () => {
    const urls = unsafeRoutes().map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(['/bookings', '/bookings/:id/check-in', '/profile/language']));
    expect(urls.length).toBeGreaterThan(30);
  });

  const cases: [string, (s: Session) => { headers: Record<string, string>; fields: Record<string, string> }][] = [
    ['without a token', () => ({ headers: {}, fields: {} })],
    ['with another session’s token', () => ({ headers: {}, fields: { _csrf: other.csrf } })],
    [
      'from another site, token and all',
      (s) => ({ headers: { origin: 'https://evil.example.org' }, fields: { _csrf: s.csrf } }),
    ],
  ];
  it.each(cases)('refuses a request %s with 403, and writes nothing', async (_name, make) => {
    const refused: string[] = [];
    for (const route of unsafeRoutes()) {
      const { headers, fields } = make(admin);
      const before = changes();
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: urlOf(route.url),
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form({ ...fields, lang: 'en', name: 'x', email: 'x@example.org' }),
      });
      if (res.statusCode !== 403 || changes() !== before)
        refused.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(refused).toEqual([]);
  });
});
