// Server-side sessions in SQLite. The cookie holds a random token; the table holds only its
// hash, the CSRF secret of the session and who is signed in (null for a visitor who is not).
// A session is renewed (new token, new CSRF secret) whenever its owner changes, ended by
// deleting its row, and ends at once for everyone when a member is deactivated.
import { and, desc, eq, lte, ne, or, isNotNull, sql } from 'drizzle-orm';
import type { Clock } from '../domain/clock.js';
import { immediate, type Db } from '../db/connection.js';
import { KeptUntilWrite } from '../db/kept.js';
import { sessions } from '../db/schema.js';
import type { Actor, InductionKind, Role } from './authz.js';
import { authorize } from './authz.js';
import { hashToken, isTokenShape, newToken } from './tokens.js';
import { writeAudit } from './audit.js';
import type { Language } from '../i18n/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SESSION_POLICY = {
  /** A visitor's session only carries the CSRF secret of the forms they see. */
  anonymousLifetime: DAY,
  /** A member's session ends at the latest after this, whatever they do. */
  memberLifetime: 30 * DAY,
  /** ... and after this long without a request. */
  memberIdle: 7 * DAY,
  /** last_seen_at is written at most this often, so reading a page rarely writes. */
  touchEvery: 5 * MINUTE,
} as const;

/** The signed-in person: what permission checks need (Actor) and what pages show. */
export interface CurrentMember extends Actor {
  email: string;
  name: string;
  language: Language;
  accessNeeds: string[];
}

