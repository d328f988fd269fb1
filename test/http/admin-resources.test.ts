// Resources through HTTP: admins only; create with every field, edit rules (bookings the new
// rules no longer allow are listed, then cancelled or kept), retire (no new booking, gone from
// the day views, history readable) and restore; validation answers 422 with every problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let admin: Session;
let camille: Session;

type Fields = Record<string, string | number | string[]>;
const post = (who: Session, url: string, fields: Fields = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const book = (slugOrId: string | number, start: string, end: string) =>
  post(camille, '/bookings', {
    resource: typeof slugOrId === 'number' ? slugOrId : resourceId(t.db, slugOrId),
    start,
    end,
  });
const bookingId = (res: { headers: Record<string, unknown> }) =>
  Number(/\/bookings\/(\d+)/.exec(String(res.headers.location))![1]);
const status = (id: number) =>
  (t.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').get(id) as { status: string }).status;
const zoneId = (slug: string) =>
  (t.db.$client.prepare('SELECT id FROM zones WHERE slug = ?').get(slug) as { id: number }).id;

const room = (fields: Fields = {}): Fields => ({
  name: 'Salle Clara Barton bis',
  nameEn: 'Clara Barton Room 2',
  nameGender: 'f',
  kind: 'meeting_room',
  zone: zoneId('salles'),
  capacity: 8,
  equipment: ['screen', 'whiteboard'],
  accessibility: ['step_free'],
  description: 'Salle lumineuse.',
  descriptionEn: 'A bright room.',
  photo: '/photos/barton-bis.jpg',
  planX: 10,
  planY: 20,
  planWidth: 30,
  planHeight: 40,
  shape: 'steps',
  slotStepMinutes: 30,
  minDurationMinutes: 30,
  maxDurationMinutes: 240,
  horizonDays: 60,
  minNoticeMinutes: 0,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  checkInGraceMinutes: '',
  capacityModel: 'exclusive',
  sharedPlaces: '',
  halfDaySplit: '13:00',
  ...fields,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  camille = await signInAs(t.app, 'member');
});
afterAll(() => t.close());

describe('permission', () => {
  it('GET /admin/resources answers 200 to admins (with links to the other space pages) and 404 to members', async () => {
    const page = await get(admin, '/admin/resources');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Ressources</h1>');
    expect(page.body).toContain('href="/admin/closures"');
    expect(page.body).toContain('Salle Henry Dunant');
    expect((await get(camille, '/admin/resources')).statusCode).toBe(404);
    expect((await get(camille, '/admin/resources/new')).statusCode).toBe(404);
    expect((await post(camille, '/admin/resources/new', room())).statusCode).toBe(404);
  });
});

describe('create', () => {
  it('adds a room with every field: on the day view at once, bookable, its form showing what was saved', async () => {
    const res = await post(admin, '/admin/resources/new', room({ links: [String(resourceId(t.db, 'salle-barton'))] }));
    expect(res.statusCode).toBe(303);
    const id = Number(/\/admin\/resources\/(\d+)\?done=created/.exec(String(res.headers.location))![1]);
    const row = t.db.$client.prepare('SELECT * FROM resources WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      slug: 'salle-clara-barton-bis',
      name_en: 'Clara Barton Room 2',
      plan_width: 30,
      photo: '/photos/barton-bis.jpg',
      equipment: '["screen","whiteboard"]',
      active: 1,
    });
    const form = await get(admin, String(res.headers.location));
    expect(form.body).toContain('La ressource est ajoutée.');
    expect(form.body).toContain('value="Salle Clara Barton bis"');
    expect(form.body).toMatch(/value="whiteboard" checked/);
    expect((await get(camille, '/book/rooms?date=2026-12-09')).body).toContain('Salle Clara Barton bis');
    expect((await book(id, '2026-12-09T10:00', '2026-12-09T11:00')).statusCode).toBe(303);
    // Linked to Barton: Barton is busy then too.
    expect((await book('salle-barton', '2026-12-09T10:00', '2026-12-09T11:00')).statusCode).toBe(409);
  });
});

describe('edit', () => {
  it('a rule change lists the bookings it no longer allows, then cancels them on confirmation', async () => {
    const id = resourceId(t.db, 'salle-appia');
    const long = bookingId(await book('salle-appia', '2026-12-10T09:00', '2026-12-10T12:00'));
    const short = bookingId(await book('salle-appia', '2026-12-10T14:00', '2026-12-10T15:00'));
    const current = await get(admin, `/admin/resources/${id}`);
    expect(current.statusCode).toBe(200);
    const fields = room({ name: 'Salle Louis Appia', nameEn: '', maxDurationMinutes: 60, zone: zoneId('salles') });
    const asked = await post(admin, `/admin/resources/${id}`, fields);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain(`data-booking="${long}"`);
    expect(asked.body).not.toContain(`data-booking="${short}"`);
    expect(asked.body).toContain('name="cancelReason"');
    const done = await post(admin, `/admin/resources/${id}`, {
      ...fields,
      confirm: 1,
      affected: 'cancel',
      cancelReason: 'Salle limitée à une heure',
    });
    expect(done.statusCode).toBe(303);
    expect([status(long), status(short)]).toEqual(['cancelled', 'confirmed']);
    const intent = t.db.$client
      .prepare("SELECT details FROM outbox WHERE booking_id = ? AND kind = 'booking-cancelled'")
      .get(long) as { details: string };
    expect(JSON.parse(intent.details)).toEqual({
      reason: { fr: 'Salle limitée à une heure', en: 'Salle limitée à une heure' },
    });
    const refused = await book('salle-appia', '2026-12-11T09:00', '2026-12-11T11:00');
    expect(refused.statusCode).toBe(409);
  });

  it('answers 422 with every problem, by the domain rules', async () => {
    const id = resourceId(t.db, 'salle-dodu');
    const res = await post(
      admin,
      `/admin/resources/${id}`,
      room({ name: '', minDurationMinutes: 300, capacityModel: 'shared', sharedPlaces: '', equipment: ['jacuzzi'] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Nom en français\u202f: Indiquez le nom en français, en 120 caractères au plus.');
    expect(res.body).toContain('La durée minimale doit être inférieure ou égale à la durée maximale.');
    expect(res.body).toContain(
      'Places partagées (occupation partagée)\u202f: Indiquez le nombre de places partagées, un nombre entier de 1 à 1\u202f000.',
    );
    expect(res.body).toContain('Équipements\u202f: Cochez des équipements de la liste.');
    const step = await post(admin, `/admin/resources/${id}`, room({ slotStepMinutes: 45 }));
    expect(step.statusCode).toBe(422);
    expect(step.body).toContain('Le pas des créneaux doit diviser les durées minimale et maximale.');
    expect((t.db.$client.prepare('SELECT name FROM resources WHERE id = ?').get(id) as { name: string }).name).toBe(
      'Salle Juliette Dodu',
    );
  });
});

describe('retire and restore', () => {
  it('retiring lists the bookings ahead; kept, they stay; the room leaves the day view and takes no booking', async () => {
    const id = resourceId(t.db, 'salle-maunoir');
    const ahead = bookingId(await book('salle-maunoir', '2026-12-15T10:00', '2026-12-15T11:00'));
    const asked = await post(admin, `/admin/resources/${id}/retire`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain(`data-booking="${ahead}"`);
    const done = await post(admin, `/admin/resources/${id}/retire`, { confirm: 1, affected: 'keep' });
    expect(done.statusCode).toBe(303);
    expect(status(ahead)).toBe('confirmed');
    expect((await get(camille, '/book/rooms?date=2026-12-16')).body).not.toContain('Salle Théodore Maunoir');
    // The booking form no longer offers it: refused as an unknown resource.
    expect((await book('salle-maunoir', '2026-12-16T10:00', '2026-12-16T11:00')).statusCode).toBe(422);
    const list = await get(admin, '/admin/resources');
    expect(list.body).toMatch(/Ressources retirées[\s\S]*Salle Théodore Maunoir/);
    const kept = await get(camille, `/bookings/${ahead}`);
    expect(kept.statusCode).toBe(200);
    // The booking still says where it is, though the room takes no new booking.
    expect(kept.body).toContain('Salle Théodore Maunoir');
    expect((await get(camille, '/bookings')).body).toContain('Salle Théodore Maunoir');

    expect((await post(admin, `/admin/resources/${id}/restore`)).statusCode).toBe(303);
    expect((await book('salle-maunoir', '2026-12-16T10:00', '2026-12-16T11:00')).statusCode).toBe(303);
  });
});
