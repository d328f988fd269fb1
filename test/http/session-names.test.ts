// The profile's sessions named as people name them: the browser and the system read from the
// user agent, and how long ago the session was last seen, in French and English; an agent that
// cannot be read is an unknown browser; the raw user-agent string is never shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeAgo } from '../../src/i18n/relative-time.js';
import { createTestApp, DEFAULT_NOW, type TestApp } from '../helpers/app.js';
import { csrfOf, DEMO_ACCOUNTS, DEMO_TEST_PASSWORD, form, sessionCookie } from '../helpers/auth.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HOUR = 3600_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Signs Camille in from a browser that sends `userAgent`; returns the session's cookie. */
async function signInWith(userAgent: string): Promise<string> {
  const login = await t.app.inject({ method: 'GET', url: '/login', headers: { 'user-agent': userAgent } });
  const res = await t.app.inject({
    method: 'POST',
    url: '/login',
    headers: {
      cookie: sessionCookie(login)!,
      'user-agent': userAgent,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: form({ email: DEMO_ACCOUNTS.member.email, password: DEMO_TEST_PASSWORD, _csrf: csrfOf(login.body)! }),
  });
  expect(res.statusCode).toBe(303);
  return sessionCookie(res)!;
}

const profile = (cookie: string, userAgent: string) =>
  t.app.inject({ method: 'GET', url: '/profile', headers: { cookie, 'user-agent': userAgent } });

describe('the sessions list', () => {
  it('names each session by browser, system and time since last seen, in French then English', async () => {
    t.clock.set(DEFAULT_NOW);
    await signInWith(FIREFOX_WINDOWS);
    t.clock.set(DEFAULT_NOW + 30 * 60_000);
    await signInWith('curl/8.0');
    t.clock.set(DEFAULT_NOW + 2 * HOUR + 5 * 60_000);
    const here = await signInWith(SAFARI_IPHONE);
    const fr = await profile(here, SAFARI_IPHONE);
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Firefox sur Windows, il y a 2 heures');
    expect(fr.body).toContain('Navigateur inconnu, il y a 1 heure');
    expect(fr.body).toContain('Mobile Safari sur iOS, à l’instant');
    expect(fr.body).not.toContain('Gecko/20100101');
    expect(fr.body).not.toContain('curl/8.0');

    const page = await profile(here, SAFARI_IPHONE);
    await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: { cookie: here, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ lang: 'en', next: '/profile', _csrf: csrfOf(page.body)! }),
    });
    const en = await profile(here, SAFARI_IPHONE);
    expect(en.body).toContain('Firefox on Windows, 2 hours ago');
    expect(en.body).toContain('Unknown browser, 1 hour ago');
    expect(en.body).toContain('Mobile Safari on iOS, just now');
  });
});

describe('time ago', () => {
  it.each([
    [30_000, 'fr', null],
    [5 * 60_000, 'fr', 'il y a 5 minutes'],
    [2 * HOUR, 'fr', 'il y a 2 heures'],
    [26 * HOUR, 'fr', 'hier'],
    [3 * 24 * HOUR, 'fr', 'il y a 3 jours'],
    [60_000, 'en', '1 minute ago'],
    [26 * HOUR, 'en', 'yesterday'],
    [3 * 24 * HOUR, 'en', '3 days ago'],
  ] as const)('%i ms in %s reads %s', (elapsed, lang, words) => {
    expect(timeAgo(DEFAULT_NOW - elapsed, DEFAULT_NOW, lang)).toBe(words);
  });
});
