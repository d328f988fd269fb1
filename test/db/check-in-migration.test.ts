// Migration 0009 brings check-in policies per resource kind. A database seeded before it,
// whose desks and rooms carried their kind's grace on each resource, gets the default
// policies, and its resources follow their kind from then on.
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { Inventory } from '../../src/services/inventory.js';
import { tempDir } from '../helpers/app.js';
import { migrationsBefore } from '../helpers/migrations.js';

let dir = '';
let db: Db | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('gives a seeded database the default check-in policies, and its desks and rooms their kind’s grace', () => {
  dir = tempDir();
  const file = path.join(dir, 'old.sqlite');
  const old = openDatabase(file, { migrate: false });
  migrate(old, { migrationsFolder: migrationsBefore(dir, '0009_frontdesk') });
  old.$client.exec(`
    INSERT INTO sites (id, slug, name, timezone, address, created_at)
      VALUES (1, 'montrouge', '21', 'Europe/Paris', 'Montrouge', 0);
    INSERT INTO resources (id, site_id, kind, slug, name, capacity, shape, slot_step_minutes, min_duration_minutes,
      max_duration_minutes, horizon_days, capacity_model, check_in_grace_minutes)
    VALUES
      (1, 1, 'desk', 'poste', 'Poste', 1, 'half_day', 30, 270, 630, 14, 'exclusive', 30),
      (2, 1, 'meeting_room', 'salle', 'Salle', 8, 'steps', 15, 15, 240, 56, 'exclusive', 15),
      (3, 1, 'sports_hall', 'gymnase', 'Gymnase', 20, 'steps', 60, 60, 120, 14, 'shared', NULL);
  `);
  closeDatabase(old);

  db = openDatabase(file);
  const inventory = new Inventory(db);
  const snapshot = inventory.get();
  expect([...snapshot.checkInPolicies.values()]).toEqual([
    { kind: 'desk', graceMinutes: 120, accessNeedGraceMinutes: 180, opensBeforeMinutes: 30 },
    { kind: 'meeting_room', graceMinutes: 15, accessNeedGraceMinutes: 30, opensBeforeMinutes: 15 },
  ]);
  expect(snapshot.resources.map((r) => [r.slug, r.rules.checkInGraceMinutes])).toEqual([
    ['poste', 120],
    ['salle', 15],
    ['gymnase', null],
  ]);
  // A policy changed later is seen by the next read, like any other change to the space.
  db.$client.exec(`UPDATE check_in_policies SET grace_minutes = 90 WHERE resource_kind = 'desk'`);
  expect(inventory.get().resourcesById.get(1)?.rules.checkInGraceMinutes).toBe(90);
});
