// Per-person calendar feed tokens. A token is 144 random bits (24 URL-safe characters),
// shown once when created and stored only as its SHA-256 hash: a copy of the database lets
// nobody read anyone's calendar. A person has at most one live token; creating a new one
// revokes the old, whose URLs then answer 404 like any made-up one.
import { randomBytes } from 'node:crypto';
import { immediate, type Db } from '../db/connection.js';
import { isLanguage, type Language } from '../i18n/index.js';
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
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const client = db.$client;
    this.statements = {
      resolve: client.prepare(
        `SELECT m.id AS memberId, m.role, m.language FROM feed_tokens f JOIN members m ON m.id = f.member_id
         WHERE f.token_hash = ? AND f.revoked_at IS NULL AND m.active = 1`,
      ),
      current: client.prepare(
        'SELECT created_at AS createdAt FROM feed_tokens WHERE member_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1',
      ),
      revoke: client.prepare('UPDATE feed_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL'),
      insert: client.prepare('INSERT INTO feed_tokens (member_id, token_hash, created_at) VALUES (?, ?, ?)'),
      audit: client.prepare(
        `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, details, ip) VALUES (?, ?, ?, 'member', ?, '{}', ?)`,
      ),
    };
  }

  /** The person behind a live token, or null (malformed, unknown, revoked, or account deactivated). */
  resolve(token: string): FeedViewer | null {
    if (!isFeedTokenShape(token)) return null;
    const row = this.statements.resolve.get(hashToken(token)) as
      { memberId: number; role: string; language: string } | undefined;
    if (!row) return null;
    return {
      memberId: row.memberId,
      staff: row.role === 'frontdesk' || row.role === 'admin',
      language: isLanguage(row.language) ? row.language : 'fr',
    };
  }

  /** When the person's live token was created, or null if they have none. */
  current(memberId: number): { createdAt: number } | null {
    return (this.statements.current.get(memberId) as { createdAt: number } | undefined) ?? null;
  }

  /** Revokes the person's token (if any) and returns a new one: the only time it is ever seen. */
  rotate(memberId: number, ip: string | null = null): string {
    const token = newFeedToken();
    immediate(this.db, () => {
      const now = this.clock.now();
      this.statements.revoke.run(now, memberId);
      this.statements.insert.run(memberId, hashToken(token), now);
      this.statements.audit.run(now, memberId, 'feeds.token_rotated', memberId, ip);
    });
    return token;
  }

  /** Stops every feed URL of the person, without a new one. */
  revoke(memberId: number, ip: string | null = null): void {
    immediate(this.db, () => {
      const now = this.clock.now();
      const { changes } = this.statements.revoke.run(now, memberId);
      if (changes > 0) this.statements.audit.run(now, memberId, 'feeds.token_revoked', memberId, ip);
    });
  }
}
