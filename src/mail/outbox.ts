// The mail outbox: a mail is written in the transaction of the change that causes it and sent
// by the worker after commit, so a rolled-back change sends nothing and a crash or an SMTP
// outage loses nothing. A booking change writes an intent (intentWriter: which booking or
// series, what happened, the booking's version), rendered by the worker when it sends it
// (intents.ts), so no template runs inside a booking's transaction. An account mail
// (invitation, password reset) is written composed (enqueueMail): its link holds a secret
// stored only hashed, which could not be rendered later, and it is no booking transaction.
import type { Db } from '../db/connection.js';
import { insertOutbox, intentStatements, type SentMail } from '../db/outbox.js';
import type { MailMessage, OutboxDetails } from '../db/schema.js';

export { renderMail, type RenderedMail } from './render.js';

/** What rendering a mail needs of the configuration: the sender, and the site that mails link to. */
export interface MailSettings {
  baseUrl: string;
  mailFrom: string;
}

/** What services and jobs need: wake the worker after a commit that wrote to the outbox. */
export interface OutboxKick {
  kick(): void;
}

export interface OutgoingMail {
  /** What the message is about, e.g. 'booking-confirmed', 'invitation', 'password-reset'. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invitation; the MIME `method` parameter is taken from here. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** What a booking change asks the worker to tell: rendered from the booking when sent. */
export interface MailIntent {
  kind: string;
  bookingId?: number;
  seriesId?: number;
  /** The booking's version after the change. */
  sequence?: number;
  details?: OutboxDetails;
}

export type MailRefusal = 'header_line_break' | 'invalid_address' | 'empty_subject' | 'calendar_method_mismatch';

/** A message refused before it reaches the outbox (or, rendered from an intent, the server). */
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

export function validateMail(mail: Pick<OutgoingMail, 'to' | 'subject' | 'calendar'>): void {
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

/** The stored form of a composed mail's body. */
export function messageOf(mail: Pick<OutgoingMail, 'text' | 'html' | 'calendar'>): MailMessage {
  const message: MailMessage = { text: mail.text, html: mail.html };
  if (mail.calendar) message.calendar = { method: mail.calendar.method, content: mail.calendar.content };
  return message;
}

/**
 * Writes a composed message into the outbox inside the caller's transaction and returns its
 * id. Call it with the transaction's handle (`immediate(db, (tx) => ...)`), then kick the
 * worker after commit.
 */
export function enqueueMail(tx: Db, mail: OutgoingMail, now: number): number {
  validateMail(mail);
  return insertOutbox(tx, {
    createdAt: now,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    message: messageOf(mail),
  });
}

/** Writes intents, with statements prepared once on the database's connection. */
export interface IntentWriter {
  /** Whether a member is there and active (a change for someone inactive writes no mail). */
  memberIsActive(memberId: number): boolean;
  /** Writes an intent into the outbox and returns its id: call it inside the change's transaction. */
  enqueue(intent: MailIntent, now: number): number;
}

export function intentWriter(db: Db): IntentWriter {
  const statements = intentStatements(db);
  return {
    memberIsActive: statements.memberIsActive,
    enqueue: (intent, now) =>
      statements.insert({
        createdAt: now,
        kind: intent.kind,
        bookingId: intent.bookingId ?? null,
        seriesId: intent.seriesId ?? null,
        sequence: intent.sequence ?? null,
        details: intent.details ?? null,
      }),
  };
}

/** What an outbox row comes to when the worker gets to it: a mail to send, or why none. */
export type Rendering =
  { ok: true; mail: SentMail; composed: boolean } | { ok: false; status: 'superseded' | 'failed'; reason: string };

/** A composed mail as stored, ready to send. */
export function sentMailOf(mail: OutgoingMail): SentMail {
  return { kind: mail.kind, toAddress: mail.to, subject: mail.subject, message: messageOf(mail) };
}
