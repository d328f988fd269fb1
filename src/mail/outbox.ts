// The mail outbox: a message is written in the same transaction as the change that causes
// it and sent by the worker after commit, so a rolled-back change sends nothing and a crash
// or an SMTP outage loses nothing.
import { prepared, type Db } from '../db/connection.js';

export { renderMail, type RenderedMail } from './render.js';

export interface OutgoingMail {
  /** What the message is about, e.g. 'booking-confirmed', 'invitation', 'password-reset'. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invitation; the MIME `method` parameter is taken from here. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  bookingId?: number;
}

/** What the `message` column holds; `to` and `subject` live in their own columns. */
export interface StoredMessage {
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export type MailRefusal = 'header_line_break' | 'invalid_address' | 'empty_subject' | 'calendar_method_mismatch';

/** A message refused before it reaches the outbox; nothing was written. */
export class MailValidationError extends Error {
  constructor(
    readonly code: MailRefusal,
    readonly field: 'to' | 'subject' | 'calendar',
  ) {
    super(`mail refused: ${code} in ${field}`);
    this.name = 'MailValidationError';
  }
}

const LINE_BREAK = /[\r\n]/;
// One bare address; display names are added by the sender, never taken from user input.
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export function validateMail(mail: OutgoingMail): void {
  // A CR or LF in a header value would let its author add headers (Bcc, a second body).
  if (LINE_BREAK.test(mail.to)) throw new MailValidationError('header_line_break', 'to');
  if (LINE_BREAK.test(mail.subject)) throw new MailValidationError('header_line_break', 'subject');
  if (!ADDRESS.test(mail.to)) throw new MailValidationError('invalid_address', 'to');
  if (mail.subject.trim() === '') throw new MailValidationError('empty_subject', 'subject');
  if (mail.calendar) {
    // Calendar clients trust the MIME method; a body saying otherwise is ignored or misread.
    const method = /^METHOD:(.*)$/m.exec(mail.calendar.content)?.[1]?.trim();
    if (method !== mail.calendar.method) throw new MailValidationError('calendar_method_mismatch', 'calendar');
  }
}

// The columns of the `outbox` table (src/db/schema.ts); `message` is JSON text.
const INSERT = `INSERT INTO outbox (created_at, kind, to_address, subject, message, status, attempts, next_attempt_at, booking_id)
  VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING id`;

/**
 * Writes a pending message into the outbox inside the caller's transaction and returns its
 * id. Call it with the transaction's handle (`immediate(db, (tx) => ...)`), then kick the
 * worker after commit.
 */
export function enqueueMail(tx: Db, mail: OutgoingMail, now: number): number {
  validateMail(mail);
  const message: StoredMessage = { text: mail.text, html: mail.html };
  if (mail.calendar) message.calendar = { method: mail.calendar.method, content: mail.calendar.content };
  const row = prepared(tx, INSERT).get(
    now,
    mail.kind,
    mail.to,
    mail.subject,
    JSON.stringify(message),
    now,
    mail.bookingId ?? null,
  ) as { id: number };
  return row.id;
}
