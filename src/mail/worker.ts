// The outbox worker: sends due messages, marks one `sent` only after the transport accepted
// it, retries failures with exponential backoff and gives up after `maxAttempts` (status
// `failed`, shown to admins). An intent is rendered at each attempt, from the database as it
// is then (intents.ts), and what was sent is kept with the row once accepted. Delivery is at
// least once: a message claimed by a process that dies is sent again once its claim (lease)
// expires, with the same Message-ID, so a receiving server or client can drop the duplicate.
import type Mail from 'nodemailer/lib/mailer';
import type { Clock } from '../domain/clock.js';
import { immediate, type Db } from '../db/connection.js';
import { outboxWorkerQueries, type OutboxRow, type SentMail } from '../db/outbox.js';
import { outboxRenderer } from './intents.js';
import type { MailSettings, OutboxKick } from './outbox.js';
import type { MailTransport } from './transport.js';

export type { OutboxKick } from './outbox.js';

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  /** The From header (mailFrom) and the site's address (baseUrl) that mails link to. */
  settings: MailSettings;
  /** Pause between two polls of the table (default 2 s). */
  intervalMs?: number;
  /** Messages claimed per round (default 20). */
  batchSize?: number;
  /** Attempts before a message is given up as `failed` (default 12, about 5 hours). */
  maxAttempts?: number;
  /** First retry delay, doubled on each failure (default 30 s), up to retryMaxMs (default 1 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long a claimed message is left alone before another round may send it (default 60 s). */
  leaseMs?: number;
  log?: WorkerLog;
}

export interface RunReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Intents not sent because a later mail tells their news (see booking-mails.ts). */
  superseded: number;
}

export interface OutboxWorker extends OutboxKick {
  /** Polls every intervalMs until stop(); runs a first round at once. */
  start(log?: WorkerLog): void;
  /** Stops polling, waits for the round in flight, closes the transport. */
  stop(): Promise<void>;
  /** Sends every message due now; resolves when done. Rounds never overlap. */
  runOnce(): Promise<RunReport>;
}

const silent: WorkerLog = { info() {}, warn() {}, error() {} };

/** Delay before the retry that follows failed attempt number `attempts` (1-based). */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A failure that no retry will cure: the server refused this recipient or this message
 * (5xx to RCPT TO or DATA). A 5xx elsewhere (AUTH, MAIL FROM) is a configuration problem
 * that an admin can fix, so those are retried.
 */
export function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: unknown; command?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : 0;
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  return code >= 500 && code < 600 && (command.startsWith('RCPT') || command === 'DATA');
}

/** One line for the last_error column: no credentials, no stack, bounded length. */
export function describeError(err: unknown, secrets: readonly string[]): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  let text = `${code}${typeof e.message === 'string' ? e.message : String(err)}`;
  text = text.replace(/(\w+:\/\/)[^/\s@]*@/g, '$1***@');
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'localhost';
}

