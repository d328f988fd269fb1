// Builds the real app on a real SQLite file in a fresh temporary folder, migrated and
// seeded like a first start. Tests stand on a fixed clock unless they pass their own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Clock } from '../../src/domain/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { seedAll } from '../../seed/index.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  dir: string;
  clock: MutableClock;
  close(): Promise<void>;
}

export interface MutableClock extends Clock {
  set(instant: number): void;
  advance(ms: number): void;
}

export function mutableClock(start: number): MutableClock {
  let current = start;
  return {
    now: () => current,
    set: (instant) => {
      current = instant;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Monday 7 December 2026, 10:00 in Paris (09:00 UTC): an ordinary open day. */
export const DEFAULT_NOW = Date.UTC(2026, 11, 7, 9, 0);

export function tempDir(prefix = 'b21-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createTestApp(
  options: { now?: number; env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestApp> {
  const dir = tempDir();
  const config = loadConfig(
    {
      DATABASE_PATH: path.join(dir, 'test.sqlite'),
      LOG_LEVEL: 'silent',
      DEMO_PASSWORD: 'demo-password-21',
      // Tests start from a database without bookings; test/seed/demo-day.test.ts turns it on.
      DEMO_DAY: 'false',
      ...options.env,
    },
    dir,
  );
  const db = openDatabase(config.databasePath);
  const clock = mutableClock(options.now ?? DEFAULT_NOW);
  if (options.seed !== false) await seedAll(db, config, clock.now());
  const app = await buildApp({ config, db, clock, logger: false });
  await app.ready();
  return {
    app,
    db,
    config,
    dir,
    clock,
    async close() {
      await app.close();
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
