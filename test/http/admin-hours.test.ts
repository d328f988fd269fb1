// Zones and opening hours through HTTP: admins only; a zone added and edited; the site's week
// and a resource's own week change what the day views offer; an exception closes a day (or
// its evening) with a reason members see; validation answers 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let admin: Session;
let camille: Session;

const post = (who: Session, url: string, fields: Record<string, string | number> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const book = (slug: string, start: string, end: string) =>
  post(camille, '/bookings', { resource: resourceId(t.db, slug), start, end });

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  camille = await signInAs(t.app, 'member');
});
afterAll(() => t.close());

describe('zones', () => {
  it('admins add and rename a zone; members get 404', async () => {
    expect((await get(camille, '/admin/zones')).statusCode).toBe(404);
    expect((await post(camille, '/admin/zones', { name: 'Mezzanine' })).statusCode).toBe(404);
    const made = await post(admin, '/admin/zones', {
      name: 'Mezzanine',
      nameEn: 'Mezzanine',
      floor: '2e',
      safetyCapacity: 30,
      sortOrder: 9,
    });
    expect(made.statusCode).toBe(303);
    const id = (t.db.$client.prepare("SELECT id FROM zones WHERE slug = 'mezzanine'").get() as { id: number }).id;
    const page = await get(admin, `/admin/zones/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Mezzanine"');
    expect(
      (await post(admin, `/admin/zones/${id}`, { name: 'Mezzanine sud', safetyCapacity: 'trente', sortOrder: 9 }))
        .statusCode,
    ).toBe(422);
    expect(
      (await post(admin, `/admin/zones/${id}`, { name: 'Mezzanine sud', safetyCapacity: 25, sortOrder: 9 })).statusCode,
    ).toBe(303);
    expect(t.db.$client.prepare('SELECT name, safety_capacity AS s FROM zones WHERE id = ?').get(id)).toEqual({
      name: 'Mezzanine sud',
      s: 25,
    });
  });
});

describe('opening hours', () => {
  it('the site week: Thursday closing at 12:00 bounds the next booking', async () => {
    const page = await get(admin, '/admin/hours');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Horaires d’ouverture</h1>');
    const week: Record<string, string> = {};
    for (const d of [1, 2, 3, 4, 5]) Object.assign(week, { [`opens_${d}`]: '08:30', [`closes_${d}`]: '19:00' });
    week.closes_4 = '12:00';
    expect((await post(admin, '/admin/hours', { resource: '', ...week })).statusCode).toBe(303);
    expect((await book('salle-dufour', '2026-12-10T14:00', '2026-12-10T15:00')).statusCode).toBe(409);
    expect((await book('salle-dufour', '2026-12-10T10:00', '2026-12-10T11:00')).statusCode).toBe(303);
  });

  it('a week with closing before opening answers 422 and changes nothing', async () => {
    const res = await post(admin, '/admin/hours', { resource: '', opens_1: '18:00', closes_1: '09:00' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ouverture le lundi\u202f: La fermeture doit venir après l’ouverture, le même jour.');
  });

  it('an exception closing a resource for a day refuses it with the reason; deleted, the day is open again', async () => {
    const res = await post(admin, '/admin/hours/exceptions', {
      resource: resourceId(t.db, 'salle-dodu'),
      date: '2026-12-14',
      reason: 'Désinfection',
    });
    expect(res.statusCode).toBe(303);
    const refused = await book('salle-dodu', '2026-12-14T10:00', '2026-12-14T11:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Désinfection');
    const id = (t.db.$client.prepare('SELECT max(id) AS id FROM opening_exceptions').get() as { id: number }).id;
    expect((await post(admin, `/admin/hours/exceptions/${id}/delete`)).statusCode).toBe(303);
    expect((await book('salle-dodu', '2026-12-14T10:00', '2026-12-14T11:00')).statusCode).toBe(303);
  });

  it('an exception with shorter hours refuses the evening only', async () => {
    expect(
      (
        await post(admin, '/admin/hours/exceptions', {
          date: '2026-12-15',
          opens: '08:30',
          closes: '16:00',
          reason: 'Fête de fin d’année',
        })
      ).statusCode,
    ).toBe(303);
    const refused = await book('salle-appia', '2026-12-15T16:00', '2026-12-15T17:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Fête de fin d’année');
    expect((await book('salle-appia', '2026-12-15T14:00', '2026-12-15T15:00')).statusCode).toBe(303);
    const bad = await post(admin, '/admin/hours/exceptions', {
      date: '2026-12-16',
      opens: '16:00',
      closes: '08:00',
      reason: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Motif montré aux membres\u202f: Indiquez le motif : il est montré aux membres.');
    expect(bad.body).toContain('La fermeture doit venir après l’ouverture, le même jour.');
  });
});
