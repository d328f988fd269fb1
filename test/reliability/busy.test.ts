// Another process (this test, beside the server process) holds the database's write lock
// longer than the server's busy timeout: a booking answers a clear 503 with a short
// Retry-After, nothing is half-written, and once the lock is released the booking goes through.
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { DEMO_TEST_PASSWORD } from '../helpers/auth.js';
import type { Started } from '../helpers/process.js';
import { recordCounts } from './counts.js';
import { createdId, postBooking, signIn } from './http-session.js';
import { slotPlan } from './plan.js';
import { addMembers, readDatabase, serverEnv, startSiteServer } from './site.js';

const dir = tempDir('b21-busy-');
let server: Started | null = null;
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a write lock held by another process past the busy timeout: 503, Retry-After, nothing written', async () => {
  const env = await serverEnv({ dir });
  server = await startSiteServer(env);
  const [email] = addMembers(env.DATABASE_PATH!, 1);
  const db = readDatabase(env.DATABASE_PATH!);
  const [room] = slotPlan(db, Date.now(), Infinity, 0).filter((s) => s.kind === 'meeting_room');
  const member = await signIn(server.url, email!, DEMO_TEST_PASSWORD);
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  db.exec('BEGIN IMMEDIATE');
  let refused: Response;
  let before: number[];
  try {
    before = ['bookings', 'outbox', 'audit_log'].map(count);
    refused = await postBooking(member, room!, 'busy-1');
    expect(['bookings', 'outbox', 'audit_log'].map(count)).toEqual(before);
  } finally {
    db.exec('ROLLBACK');
  }
  const body = await refused.text();
  const again = await postBooking(member, room!, 'busy-1');
  const id = createdId(again);
  const stored = db.prepare('SELECT count(*) FROM bookings WHERE id = ?').pluck().get(id) as number;
  recordCounts('busy', { 'refused with 503': refused.status === 503 ? 1 : 0, acknowledged: 1, present: stored });
  db.close();

  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(body).toContain('la base de données est occupée');
  expect(again.status).toBe(303);
  expect(stored).toBe(1);
});
