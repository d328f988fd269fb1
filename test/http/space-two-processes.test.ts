// Space management seen at once by another app instance on the same database file (another
// process's connection): a change made through instance A's pages is what instance B's next
// request judges and shows, without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let a: TestApp;
let bDb: Db;
let b: FastifyInstance;
let admin: Session;
let camilleOnB: Session;

beforeAll(async () => {
  a = await createTestApp();
  bDb = openDatabase(a.config.databasePath);
  b = await buildApp({ config: a.config, db: bDb, clock: a.clock, logger: false });
  await b.ready();
  admin = await signInAs(a.app, 'admin');
  camilleOnB = await signInAs(b, 'member');
});
afterAll(async () => {
  await b.close();
  closeDatabase(bDb);
  await a.close();
});

const post = (app: FastifyInstance, who: Session, url: string, fields: Record<string, string | number>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const page = async (app: FastifyInstance, who: Session, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};

describe('a change made through instance A', () => {
  it('a closure: B refuses the next booking with the reason and its desk day shows it', async () => {
    // B has read the inventory before the change.
    expect(await page(b, camilleOnB, '/book/desk?date=2026-12-11')).not.toContain('Assemblée générale');
    const made = await post(a.app, admin, '/admin/closures', {
      resource: '',
      start: '2026-12-11',
      reason: 'Assemblée générale',
    });
    expect(made.statusCode).toBe(303);
    expect(await page(b, camilleOnB, '/book/desk?date=2026-12-11')).toContain('Assemblée générale');
    const refused = await post(b, camilleOnB, '/bookings', {
      resource: resourceId(a.db, 'salle-appia'),
      start: '2026-12-11T10:00',
      end: '2026-12-11T11:00',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Assemblée générale');
  });

  it("a retired room: gone from B's day view and front-desk board at once, and B refuses it", async () => {
    const desk = await signInAs(b, 'frontdesk');
    const id = resourceId(a.db, 'salle-dodu');
    expect(await page(b, camilleOnB, '/book/rooms?date=2026-12-14')).toContain('Salle Juliette Dodu');
    expect(await page(b, desk, '/frontdesk')).toContain(`id="room-${id}"`);
    expect((await post(a.app, admin, `/admin/resources/${id}/retire`, {})).statusCode).toBe(303);
    expect(await page(b, camilleOnB, '/book/rooms?date=2026-12-14')).not.toContain('Salle Juliette Dodu');
    expect(await page(b, desk, '/frontdesk')).not.toContain('Salle Juliette Dodu');
    const refused = await post(b, camilleOnB, '/bookings', {
      resource: id,
      start: '2026-12-14T10:00',
      end: '2026-12-14T11:00',
    });
    expect(refused.statusCode).not.toBe(303);
  });

  it("an opening exception: B's next booking on that day is refused with its reason", async () => {
    expect(
      (
        await post(b, camilleOnB, '/bookings', {
          resource: resourceId(a.db, 'salle-appia'),
          start: '2026-12-17T10:00',
          end: '2026-12-17T11:00',
        })
      ).statusCode,
    ).toBe(303);
    const made = await post(a.app, admin, '/admin/hours/exceptions', {
      date: '2026-12-17',
      reason: 'Coupure électrique',
    });
    expect(made.statusCode).toBe(303);
    const refused = await post(b, camilleOnB, '/bookings', {
      resource: resourceId(a.db, 'salle-appia'),
      start: '2026-12-17T14:00',
      end: '2026-12-17T15:00',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Coupure électrique');
  });
});
