// Reminder mails: every minute, the confirmed bookings whose reminder moment has come get
// a "booking-reminder" intent in the outbox, rendered by the worker in the member's language
// when it sends it (and not sent if the booking moved or ended meanwhile). What was queued is
// recorded in booking_reminders in the same immediate transaction as the intent itself, so a
// restart (or a second process) never queues one twice and a crash between the two is
// impossible.
import type { Clock } from '../domain/clock.js';
import { immediate, type Db } from '../db/connection.js';
import { reminderQueries } from '../db/reminders.js';
import {
  isReminderDue,
  reminderInstant,
  reminderKey,
  reminderLookahead,
  type ReminderSpec,
} from '../domain/reminders.js';
import { intentWriter, type OutboxKick } from '../mail/outbox.js';
import type { WorkerLog } from '../mail/worker.js';
import { rounds } from './rounds.js';

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
  const queries = reminderQueries(db);
  const intents = intentWriter(db);
  let log: WorkerLog | null = null;

  function runOnce(): ReminderReport {
    if (reminders.length === 0) return { queued: 0 };
    const queued = immediate(db, () => {
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
        const outboxId = intents.enqueue(
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

  const timed = rounds('reminder', intervalMs, (roundLog) => {
    log = roundLog;
    runOnce();
  });

  return {
    start: (startLog) => timed.start(startLog),
    stop: () => timed.stop(),
    runOnce,
  };
}
