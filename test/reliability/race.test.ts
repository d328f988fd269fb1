// Several client processes race through HTTP for the same slots against two server processes
// on one database file: desk half-days and meeting-room slots (exclusive) and the shared
// sports hall. Exactly one win per exclusive slot, as many as fit in the hall, no 5xx, and
// every booking a client was told about is in the database.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import type { Started } from '../helpers/process.js';
import { recordCounts } from './counts.js';
import { slotPlan, type Attempt, type Slot } from './plan.js';
import { addMembers, readDatabase, runClient, serverEnv, startSiteServer } from './site.js';

/** At least 10,000 in CI (issue 16); fewer while developing. */
const ATTEMPTS = Number(process.env.RELIABILITY_RACE_ATTEMPTS ?? 10_000);
const CLIENTS = 4;
const MEMBERS_PER_CLIENT = 3;
const MEMBERS = CLIENTS * MEMBERS_PER_CLIENT;
/** Fewer desks per half-day than members: a member holding one desk is refused the others. */
const DESKS = 8;

const dir = tempDir('b21-race-');
const servers: Started[] = [];
let databasePath = '';
afterAll(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 900_000); // 10,000 attempts through HTTP on a loaded 2-core machine

beforeAll(async () => {
  const first = await serverEnv({ dir });
  databasePath = first.DATABASE_PATH!;
  servers.push(await startSiteServer(first));
  // The second process finds the database seeded by the first and serves the same file.
  servers.push(await startSiteServer({ ...first, PORT: (await serverEnv({ dir })).PORT! }));
}, 900_000); // 10,000 attempts through HTTP on a loaded 2-core machine

const key = (s: Slot) => `${s.resource}|${s.start}`;

it(`${ATTEMPTS} attempts from ${CLIENTS} processes: one win per exclusive slot, none over capacity`, async () => {
  const emails = addMembers(databasePath, MEMBERS);
  const db = readDatabase(databasePath);
  const slots = slotPlan(db, Date.now(), Math.ceil(ATTEMPTS / MEMBERS), DESKS);
  expect(new Set(slots.map((s) => s.kind))).toEqual(new Set(['desk', 'meeting_room', 'sports_hall']));
  const attempts: Attempt[] = (
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        runClient({
          client,
          servers: servers.map((s) => s.url),
          members: emails.slice(client * MEMBERS_PER_CLIENT, (client + 1) * MEMBERS_PER_CLIENT),
          password: 'demo-password-21',
          slots,
          retry: false,
          output: path.join(dir, `client-${client}.json`),
        }),
      ),
    )
  ).flat();

  const wins = attempts.filter((a) => a.status === 303);
  const serverErrors = attempts.filter((a) => a.status >= 500 || a.status === 0).length;
  const stored = db
    .prepare(
      `SELECT b.id, b.resource_id AS resource, b.headcount, m.email FROM bookings b JOIN members m ON m.id = b.member_id
       WHERE b.status IN ('confirmed', 'pending')`,
    )
    .all() as { id: number; resource: number; headcount: number; email: string }[];
  const storedById = new Map(stored.map((b) => [b.id, b]));
  const present = wins.filter((w) => {
    const b = w.bookingId === null ? undefined : storedById.get(w.bookingId);
    return b?.email === w.email && b.resource === slots[w.slot]!.resource;
  }).length;
  const overlaps = db
    .prepare(
      `SELECT count(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
       JOIN resources r ON r.id = a.resource_id AND r.capacity_model = 'exclusive'
       WHERE a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')
         AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
    )
    .pluck()
    .get() as number;
  recordCounts('race', {
    attempts: attempts.length,
    wins: wins.length,
    refused: attempts.filter((a) => a.status === 409).length,
    acknowledged: wins.length,
    present,
    '5xx': serverErrors,
    servers: servers.length,
    clients: CLIENTS,
    slots: slots.length,
  });
  db.close();

  expect(attempts.length).toBeGreaterThanOrEqual(ATTEMPTS);
  expect(serverErrors).toBe(0);
  expect(attempts.filter((a) => a.status !== 303 && a.status !== 409)).toEqual([]);
  expect(present).toBe(wins.length);
  expect(stored).toHaveLength(wins.length);
  expect(overlaps).toBe(0);
  const winsBySlot = new Map<string, Attempt[]>();
  for (const w of wins) winsBySlot.set(key(slots[w.slot]!), [...(winsBySlot.get(key(slots[w.slot]!)) ?? []), w]);
  const wrong = slots.filter((s) => {
    const n = winsBySlot.get(key(s))?.length ?? 0;
    return n !== Math.floor(s.capacity / s.headcount);
  });
  expect(wrong.map((s) => `${s.kind} ${s.resource} ${s.start}: ${winsBySlot.get(key(s))?.length ?? 0} wins`)).toEqual(
    [],
  );
  // Both servers created bookings: the race was between processes, not within one.
  expect(new Set(wins.map((w) => w.server)).size).toBe(servers.length);
}, 900_000); // 10,000 attempts through HTTP on a loaded 2-core machine
