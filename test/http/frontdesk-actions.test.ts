// The board's actions end to end over HTTP: the front desk checks a member in and marks a
// visitor arrived from the board's one form, comes back to the board, and sees the change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
let desk: Session;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  desk = await signInAs(t.app, 'frontdesk');
});
afterAll(() => t.close());

const post = (who: Session, url: string, fields: Record<string, string | number>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });
const board = async () =>
  (await t.app.inject({ method: 'GET', url: '/frontdesk', headers: { cookie: desk.cookie } })).body;

/** The hidden fields of the board's one action form (its CSRF token and where to come back). */
function actionFields(html: string): { _csrf: string; next: string } {
  const formHtml = /<form id="board-action"[^>]*>(.*?)<\/form>/s.exec(html)![1]!;
  const value = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(formHtml)![1]!.replace(/&amp;/g, '&');
  return { _csrf: value('_csrf'), next: value('next') };
}

it('checks a member in from the board and comes back to it, the booking now checked in', async () => {
  // Monday 7 December, 10:00 in Paris: a room from 10:15, whose check-in opened at 10:00.
  const made = await post(camille, '/bookings', {
    _csrf: camille.csrf,
    resource: resourceId(t.db, 'salle-appia'),
    start: '2026-12-07T10:15',
    end: '2026-12-07T11:00',
  });
  expect(made.statusCode).toBe(303);
  const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1];
  const before = await board();
  expect(before).toContain('Camille Membre');
  expect(before).toContain(`formaction="/bookings/${id}/check-in"`);

  const res = await post(desk, `/bookings/${id}/check-in`, actionFields(before));
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toMatch(/^\/frontdesk/);
  const after = await board();
  expect(after).not.toContain(`formaction="/bookings/${id}/check-in"`);
  const row = t.db.$client.prepare('SELECT checked_in_at, checked_in_by_id FROM bookings WHERE id = ?').get(id) as {
    checked_in_at: number;
    checked_in_by_id: number;
  };
  expect(row.checked_in_at).toBe(t.clock.now());
  expect(row.checked_in_by_id).not.toBeNull();
});

it('marks a visitor arrived from the board: the host is told by e-mail, and the board shows it', async () => {
  const announced = await post(camille, '/visitors', {
    _csrf: camille.csrf,
    name: 'Hélène Visiteuse',
    organisation: 'Mairie de Montrouge',
    date: '2026-12-07',
    time: '11:00',
    host: 'me',
  });
  expect(announced.statusCode).toBe(303);
  const before = await board();
  expect(before).toContain('Hélène Visiteuse');
  const id = /formaction="\/visitors\/(\d+)\/arrival"/.exec(before)![1];

  const res = await post(desk, `/visitors/${id}/arrival`, actionFields(before));
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toMatch(/^\/frontdesk/);
  expect(await board()).not.toContain(`formaction="/visitors/${id}/arrival"`);
  const mails = t.db.$client
    .prepare("SELECT count(*) FROM outbox WHERE to_address LIKE 'camille@%' AND kind LIKE 'visitor%'")
    .pluck()
    .get();
  expect(mails).toBe(1);
});
