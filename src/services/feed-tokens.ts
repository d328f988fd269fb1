// Per-person calendar feed tokens. A token is 144 random bits (24 URL-safe characters),
// shown once when created and stored only as its SHA-256 hash: a copy of the database lets
// nobody read anyone's calendar. A person has at most one live token; creating a new one
// revokes the old, whose URLs then answer 404 like any made-up one.
import { randomBytes } from 'node:crypto';
import { auditLogWriter } from '../db/audit.js';
import { immediate, type Db } from '../db/connection.js';
import { feedTokenQueries, insertFeedToken, revokeFeedTokens } from '../db/feed-tokens.js';
import type { Language } from '../i18n/index.js';
import type { Clock } from '../domain/clock.js';
import { hashToken } from './tokens.js';

const TOKEN_BYTES = 18;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/** Who a feed token belongs to, as the feeds need them (read at each request: a new role applies at once). */
export interface FeedViewer {
  memberId: number;
  staff: boolean;
  language: Language;
}

export function newFeedToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Anything that is not 24 URL-safe characters is refused before any lookup. */
export function isFeedTokenShape(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

export class FeedTokenService {
  private readonly queries;
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.queries = feedTokenQueries(db);
    this.audit = auditLogWriter(db);
  }

  /** The person behind a live token, or null (malformed, unknown, revoked, or account deactivated). */
  resolve(token: string): FeedViewer | null {
    if (!isFeedTokenShape(token)) return null;
    const row = this.queries.ownerOf(hashToken(token));
    if (!row) return null;
    return {
      memberId: row.memberId,
      staff: row.role === 'frontdesk' || row.role === 'admin',
      language: row.language,
    };
  }

  /** When the person's live token was created, or null if they have none. */
  current(memberId: number): { createdAt: number } | null {
    return this.queries.liveOf(memberId) ?? null;
  }

  /** Revokes the person's token (if any) and returns a new one: the only time it is ever seen. */
  rotate(memberId: number, ip: string | null = null): string {
    const token = newFeedToken();
    immediate(this.db, (tx) => {
      const now = this.clock.now();
      revokeFeedTokens(tx, memberId, now);
      insertFeedToken(tx, memberId, hashToken(token), now);
      this.audit(this.entry(now, memberId, 'feeds.token_rotated', ip));
    });
    return token;
  }

  /** Stops every feed URL of the person, without a new one. */
  revoke(memberId: number, ip: string | null = null): void {
    immediate(this.db, (tx) => {
      const now = this.clock.now();
      if (revokeFeedTokens(tx, memberId, now) > 0) this.audit(this.entry(now, memberId, 'feeds.token_revoked', ip));
    });
  }

  private entry(at: number, memberId: number, action: string, ip: string | null) {
    return { at, actorId: memberId, action, subjectType: 'member', subjectId: memberId, ip };
  }
}
