// The audit log: who did what to whom, when and from where.
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';
import { auditLog, bookings, bookingSeries, members, organisations, visitors } from './schema.js';
import { containsText } from './text-search.js';

export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

const p = sql.placeholder;

/**
 * Writes entries with one statement prepared on `db`'s connection: inside the caller's
 * transaction when there is one, so a rolled-back change leaves no entry. Prepared because a
 * booking writes one: building and compiling the insert each time cost a quarter of a booking.
 */
export function auditLogWriter(db: Db): (entry: NewAuditEntry) => void {
  const insert = db
    .insert(auditLog)
    .values({
      at: p('at'),
      actorId: p('actorId'),
      action: p('action'),
      subjectType: p('subjectType'),
      subjectId: p('subjectId'),
      details: p('details'),
      ip: p('ip'),
    })
    .prepare();
  return (entry) => {
    insert.run({ actorId: null, subjectType: null, subjectId: null, details: {}, ip: null, ...entry });
  };
}

/** Every action written to the log at least once. */
export function auditActionsSeen(db: Db): string[] {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .all()
    .map((r) => r.action);
}

export interface AuditSearch {
  action?: string;
  /** Part of the actor's or the subject's e-mail or name (or the e-mail an entry was about). */
  who?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

/** An entry with the names of who acted and on whom (a member, or an organisation). */
export interface AuditListRow {
  id: number;
  at: number;
  action: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  subjectType: string | null;
  subjectId: number | null;
  subjectName: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

/** Entries matching `search`, latest first. */
export function auditEntries(db: Db, search: AuditSearch): AuditListRow[] {
  const actor = alias(members, 'actor_m');
  const subject = alias(members, 'subject_m');
  const where: SQL[] = [];
  if (search.action) where.push(eq(auditLog.action, search.action));
  if (search.from !== undefined) where.push(gte(auditLog.at, search.from));
  if (search.to !== undefined) where.push(lt(auditLog.at, search.to));
  if (search.who) {
    const who = search.who;
    where.push(
      or(
        ...[actor.email, actor.name, subject.email, subject.name, organisations.name].map((c) => containsText(c, who)),
        // An entry about an address with no account (a failed sign-in) names it in its details.
        containsText(sql`json_extract(${auditLog.details}, '$.email')`, who),
      )!,
    );
  }
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: actor.name,
      actorEmail: actor.email,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      // drizzle has no coalesce(): the subject is a member or an organisation.
      subjectName: sql<string | null>`coalesce(${subject.name}, ${organisations.name})`,
      details: auditLog.details,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, and(eq(auditLog.subjectType, 'member'), eq(subject.id, auditLog.subjectId)))
    .leftJoin(organisations, and(eq(auditLog.subjectType, 'organisation'), eq(organisations.id, auditLog.subjectId)))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(search.limit)
    .offset(search.offset)
    .all();
}

/** What an entry's sentence names: the booking, series or visitor it is about, by id. */
export interface AuditBookingFacts {
  memberName: string | null;
  guestName: string | null;
  resourceId: number;
  startsAt: number;
  endsAt: number;
}

export interface AuditSeriesFacts {
  memberName: string | null;
  resourceId: number;
}

export interface AuditVisitorFacts {
  name: string;
  hostName: string | null;
}

export interface AuditNames {
  members: Map<number, string>;
  organisations: Map<number, string>;
  bookings: Map<number, AuditBookingFacts>;
  series: Map<number, AuditSeriesFacts>;
  visitors: Map<number, AuditVisitorFacts>;
}

/** The names a page of entries refers to by id, in one query per kind of thing (a page is 50 entries). */
export function auditNames(
  db: Db,
  ids: { members: number[]; organisations: number[]; bookings: number[]; series: number[]; visitors: number[] },
): AuditNames {
  const some = <T>(list: number[], read: (l: number[]) => T[]): T[] => (list.length ? read(list) : []);
  const person = alias(members, 'person');
  const host = alias(members, 'host');
  return {
    members: new Map(
      some(ids.members, (l) =>
        db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, l)).all(),
      ).map((r) => [r.id, r.name]),
    ),
    organisations: new Map(
      some(ids.organisations, (l) =>
        db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, l))
          .all(),
      ).map((r) => [r.id, r.name]),
    ),
    bookings: new Map(
      some(ids.bookings, (l) =>
        db
          .select({
            id: bookings.id,
            memberName: person.name,
            guestName: bookings.guestName,
            resourceId: bookings.resourceId,
            startsAt: bookings.startsAt,
            endsAt: bookings.endsAt,
          })
          .from(bookings)
          .leftJoin(person, eq(person.id, bookings.memberId))
          .where(inArray(bookings.id, l))
          .all(),
      ).map(({ id, ...facts }) => [id, facts]),
    ),
    series: new Map(
      some(ids.series, (l) =>
        db
          .select({ id: bookingSeries.id, memberName: person.name, resourceId: bookingSeries.resourceId })
          .from(bookingSeries)
          .leftJoin(person, eq(person.id, bookingSeries.memberId))
          .where(inArray(bookingSeries.id, l))
          .all(),
      ).map(({ id, ...facts }) => [id, facts]),
    ),
    visitors: new Map(
      some(ids.visitors, (l) =>
        db
          .select({ id: visitors.id, name: visitors.name, hostName: host.name })
          .from(visitors)
          .leftJoin(host, eq(host.id, visitors.hostMemberId))
          .where(inArray(visitors.id, l))
          .all(),
      ).map(({ id, ...facts }) => [id, facts]),
    ),
  };
}
