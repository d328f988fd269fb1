// Queries of members: who they are, their teams and inductions.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { inductions, members, memberships } from './schema.js';

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
