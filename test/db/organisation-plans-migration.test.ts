// Migration 0012 adds organisation plans: each organisation's quotas, as the previous version
// kept them on the organisation, become its first plan from its start, and the booking
// engine reads them from there.
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { planInForceQuery } from '../../src/db/organisation-plans.js';
import { tempDir } from '../helpers/app.js';
import { migrationsBefore } from '../helpers/migrations.js';

let dir = '';
let db: Db | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('carries every organisation’s quotas over as its first plan', () => {
  dir = tempDir();
  const file = path.join(dir, 'old.sqlite');
  const old = openDatabase(file, { migrate: false });
  migrate(old, { migrationsFolder: migrationsBefore(dir, '0012_organisation_plans') });
  old.$client.exec(`
    INSERT INTO organisations (id, name, kind, programme, starts_on, quota_room_minutes_per_month,
      quota_desk_half_days_per_month, created_at)
    VALUES (1, 'Limitée', 'association', 'coworking', '2026-03-01', 600, 20, 111),
           (2, 'Sans limite', 'company', 'oeth', '2026-09-15', NULL, NULL, 222);
  `);
  closeDatabase(old);

  db = openDatabase(file);
  const rows = db.$client
    .prepare(
      `SELECT organisation_id AS org, name, starts_on AS startsOn, room_minutes_per_month AS rooms,
         desk_half_days_per_month AS desks, created_by_id AS by, created_at AS at
       FROM organisation_plans ORDER BY organisation_id`,
    )
    .all();
  expect(rows).toEqual([
    { org: 1, name: '', startsOn: '2026-03-01', rooms: 600, desks: 20, by: null, at: 111 },
    { org: 2, name: '', startsOn: '2026-09-15', rooms: null, desks: null, by: null, at: 222 },
  ]);
  const inForce = planInForceQuery(db);
  expect(inForce(1, '2026-12-01')).toEqual({ name: 'Limitée', roomMinutes: 600, deskHalfDays: 20 });
  // Before its first plan, an organisation has no limit.
  expect(inForce(1, '2026-03-01')).toEqual({ name: 'Limitée', roomMinutes: null, deskHalfDays: null });
  expect(inForce(3, '2026-12-01')).toBeUndefined();
});
