// Migration 0006 rebuilds the outbox (its message columns become nullable for intents) and,
// because booking_reminders refers to outbox rows, booking_reminders too. A database written
// by the previous version, with messages sent and pending and reminders pointing at them,
// keeps every row and reference, and its pending message still goes out.
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { createOutboxWorker } from '../../src/mail/worker.js';
import { emlTransport } from '../../src/mail/transport.js';
import { DEFAULT_NOW, mutableClock, tempDir } from '../helpers/app.js';
import { migrationsBefore } from '../helpers/migrations.js';

let dir = '';
let db: Db | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps the outbox rows and the reminders that point at them', async () => {
  dir = tempDir();
  const file = path.join(dir, 'old.sqlite');
  const old = openDatabase(file, { migrate: false });
  migrate(old, { migrationsFolder: migrationsBefore(dir, '0006_outbox_intents') });
  // Written as that version wrote them: today's seed writes columns it did not have.
  old.$client.exec(`
    INSERT INTO sites (id, slug, name, timezone, address, created_at)
      VALUES (1, 'montrouge', '21', 'Europe/Paris', 'Montrouge', 0);
    INSERT INTO resources (id, site_id, kind, slug, name, capacity, shape, slot_step_minutes, min_duration_minutes,
      max_duration_minutes, horizon_days, capacity_model)
      VALUES (1, 1, 'meeting_room', 'salle', 'Salle', 8, 'steps', 15, 15, 240, 56, 'exclusive');
    INSERT INTO members (id, email, name, created_at, updated_at) VALUES (1000, 'zoe@example.org', 'Zoé', 0, 0);
    INSERT INTO bookings (id, resource_id, member_id, starts_at, ends_at, status, created_at, updated_at)
      VALUES (1, (SELECT min(id) FROM resources), 1000, 1000, 2000, 'confirmed', 0, 0);
    INSERT INTO outbox
      (id, created_at, kind, to_address, subject, message, status, attempts, next_attempt_at, sent_at, booking_id)
    VALUES
      (1, 10, 'booking-reminder', 'zoe@example.org', 'Rappel',
       '{"text":"Bonjour","html":"<p>Bonjour</p>"}', 'sent', 1, 10, 11, 1),
      (2, ${DEFAULT_NOW}, 'booking-confirmed', 'zoe@example.org', 'Confirmée',
       '{"text":"Confirmée","html":"<p>Confirmée</p>"}', 'pending', 0, ${DEFAULT_NOW}, NULL, 1);
    INSERT INTO booking_reminders (booking_id, kind, starts_at, queued_at, outbox_id)
      VALUES (1, 'day_before', 1000, 10, 1);
  `);
  closeDatabase(old);

  db = openDatabase(file);
  const client = db.$client;
  expect(
    client.prepare('SELECT id, kind, to_address, subject, status, booking_id FROM outbox ORDER BY id').all(),
  ).toEqual([
    {
      id: 1,
      kind: 'booking-reminder',
      to_address: 'zoe@example.org',
      subject: 'Rappel',
      status: 'sent',
      booking_id: 1,
    },
    {
      id: 2,
      kind: 'booking-confirmed',
      to_address: 'zoe@example.org',
      subject: 'Confirmée',
      status: 'pending',
      booking_id: 1,
    },
  ]);
  expect(client.prepare('SELECT booking_id, kind, outbox_id FROM booking_reminders').all()).toEqual([
    { booking_id: 1, kind: 'day_before', outbox_id: 1 },
  ]);
  expect(client.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  const reference = client.prepare("SELECT sql FROM sqlite_master WHERE name = 'booking_reminders'").pluck().get();
  expect(reference).toContain('REFERENCES "outbox"');
  expect(client.prepare("SELECT name FROM sqlite_master WHERE name LIKE '__new_%'").all()).toEqual([]);
  // A new row still gets the next id.
  expect(
    client.prepare("INSERT INTO outbox (created_at, kind, next_attempt_at) VALUES (0, 'x', 0) RETURNING id").get(),
  ).toEqual({ id: 3 });
  client.prepare('DELETE FROM outbox WHERE id = 3').run();

  // The message written composed before the upgrade is sent as it was written.
  const worker = createOutboxWorker({
    db,
    clock: mutableClock(DEFAULT_NOW),
    transport: emlTransport(path.join(dir, 'eml')),
    settings: { mailFrom: 'reservations@21.example.org', baseUrl: 'http://localhost:3000' },
  });
  expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
  await worker.stop();
  const eml = fs.readFileSync(path.join(dir, 'eml', '000002-booking-confirmed.eml'), 'utf8');
  expect(eml).toContain('Subject: =?UTF-8?Q?Confirm=C3=A9e?=');
});