/** The message of an outbox row as the transport takes it. */
export function composeMessage(row: Pick<OutboxRow, 'id' | 'createdAt'>, mail: SentMail, from: string): Mail.Options {
  const message: Mail.Options = {
    from,
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.message.text,
    html: mail.message.html,
    // Stable per outbox row: a message sent twice (at least once) is recognisably the same.
    messageId: `<outbox-${row.id}-${row.createdAt}@${domainOf(from)}>`,
    // When the change was made, not when the worker got to it.
    date: new Date(row.createdAt),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
  if (mail.message.calendar) {
    message.icalEvent = {
      method: mail.message.calendar.method,
      content: mail.message.calendar.content,
      filename: 'invitation.ics',
    };
  }
  return message;
}

export function fileName(row: Pick<OutboxRow, 'id' | 'kind'>): string {
  const kind = row.kind.replace(/[^a-z0-9-]+/gi, '_').slice(0, 40);
  return `${String(row.id).padStart(6, '0')}-${kind}`;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, clock, transport, settings } = options;
  const intervalMs = options.intervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 12;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 3_600_000;
  const leaseMs = options.leaseMs ?? 60_000;
  let log = options.log ?? silent;

  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopped = false;
  let current: Promise<RunReport> | null = null;
  let again = false;

  const queries = outboxWorkerQueries(db);
  const render = outboxRenderer(db, settings);

  // Deliveries that end in the same turn of the event loop are marked sent in one
  // transaction (one commit, not one per message), a turn after the transport accepted them
  // and before the round ends; each keeps the instant its own delivery finished.
  interface Mark {
    id: number;
    at: number;
    rendered: SentMail | null;
  }
  const markSent = (marks: readonly Mark[]) =>
    immediate(db, () => {
      for (const mark of marks) queries.sent(mark.id, mark.at, mark.rendered);
    });
  let toMark: Mark[] = [];
  let flushing: NodeJS.Immediate | null = null;
  function flushSent(): void {
    if (flushing) clearImmediate(flushing);
    flushing = null;
    if (toMark.length === 0) return;
    const marks = toMark;
    toMark = [];
    try {
      markSent(marks);
    } catch (err) {
      toMark = marks.concat(toMark);
      throw err;
    }
  }
  function markLater(id: number, rendered: SentMail | null): void {
    toMark.push({ id, at: clock.now(), rendered });
    flushing ??= setImmediate(() => {
      flushing = null;
      try {
        flushSent();
      } catch {
        // Left queued: the end of the round marks them, or fails the round as before.
      }
    });
  }

  /** Takes the due messages and pushes their next attempt past the lease, in one transaction. */
  function claim(now: number): OutboxRow[] {
    return immediate(db, () => {
      const rows = queries.due(now, batchSize);
      for (const row of rows) {
        // Counting the attempt before it is made bounds a message that crashes the process.
        row.attempts += 1;
        queries.lease(row.id, row.attempts, now + leaseMs);
      }
      return rows;
    });
  }

  function failed(row: OutboxRow, lastError: string, report: RunReport): void {
    queries.failed(row.id, lastError, clock.now());
    report.failed += 1;
    log.error({ outboxId: row.id, kind: row.kind, attempts: row.attempts, error: lastError }, 'mail given up');
  }

  async function send(row: OutboxRow, report: RunReport): Promise<void> {
    let mail: SentMail;
    let composed: boolean;
    try {
      const rendering = render(row);
      if (!rendering.ok) {
        if (rendering.status === 'failed') return failed(row, rendering.reason, report);
        queries.superseded(row.id, rendering.reason, clock.now());
        report.superseded += 1;
        return;
      }
      ({ mail, composed } = rendering);
      await transport.deliver(composeMessage(row, mail, settings.mailFrom), fileName({ id: row.id, kind: mail.kind }));
    } catch (err) {
      const lastError = describeError(err, transport.secrets);
      if (isPermanent(err) || row.attempts >= maxAttempts) return failed(row, lastError, report);
      const nextAttemptAt = clock.now() + retryDelay(row.attempts, retryBaseMs, retryMaxMs);
      queries.retry(row.id, lastError, nextAttemptAt);
      report.retrying += 1;
      log.warn(
        { outboxId: row.id, kind: row.kind, attempts: row.attempts, nextAttemptAt, error: lastError },
        'mail not sent, will retry',
      );
      return;
    }
    markLater(row.id, composed ? null : mail);
    report.sent += 1;
  }

  async function rounds(): Promise<RunReport> {
    const report: RunReport = { sent: 0, retrying: 0, failed: 0, superseded: 0 };
    do {
      again = false;
      let batch: OutboxRow[];
      do {
        batch = claim(clock.now());
        await Promise.all(batch.map((row) => send(row, report)));
        flushSent();
      } while (batch.length === batchSize && !stopped);
    } while (again && !stopped);
    if (report.sent + report.retrying + report.failed + report.superseded > 0) log.info({ ...report }, 'outbox round');
    return report;
  }

  function runOnce(): Promise<RunReport> {
    if (current) {
      again = true;
      return current;
    }
    current = rounds().finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(delay: number): void {
    if (stopped || !started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((err: unknown) => log.error({ error: describeError(err, transport.secrets) }, 'outbox round failed'))
        .finally(() => schedule(intervalMs));
    }, delay);
    // The poll alone must not keep a process alive (tests, scripts); the server's socket does.
    timer.unref();
  }

  return {
    start(startLog) {
      if (started) return;
      if (startLog) log = startLog;
      started = true;
      stopped = false;
      schedule(0);
    },
    kick() {
      if (!started || stopped) return;
      if (current) again = true;
      else schedule(0);
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (current) await current.catch(() => undefined);
      transport.close();
    },
  };
}
