import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { cleanEnv, ROOT } from '../helpers/process.js';

const CONTENDERS = 4;
const ROUNDS = 25;
const ROUND_MS = 40;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Contender {
  /** Resolves once the contender has opened the database and waits for the start. */
  ready: Promise<void>;
  start(at: number): void;
  /** Its JSON lines, one per round. */
  output: Promise<string>;
}

function contender(args: string[]): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/race-worker.ts', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
  });
  let out = '';
  let err = '';
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const output = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(out.replace(/^ready\n/, '')) : reject(new Error(`contender exited ${code}: ${err}`)),
    ),
  );
  return { ready: Promise.race([ready, output.then(() => {})]), start: (at) => child.stdin.end(`${at}\n`), output };
}

describe('a real race between processes on one database file', () => {
  it('gives each slot to exactly one contender; the others get "conflict", none an error', async () => {
    const org = createOrganisation(t.db);
    const members = Array.from({ length: CONTENDERS }, () => createMember(t.db, { organisationId: org }));
    const room = resourceId(t.db, 'salle-maunoir');
    // Tuesday 8 December 2026 from 08:30 Paris, 15-minute slots.
    const firstSlot = Date.UTC(2026, 11, 8, 7, 30);
    const contenders = members.map((m) =>
      contender([
        t.config.databasePath,
        String(m),
        String(room),
        String(ROUNDS),
        String(ROUND_MS),
        String(firstSlot),
        String(t.clock.now()),
      ]),
    );
    // The start is agreed once all are ready, however long each took to start (tsx, a loaded machine).
    await Promise.all(contenders.map((c) => c.ready));
    const startAt = Date.now() + 200;
    for (const c of contenders) c.start(startAt);
    const outputs = await Promise.all(contenders.map((c) => c.output));
    const results = outputs.flatMap((o) =>
      o
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { round: number; ok: boolean; codes?: string[]; error?: string }),
    );
    expect(results).toHaveLength(CONTENDERS * ROUNDS);
    expect(results.filter((r) => r.error)).toEqual([]);
    for (let round = 0; round < ROUNDS; round++) {
      const inRound = results.filter((r) => r.round === round);
      expect(
        inRound.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      for (const loser of inRound.filter((r) => !r.ok)) expect(loser.codes).toEqual(['conflict']);
    }
    const stored = t.db.$client
      .prepare("SELECT count(*) AS n FROM bookings WHERE resource_id = ? AND status = 'confirmed'")
      .get(room) as { n: number };
    expect(stored.n).toBe(ROUNDS);
  }, 120_000); // four contenders start under tsx, slow on a loaded machine
});
