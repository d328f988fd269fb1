// Queries of server-side sessions. The read of a session with its member runs on every
// request: its statements are prepared once.
import { and, asc, desc, eq, gt, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import type { InductionKind } from './members.js';
import { inductions, members, memberships, sessions } from './schema.js';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = Omit<SessionRow, 'language'>;

/** A session as read on a request: its member (null for a visitor), their teams and inductions. */
export interface SessionWithMember {
  session: Pick<SessionRow, 'tokenHash' | 'memberId' | 'csrfSecret' | 'createdAt' | 'lastSeenAt' | 'expiresAt'>;
  member: Pick<
    typeof members.$inferSelect,
    'id' | 'email' | 'name' | 'role' | 'language' | 'accessNeeds' | 'active'
  > | null;
  teams: { organisationId: number; isLead: boolean }[];
  inductions: InductionKind[];
}

const p = sql.placeholder;

export function sessionQueries(db: Db) {
  // One round trip: a row per team and induction of the member (one row when they have
  // neither, or for a visitor). A person has a handful of each at most.
  const byHash = db
    .select({
      session: {
        tokenHash: sessions.tokenHash,
        memberId: sessions.memberId,
        csrfSecret: sessions.csrfSecret,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      },
      member: {
        id: members.id,
        email: members.email,
        name: members.name,
        role: members.role,
        language: members.language,
        accessNeeds: members.accessNeeds,
        active: members.active,
      },
      team: { organisationId: memberships.organisationId, isLead: memberships.isLead },
      induction: inductions.resourceKind,
    })
    .from(sessions)
    .leftJoin(members, eq(members.id, sessions.memberId))
    .leftJoin(memberships, eq(memberships.memberId, members.id))
    .leftJoin(inductions, eq(inductions.memberId, members.id))
    .where(eq(sessions.tokenHash, p('tokenHash')))
    .orderBy(asc(memberships.organisationId))
    .prepare();
  const touch = db
    .update(sessions)
    .set({ lastSeenAt: sql`${p('now')}` })
    .where(eq(sessions.tokenHash, p('tokenHash')))
    .prepare();
  return {
    /** The session of a token hash with its member, teams and inductions, or undefined. */
    byHash(tokenHash: string): SessionWithMember | undefined {
      const rows = byHash.all({ tokenHash });
      const first = rows[0];
      if (!first) return undefined;
      const teams = new Map<number, boolean>();
      const kinds = new Set<InductionKind>();
      for (const { team, induction } of rows) {
        if (team) teams.set(team.organisationId, team.isLead);
        if (induction) kinds.add(induction);
      }
      return {
        session: first.session,
        member: first.member,
        teams: [...teams].map(([organisationId, isLead]) => ({ organisationId, isLead })),
        inductions: [...kinds],
      };
    },
    /** Records that the session was used at `now`. */
    touch(tokenHash: string, now: number): void {
      touch.run({ tokenHash, now });
    },
  };
}

export function insertSession(db: Db, session: NewSession): void {
  db.insert(sessions).values(session).run();
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Deletes every session of a member but `except`; returns how many. */
export function deleteSessionsOf(db: Db, memberId: number, except: string | null): number {
  const where = except
    ? and(eq(sessions.memberId, memberId), ne(sessions.tokenHash, except))
    : eq(sessions.memberId, memberId);
  return db.delete(sessions).where(where).run().changes;
}

/** A member's sessions that have not expired and were used after `seenAfter`, latest first. */
export function liveSessionsOf(db: Db, memberId: number, now: number, seenAfter: number): SessionRow[] {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.memberId, memberId), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, seenAfter)))
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

/** The token hashes of every session of a member. */
export function sessionHashesOf(db: Db, memberId: number): string[] {
  return db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.memberId, memberId))
    .all()
    .map((r) => r.tokenHash);
}

/** Deletes expired sessions, and members' sessions unused since `idleBefore`. */
export function deleteExpiredSessions(db: Db, now: number, idleBefore: number): void {
  db.delete(sessions)
    .where(or(lte(sessions.expiresAt, now), and(isNotNull(sessions.memberId), lte(sessions.lastSeenAt, idleBefore))))
    .run();
}