export interface CurrentSession {
  tokenHash: string;
  csrfToken: string;
  memberId: number | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface SessionListItem {
  /** A short, non-secret reference to the session (a prefix of the hash of the hash). */
  ref: string;
  current: boolean;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
  ip: string | null;
}

interface Row {
  token_hash: string;
  member_id: number | null;
  csrf_secret: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  email: string | null;
  name: string | null;
  role: Role | null;
  language: Language | null;
  access_needs: string | null;
  active: number | null;
  orgs: string;
  inductions: string;
}

export function sessionRef(tokenHash: string): string {
  return hashToken(tokenHash).slice(0, 16);
}

/** Builds the Actor fields of a member from the JSON aggregates of the session query. */
export function parseMembership(
  orgsJson: string,
  inductionsJson: string,
): Pick<Actor, 'organisationIds' | 'leadOf' | 'inductions'> {
  const orgs = (JSON.parse(orgsJson) as [number, number][]).filter((o) => o[0] !== null);
  return {
    organisationIds: orgs.map((o) => o[0]),
    leadOf: orgs.filter((o) => o[1] === 1).map((o) => o[0]),
    inductions: (JSON.parse(inductionsJson) as (InductionKind | null)[]).filter((k): k is InductionKind => k !== null),
  };
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

export class SessionService {
  private readonly byHash;
  private readonly touch;
  /**
   * Session rows kept between writes: every request reads its session, and the query (member,
   * teams and inductions in one round trip) was a tenth of a small page's cost. Ending a
   * session, deactivating or changing a member, or a touch is a write, so it is read afresh.
   */
  private readonly rows;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    // Read on every request: prepared once, one round trip for session, member, teams and inductions.
    this.byHash = db.$client.prepare<[string], Row>(`
      SELECT s.token_hash, s.member_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at,
             m.email, m.name, m.role, m.language, m.access_needs, m.active,
             (SELECT json_group_array(json_array(ms.organisation_id, ms.is_lead)) FROM memberships ms WHERE ms.member_id = m.id) AS orgs,
             (SELECT json_group_array(i.resource_kind) FROM inductions i WHERE i.member_id = m.id) AS inductions
      FROM sessions s LEFT JOIN members m ON m.id = s.member_id
      WHERE s.token_hash = ?`);
    this.touch = db.$client.prepare<[number, string]>('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.rows = new KeptUntilWrite<Row | null>(db.$client, 10_000);
  }

  /** The live session of a cookie token and its member, or null (unknown, expired, idle, deactivated). */
  load(token: string | undefined): { session: CurrentSession; member: CurrentMember | null } | null {
    if (!isTokenShape(token)) return null;
    const now = this.clock.now();
    const hash = hashToken(token);
    const row = this.rows.get(hash, () => this.byHash.get(hash) ?? null);
    if (!row || row.expires_at <= now) return null;
    let member: CurrentMember | null = null;
    if (row.member_id !== null) {
      if (row.active !== 1 || now - row.last_seen_at >= SESSION_POLICY.memberIdle) return null;
      member = {
        id: row.member_id,
        email: row.email!,
        name: row.name!,
        role: row.role!,
        language: row.language!,
        accessNeeds: JSON.parse(row.access_needs ?? '[]') as string[],
        ...parseMembership(row.orgs, row.inductions),
      };
    }
    if (now - row.last_seen_at >= SESSION_POLICY.touchEvery) this.touch.run(now, row.token_hash);
    return {
      session: {
        tokenHash: row.token_hash,
        csrfToken: row.csrf_secret,
        memberId: row.member_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      },
      member,
    };
  }

  /** A session for a visitor who is not signed in, so their forms carry a CSRF token. */
  createAnonymous(client: ClientInfo): { token: string; session: CurrentSession } {
    const now = this.clock.now();
    this.sweep(now);
    return this.insert(this.db, null, client, now);
  }

  /**
   * Inside the caller's transaction: replaces the session `replacing` (if any) with a new
   * one for `memberId`, with a new token and a new CSRF secret (no session fixation).
   */
  startMemberSession(
    tx: Db,
    memberId: number,
    client: ClientInfo,
    now: number,
    replacing: string | null,
  ): { token: string; session: CurrentSession } {
    if (replacing) tx.delete(sessions).where(eq(sessions.tokenHash, replacing)).run();
    return this.insert(tx, memberId, client, now);
  }

  private insert(
    tx: Db,
    memberId: number | null,
    client: ClientInfo,
    now: number,
  ): { token: string; session: CurrentSession } {
    const token = newToken();
    const session: CurrentSession = {
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      memberId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + (memberId === null ? SESSION_POLICY.anonymousLifetime : SESSION_POLICY.memberLifetime),
    };
    tx.insert(sessions)
      .values({
        tokenHash: session.tokenHash,
        memberId,
        csrfSecret: session.csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: session.expiresAt,
        userAgent: clip(client.userAgent, 300),
        ip: clip(client.ip, 64),
      })
      .run();
    return { token, session };
  }

  /** Inside the caller's transaction: ends one session (sign-out). */
  endSession(tx: Db, tokenHash: string): void {
    tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
  }

  /** Inside the caller's transaction: ends every session of a member (deactivation, new password). */
  endAllOf(tx: Db, memberId: number, except: string | null = null): number {
    const where = except
      ? and(eq(sessions.memberId, memberId), ne(sessions.tokenHash, except))
      : eq(sessions.memberId, memberId);
    return tx.delete(sessions).where(where).run().changes;
  }

  list(actor: Actor | null, currentHash: string): SessionListItem[] {
    authorize(actor, 'session.end', { memberId: actor?.id ?? -1 });
    const now = this.clock.now();
    return this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.memberId, actor.id),
          sql`${sessions.expiresAt} > ${now}`,
          sql`${sessions.lastSeenAt} > ${now - SESSION_POLICY.memberIdle}`,
        ),
      )
      .orderBy(desc(sessions.lastSeenAt))
      .all()
      .map((s) => ({
        ref: sessionRef(s.tokenHash),
        current: s.tokenHash === currentHash,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        userAgent: s.userAgent,
        ip: s.ip,
      }));
  }

  /** Ends one of the actor's own sessions by its reference; someone else's answers "not found". */
  endByRef(actor: Actor | null, ref: string, currentHash: string, client: ClientInfo): { wasCurrent: boolean } {
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const mine = actor
        ? tx
            .select({ tokenHash: sessions.tokenHash, memberId: sessions.memberId })
            .from(sessions)
            .where(eq(sessions.memberId, actor.id))
            .all()
        : [];
      const target = mine.find((s) => sessionRef(s.tokenHash) === ref);
      authorize(actor, 'session.end', { memberId: target?.memberId ?? -1 });
      tx.delete(sessions).where(eq(sessions.tokenHash, target!.tokenHash)).run();
      writeAudit(
        tx,
        {
          action: 'auth.sessions_ended',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: actor.id,
          details: { count: 1 },
          ip: client.ip,
        },
        now,
      );
      return { wasCurrent: target!.tokenHash === currentHash };
    });
  }

  /** "Sign out of my other sessions": every session of the actor but the current one. */
  endOthers(actor: Actor | null, currentHash: string, client: ClientInfo): number {
    authorize(actor, 'session.end', { memberId: actor?.id ?? -1 });
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const count = this.endAllOf(tx, actor.id, currentHash);
      writeAudit(
        tx,
        {
          action: 'auth.sessions_ended',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: actor.id,
          details: { count, others: true },
          ip: client.ip,
        },
        now,
      );
      return count;
    });
  }

  /** Deletes expired sessions now and then; the index on expires_at keeps it cheap. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10 * MINUTE && this.lastSweep !== 0) return;
    this.lastSweep = now;
    this.db
      .delete(sessions)
      .where(
        or(
          lte(sessions.expiresAt, now),
          and(isNotNull(sessions.memberId), lte(sessions.lastSeenAt, now - SESSION_POLICY.memberIdle)),
        ),
      )
      .run();
  }
}
