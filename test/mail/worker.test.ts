import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, immediate, openDatabase, type Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { enqueueMail, type OutgoingMail } from '../../src/mail/outbox.js';
import { emlDirectory, smtpTransport, transportFromConfig } from '../../src/mail/transport.js';
import { createOutboxWorker, describeError, retryDelay, type OutboxWorkerOptions } from '../../src/mail/worker.js';
import { createTestApp, mutableClock, tempDir, type MutableClock } from '../helpers/app.js';
import { readCalendar } from '../helpers/ical.js';
import { parseMime } from '../helpers/mime.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { cleanEnv, collect, ROOT } from '../helpers/process.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const NOW = Date.UTC(2026, 11, 7, 9, 0);
const FROM = '21 – Croix-Rouge <reservations@21.example.org>';
const SETTINGS = { mailFrom: FROM, baseUrl: 'https://reservations.21.example.org' };
const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:booking-1@21.example.org\r\n' +
  'SEQUENCE:0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    kind: 'booking-confirmed',
    to: 'zoe@example.org',
    subject: 'Réservation confirmée : Salle Dunant 🎉',
    text: 'Bonjour Zoé,\n\nVotre réservation est confirmée.\n',
    html: '<p>Bonjour Zoé,</p><p>Votre réservation est confirmée.</p>',
    ...overrides,
  };
}

let dir: string;
let db: Db;
let clock: MutableClock;
let smtp: TestSmtp | null;
const workers: { stop(): Promise<void> }[] = [];

function enqueue(m: OutgoingMail = mail()): number {
  return immediate(db, (tx) => enqueueMail(tx, m, clock.now()));
}

function row(id: number) {
  return db.select().from(outbox).where(eq(outbox.id, id)).get()!;
}

function worker(options: Partial<OutboxWorkerOptions> = {}) {
  const w = createOutboxWorker({
    db,
    clock,
    transport: smtpTransport(smtp!.url, { connectionTimeoutMs: 2_000 }),
    settings: SETTINGS,
    ...options,
  });
  workers.push(w);
  return w;
}

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'test.sqlite'));
  clock = mutableClock(NOW);
  smtp = null;
});

afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await smtp?.stop();
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('outbox worker with a real SMTP server', () => {
  it('delivers text, HTML and the invitation, then marks the row sent', async () => {
    smtp = await startSmtp();
    const id = enqueue(mail({ calendar: { method: 'REQUEST', content: ICS } }));
    const report = await worker().runOnce();
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: NOW, lastError: null });

    expect(smtp.received).toHaveLength(1);
    const received = smtp.received[0]!;
    expect(received.to).toEqual(['zoe@example.org']);
    expect(received.from).toBe('reservations@21.example.org');
    const { headers, parts } = parseMime(received.raw);
    expect(headers.get('subject')).toBe('Réservation confirmée : Salle Dunant 🎉');
    expect(headers.get('message-id')).toBe(`<outbox-${id}-${NOW}@21.example.org>`);
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(new Date(headers.get('date')!).getTime()).toBe(NOW);
    expect(parts.find((p) => p.contentType === 'text/plain')?.body).toContain('Votre réservation est confirmée.');
    expect(parts.find((p) => p.contentType === 'text/html')?.body).toContain('<p>Votre réservation est confirmée.</p>');
    const calendar = parts.find((p) => p.contentType === 'text/calendar')!;
    expect(calendar.params.get('method')).toBe('REQUEST');
    expect(calendar.body).toContain('METHOD:REQUEST\r\n');
    expect(parts.find((p) => p.contentType === 'application/ics')?.body).toBe(ICS);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    smtp = await startSmtp();
    expect(() =>
      immediate(db, (tx) => {
        enqueueMail(tx, mail(), clock.now());
        throw new Error('conflict');
      }),
    ).toThrow('conflict');
    expect(await worker().runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
    expect(smtp.received).toEqual([]);
  });

  it('retries with backoff while the server is down and delivers once it is back', async () => {
    smtp = await startSmtp();
    await smtp.stop();
    const w = worker();
    const id = enqueue();

    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0, superseded: 0 });
    const first = row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: NOW + 30_000 });
    expect(first.lastError).toMatch(/ECONNREFUSED/);

    // Not due yet: nothing is tried.
    clock.advance(29_999);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
    expect(row(id).attempts).toBe(1);

    clock.advance(1);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0, superseded: 0 });
    expect(row(id)).toMatchObject({ attempts: 2, nextAttemptAt: NOW + 30_000 + 60_000 });

    await smtp.start();
    clock.advance(60_000);
    expect(await w.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null, sentAt: NOW + 90_000 });
    expect(smtp.received).toHaveLength(1);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('gives up after maxAttempts and keeps the row visible as failed', async () => {
    smtp = await startSmtp();
    await smtp.stop();
    const w = worker({ maxAttempts: 3 });
    const id = enqueue();
    for (const delay of [0, 30_000, 60_000]) {
      clock.advance(delay);
      await w.runOnce();
    }
    expect(row(id)).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
    expect(row(id).lastError).toMatch(/ECONNREFUSED/);
    await smtp.start();
    clock.advance(86_400_000);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
    expect(smtp.received).toEqual([]);
  });

  it('fails at once a recipient the server refuses with 5xx, and still sends the others', async () => {
    smtp = await startSmtp({
      refuse: (address) =>
        address === 'nobody@example.org'
          ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })
          : null,
    });
    const bad = enqueue(mail({ to: 'nobody@example.org' }));
    const good = enqueue();
    expect(await worker().runOnce()).toEqual({ sent: 1, retrying: 0, failed: 1, superseded: 0 });
    expect(row(bad)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row(bad).lastError).toMatch(/550/);
    expect(row(good).status).toBe('sent');
    expect(smtp.received.map((m) => m.to)).toEqual([['zoe@example.org']]);
  });

  it('sends many messages over the pooled connection', async () => {
    smtp = await startSmtp();
    for (let i = 0; i < 45; i++) enqueue(mail({ to: `member${i}@example.org` }));
    expect(await worker().runOnce()).toEqual({ sent: 45, retrying: 0, failed: 0, superseded: 0 });
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(45);
  });

  it('start() polls, kick() wakes it after a commit, stop() ends it', async () => {
    smtp = await startSmtp();
    const w = worker({ intervalMs: 60_000 });
    w.start();
    await new Promise((r) => setTimeout(r, 50));
    enqueue();
    w.kick();
    await smtp.waitFor(1, 5_000);
    await w.stop();
    enqueue();
    w.kick();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(1);
  });
});

