// The site the reliability tests run: the compiled server (as `npm start` runs it) on one
// database file in a temporary folder, members of an organisation without quota (so that a
// quota never hides contention), and client processes that book through HTTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { openDatabase, closeDatabase } from '../../src/db/connection.js';
import { DEMO_ACCOUNTS, DEMO_TEST_PASSWORD } from '../helpers/auth.js';
import { createMember, createOrganisation } from '../helpers/people.js';
import { cleanEnv, freePort, ROOT, startServer, type Started } from '../helpers/process.js';
import type { Attempt, ClientPlan } from './plan.js';

export interface SiteOptions {
  dir: string;
  smtpUrl?: string;
  databasePath?: string;
}

/** The environment of one server process of the site, on its own port. */
export async function serverEnv(options: SiteOptions): Promise<Record<string, string>> {
  return {
    PORT: String(await freePort()),
    DATABASE_PATH: options.databasePath ?? path.join(options.dir, 'site.sqlite'),
    DATA_DIR: path.join(options.dir, 'data'),
    DEMO_PASSWORD: DEMO_TEST_PASSWORD,
    DEMO_DAY: 'false',
    // Only the booking mails, so that every message sent is one a booking asked for.
    REMINDERS: 'off',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
  };
}

export function startSiteServer(env: Record<string, string>): Promise<Started> {
  return startServer(env, inject('serverEntry'));
}

/**
 * Clears every organisation's quotas and adds `count` members (one organisation without
 * quota) who sign in with the demo password; returns their e-mail addresses.
 */
export function addMembers(databasePath: string, count: number): string[] {
  const db = openDatabase(databasePath, { migrate: false });
  try {
    db.$client
      .prepare('UPDATE organisations SET quota_room_minutes_per_month = NULL, quota_desk_half_days_per_month = NULL')
      .run();
    const org = createOrganisation(db, { name: 'Reliability' });
    const hash = db.$client
      .prepare('SELECT password_hash FROM members WHERE email = ?')
      .pluck()
      .get(DEMO_ACCOUNTS.member.email) as string;
    const setPassword = db.$client.prepare('UPDATE members SET password_hash = ? WHERE id = ? RETURNING email');
    return Array.from(
      { length: count },
      () => setPassword.pluck().get(hash, createMember(db, { organisationId: org })) as string,
    );
  } finally {
    closeDatabase(db);
  }
}

/** Runs one client process (fixtures/booking-client.ts) to its end and returns what it saw. */
export function runClient(plan: ClientPlan): Promise<Attempt[]> {
  const file = `${plan.output}.plan.json`;
  fs.writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/fixtures/booking-client.ts', file], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(fs.readFileSync(plan.output, 'utf8')) as Attempt[])
        : reject(new Error(`client ${plan.client} exited ${code}: ${err}`)),
    ),
  );
}

/** The database file the servers write, opened beside them to check what they stored. */
export function readDatabase(databasePath: string): Database.Database {
  return new Database(databasePath, { fileMustExist: true });
}
