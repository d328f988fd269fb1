// The space changes while the server runs (an admin's edit, a script, another process on the
// same file): the next request sees the change everywhere, on day views, in the booking rules
// and in the feeds, without a restart.
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { immediate } from '../../src/db/connection.js';
import { members, resources } from '../../src/db/schema.js';
import { closuresOf } from '../../src/services/inventory.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { readCalendar } from '../helpers/ical.js';
import { ROOT } from '../helpers/process.js';
import { resourceId } from '../helpers/people.js';

// Paris is UTC+1 in December 2026 (the test clock stands on Monday 7 December, 10:00 Paris).
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let camille: Session;
beforeEach(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
});
afterEach(async () => {
  await t.close();
});

/** Runs the statements in one transaction of another process on the app's database file. */
function writeElsewhere(...statements: [string, ...unknown[]][]): Promise<void> {
  const steps = JSON.stringify(statements.map(([sql, ...params]) => [sql, params]));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/write-elsewhere.ts', t.config.databasePath, steps],
      { cwd: ROOT },
      (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
    );
  });
}

const page = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: camille.cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};

const bookRoom = (slug: string, start: string, end: string) =>
  t.app.inject({
    method: 'POST',
    url: '/bookings',
    headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ resource: resourceId(t.db, slug), start, end, _csrf: camille.csrf }),
  });

const row = (body: string, room: string) => body.match(new RegExp(`${room}</a>[\\s\\S]*?</tr>`))![0];

describe('a change to the space made while the server runs', () => {
  it("through the app's own connection: a renamed room and a new closure show on the next request", async () => {
    expect(await page('/book/rooms?date=2026-12-09')).toContain('Salle Louis Appia');
    const appia = resourceId(t.db, 'salle-appia');
    t.db.update(resources).set({ name: 'Salle Appia (rénovée)' }).where(eq(resources.id, appia)).run();
    const renamed = await page('/book/rooms?date=2026-12-09');
    expect(renamed).toContain('Salle Appia (rénovée)');
    expect(renamed).not.toContain('Salle Louis Appia');

    t.db.$client
      .prepare(
        `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en)
         SELECT id, NULL, ?, ?, 'other', 'Inventaire annuel', 'Annual stocktake' FROM sites`,
      )
      .run(paris(9, 0), paris(10, 0));
    expect(await page('/book/desk?date=2026-12-09')).toContain('Le site est fermé ce jour-là : Inventaire annuel.');
    const refused = await bookRoom('salle-barton', '2026-12-09T10:00', '2026-12-09T11:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Inventaire annuel');
  });

  it("by another process: a room's closure shows on the next day view and refuses the next booking", async () => {
    const dunant = resourceId(t.db, 'salle-dunant');
    expect(row(await page('/book/rooms?date=2026-12-09'), 'Salle Henry Dunant')).not.toContain('class="closed"');
    await writeElsewhere([
      `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en)
       SELECT site_id, id, ?, ?, 'maintenance', 'Peinture', 'Painting' FROM resources WHERE id = ?`,
      paris(9, 8),
      paris(9, 13),
      dunant,
    ]);
    const closed = row(await page('/book/rooms?date=2026-12-09'), 'Salle Henry Dunant');
    // Closed from the opening at 08:30 to 13:00: one cell over those nine columns.
    expect(closed).toContain(
      '<td class="closed" colspan="9" data-col="0"><span class="visually-hidden">Salle Henry Dunant, 08:30–13:00, fermée</span>' +
        '<span class="cell-word" aria-hidden="true">Fermée</span></td><td data-col="9"',
    );
    expect(closed).toContain('start=2026-12-09T13:00');
    expect(closed).not.toContain('start=2026-12-09T10:00');
    const refused = await bookRoom('salle-dunant', '2026-12-09T10:00', '2026-12-09T11:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Peinture');
    expect((await bookRoom('salle-dunant', '2026-12-09T14:00', '2026-12-09T15:00')).statusCode).toBe(303);
  });

  it("by another process: a room's rule applies to the next booking", async () => {
    expect((await bookRoom('salle-appia', '2026-12-09T09:00', '2026-12-09T11:00')).statusCode).toBe(303);
    await writeElsewhere(["UPDATE resources SET max_duration_minutes = 60 WHERE slug = 'salle-appia'"]);
    const refused = await bookRoom('salle-appia', '2026-12-10T09:00', '2026-12-10T11:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Durée maximale : 1 heure (demandé : 2 heures).');
  });

  it('by another process: new opening hours show on the next day view and bound the next booking', async () => {
    // Wednesdays now close at noon.
    await writeElsewhere(["UPDATE opening_hours SET closes = '12:00' WHERE resource_id IS NULL AND weekday = 3"]);
    const grid = await page('/book/rooms?date=2026-12-09');
    expect(grid).toContain('<th scope="col">11:30</th>');
    expect(grid).not.toContain('<th scope="col">12:00</th>');
    const refused = await bookRoom('salle-appia', '2026-12-09T14:00', '2026-12-09T15:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('est ouverte le');
    expect(await page('/book/rooms?date=2026-12-10')).toContain('<th scope="col">18:30</th>');
  });

  it("by another process: a renamed room is the next feed's LOCATION, under a new ETag", async () => {
    const { id } = t.db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.email, DEMO_ACCOUNTS.member.email))
      .get()!;
    const token = t.app.services.feedTokens.rotate(id);
    expect((await bookRoom('salle-appia', '2026-12-09T09:00', '2026-12-09T10:00')).statusCode).toBe(303);
    const url = `/feeds/${token}/bookings.ics`;
    const before = await t.app.inject({ method: 'GET', url });
    expect(readCalendar(before.body).events[0]!.location).toMatch(/^Salle Louis Appia, /);
    await writeElsewhere(["UPDATE resources SET name = 'Salle Appia' WHERE slug = 'salle-appia'"]);
    const after = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(readCalendar(after.body).events[0]!.location).toMatch(/^Salle Appia, /);
  });

  it('is never seen once rolled back, even after a read inside its transaction', () => {
    const appia = resourceId(t.db, 'salle-appia');
    const inventory = t.app.services.inventory;
    expect(() =>
      immediate(t.db, (tx) => {
        tx.update(resources).set({ name: 'Nom provisoire' }).where(eq(resources.id, appia)).run();
        expect(inventory.resource(appia)!.name).toBe('Nom provisoire');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // Another change raises the version as far as the rolled-back one had: still the real name.
    t.db.$client
      .prepare(
        `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason)
         SELECT site_id, id, ?, ?, 'maintenance', 'Peinture' FROM resources WHERE id = ?`,
      )
      .run(paris(9, 8), paris(9, 13), appia);
    expect(inventory.resource(appia)!.name).toBe('Salle Louis Appia');
    expect(closuresOf(inventory.get(), appia, paris(9, 0), paris(10, 0)).map((c) => c.reason)).toEqual(['Peinture']);
  });
});