describe('outbox worker across a crash', () => {
  function runChild(script: string, args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test/fixtures', script), ...args], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    const exit = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    return { child, output, exit };
  }

  it('sends once, from a new process, the mail of a booking whose process was killed after commit', async () => {
    smtp = await startSmtp();
    const app = await createTestApp();
    try {
      const zoe = createMember(app.db, { name: 'Zoé', organisationId: createOrganisation(app.db), language: 'fr' });
      const room = resourceId(app.db, 'salle-appia');
      const start = Date.UTC(2026, 11, 8, 8, 0); // Tuesday 8 December, 09:00 in Paris
      const args = [app.config.databasePath, app.clock.now(), zoe, room, start, start + 3_600_000].map(String);
      const { output, exit } = runChild('enqueue-then-die.ts', args);
      expect(await exit).toBe('SIGKILL');
      const id = Number(/committed booking (\d+)/.exec(output())?.[1]);
      expect(id).toBeGreaterThan(0);
      expect(smtp.received).toEqual([]);

      const w = createOutboxWorker({
        db: app.db,
        clock: app.clock,
        transport: smtpTransport(smtp.url),
        settings: app.config,
      });
      workers.push(w);
      expect(await w.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
      expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
      expect(smtp.received).toHaveLength(1);
      const { headers, parts } = parseMime(smtp.received[0]!.raw);
      expect(headers.get('subject')).toBe('Réservation confirmée : Salle Louis Appia, mardi 8 décembre 2026');
      const calendar = readCalendar(parts.find((p) => p.contentType === 'text/calendar')!.body);
      expect(calendar.events[0]).toMatchObject({
        uid: `booking-${id}@21.example.org`,
        startLocal: '2026-12-08T09:00:00',
      });
    } finally {
      await app.close();
    }
  });

  it('sends again after restart a message whose sender was killed before the server answered', async () => {
    const file = path.join(dir, 'test.sqlite');
    const id = immediate(db, (tx) => enqueueMail(tx, mail(), Date.now()));
    let kill: (() => Promise<void>) | null = null;
    let seen = 0;
    smtp = await startSmtp({
      async beforeAccept() {
        seen += 1;
        if (kill) {
          const k = kill;
          kill = null;
          await k();
          throw new Error('the sender is gone');
        }
      },
    });
    const { child, exit } = runChild('send-then-die.ts', [file, smtp.url]);
    kill = async () => {
      child.kill('SIGKILL');
      await exit;
    };
    expect(await exit).toBe('SIGKILL');
    expect(seen).toBe(1);
    expect(smtp.received).toEqual([]);
    // The dead process had claimed it: attempt counted, next try after the lease.
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1 });

    clock.set(Date.now());
    const w = worker();
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, superseded: 0 });
    clock.advance(60_000);
    expect(await w.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(parseMime(smtp.received[0]!.raw).headers.get('message-id')).toMatch(
      new RegExp(`^<outbox-${id}-\\d+@21\\.example\\.org>$`),
    );
  });
});

describe('outbox worker without SMTP', () => {
  it('writes each message as an .eml file under <dataDir>/outbox and marks it sent', async () => {
    const config = { smtpUrl: null, dataDir: dir };
    const id = enqueue(mail({ calendar: { method: 'REQUEST', content: ICS } }));
    const w = createOutboxWorker({ db, clock, transport: transportFromConfig(config), settings: SETTINGS });
    workers.push(w);
    expect(await w.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, superseded: 0 });
    expect(row(id)).toMatchObject({ status: 'sent', sentAt: NOW });

    const outboxDir = emlDirectory(config);
    expect(outboxDir).toBe(path.join(dir, 'outbox'));
    expect(fs.readdirSync(outboxDir)).toEqual([`00000${id}-booking-confirmed.eml`]);
    const raw = fs.readFileSync(path.join(outboxDir, `00000${id}-booking-confirmed.eml`), 'utf8');
    expect(raw).toMatch(/^[^\n]*\r\n/);
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
    const { headers, parts } = parseMime(raw);
    expect(headers.get('to')).toBe('zoe@example.org');
    expect(headers.get('subject')).toBe('Réservation confirmée : Salle Dunant 🎉');
    expect(parts.find((p) => p.contentType === 'text/calendar')?.params.get('method')).toBe('REQUEST');
  });
});

describe('worker helpers', () => {
  it('doubles the retry delay up to the ceiling', () => {
    expect([1, 2, 3, 4, 8, 9, 12].map((n) => retryDelay(n, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('keeps credentials out of stored errors', () => {
    const err = Object.assign(
      new Error('Invalid login for smtp://mailer:s3cr%40t@mail.example.org:587 (password s3cr@t)'),
      { code: 'EAUTH' },
    );
    const text = describeError(err, smtpTransport('smtp://mailer:s3cr%40t@mail.example.org:587').secrets);
    expect(text).toBe('EAUTH: Invalid login for smtp://***@mail.example.org:587 (password ***)');
  });
});
