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

function contender(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/race-worker.ts', ...args], {
      cwd: ROOT,
      env: cleanEnv(),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`contender exited ${code}: ${err}`))));
  });
}

describe('a real race between processes on one database file', () => {
  it('gives each slot to exactly one contender; the others get "conflict", none an error', async () => {
    const org = createOrganisation(t.db);
    const members = Array.from({ length: CONTENDERS }, () => createMember(t.db, { organisationId: org }));
    const room = resourceId(t.db, 'salle-maunoir');
    // Tuesday 8 December 2026 from 08:30 Paris, 15-minute slots.
    const firstSlot = Date.UTC(2026, 11, 8, 7, 30);
    const startAt = Date.now() + 4000;
    const outputs = await Promise.all(
      members.map((m) =>
        contender([
          t.config.databasePath,
          String(m),
          String(room),
          String(startAt),
          String(ROUNDS),
          String(ROUND_MS),
          String(firstSlot),
          String(t.clock.now()),
        ]),
      ),
    );
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
  }, 60_000);
});
