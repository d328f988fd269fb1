// The backup drill: a backup taken while the server takes bookings, restored into a new
// place, starts the app with every booking acknowledged before the backup began. A damaged
// file, or a database still open, is refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, expect, it } from 'vitest';
import { csrfOf, DEMO_ACCOUNTS, DEMO_TEST_PASSWORD } from '../helpers/auth.js';
import { tempDir } from '../helpers/app.js';
import { cleanEnv, collect, exited, freePort, ROOT, startServer, type Started } from '../helpers/process.js';

const dir = tempDir('b21-backup-');
const servers: Started[] = [];
afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run <script> -- <file>` as its script does, for the database at `databasePath`. */
async function run(script: 'backup' | 'restore', file: string, databasePath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/ops/${script}.ts`, file], {
    cwd: ROOT,
    env: { ...cleanEnv(), DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  return { code: await exited(child), output: output() };
}

async function server(databasePath: string): Promise<Started> {
  const started = await startServer({
    DATABASE_PATH: databasePath,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DEMO_PASSWORD: DEMO_TEST_PASSWORD,
    DEMO_DAY: 'false',
  });
  servers.push(started);
  return started;
}

/** A signed-in admin over real HTTP (no organisation, so no monthly quota stops the load). */
async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/login`);
  const visitor = page.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = csrfOf(await page.text())!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: DEMO_ACCOUNTS.admin.email, password: DEMO_TEST_PASSWORD }),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const home = await fetch(`${base}/bookings`, { headers: { cookie } });
  return { cookie, csrf: csrfOf(await home.text())! };
}

/** The next weekday at least two days ahead, in Paris, that is not a public holiday of the season. */
function aWorkingDay(): string {
  let day = DateTime.now().setZone('Europe/Paris').plus({ days: 2 });
  while (day.weekday > 5 || ['12-25', '01-01', '05-01'].includes(day.toFormat('MM-dd'))) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

it('restores a backup taken under load, and the app starts on it with every acknowledged booking', async () => {
  const live = path.join(dir, 'live', '21.sqlite');
  const first = await server(live);
  const who = await signIn(first.url);
  const rooms = new Database(live, { readonly: true })
    .prepare("SELECT id FROM resources WHERE kind = 'meeting_room' ORDER BY id")
    .pluck()
    .all() as number[];
  const day = aWorkingDay();
  const slots = rooms.flatMap((room) =>
    Array.from({ length: 36 }, (_, i) => {
      const start = DateTime.fromISO(`${day}T09:00`).plus({ minutes: 15 * i });
      return {
        room,
        start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
        end: start.plus({ minutes: 15 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      };
    }),
  );
  const acknowledged: { id: number; at: number }[] = [];
  const refused: number[] = [];
  let next = 0;
  let stop = false;
  const book = async () => {
    while (!stop && next < slots.length) {
      const slot = slots[next++]!;
      const res = await fetch(`${first.url}/bookings`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: who.csrf, resource: String(slot.room), start: slot.start, end: slot.end }),
      });
      // Read every answer to its end, as a browser does: a body left unread holds its connection
      // open, and the server's graceful stop would wait for it.
      await res.arrayBuffer();
      if (res.status !== 303) {
        refused.push(res.status);
        continue;
      }
      acknowledged.push({ id: Number(/\/bookings\/(\d+)/.exec(res.headers.get('location')!)![1]), at: Date.now() });
    }
  };
  const load = [book(), book(), book()];
  while (acknowledged.length < 40 && next < slots.length) await new Promise((r) => setTimeout(r, 20));
  const backupStarted = Date.now();
  const before = acknowledged.filter((a) => a.at < backupStarted).map((a) => a.id);
  const copy = path.join(dir, 'copies', 'monday.sqlite');
  const backup = await run('backup', copy, live);
  stop = true;
  await Promise.all(load);
  // Some slots are refused by the rules (a room's buffer); none may fail otherwise.
  expect(refused.filter((status) => status !== 409)).toEqual([]);
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toMatch(/Backup of .* written to/);
  expect(acknowledged.length).toBeGreaterThan(before.length);

  // A restore onto the database the server has open is refused.
  const busy = await run('restore', copy, live);
  expect(busy.code).toBe(1);
  expect(busy.output).toContain('stop the server first');
  expect(await first.stop()).toBe(0);

  const restored = path.join(dir, 'restored', '21.sqlite');
  const restore = await run('restore', copy, restored);
  expect(restore.code, restore.output).toBe(0);
  const second = await server(restored);
  expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
  await signIn(second.url);
  await second.stop();
  const db = new Database(restored, { readonly: true });
  const present = new Set(db.prepare("SELECT id FROM bookings WHERE status = 'confirmed'").pluck().all() as number[]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  expect(before.filter((id) => !present.has(id))).toEqual([]);
});

it('refuses to restore a file that is not a sound database of ours, and changes nothing', async () => {
  const target = path.join(dir, 'untouched.sqlite');
  fs.writeFileSync(target, 'the database as it was');
  const garbage = path.join(dir, 'garbage.sqlite');
  fs.writeFileSync(garbage, 'SQLite format 3\u0000'.padEnd(4096, 'x'));
  const foreign = path.join(dir, 'foreign.sqlite');
  new Database(foreign).exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
  for (const file of [garbage, foreign, path.join(dir, 'missing.sqlite')]) {
    const res = await run('restore', file, target);
    expect(res.code, file).toBe(1);
    expect(res.output).toContain('Restore refused');
  }
  expect(fs.readFileSync(target, 'utf8')).toBe('the database as it was');
});
