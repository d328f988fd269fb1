// Reminder mails: every minute, the confirmed bookings whose reminder moment has come get
// their "booking-reminder" mail, in the member's language. What was queued is recorded in
// booking_reminders in the same immediate transaction as the mail itself, so a restart (or
// a second process) never sends one twice and a crash between the two is impossible.
import type { Clock } from '../domain/clock.js';
import { immediate, type Db } from '../db/connection.js';
import {
  isReminderDue,
  reminderInstant,
  reminderKey,
  reminderLookahead,
  type ReminderSpec,
} from '../domain/reminders.js';
import { isLanguage } from '../i18n/index.js';
import { composeBookingMail, type BookingMailSettings } from '../mail/booking-mails.js';
import { enqueueMail, MailValidationError } from '../mail/outbox.js';
import type { OutboxKick, WorkerLog } from '../mail/worker.js';

export interface ReminderJobOptions {
  db: Db;
  clock: Clock;
  reminders: readonly ReminderSpec[];
  settings: BookingMailSettings;
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

interface Candidate {
  id: number;
  startsAt: number;
  endsAt: number;
  title: string;
  version: number;
  updatedAt: number;
  resourceName: string;
  siteAddress: string;
  zone: string;
  name: string;
  email: string;
  language: string;
}

export function createReminderJob(options: ReminderJobOptions): ReminderJob {
  const { db, clock, reminders, settings, outbox } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  const lookahead = reminderLookahead(reminders);
  const client = db.$client;
  // Resource by resource on the (resource_id, starts_at) index, bounded by start, so a round
  // stays flat however much history piles up (CROSS JOIN fixes that order for the planner).
  const candidates = client.prepare(
    `SELECT b.id, b.starts_at AS startsAt, b.ends_at AS endsAt, b.title, b.version, b.updated_at AS updatedAt,
       r.name AS resourceName, s.address AS siteAddress, s.timezone AS zone, m.name, m.email, m.language
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
  let log: WorkerLog | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function runOnce(): ReminderReport {
    if (reminders.length === 0) return { queued: 0 };
    const queued = immediate(db, (tx) => {
      const now = clock.now();
      const rows = candidates.all(now, now + lookahead) as Candidate[];
      if (rows.length === 0) return 0;
      const done = new Set(
        (
          recorded.all(JSON.stringify(rows.map((r) => r.id))) as { bookingId: number; kind: string; startsAt: number }[]
        ).map((r) => `${r.bookingId}|${r.kind}|${r.startsAt}`),
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
        let outboxId: number | null = null;
        try {
          const mail = composeBookingMail(
            'booking-reminder',
            {
              id: row.id,
              startsAt: row.startsAt,
              endsAt: row.endsAt,
              status: 'confirmed',
              title: row.title,
              version: row.version,
              updatedAt: row.updatedAt,
            },
            { resourceName: row.resourceName, siteAddress: row.siteAddress, zone: row.zone },
            { name: row.name, email: row.email, language: isLanguage(row.language) ? row.language : 'fr' },
            settings,
            { invitation: false },
          );
          outboxId = enqueueMail(tx, mail, now);
          count += 1;
        } catch (err) {
          // An address the outbox refuses will not improve by retrying every minute: record and move on.
          if (!(err instanceof MailValidationError)) throw err;
          log?.warn({ bookingId: row.id, kind: reminderKey(send), error: err.code }, 'reminder not written');
        }
        for (const spec of due)
          record.run(row.id, reminderKey(spec), row.startsAt, now, spec === send ? outboxId : null);
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
