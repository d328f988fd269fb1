// Where the language switch, sign-in and profile send a person back: only a path of this
// site, read as a browser reads it, and never a raw control character in a header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/web/safe-next.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signIn, visitor } from '../helpers/auth.js';

const ELSEWHERE = [
  '//evil.example.org/x',
  '/\\evil.example.org',
  '\\\\evil.example.org',
  '/\t/evil.example.org',
  '/\n/evil.example.org',
  '/\r/evil.example.org',
  '/.//evil.example.org',
  '/..//evil.example.org',
  '/%2e//evil.example.org',
  'https://evil.example.org/',
  'javascript:alert(1)',
  ' /x',
  'x',
  '',
];

describe('safeNext', () => {
  it.each(ELSEWHERE)('sends %j home', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it.each([
    ['/profile', '/profile'],
    ['/book/rooms?date=2026-12-07&zone=salles', '/book/rooms?date=2026-12-07&zone=salles'],
    ['/bookings/12#top', '/bookings/12#top'],
    ['/a\r\nSet-Cookie: x=1', '/aSet-Cookie:%20x=1'],
    ['/a\u0000b', '/a%00b'],
    ['/a\u2028b', '/a%E2%80%A8b'],
    ['/find?q=é', '/find?q=%C3%A9'],
  ])('keeps %j on this site as %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('refuses what is not a string or is too long to be a path of ours', () => {
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(['/profile'])).toBe('/');
    expect(safeNext(`/${'a'.repeat(5000)}`)).toBe('/');
  });
});

describe('redirects after the language switch, sign-in and profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Where a browser would go from this Location header, and whether it carries a raw control character. */
  const staysHere = (location: unknown) => {
    expect(typeof location).toBe('string');
    expect(location).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
    expect(new URL(location as string, 'https://21.example.org').origin).toBe('https://21.example.org');
  };

  const HOSTILE = ['/\t/evil.example.org', '/.//evil.example.org', '/a\r\nSet-Cookie: x=1', '/\u2028', '/\u0000'];

  it.each(HOSTILE)('the language switch answers %j with a path of this site', async (next) => {
    const res = await t.app.inject({ method: 'GET', url: `/language/en?next=${encodeURIComponent(next)}` });
    expect(res.statusCode).toBe(303);
    staysHere(res.headers.location);
    expect(res.headers['set-cookie']).not.toContain('x=1');
  });

  it.each(HOSTILE)('a sign-in with next=%j signs in and stays on this site', async (next) => {
    const session = await visitor(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      payload: form({
        _csrf: session.csrf,
        email: DEMO_ACCOUNTS.member.email,
        password: 'demo-password-21',
        next,
      }),
    });
    expect(res.statusCode).toBe(303);
    staysHere(res.headers.location);
  });

  it('the profile language form goes back to a path of this site only', async () => {
    const member = await signIn(t.app, DEMO_ACCOUNTS.member2.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: member.cookie },
      payload: form({ _csrf: member.csrf, lang: 'en', next: '/.//evil.example.org' }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});
