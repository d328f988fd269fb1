// What the admin "Outbox" page reads and does: the latest messages with their delivery
// state, one message in full, its raw RFC 822 form, and a retry of a failed one.
import { and, desc, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/connection.js';
import { outbox } from '../db/schema.js';
import type { StoredMessage } from './outbox.js';
import { composeMessage } from './worker.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

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

const summaryColumns = {
  id: outbox.id,
  createdAt: outbox.createdAt,
  kind: outbox.kind,
  to: outbox.toAddress,
  subject: outbox.subject,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  sentAt: outbox.sentAt,
};

export function listOutbox(db: Db, options: { status?: OutboxStatus | null; limit?: number } = {}): OutboxSummary[] {
  const query = db.select(summaryColumns).from(outbox);
  const filtered = options.status ? query.where(eq(outbox.status, options.status)) : query;
  return filtered
    .orderBy(desc(outbox.id))
    .limit(options.limit ?? 100)
    .all();
}

export function countOutbox(db: Db): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all())
    counts[row.status] = row.n;
  return counts;
}

export function getOutboxMessage(db: Db, id: number): OutboxMessage | null {
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row) return null;
  const stored = row.message as unknown as StoredMessage;
  const sealed = SEALED_KINDS.has(row.kind);
  return {
    id: row.id,
    createdAt: row.createdAt,
    kind: row.kind,
    to: row.toAddress,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    sentAt: row.sentAt,
    bookingId: row.bookingId,
    sealed,
    text: sealed ? null : stored.text,
    calendar: sealed || !stored.calendar ? null : stored.calendar,
  };
}

/** The message exactly as the worker sends it (RFC 822), or null if missing or sealed. */
export async function rawOutboxMessage(db: Db, id: number, from: string): Promise<Buffer | null> {
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row || SEALED_KINDS.has(row.kind)) return null;
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await composer.sendMail(composeMessage(row, from));
  return info.message as Buffer;
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export function retryOutboxMessage(db: Db, id: number, now: number): boolean {
  const result = db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .run();
  return result.changes === 1;
}
