// Reminder mails: every minute, the confirmed bookings whose reminder moment has come get
// a "booking-reminder" intent in the outbox, rendered by the worker in the member's language
// when it sends it (and not sent if the booking moved or ended meanwhile). What was queued is
// recorded in booking_reminders in the same immediate transaction as the intent itself, so a
// restart (or a second process) never queues one twice and a crash between the two is
// impossible.
import type { Clock } from '../app.js';
import { immediate, type Db } from '../db/connection.js';
import {
  isReminderDue,
  reminderInstant,
  reminderKey,
  reminderLookahead,
  type ReminderSpec,
} from '../domain/reminders.js';
import { enqueueIntent, type OutboxKick } from '../mail/outbox.js';
import type { WorkerLog } from '../mail/worker.js';

export interface ReminderJobOptions {
  db: Db;
  clock: Clock;
  reminders: readonly ReminderSpec[];
  outbox: OutboxKick;
  /** Pause between two rounds (default 60 s): a reminder leaves within a minute of its time. */
  intervalMs?: number;
}

export interface ReminderReport {
  queued: number;
}

export interface ReminderJob {
  /** Runs a round at once (reminders missed while the server was down), then every intervalMs. */
  start(log?: WorkerLog): void;
  stop(): void;
  runOnce(): ReminderReport;
}

export function createReminderJob(options: ReminderJobOptions): ReminderJob {
  const { db, clock, reminders, outbox } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  const lookahead = reminderLookahead(reminders);
  const client = db.$client;
  // Resource by resource on the (resource_id, starts_at) index, bounded by start, so a round
  // stays flat however much history piles up (CROSS JOIN fixes that order for the planner).
  const candidates = client.prepare(
    `SELECT b.id, b.starts_at AS startsAt, b.updated_at AS updatedAt, b.version, s.timezone AS zone
     FROM resources r
     CROSS JOIN bookings b ON b.resource_id = r.id
     JOIN sites s ON s.id = r.site_id
     JOIN members m ON m.id = b.member_id
     WHERE b.starts_at > ? AND b.starts_at <= ? AND b.status = 'confirmed' AND m.active = 1
     ORDER BY b.starts_at, b.id`,
  );
  const recorded = client.prepare(
    `SELECT booking_id AS bookingId, kind, starts_at AS startsAt FROM booking_reminders
     WHERE booking_id IN (SELECT value FROM json_each(?))`,
  );
  const record = client.prepare(
    'INSERT INTO booking_reminders (booking_id, kind, starts_at, queued_at, outbox_id) VALUES (?, ?, ?, ?, ?)',
  );
  const queries = {
    candidates: (from: number, to: number) =>
      candidates.all(from, to) as { id: number; startsAt: number; updatedAt: number; version: number; zone: string }[],
    recorded: (ids: number[]) =>
      recorded.all(JSON.stringify(ids)) as { bookingId: number; kind: string; startsAt: number }[],
    record: (r: { bookingId: number; kind: string; startsAt: number; queuedAt: number; outboxId: number | null }) =>
      record.run(r.bookingId, r.kind, r.startsAt, r.queuedAt, r.outboxId),
  };
  let log: WorkerLog | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function runOnce(): ReminderReport {
    if (reminders.length === 0) return { queued: 0 };
    const queued = immediate(db, (tx) => {
      const now = clock.now();
      const rows = queries.candidates(now, now + lookahead);
      if (rows.length === 0) return 0;
      const done = new Set(
        queries.recorded(rows.map((r) => r.id)).map((r) => `${r.bookingId}|${r.kind}|${r.startsAt}`),
      );
      let count = 0;
      for (const row of rows) {
        const due = reminders.filter(
          (spec) =>
            !done.has(`${row.id}|${reminderKey(spec)}|${row.startsAt}`) && isReminderDue(spec, row, now, row.zone),
        );
        if (due.length === 0) continue;
        // Two reminders due in one round (after downtime): only the nearer to the start goes
        // out; the other is recorded as done all the same.
        const send = due.reduce((a, b) =>
          reminderInstant(b, row.startsAt, row.zone) > reminderInstant(a, row.startsAt, row.zone) ? b : a,
        );
        const outboxId = enqueueIntent(
          tx,
          { kind: 'booking-reminder', bookingId: row.id, sequence: row.version, details: { startsAt: row.startsAt } },
          now,
        );
        count += 1;
        for (const spec of due)
          queries.record({
            bookingId: row.id,
            kind: reminderKey(spec),
            startsAt: row.startsAt,
            queuedAt: now,
            outboxId: spec === send ? outboxId : null,
          });
      }
      return count;
    });
    if (queued > 0) {
      log?.info({ queued }, 'reminders queued');
      outbox.kick();
    }
    return { queued };
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      try {
        runOnce();
      } catch (err) {
        log?.error({ error: (err as Error).message }, 'reminder round failed');
      }
      schedule(intervalMs);
    }, delay);
    timer.unref();
  }

  return {
    start(startLog) {
      if (!stopped) return;
      if (startLog) log = startLog;
      stopped = false;
      schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    runOnce,
  };
}
