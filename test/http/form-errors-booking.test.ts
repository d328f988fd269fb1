// The booking form family (new booking, series, change, find a room): a malformed field
// answers 422 with the form kept, a summary naming each field and linking to it, and a
// message that says what is expected, in French and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { expectInlineError, expectSummary } from '../helpers/error-summary.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let fr: Session;
let en: Session;
let room: number;
beforeAll(async () => {
  t = await createTestApp();
  fr = await signInAs(t.app, 'member');
  en = await signInAs(t.app, 'member2');
  room = resourceId(t.db, 'salle-appia');
  await post(en, '/profile/language', { lang: 'en', next: '/' });
});
afterAll(async () => {
  await t.close();
});

function post(who: Session, url: string, fields: Record<string, string | number | readonly string[]>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
}
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

describe('the booking form', () => {
  const bad = () => ({ resource: '', start: '8 déc 10h', end: '', headcount: '', title: 'x'.repeat(201) });

  it('names each wrong field in French, says what is expected and keeps what was typed', async () => {
    const res = await post(fr, '/bookings', { ...bad(), headcount: '0' });
    expect(res.statusCode).toBe(422);
    expectSummary(res.body, 'fr', {
      'b-resource': 'Choisissez l’espace à réserver dans la liste.',
      'b-start': 'Indiquez un jour qui existe et une heure du début, en heures et minutes.',
      'b-end': 'Indiquez le jour et l’heure de la fin.',
      'b-headcount': 'Indiquez le nombre de personnes, de 1 à 1\u202f000.',
      'b-title': 'Le titre doit tenir en 200 caractères au plus.',
    });
    expectInlineError(res.body, 'b-headcount', 'Indiquez le nombre de personnes, de 1 à 1\u202f000.');
    expectInlineError(res.body, 'b-start', 'Indiquez un jour qui existe et une heure du début, en heures et minutes.');
    expect(res.body).toContain('value="8 déc 10h"');
    expect(res.body).toContain('Début\u202f: Indiquez un jour');
  });

  it('does the same in English', async () => {
    const res = await post(en, '/bookings', { ...bad(), headcount: 'lots' });
    expect(res.statusCode).toBe(422);
    expectSummary(res.body, 'en', {
      'b-resource': 'Choose the space to book from the list.',
      'b-start': 'Enter a day that exists and a start time in hours and minutes.',
      'b-end': 'Enter the day and time the booking ends.',
      'b-headcount': 'Enter the number of people, from 1 to 1,000.',
      'b-title': 'The title must be 200 characters or fewer.',
    });
    expect(res.body).toContain('value="lots"');
  });

  it('names a year out of range and an unknown space', async () => {
    const far = await post(fr, '/bookings', { resource: room, start: '2300-01-01T10:00', end: '2300-01-01T11:00' });
    expect(far.statusCode).toBe(422);
    expectSummary(far.body, 'fr', {
      'b-start': 'Choisissez un début entre l’an 2000 et l’an 2199.',
      'b-end': 'Choisissez une fin entre l’an 2000 et l’an 2199.',
    });
    const unknown = await post(en, '/bookings', {
      resource: '999999',
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
    });
    expect(unknown.statusCode).toBe(422);
    expectSummary(unknown.body, 'en', {
      'b-resource': 'This space does not exist or is no longer offered: choose one from the list.',
    });
  });

  it('names each wrong repetition field with its limits', async () => {
    const base = { resource: room, start: '2026-12-08T10:00', end: '2026-12-08T11:00', repeat: 'weekly' };
    const res = await post(fr, '/bookings', {
      ...base,
      repeat_interval: '13',
      repeat_count: '',
      repeat_weekdays: ['9'],
    });
    expect(res.statusCode).toBe(422);
    expectSummary(res.body, 'fr', {
      'b-interval': 'Indiquez tous les combien de jours, semaines ou mois la réservation revient, de 1 à 12.',
      'b-count': 'Indiquez le nombre de fois, de 2 à 100.',
      'b-weekdays': 'Cochez des jours de la semaine dans la liste, du lundi au dimanche.',
    });
    expectInlineError(res.body, 'b-count', 'Indiquez le nombre de fois, de 2 à 100.');
    const until = await post(en, '/bookings', { ...base, repeat_end: 'until', repeat_until: '31/02/2027' });
    expect(until.statusCode).toBe(422);
    expectSummary(until.body, 'en', { 'b-until': 'Enter a last date that exists: day, month and year.' });
    const ending = await post(en, '/bookings', { ...base, repeat: 'fortnightly', repeat_end: 'never' });
    expectSummary(ending.body, 'en', {
      'b-repeat': 'Choose a repetition from the list: none, every day, week or month.',
    });
    const kind = await post(fr, '/bookings', { ...base, repeat_end: 'jamais', monthly_by: 'x', repeat: 'monthly' });
    expectSummary(kind.body, 'fr', {
      'b-end-kind': 'Choisissez de finir après un nombre de fois ou à une date.',
      'b-monthly': 'Choisissez le même jour du mois ou le même jour de la semaine.',
    });
  });
});

describe('changing a booking', () => {
  it('names the wrong times in French and English', async () => {
    const made = await post(fr, '/bookings', { resource: room, start: '2026-12-09T10:00', end: '2026-12-09T11:00' });
    expect(made.statusCode).toBe(303);
    const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1]!;
    const res = await post(fr, `/bookings/${id}/change`, { resource: String(room), start: '', end: 'demain' });
    expect(res.statusCode).toBe(422);
    expectSummary(res.body, 'fr', {
      'c-start': 'Indiquez le jour et l’heure du début.',
      'c-end': 'Indiquez un jour qui existe et une heure de la fin, en heures et minutes.',
    });
    const wrongRoom = await post(fr, `/bookings/${id}/change`, {
      resource: '999999',
      start: '2026-12-09T10:00',
      end: '2026-12-09T11:00',
    });
    expect(wrongRoom.statusCode).toBe(422);
    expectInlineError(
      wrongRoom.body,
      'c-resource',
      'Cet espace n’existe pas ou n’est plus proposé : choisissez-en un dans la liste.',
    );
  });
});

describe('finding a room', () => {
  it('says how many people a room can take, in French and English', async () => {
    const empty = await get(fr, '/find?people=&duration=60&date=2026-12-08');
    expect(empty.statusCode).toBe(422);
    const max = /de 1 à (\d+)\./.exec(empty.body)?.[1];
    expect(Number(max)).toBeGreaterThan(1);
    expectSummary(empty.body, 'fr', { 'f-people': `Indiquez le nombre de personnes, de 1 à ${max}.` });
    const wrong = await get(en, `/find?people=${Number(max) + 1}&duration=17&date=2026-13-40`);
    expect(wrong.statusCode).toBe(422);
    expectSummary(wrong.body, 'en', {
      'f-people': `Enter the number of people, from 1 to ${max}.`,
      'f-duration': 'Choose a length from the list, from 30 minutes to 4 hours.',
      'f-date': 'Enter a day that exists: day, month and year.',
    });
    expect(wrong.body).toContain(`value="${Number(max) + 1}"`);
  });
});
