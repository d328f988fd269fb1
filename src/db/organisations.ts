// Queries of organisations: their people and leads (their plans: organisation-plans.ts).
import { and, asc, count, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from './connection.js';
import { members, memberships, organisations } from './schema.js';
import { byName } from './text-search.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export function organisationById(db: Db, id: number): OrganisationRow | undefined {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

/** Every organisation with its number of people, by name. */
export function organisationsWithCounts(db: Db): (OrganisationRow & { memberCount: number })[] {
  return db
    .select({ ...getTableColumns(organisations), memberCount: count(memberships.memberId) })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(byName(organisations.name))
    .all();
}

/** Organisations' ids and names, by name: all of them, or those of `ids`. */
export function organisationNames(db: Db, ids?: readonly number[]): { id: number; name: string }[] {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(ids ? inArray(organisations.id, [...ids]) : undefined)
    .orderBy(asc(organisations.name))
    .all();
}

export function insertOrganisation(db: Db, organisation: Omit<typeof organisations.$inferInsert, 'id'>): number {
  return db.insert(organisations).values(organisation).returning({ id: organisations.id }).get().id;
}

export function updateOrganisation(db: Db, id: number, changes: Partial<Omit<OrganisationRow, 'id'>>): void {
  db.update(organisations).set(changes).where(eq(organisations.id, id)).run();
}

export type MembershipRow = typeof memberships.$inferSelect;

/** The people of an organisation, by name. */
export function peopleOf(db: Db, organisationId: number) {
  return db
    .select({
      id: members.id,
      name: members.name,
      email: members.email,
      role: members.role,
      isLead: memberships.isLead,
      active: members.active,
      passwordHash: members.passwordHash,
    })
    .from(memberships)
    .innerJoin(members, eq(members.id, memberships.memberId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(byName(members.name))
    .all();
}

/** The organisations of these members (id, name, lead or not), by organisation name. */
export function teamsOf(db: Db, memberIds: readonly number[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({
      memberId: memberships.memberId,
      id: organisations.id,
      name: organisations.name,
      isLead: memberships.isLead,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.memberId, [...memberIds]))
    .orderBy(asc(organisations.name), asc(memberships.memberId))
    .all();
}

export function membership(db: Db, organisationId: number, memberId: number): MembershipRow | undefined {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.memberId, memberId)))
    .get();
}

/** Adds a member to an organisation; false if they were in it already (nothing changes). */
export function addMembership(db: Db, row: MembershipRow): boolean {
  return db.insert(memberships).values(row).onConflictDoNothing().run().changes > 0;
}

/** Adds a member to an organisation, or sets whether they lead it if they are in it. */
export function putMembership(db: Db, row: MembershipRow): void {
  db.insert(memberships)
    .values(row)
    .onConflictDoUpdate({ target: [memberships.memberId, memberships.organisationId], set: { isLead: row.isLead } })
    .run();
}

export function setMembershipLead(db: Db, organisationId: number, memberId: number, isLead: boolean): void {
  db.update(memberships)
    .set({ isLead })
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.memberId, memberId)))
    .run();
}

/** Removes a member from an organisation; false if they were not in it. */
export function removeMembership(db: Db, organisationId: number, memberId: number): boolean {
  return (
    db
      .delete(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.memberId, memberId)))
      .run().changes > 0
  );
}
