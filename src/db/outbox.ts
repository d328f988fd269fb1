// Queries of the mail outbox: what a change writes (an intent, or an account mail composed),
// what the worker claims, reads to render an intent and marks, and what the admin page lists.
// The worker's statements are prepared once: a round runs every few seconds.
import { and, asc, count, desc, eq, exists, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from './connection.js';
import {
  bookings,
  bookingSeries,
  closures,
  members,
  outbox,
  resources,
  sites,
  type MailMessage,
  type OUTBOX_STATUSES,
} from './schema.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Writes a pending row, due at once, inside the caller's transaction; returns its id. */
export function insertOutbox(tx: Db, row: Omit<NewOutboxRow, 'status' | 'attempts' | 'nextAttemptAt'>): number {
  return tx
    .insert(outbox)
    .values({ ...row, status: 'pending', attempts: 0, nextAttemptAt: row.createdAt })
    .returning({ id: outbox.id })
    .get().id;
}

const p = sql.placeholder;

/** An intent as written: which booking or series, what happened, the booking's version. */
export type NewIntent = Pick<OutboxRow, 'kind' | 'bookingId' | 'seriesId' | 'sequence' | 'details'> & {
  createdAt: number;
};

export interface IntentStatements {
  /** Whether a member is there and active (a change for someone inactive writes no mail). */
  memberIsActive(memberId: number): boolean;
  /** Writes a pending intent, due at once; returns its id. */
  insert(intent: NewIntent): number;
}

/**
 * The statements a change runs to write its mail intent, prepared once on `db`'s connection:
 * they run inside the change's transaction, on every booking click.
 */
export function intentStatements(db: Db): IntentStatements {
  const active = db
    .select({ active: members.active })
    .from(members)
    .where(eq(members.id, p('memberId')))
    .prepare();
  const insert = db
    .insert(outbox)
    .values({
      createdAt: p('createdAt'),
      kind: p('kind'),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: p('createdAt'),
      bookingId: p('bookingId'),
      seriesId: p('seriesId'),
      sequence: p('sequence'),
      // Bound as written below: the column's own encoder would store no details as the text 'null'.
      details: sql`${p('details')}`,
    })
    .returning({ id: outbox.id })
    .prepare();
  return {
    memberIsActive: (memberId) => active.get({ memberId })?.active === true,
    insert: (intent) =>
      insert.get({ ...intent, details: intent.details === null ? null : JSON.stringify(intent.details) })!.id,
  };
}

/** What was rendered and sent for an intent, kept once the server accepted it. */
export interface SentMail {
  kind: string;
  toAddress: string;
  subject: string;
  message: MailMessage;
}

export interface OutboxWorkerQueries {
  /** Pending rows due at `now`, oldest first. */
  due(now: number, limit: number): OutboxRow[];
  lease(id: number, attempts: number, until: number): void;
  /** Marks a row sent; an intent keeps what was rendered for it. */
  sent(id: number, at: number, rendered: SentMail | null): void;
  retry(id: number, lastError: string, nextAttemptAt: number): void;
  failed(id: number, lastError: string, at: number): void;
  superseded(id: number, why: string, at: number): void;
}

export function outboxWorkerQueries(db: Db): OutboxWorkerQueries {
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql.placeholder('now'))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const byId = eq(outbox.id, sql.placeholder('id'));
  const lease = db
    .update(outbox)
    .set({ attempts: sql`${sql.placeholder('attempts')}`, nextAttemptAt: sql`${sql.placeholder('until')}` })
    .where(byId)
    .prepare();
  const sent = db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('at')}`, lastError: null })
    .where(byId)
    .prepare();
  const sentRendered = db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: sql`${sql.placeholder('at')}`,
      lastError: null,
      kind: sql`${sql.placeholder('kind')}`,
      toAddress: sql`${sql.placeholder('toAddress')}`,
      subject: sql`${sql.placeholder('subject')}`,
      message: sql`${sql.placeholder('message')}`,
    })
    .where(byId)
    .prepare();
  const settle = (status: OutboxStatus) =>
    db
      .update(outbox)
      .set({ status, lastError: sql`${sql.placeholder('lastError')}`, nextAttemptAt: sql`${sql.placeholder('at')}` })
      .where(byId)
      .prepare();
  const failed = settle('failed');
  const superseded = settle('superseded');
  const retry = settle('pending');
  return {
    due: (now, limit) => due.all({ now, limit }),
    lease(id, attempts, until) {
      lease.run({ id, attempts, until });
    },
    sent(id, at, rendered) {
      if (rendered) sentRendered.run({ id, at, ...rendered, message: JSON.stringify(rendered.message) });
      else sent.run({ id, at });
    },
    retry(id, lastError, nextAttemptAt) {
      retry.run({ id, lastError, at: nextAttemptAt });
    },
    failed(id, lastError, at) {
      failed.run({ id, lastError, at });
    },
    superseded(id, why, at) {
      superseded.run({ id, lastError: why, at });
    },
  };
}

/** Kinds of the mails that announce a change of a booking (not reminders). */
export const BOOKING_CHANGE_KINDS = [
  'booking-confirmed',
  'booking-pending',
  'booking-changed',
  'booking-cancelled',
  'booking-released',
  'booking-approved',
  'booking-declined',
];

const recipientColumns = {
  memberName: members.name,
  email: members.email,
  language: members.language,
  active: members.active,
};

const placeColumns = {
  resourceName: resources.name,
  resourceNameEn: resources.nameEn,
  resourceGender: resources.nameGender,
  siteAddress: sites.address,
  zone: sites.timezone,
};

/**
 * A booking as its mails show it now (its own fields, its place and its member), and what
 * the outbox says around intent `outboxId`: whether a later intent tells the same booking's
 * news (pending, or sent already), and whether the member was already sent a mail about its
 * changes. One statement prepared once: the worker runs it for every booking mail.
 */
export function bookingMailQuery(db: Db) {
  const changeIntents = (...conditions: SQL[]) =>
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.bookingId, bookings.id), inArray(outbox.kind, BOOKING_CHANGE_KINDS), ...conditions));
  const query = db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      title: bookings.title,
      version: bookings.version,
      updatedAt: bookings.updatedAt,
      ...placeColumns,
      ...recipientColumns,
      laterChange: exists(
        changeIntents(gt(outbox.id, sql.placeholder('outboxId')), inArray(outbox.status, ['pending', 'sent'])),
      ).mapWith(Boolean),
      told: exists(changeIntents(eq(outbox.status, 'sent'))).mapWith(Boolean),
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .innerJoin(sites, eq(sites.id, resources.siteId))
    .leftJoin(members, eq(members.id, bookings.memberId))
    .where(eq(bookings.id, sql.placeholder('bookingId')))
    .prepare();
  return (bookingId: number, outboxId: number) => query.get({ bookingId, outboxId });
}

export type BookingForMail = NonNullable<ReturnType<ReturnType<typeof bookingMailQuery>>>;

/** A series as its summary shows it now, with its dates still booked (pending or confirmed), in order. */
export function seriesForMail(db: Db, seriesId: number) {
  const series = db
    .select({ id: bookingSeries.id, title: bookingSeries.title, ...placeColumns, ...recipientColumns })
    .from(bookingSeries)
    .innerJoin(resources, eq(resources.id, bookingSeries.resourceId))
    .innerJoin(sites, eq(sites.id, resources.siteId))
    .leftJoin(members, eq(members.id, bookingSeries.memberId))
    .where(eq(bookingSeries.id, seriesId))
    .get();
  if (!series) return undefined;
  const dates = db
    .select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status })
    .from(bookings)
    .where(and(eq(bookings.seriesId, seriesId), inArray(bookings.status, ['pending', 'confirmed'])))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .all();
  return { ...series, dates };
}

export type SeriesForMail = NonNullable<ReturnType<typeof seriesForMail>>;

/** The reasons of these closures, in both languages. */
export function closureReasons(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: closures.id, reason: closures.reason, reasonEn: closures.reasonEn })
    .from(closures)
    .where(inArray(closures.id, [...ids]))
    .all();
}

/** The names of the resources a series' skipped dates name (a linked room, a desk booked elsewhere). */
export function resourceNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: resources.id, name: resources.name, nameEn: resources.nameEn, nameGender: resources.nameGender })
    .from(resources)
    .where(inArray(resources.id, [...ids]))
    .all();
}

// --- The admin page.

export function listOutboxRows(db: Db, options: { status?: OutboxStatus | null; limit?: number } = {}): OutboxRow[] {
  const query = db.select().from(outbox);
  const filtered = options.status ? query.where(eq(outbox.status, options.status)) : query;
  return filtered
    .orderBy(desc(outbox.id))
    .limit(options.limit ?? 100)
    .all();
}

export function countOutboxByStatus(db: Db): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, superseded: 0 };
  for (const row of db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all())
    counts[row.status] = row.n;
  return counts;
}

export function getOutboxRow(db: Db, id: number): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export function requeueFailed(db: Db, id: number, now: number): boolean {
  const result = db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .run();
  return result.changes === 1;
}
