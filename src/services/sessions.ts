// Server-side sessions in SQLite. The cookie holds a random token; the table holds only its
// hash, the CSRF secret of the session and who is signed in (null for a visitor who is not).
// A session is renewed (new token, new CSRF secret) whenever its owner changes, ended by
// deleting its row, and ends at once for everyone when a member is deactivated.
import type { Clock } from '../domain/clock.js';
import { storageFaultOf } from '../db/storage-faults.js';
import { immediate, type Db } from '../db/connection.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  insertSession,
  liveSessionsOf,
  sessionHashesOf,
  sessionQueries,
} from '../db/sessions.js';
import type { Actor } from './authz.js';
import { authorize } from './authz.js';
import { hashToken, isTokenShape, newToken } from './tokens.js';
import { auditWriter, type AuditWriter } from './audit.js';
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

export function sessionRef(tokenHash: string): string {
  return hashToken(tokenHash).slice(0, 16);
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

export class SessionService {
  private readonly audit: AuditWriter;
  private readonly queries;
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.queries = sessionQueries(db);
    this.audit = auditWriter(db);
  }

  /** Records that a session was seen; on a storage fault the page is still served (it only reads). */
  private touch(tokenHash: string, now: number): void {
    try {
      this.queries.touch(tokenHash, now);
    } catch (err) {
      if (storageFaultOf(err) === null) throw err;
    }
  }

  /** The live session of a cookie token and its member, or null (unknown, expired, idle, deactivated). */
  load(token: string | undefined): { session: CurrentSession; member: CurrentMember | null } | null {
    if (!isTokenShape(token)) return null;
    const now = this.clock.now();
    const hash = hashToken(token);
    const row = this.queries.byHash(hash);
    if (!row || row.session.expiresAt <= now) return null;
    const { session, teams } = row;
    let member: CurrentMember | null = null;
    if (session.memberId !== null) {
      if (!row.member?.active || now - session.lastSeenAt >= SESSION_POLICY.memberIdle) return null;
      const { id, email, name, role, language, accessNeeds } = row.member;
      member = {
        id,
        email,
        name,
        role,
        language,
        accessNeeds,
        organisationIds: teams.map((team) => team.organisationId),
        leadOf: teams.filter((team) => team.isLead).map((team) => team.organisationId),
        inductions: row.inductions,
      };
    }
    if (now - session.lastSeenAt >= SESSION_POLICY.touchEvery) this.touch(session.tokenHash, now);
    return {
      session: {
        tokenHash: session.tokenHash,
        csrfToken: session.csrfSecret,
        memberId: session.memberId,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        expiresAt: session.expiresAt,
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
    if (replacing) deleteSession(tx, replacing);
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
    insertSession(tx, {
      tokenHash: session.tokenHash,
      memberId,
      csrfSecret: session.csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: session.expiresAt,
      userAgent: clip(client.userAgent, 300),
      ip: clip(client.ip, 64),
    });
    return { token, session };
  }

  /** Inside the caller's transaction: ends one session (sign-out). */
  endSession(tx: Db, tokenHash: string): void {
    deleteSession(tx, tokenHash);
  }

  /** Inside the caller's transaction: ends every session of a member (deactivation, new password). */
  endAllOf(tx: Db, memberId: number, except: string | null = null): number {
    return deleteSessionsOf(tx, memberId, except);
  }

  list(actor: Actor | null, currentHash: string): SessionListItem[] {
    authorize(actor, 'session.end', { memberId: actor?.id ?? -1 });
    const now = this.clock.now();
    return liveSessionsOf(this.db, actor.id, now, now - SESSION_POLICY.memberIdle).map((s) => ({
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
      const target = actor ? sessionHashesOf(tx, actor.id).find((hash) => sessionRef(hash) === ref) : undefined;
      authorize(actor, 'session.end', { memberId: target && actor ? actor.id : -1 });
      deleteSession(tx, target!);
      this.audit(
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
      return { wasCurrent: target === currentHash };
    });
  }

  /** "Sign out of my other sessions": every session of the actor but the current one. */
  endOthers(actor: Actor | null, currentHash: string, client: ClientInfo): number {
    authorize(actor, 'session.end', { memberId: actor?.id ?? -1 });
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const count = this.endAllOf(tx, actor.id, currentHash);
      this.audit(
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
    deleteExpiredSessions(this.db, now, now - SESSION_POLICY.memberIdle);
  }
}
