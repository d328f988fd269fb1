// A full or read-only disk: writes get a clear 503 with Retry-After in the person's language
// and nothing half-written; pages that only read keep working; /healthz names the fault; and
// once the disk takes writes again, so does the app, without a restart.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageFaultOf } from '../../src/db/storage-faults.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

describe('storageFaultOf', () => {
  it.each([
    ['SQLITE_FULL', 'full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['ENOSPC', 'full'],
    ['EROFS', 'read_only'],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
    ['SQLITE_FULLY_MADE_UP', null],
    [undefined, null],
  ])('%s -> %s', (code, fault) => {
    expect(storageFaultOf(Object.assign(new Error('x'), { code }))).toBe(fault);
  });
});

describe('through the app', () => {
  let t: TestApp;
  let camille: Session;
  let room: number;
  beforeEach(async () => {
    t = await createTestApp();
    camille = await signInAs(t.app, 'member');
    room = resourceId(t.db, 'salle-appia');
  });
  afterEach(() => t.close());

  const sql = (text: string) => t.db.$client.prepare(text);
  const bookings = () => sql('SELECT count(*) FROM bookings').pluck().get() as number;
  const book = (hour: number, day = 9) =>
    t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: camille.csrf,
        resource: room,
        start: `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00`,
        end: `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15`,
        title: 'x'.repeat(200),
      }),
    });

  it('read-only storage: 503 for a write, reads still served, /healthz says so, then recovers', async () => {
    sql('PRAGMA query_only = ON').run();
    const before = bookings();
    const refused = await book(10);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body).toContain('Enregistrement impossible pour le moment');
    expect(refused.body).toContain('son stockage est en lecture seule');
    expect(bookings()).toBe(before);

    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', storage: 'read_only' });

    // Reading pages work, even when the session is due to be marked as seen (a write).
    t.clock.advance(10 * 60_000);
    for (const url of ['/bookings', '/book/rooms?date=2026-12-09', '/resources'])
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: camille.cookie } })).statusCode).toBe(200);

    sql('PRAGMA query_only = OFF').run();
    expect((await book(10)).statusCode).toBe(303);
    t.clock.advance(61_000);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
  });

  it('a full disk: 503 in English for an English-speaking member, nothing half-written, then recovers', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: camille.csrf, lang: 'en', next: '/' }),
    });
    // The database may not grow past its size now: every free page taken, the next page needed fails.
    sql(`PRAGMA max_page_count = ${sql('PRAGMA page_count').pluck().get() as number}`).run();
    const fill = sql("INSERT INTO audit_log (at, action, details) VALUES (0, 'fill', json_object('x', ?))");
    for (;;) {
      try {
        fill.run('y'.repeat(2000));
      } catch (err) {
        expect(storageFaultOf(err)).toBe('full');
        break;
      }
    }
    let refused = null;
    for (let i = 0; i < 300 && !refused; i++) {
      const before = { bookings: bookings(), outbox: sql('SELECT count(*) FROM outbox').pluck().get() };
      const res = await book(9 + (i % 9), 9 + Math.floor(i / 9));
      if (res.statusCode === 503) {
        refused = res;
        expect(bookings()).toBe(before.bookings);
        expect(sql('SELECT count(*) FROM outbox').pluck().get()).toBe(before.outbox);
      } else expect([303, 409]).toContain(res.statusCode);
    }
    expect(refused, 'a booking met the full disk').not.toBeNull();
    expect(refused!.headers['retry-after']).toBe('60');
    expect(refused!.body).toContain('Cannot save right now');
    expect(refused!.body).toContain('its disk is full');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ storage: 'full' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/bookings', headers: { cookie: camille.cookie } })).statusCode,
    ).toBe(200);

    sql('PRAGMA max_page_count = 1073741823').run();
    expect((await book(18, 18)).statusCode).toBe(303);
  });

  it('a database another process holds past the busy timeout: 503 with a short Retry-After, nothing written', async () => {
    const other = new Database(t.config.databasePath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const before = bookings();
      const res = await book(15);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toContain('la base de données est occupée');
      expect(bookings()).toBe(before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await book(15)).statusCode).toBe(303);
  });

  it('a visitor asking for the sign-in form on a read-only disk gets the 503 page, not a 500', async () => {
    sql('PRAGMA query_only = ON').run();
    const res = await t.app.inject({ method: 'GET', url: '/login' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Enregistrement impossible pour le moment');
    sql('PRAGMA query_only = OFF').run();
  });
});
