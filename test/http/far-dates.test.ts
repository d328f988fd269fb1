// Every date the app takes from outside lies within the years it computes (ACCEPTED_YEARS):
// a booking, a change, a series or a day view in year 9999 (whose month arithmetic needs year
// 10000) is a 422 that says which dates are taken, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_YEARS, isLocalDate } from '../../src/domain/local-date.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
let room: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  room = resourceId(t.db, 'salle-appia');
});
afterAll(() => t.close());

const post = (who: Session, url: string, fields: Record<string, string | number>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const bookings = () => (t.db.$client.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n;

describe('dates the app accepts', () => {
  it.each([
    ['1999-12-31', false],
    [`${ACCEPTED_YEARS.first}-01-01`, true],
    [`${ACCEPTED_YEARS.last}-12-31`, true],
    ['2200-01-01', false],
    ['9999-12-31', false],
    ['0000-01-01', false],
  ])('%s: %s', (date, accepted) => {
    expect(isLocalDate(date)).toBe(accepted);
  });
});

describe.each(['9999-12-31', '0001-01-01', '2200-01-01'])('a date in %s', (day) => {
  it('is refused for a booking with 422, saying which dates are taken, and nothing is booked', async () => {
    const before = bookings();
    const res = await post(camille, '/bookings', { resource: room, start: `${day}T10:00`, end: `${day}T11:00` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      `Choisissez un début entre l’an ${ACCEPTED_YEARS.first} et l’an ${ACCEPTED_YEARS.last}.`,
    );
    expect(bookings()).toBe(before);
  });

  it('is refused for a change with 422, and the booking keeps its time', async () => {
    const made = await post(camille, '/bookings', {
      resource: room,
      start: '2026-12-11T14:00',
      end: '2026-12-11T15:00',
    });
    const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1];
    const res = await post(camille, `/bookings/${id}/change`, {
      resource: room,
      start: `${day}T10:00`,
      end: `${day}T11:00`,
    });
    expect(res.statusCode).toBe(422);
    expect((await get(camille, `/bookings/${id}`)).body).toContain('14:00–15:00');
    await post(camille, `/bookings/${id}/cancel`, {});
  });

  it('is refused as the end of a series with 422', async () => {
    const res = await post(camille, '/bookings', {
      resource: room,
      start: '2026-12-14T10:00',
      end: '2026-12-14T11:00',
      repeat: 'weekly',
      repeat_end: 'until',
      repeat_until: day,
    });
    expect(res.statusCode).toBe(422);
  });

  it.each(['/book/rooms', '/book/desk', '/find?people=2&duration=60'])('is refused by %s with 422', async (page) => {
    const res = await get(camille, `${page}${page.includes('?') ? '&' : '?'}date=${day}`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/aria-invalid="true"/);
  });
});

it('the last accepted day is judged by the booking rules like any other (too far ahead), not by a crash', async () => {
  const day = `${ACCEPTED_YEARS.last}-12-31`;
  const res = await post(camille, '/bookings', { resource: room, start: `${day}T10:00`, end: `${day}T11:00` });
  expect(res.statusCode).toBe(409);
  expect((await get(camille, `/book/rooms?date=${day}`)).statusCode).toBe(200);
});

it('says it in English to an English-speaking member', async () => {
  const sami = await signInAs(t.app, 'member2');
  expect((await post(sami, '/profile/language', { lang: 'en', next: '/' })).statusCode).toBe(303);
  const res = await post(sami, '/bookings', { resource: room, start: '9999-12-31T10:00', end: '9999-12-31T11:00' });
  expect(res.statusCode).toBe(422);
  expect(res.body).toContain(`Choose a start between the years ${ACCEPTED_YEARS.first} and ${ACCEPTED_YEARS.last}.`);
});
