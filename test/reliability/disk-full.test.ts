// The database on a small tmpfs that the test fills to the last byte, under the real server
// process: a booking answers 503 with Retry-After in French and writes nothing, pages that only
// read keep working, /healthz reports the full disk, every booking acknowledged before is still
// there, and once space is freed the same process takes bookings again (no restart).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { DEMO_TEST_PASSWORD } from '../helpers/auth.js';
import type { Started } from '../helpers/process.js';
import { recordCounts } from './counts.js';
import { createdId, postBooking, signIn } from './http-session.js';
import { mountTmpfs, unmount } from './mount.js';
import { slotPlan } from './plan.js';
import { addMembers, readDatabase, serverEnv, startSiteServer } from './site.js';

const dir = tempDir('b21-disk-');
const disk = path.join(dir, 'disk');
let mounted = false;
let server: Started | null = null;
afterAll(async () => {
  await server?.stop('SIGKILL');
  if (mounted) unmount(disk);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes zeros into `file` until the file system refuses with ENOSPC; returns the bytes written. */
function fill(file: string): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 4096, 1])
      for (;;) {
        try {
          written += fs.writeSync(fd, Buffer.alloc(size));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

it('a full disk: 503 in French for a booking, reads go on, /healthz says so, then it recovers', async (ctx) => {
  fs.mkdirSync(disk);
  const refusal = mountTmpfs(disk, 24);
  if (refusal !== null) {
    recordCounts('disk-full', { status: `not run (${refusal})` });
    return ctx.skip(`disk-full: not run (mount refused: ${refusal})`);
  }
  mounted = true;
  const env = await serverEnv({ dir, databasePath: path.join(disk, 'site.sqlite') });
  server = await startSiteServer(env);
  const [email] = addMembers(env.DATABASE_PATH!, 1);
  const db = readDatabase(env.DATABASE_PATH!);
  const rooms = slotPlan(db, Date.now(), Infinity, 0).filter((s) => s.kind === 'meeting_room');
  const member = await signIn(server.url, email!, DEMO_TEST_PASSWORD);
  const bookings = () => db.prepare('SELECT count(*) FROM bookings').pluck().get() as number;
  let next = 0;
  const book = () => postBooking(member, rooms[next]!, `disk-${next++}`);

  const acknowledged: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await book();
    expect(res.status).toBe(303);
    acknowledged.push(createdId(res)!);
  }

  // An empty write-ahead log, then not a byte left: the next commit needs space it cannot get.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const filled = fill(path.join(disk, 'filler'));
  expect(filled).toBeGreaterThan(0);
  const before = bookings();
  const refused = await book();
  const body = await refused.text();
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('60');
  expect(body).toContain('Enregistrement impossible pour le moment');
  expect(body).toContain('son disque est plein');
  expect(bookings()).toBe(before);

  const read = (url: string) => fetch(`${server!.url}${url}`, { headers: { cookie: member.cookie } });
  for (const url of ['/bookings', '/resources', `/bookings/${acknowledged[0]}`])
    expect((await read(url)).status).toBe(200);
  const health = await read('/healthz');
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ status: 'degraded', storage: 'full' });

  fs.rmSync(path.join(disk, 'filler'));
  const pid = server.child.pid;
  const again = await book();
  expect(again.status).toBe(303);
  acknowledged.push(createdId(again)!);
  expect(server.child.pid).toBe(pid);
  expect(server.child.exitCode).toBeNull();

  const stored = new Set(db.prepare("SELECT id FROM bookings WHERE status = 'confirmed'").pluck().all() as number[]);
  const present = acknowledged.filter((id) => stored.has(id));
  const integrity = db.prepare('PRAGMA integrity_check').pluck().all();
  recordCounts('disk-full', {
    status: 'run (tmpfs 24 MB)',
    acknowledged: acknowledged.length,
    present: present.length,
    'refused with 503': 1,
  });
  db.close();
  expect(present).toEqual(acknowledged);
  expect(integrity).toEqual(['ok']);
});
