// Behind the CSRF token, the Origin check: an unsafe request that a browser says comes from
// another site is refused (403) even with a valid token, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';

let t: TestApp;
let camille: Session;
beforeAll(async () => {
  t = await createTestApp({ env: { BASE_URL: 'https://reservations.21.example.org' } });
  camille = await signInAs(t.app, 'member');
});
afterAll(() => t.close());

const language = () =>
  t.db.$client.prepare("SELECT language FROM members WHERE email LIKE 'camille@%'").pluck().get() as string;

function switchLanguage(lang: 'fr' | 'en', headers: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/profile/language',
    headers: {
      host: 'reservations.21.example.org',
      cookie: camille.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload: form({ _csrf: camille.csrf, lang, next: '/' }),
  });
}

describe('a state-changing request with a valid token', () => {
  it.each<Record<string, string>>([
    { origin: 'https://evil.example.org' },
    { origin: 'null' },
    { referer: 'https://evil.example.org/page' },
    { referer: 'not a url' },
  ])('is refused from %j, and nothing changes', async (headers) => {
    const before = language();
    const res = await switchLanguage(before === 'fr' ? 'en' : 'fr', headers);
    expect(res.statusCode).toBe(403);
    expect(language()).toBe(before);
  });

  it.each<Record<string, string>>([
    {},
    { origin: 'https://reservations.21.example.org' },
    { referer: 'https://reservations.21.example.org/profile' },
  ])('is taken from %j', async (headers) => {
    const before = language();
    const res = await switchLanguage(before === 'fr' ? 'en' : 'fr', headers);
    expect(res.statusCode).toBe(303);
    expect(language()).not.toBe(before);
  });

  it('is taken from the host the browser addressed, as a test server on its own port is', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: {
        host: '127.0.0.1:43210',
        origin: 'http://127.0.0.1:43210',
        cookie: camille.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: camille.csrf, lang: 'fr', next: '/' }),
    });
    expect(res.statusCode).toBe(303);
  });
});

it('lets browsers send our own forms’ origin (same-origin referrer policy), and nothing to other sites', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/login' });
  // Under no-referrer a browser sends "Origin: null" with our forms, which the check refuses.
  expect(res.headers['referrer-policy']).toBe('same-origin');
});
