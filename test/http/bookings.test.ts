import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
let sami: Session;
let room: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  room = resourceId(t.db, 'salle-appia');
});
afterAll(async () => {
  await t.close();
});

const post = (who: Session, url: string, fields: Record<string, string | number | readonly string[]>, htmx = false) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: who.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...(htmx ? { 'hx-request': 'true', 'x-csrf-token': who.csrf } : {}),
    },
    payload: form({ ...fields, ...(htmx ? {} : { _csrf: who.csrf }) }),
  });
const get = (who: Session | null, url: string, htmx = false) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(htmx ? { 'hx-request': 'true' } : {}) },
  });
const count = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;

describe('POST /bookings', () => {
  it('books and answers 303 to the booking page, which confirms it', async () => {
    const res = await post(camille, '/bookings', {
      resource: room,
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
      headcount: 3,
      title: 'Point hebdo',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/bookings\/\d+\?done=created$/);
    const page = await get(camille, res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Réservation confirmée.');
    expect(page.body).toContain('Salle Louis Appia');
    expect(page.body).toContain('mardi 8 décembre 2026, 10:00–11:00');
  });

  it('refuses a taken slot with 409, the reason in the member’s language, and one-click alternatives', async () => {
    const res = await post(sami, '/bookings', { resource: room, start: '2026-12-08T10:30', end: '2026-12-08T11:30' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Salle Louis Appia est déjà réservée de 10:00 à 11:00.');
    expect(res.body).toContain('Créneaux libres les plus proches');
    const alternatives = [...res.body.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]);
    expect(alternatives.length).toBeGreaterThan(1);
    // Take the first alternative as a click would.
    const first = res.body.match(/<ul class="alternatives">[\s\S]*?<form[\s\S]*?<\/form>/)![0];
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(first)![1]!;
    const taken = await post(sami, '/bookings', {
      resource: field('resource'),
      start: field('start'),
      end: field('end'),
      idempotency_key: field('idempotency_key'),
    });
    expect(taken.statusCode).toBe(303);
  });

  it('says why in English for an English-speaking member', async () => {
    await post(sami, '/profile/language', { lang: 'en', next: '/' });
    const res = await post(sami, '/bookings', { resource: room, start: '2026-12-25T10:00', end: '2026-12-25T11:00' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Closed on 25 December: Christmas Day.');
    await post(sami, '/profile/language', { lang: 'fr', next: '/' });
  });

  it('answers 422 naming each malformed field, and books nothing', async () => {
    const before = count('SELECT count(*) AS n FROM bookings');
    const res = await post(camille, '/bookings', { resource: 'abc', start: '8 déc 10h', end: '', headcount: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="b-start"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('Indiquez un jour qui existe et une heure du début, en heures et minutes.');
    expect(res.body).toContain('Indiquez le jour et l’heure de la fin.');
    expect(res.body).toContain('Indiquez le nombre de personnes, de 1 à 1\u202f000.');
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(before);
    const unknown = await post(camille, '/bookings', {
      resource: '999999',
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Cet espace n’existe pas ou n’est plus proposé');
  });

  it('refuses a wall-clock time that does not exist in Paris, with 409 and why', async () => {
    const spring = await createTestApp({ now: Date.UTC(2027, 2, 1, 9) });
    try {
      const member = await signInAs(spring.app, 'member');
      const res = await spring.app.inject({
        method: 'POST',
        url: '/bookings',
        headers: { cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          resource: resourceId(spring.db, 'salle-appia'),
          start: '2027-03-28T02:30',
          end: '2027-03-28T03:30',
          _csrf: member.csrf,
        }),
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('L’heure 02:30 du dimanche 28 mars n’existe pas à Paris');
    } finally {
      await spring.close();
    }
  });

  it('makes one booking from a form sent twice', async () => {
    const fields = { resource: room, start: '2026-12-09T15:00', end: '2026-12-09T16:00', idempotency_key: 'twice-1' };
    const a = await post(camille, '/bookings', fields);
    const b = await post(camille, '/bookings', fields);
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
  });

  it('answers htmx with the panel fragment and the same statuses', async () => {
    const refused = await post(
      sami,
      '/bookings',
      { resource: room, start: '2026-12-09T15:00', end: '2026-12-09T16:00' },
      true,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body.trimStart().startsWith('<section id="booking-panel"')).toBe(true);
    expect(refused.body).not.toContain('<html');
    expect(refused.headers.vary).toContain('HX-Request');
    const ok = await post(
      sami,
      '/bookings',
      { resource: room, start: '2026-12-09T17:00', end: '2026-12-09T18:00' },
      true,
    );
    expect(ok.statusCode).toBe(303);
    const followed = await get(sami, ok.headers.location as string, true);
    expect(followed.body).not.toContain('<html');
    expect(followed.body).toContain('<section id="booking-panel"');
    expect(followed.body).toContain('data-focus');
    // The heading and the address follow the booking that replaced the form.
    expect(
      followed.body
        .trimStart()
        .startsWith('<h1 id="page-title" hx-swap-oob="true">Réservation – Salle Louis Appia</h1>'),
    ).toBe(true);
    expect(followed.headers['hx-push-url']).toBe((ok.headers.location as string).replace(/\?.*$/, ''));
    const plain = await get(sami, ok.headers.location as string);
    expect(plain.body).not.toContain('hx-swap-oob');
  });

  it('refuses a post without the CSRF token, and a visitor is sent to sign in', async () => {
    const forged = await t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ resource: room, start: '2026-12-10T10:00', end: '2026-12-10T11:00' }),
    });
    expect(forged.statusCode).toBe(403);
    const visitor = await get(null, '/bookings/new');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/login?next=%2Fbookings%2Fnew');
  });
});

describe('recurring meetings', () => {
  const weekly = {
    resource: '',
    start: '2026-12-14T09:00',
    end: '2026-12-14T10:00',
    repeat: 'weekly',
    repeat_interval: '1',
    repeat_end: 'count',
    repeat_count: '3',
  };

  it('previews the dates with the one that falls on a holiday, then books the others', async () => {
    const fields = {
      ...weekly,
      resource: String(resourceId(t.db, 'salle-dodu')),
      start: '2026-12-11T09:00',
      end: '2026-12-11T10:00',
      idempotency_key: 'series-1',
    };
    const preview = await post(camille, '/bookings', fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('La série compte 3 dates.');
    expect(preview.body).toContain('Fermé le 25 décembre : Noël.');
    expect(preview.body).toContain('Réserver les 2 dates libres et sauter les autres');
    const confirm = await post(camille, '/bookings', { ...fields, series_policy: 'skip_conflicts' });
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toMatch(/done=series&booked=2&skipped=1$/);
    const page = await get(camille, confirm.headers.location as string);
    expect(page.body).toContain('2 dates réservées.');
    expect(page.body).toContain('1 date sautée.');
    expect(page.body).toContain('Annuler cette date et les suivantes');
  });

  it('moves a date and the following ones of a series from the booking page', async () => {
    const dodu = String(resourceId(t.db, 'salle-dodu'));
    const made = await post(camille, '/bookings', {
      resource: dodu,
      start: '2027-01-11T09:00',
      end: '2027-01-11T10:00',
      repeat: 'weekly',
      repeat_interval: '1',
      repeat_end: 'count',
      repeat_count: '3',
      series_policy: 'all_or_nothing',
    });
    expect(made.statusCode).toBe(303);
    const first = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1];
    const page = await get(camille, `/bookings/${first}`);
    expect(page.body).toContain('Appliquer ce nouvel horaire à cette date et aux suivantes');
    const moved = await post(camille, `/bookings/${first}/change`, {
      resource: dodu,
      start: '2027-01-11T14:00',
      end: '2027-01-11T15:30',
      scope: 'rest',
    });
    expect(moved.statusCode).toBe(303);
    const rows = t.db.$client
      .prepare(
        'SELECT starts_at AS s, ends_at AS e FROM bookings WHERE series_id = (SELECT series_id FROM bookings WHERE id = ?) ORDER BY starts_at',
      )
      .all(Number(first)) as { s: number; e: number }[];
    expect(rows.map((r) => new Date(r.s).toISOString())).toEqual([
      '2027-01-11T13:00:00.000Z',
      '2027-01-18T13:00:00.000Z',
      '2027-01-25T13:00:00.000Z',
    ]);
    expect(rows.every((r) => r.e - r.s === 90 * 60_000)).toBe(true);
  });

  it('validates the repeat fields', async () => {
    const res = await post(camille, '/bookings', { ...weekly, resource: room, repeat_count: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="b-count"[^>]*aria-invalid="true"/);
  });
});

describe('my bookings, change and cancel', () => {
  it('lists my upcoming bookings with my organisation’s quota use, and not other people’s', async () => {
    const res = await get(camille, '/bookings');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mes réservations');
    expect(res.body).toContain('Point hebdo');
    expect(res.body).toMatch(/Salles : \d+ heures? sur 10 heures/);
    const theirs = await get(sami, '/bookings');
    expect(theirs.body).not.toContain('Point hebdo');
  });

  it('changes the time of a booking (303), and refuses a change onto a taken slot (409)', async () => {
    const made = await post(camille, '/bookings', {
      resource: room,
      start: '2026-12-10T14:00',
      end: '2026-12-10T15:00',
    });
    const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1];
    const moved = await post(camille, `/bookings/${id}/change`, {
      resource: room,
      start: '2026-12-10T15:00',
      end: '2026-12-10T16:00',
    });
    expect(moved.statusCode).toBe(303);
    expect((await get(camille, `/bookings/${id}`)).body).toContain('15:00–16:00');
    const clash = await post(camille, `/bookings/${id}/change`, {
      resource: room,
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('déjà réservé');
  });

  it("answers another member's booking exactly like one that does not exist", async () => {
    const made = await post(camille, '/bookings', {
      resource: room,
      start: '2026-12-11T14:00',
      end: '2026-12-11T15:00',
    });
    const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1];
    // The same answer, byte for byte once the id in the URL and the request id are set aside.
    const same = (body: string, bookingId: string) =>
      body.replaceAll(`/bookings/${bookingId}`, '/bookings/ID').replace(/[0-9a-f-]{36}/g, '');
    const attempts = [
      (bookingId: string) => get(sami, `/bookings/${bookingId}`),
      (bookingId: string) => post(sami, `/bookings/${bookingId}/cancel`, {}),
      (bookingId: string) =>
        post(sami, `/bookings/${bookingId}/change`, { start: '2026-12-11T16:00', end: '2026-12-11T17:00' }),
    ];
    for (const attempt of attempts) {
      const theirs = await attempt(id!);
      const missing = await attempt('999999');
      expect(theirs.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(same(theirs.body, id!)).toBe(same(missing.body, '999999'));
    }
    const cancel = await post(camille, `/bookings/${id}/cancel`, { back: 'list' });
    expect(cancel.statusCode).toBe(303);
    expect(cancel.headers.location).toBe(`/bookings?done=cancelled&undo=${id}`);
    expect((await get(camille, `/bookings/${id}`)).body).toContain('Annulée');
  });
});

it('an end before the start is one error with one status, for a booking and for a series (409)', async () => {
  const fields = { resource: room, start: '2026-12-15T11:00', end: '2026-12-15T10:00' };
  const single = await post(camille, '/bookings', fields);
  const weekly = await post(camille, '/bookings', {
    ...fields,
    repeat: 'weekly',
    repeat_end: 'count',
    repeat_count: 3,
  });
  expect(single.statusCode).toBe(409);
  expect(weekly.statusCode).toBe(409);
  for (const res of [single, weekly]) expect(res.body).toContain('La fin doit être après le début.');
});
