// Queries of members: who they are, their teams and inductions.
import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './connection.js';
import { inductions, members, memberships } from './schema.js';
import { byName, containsText } from './text-search.js';

export type MemberRow = typeof members.$inferSelect;
export type InductionKind = (typeof inductions.$inferSelect)['resourceKind'];

/** An active member as the booking rules see them: their teams (by id) and inductions. */
export interface BookingPersonRow {
  id: number;
  organisationIds: number[];
  inductions: InductionKind[];
}

const p = sql.placeholder;

/** The booking person of a member id, read on every booking: two small statements prepared once. */
export function bookingPersonQuery(db: Db): (memberId: number) => BookingPersonRow | undefined {
  // One row per team of an active member, or one row with no team.
  const teams = db
    .select({ organisationId: memberships.organisationId })
    .from(members)
    .leftJoin(memberships, eq(memberships.memberId, members.id))
    .where(and(eq(members.id, p('memberId')), eq(members.active, true)))
    .orderBy(asc(memberships.organisationId))
    .prepare();
  const held = db
    .select({ kind: inductions.resourceKind })
    .from(inductions)
    .where(eq(inductions.memberId, p('memberId')))
    .prepare();
  return (memberId) => {
    const rows = teams.all({ memberId });
    if (rows.length === 0) return undefined;
    return {
      id: memberId,
      organisationIds: rows.flatMap((r) => (r.organisationId === null ? [] : [r.organisationId])),
      inductions: held.all({ memberId }).map((r) => r.kind),
    };
  };
}

export function memberById(db: Db, id: number): MemberRow | undefined {
  return db.select().from(members).where(eq(members.id, id)).get();
}

export function memberByEmail(db: Db, email: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.email, email)).get();
}

/** Whether an active admin who has set a password exists: the first admin is invited only before. */
export function hasWorkingAdmin(db: Db): boolean {
  return (
    db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.role, 'admin'), eq(members.active, true), isNotNull(members.passwordHash)))
      .limit(1)
      .get() !== undefined
  );
}

/** Inserts a member; returns their id. */
export function insertMember(db: Db, member: Omit<typeof members.$inferInsert, 'id'>): number {
  return db.insert(members).values(member).returning({ id: members.id }).get().id;
}

export function updateMember(db: Db, id: number, changes: Partial<Omit<MemberRow, 'id'>>): void {
  db.update(members).set(changes).where(eq(members.id, id)).run();
}

export interface MemberFilter {
  /** Part of the name or e-mail. */
  text?: string;
  role?: MemberRow['role'];
  /** Active with a password, invited (active without one), or deactivated. */
  status?: 'active' | 'pending' | 'inactive';
  limit: number;
  offset: number;
}

/** Members matching `filter`, by name (ignoring case) then id. */
export function searchMembers(db: Db, filter: MemberFilter): MemberRow[] {
  const where: (SQL | undefined)[] = [];
  if (filter.text) where.push(or(containsText(members.name, filter.text), containsText(members.email, filter.text)));
  if (filter.role) where.push(eq(members.role, filter.role));
  if (filter.status === 'active') where.push(eq(members.active, true), isNotNull(members.passwordHash));
  if (filter.status === 'pending') where.push(eq(members.active, true), isNull(members.passwordHash));
  if (filter.status === 'inactive') where.push(eq(members.active, false));
  return db
    .select()
    .from(members)
    .where(and(...where))
    .orderBy(byName(members.name), asc(members.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
}

/** A member's inductions, by kind, with who recorded them. */
export function inductionsOf(db: Db, memberId: number) {
  return db
    .select({ kind: inductions.resourceKind, recordedAt: inductions.recordedAt, recordedByName: members.name })
    .from(inductions)
    .leftJoin(members, eq(members.id, inductions.recordedById))
    .where(eq(inductions.memberId, memberId))
    .orderBy(asc(inductions.resourceKind))
    .all();
}

/** Records an induction; false if the member already had it. */
export function addInduction(db: Db, induction: Omit<typeof inductions.$inferInsert, 'id'>): boolean {
  return db.insert(inductions).values(induction).onConflictDoNothing().run().changes > 0;
}

/** Removes an induction; false if the member did not have it. */
export function removeInduction(db: Db, memberId: number, kind: InductionKind): boolean {
  return (
    db
      .delete(inductions)
      .where(and(eq(inductions.memberId, memberId), eq(inductions.resourceKind, kind)))
      .run().changes > 0
  );
}
