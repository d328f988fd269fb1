// What the admin "Outbox" page reads and does: the latest messages with their delivery
// state, one message in full, its raw RFC 822 form, and a retry of a failed one. A message
// sent (or written composed) is shown as it was sent; an intent not sent yet is rendered as
// the worker would send it now.
import type { Db } from '../db/connection.js';
import {
  countOutboxByStatus,
  getOutboxRow,
  listOutboxRows,
  requeueFailed,
  type OutboxRow,
  type OutboxStatus,
  type SentMail,
} from '../db/outbox.js';
import { OUTBOX_STATUSES } from '../db/schema.js';
import { outboxRenderer } from './intents.js';
import type { MailSettings } from './outbox.js';
import { buildMessage } from './transport.js';
import { composeMessage } from './worker.js';

export { OUTBOX_STATUSES, type OutboxStatus };

/**
 * Kinds whose body is never shown to an admin: a password-reset link would let its
 * reader take over the account. Their delivery state stays visible.
 */
export const SEALED_KINDS = new Set(['password-reset']);

export interface OutboxSummary {
  id: number;
  createdAt: number;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
}

export interface OutboxMessage extends OutboxSummary {
  bookingId: number | null;
  sealed: boolean;
  text: string | null;
  calendar: { method: string; content: string } | null;
}

/** The mail of each row as sent, or as it would be sent now; null when none would be. */
function mailsOf(db: Db, settings: MailSettings): (row: OutboxRow) => SentMail | null {
  const render = outboxRenderer(db, settings);
  return (row) => {
    const rendering = render(row);
    return rendering.ok ? rendering.mail : null;
  };
}

function summaryOf(row: OutboxRow, mail: SentMail | null): OutboxSummary {
  return {
    id: row.id,
    createdAt: row.createdAt,
    kind: mail?.kind ?? row.kind,
    to: mail?.toAddress ?? '',
    // An intent that renders to nothing (its booking is gone) is named by its kind.
    subject: mail?.subject ?? row.kind,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    sentAt: row.sentAt,
  };
}

export function listOutbox(
  db: Db,
  settings: MailSettings,
  options: { status?: OutboxStatus | null; limit?: number } = {},
): OutboxSummary[] {
  const mailOf = mailsOf(db, settings);
  return listOutboxRows(db, options).map((row) => summaryOf(row, mailOf(row)));
}

export function countOutbox(db: Db): Record<OutboxStatus, number> {
  return countOutboxByStatus(db);
}

export function getOutboxMessage(db: Db, settings: MailSettings, id: number): OutboxMessage | null {
  const row = getOutboxRow(db, id);
  if (!row) return null;
  const mail = mailsOf(db, settings)(row);
  const sealed = SEALED_KINDS.has(row.kind);
  return {
    ...summaryOf(row, mail),
    bookingId: row.bookingId,
    sealed,
    text: sealed || !mail ? null : mail.message.text,
    calendar: sealed ? null : (mail?.message.calendar ?? null),
  };
}

/** The message exactly as the worker sends it (RFC 822), or null if missing, sealed or renders to nothing. */
export async function rawOutboxMessage(db: Db, settings: MailSettings, id: number): Promise<Buffer | null> {
  const row = getOutboxRow(db, id);
  if (!row || SEALED_KINDS.has(row.kind)) return null;
  const mail = mailsOf(db, settings)(row);
  if (!mail) return null;
  return buildMessage(composeMessage(row, mail, settings.mailFrom));
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export function retryOutboxMessage(db: Db, id: number, now: number): boolean {
  return requeueFailed(db, id, now);
}
