// The server under booking load is killed with SIGKILL at random moments and started again
// (the same compiled build, no rebuild). Client processes retry what got no answer with the
// same idempotency key. Afterwards: every booking a client saw acknowledged is stored, the
// file passes PRAGMA integrity_check, no exclusive slot is held twice, and every queued mail
// reached the SMTP server, each intent under one Message-ID.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import type { Started } from '../helpers/process.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { recordCounts } from './counts.js';
import { slotPlan, type Attempt } from './plan.js';
import { addMembers, readDatabase, runClient, serverEnv, startSiteServer } from './site.js';

/** At least 20 in CI (issue 16); fewer while developing. */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 20);
const CLIENTS = 2;
const MEMBERS_PER_CLIENT = 3;
/** Messages the worker claims per round: what one kill can leave sent but not marked. */
const MAIL_BATCH = 20;

const dir = tempDir('b21-crash-');
let smtp: TestSmtp;
let server: Started | null = null;
let env: Record<string, string>;
beforeAll(async () => {
  smtp = await startSmtp();
  env = await serverEnv({ dir, smtpUrl: smtp.url });
  server = await startSiteServer(env);
});
afterAll(async () => {
  await server?.stop();
  await smtp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` or the time is up; a wait on other processes, not a timing assertion. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await pause(250)) if (done()) return true;
  return done();
}

const messageIdOf = (raw: string) => /^Message-ID:\s*<outbox-(\d+)-/im.exec(raw)?.[1];

it(`${KILLS} SIGKILLs under booking load lose no acknowledged booking and no mail`, async () => {
  const emails = addMembers(env.DATABASE_PATH!, CLIENTS * MEMBERS_PER_CLIENT);
  const db = readDatabase(env.DATABASE_PATH!);
  const slots = slotPlan(db, Date.now(), Infinity, CLIENTS * MEMBERS_PER_CLIENT);
  const stopFile = path.join(dir, 'stop');
  const clients = Array.from({ length: CLIENTS }, (_, client) =>
    runClient({
      client,
      servers: [server!.url],
      members: emails.slice(client * MEMBERS_PER_CLIENT, (client + 1) * MEMBERS_PER_CLIENT),
      password: 'demo-password-21',
      slots,
      retry: true,
      stopFile,
      output: path.join(dir, `client-${client}.json`),
    }),
  );
  // Each kill falls at a random moment once the (re)started server is taking bookings again.
  const booked = () => db.prepare('SELECT count(*) FROM bookings').pluck().get() as number;
  for (let kill = 0; kill < KILLS; kill++) {
    const before = booked();
    expect(await until(() => booked() >= before + 2, 120_000), `bookings before kill ${kill + 1}`).toBe(true);
    await pause(Math.random() * 1000);
    await server!.stop('SIGKILL');
    server = null;
    server = await startSiteServer(env);
  }
  fs.writeFileSync(stopFile, '');
  const attempts: Attempt[] = (await Promise.all(clients)).flat();

  // Mail claimed by a killed process is sent again once its lease (60 s) is over.
  const unsent = () => db.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get() as number;
  await until(() => unsent() === 0, 150_000);
  const outbox = db.prepare('SELECT id, status, booking_id AS booking FROM outbox').all() as {
    id: number;
    status: string;
    booking: number | null;
  }[];
  await pause(500); // the last message's 250 reaches the SMTP server's list
  const deliveries = smtp.received.map((m) => messageIdOf(m.raw));
  const delivered = new Set(deliveries);
  const sent = outbox.filter((m) => m.status === 'sent');
  const acknowledged = attempts.filter((a) => a.status === 303);
  const stored = new Map(
    (
      db
        .prepare(
          "SELECT b.id, m.email FROM bookings b JOIN members m ON m.id = b.member_id WHERE b.status = 'confirmed'",
        )
        .all() as { id: number; email: string }[]
    ).map((b) => [b.id, b.email]),
  );
  const present = acknowledged.filter((a) => a.bookingId !== null && stored.get(a.bookingId) === a.email);
  const mailedBookings = new Set(sent.map((m) => m.booking));
  const integrity = db.prepare('PRAGMA integrity_check').pluck().all();
  const overlaps = db
    .prepare(
      `SELECT count(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
       JOIN resources r ON r.id = a.resource_id AND r.capacity_model = 'exclusive'
       WHERE a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')
         AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
    )
    .pluck()
    .get() as number;
  recordCounts('crash', {
    kills: KILLS,
    attempts: attempts.length,
    acknowledged: acknowledged.length,
    present: present.length,
    'mails queued': outbox.length,
    'mails sent': delivered.size,
    'resent after a kill': deliveries.length - delivered.size,
    '5xx': attempts.filter((a) => a.status >= 500 || a.status === 0).length,
  });
  db.close();

  expect(integrity).toEqual(['ok']);
  expect(overlaps).toBe(0);
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(present).toHaveLength(acknowledged.length);
  expect(attempts.filter((a) => a.status !== 303 && a.status !== 409)).toEqual([]);
  expect(acknowledged.filter((a) => !mailedBookings.has(a.bookingId))).toEqual([]);
  expect(outbox.filter((m) => m.status !== 'sent' && m.status !== 'superseded')).toEqual([]);
  expect([...delivered].sort()).toEqual(sent.map((m) => String(m.id)).sort());
  // Delivery is at least once: only a message in flight when its process died goes out twice.
  expect(deliveries.length - delivered.size).toBeLessThanOrEqual(KILLS * MAIL_BATCH);
}, 900_000);
