// Control characters never get past the edge: a title with NUL and BEL is stored and sent on
// without them; a form in another charset than UTF-8 is refused, not misread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFieldText, isUtf8Form, parseFormBody } from '../../src/web/form-text.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

describe('cleanFieldText', () => {
  it.each([
    ['title', 'Réunion\u0000 d’équipe\u0007', 'Réunion d’équipe'],
    ['title', 'a\r\nb\tc\u2028d', 'a b c d'],
    ['name', 'Zoé\u001b[31m\u0085\u009f', 'Zoé[31m'],
    ['title', 'émoji 🎉 and « guillemets »', 'émoji 🎉 and « guillemets »'],
    ['message', 'ligne 1\r\nligne 2\u0000\rligne 3\tfin', 'ligne 1\nligne 2\nligne 3\tfin'],
    ['password', 'p\u0000ss\tword', 'p\u0000ss\tword'],
  ])('%s %j -> %j', (name, value, expected) => {
    expect(cleanFieldText(name, value)).toBe(expected);
  });

  it('cleans every value of a body, repeated names included', () => {
    expect({ ...parseFormBody('a=x%00y&a=%07z&b=c+d') }).toEqual({ a: ['xy', 'z'], b: 'c d' });
  });

  it.each([
    [undefined, true],
    ['application/x-www-form-urlencoded', true],
    ['application/x-www-form-urlencoded;charset=UTF-8', true],
    ['application/x-www-form-urlencoded; charset="utf8"', true],
    ['application/x-www-form-urlencoded; charset=ISO-8859-1', false],
    ['application/x-www-form-urlencoded; charset=windows-1252', false],
  ])('a form declared as %j is UTF-8: %s', (type, expected) => {
    expect(isUtf8Form(type)).toBe(expected);
  });
});

describe('through the app', () => {
  let t: TestApp;
  let camille: Session;
  let room: number;
  beforeAll(async () => {
    t = await createTestApp();
    camille = await signInAs(t.app, 'member');
    room = resourceId(t.db, 'salle-appia');
  });
  afterAll(() => t.close());

  const book = (payload: string, contentType = 'application/x-www-form-urlencoded') =>
    t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': contentType },
      payload,
    });
  const fields = (title: string, start: string) =>
    `_csrf=${encodeURIComponent(camille.csrf)}&resource=${room}&start=2026-12-09T${start}&end=2026-12-09T${start.replace(/^(\d\d)/, (h) => String(Number(h) + 1).padStart(2, '0'))}&title=${encodeURIComponent(title)}`;

  it('stores a title without its control characters, and the feed carries none', async () => {
    const res = await book(fields('Point\u0000 hebdo\u0007\r\nsuite', '10:00'));
    expect(res.statusCode).toBe(303);
    const stored = t.db.$client.prepare('SELECT title FROM bookings ORDER BY id DESC LIMIT 1').pluck().get();
    expect(stored).toBe('Point hebdo suite');

    const token = t.app.services.feedTokens.rotate(
      t.db.$client.prepare('SELECT id FROM members WHERE email = ?').pluck().get(DEMO_ACCOUNTS.member.email) as number,
    );
    const feed = await t.app.inject({ method: 'GET', url: `/feeds/${token}/bookings.ics` });
    expect(feed.body).toContain('Point hebdo suite');
    expect(feed.body.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });

  it('accepts the UTF-8 that htmx declares', async () => {
    const res = await book(fields('Réunion', '12:00'), 'application/x-www-form-urlencoded;charset=UTF-8');
    expect(res.statusCode).toBe(303);
  });

  it('refuses a form in another charset with 415, in the member’s language, and books nothing', async () => {
    const before = t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get();
    const res = await book(fields('R\u00e9union', '14:00'), 'application/x-www-form-urlencoded; charset=ISO-8859-1');
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('Le formulaire doit être envoyé en UTF-8.');
    expect(t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(before);
  });
});
