// Queries of calendar feed tokens; only hashes are stored. A feed request reads its token's
// owner: that statement is prepared once.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { feedTokens, members } from './schema.js';

const p = sql.placeholder;

export function feedTokenQueries(db: Db) {
  const owner = db
    .select({ memberId: members.id, role: members.role, language: members.language })
    .from(feedTokens)
    .innerJoin(members, eq(members.id, feedTokens.memberId))
    .where(and(eq(feedTokens.tokenHash, p('tokenHash')), isNull(feedTokens.revokedAt), eq(members.active, true)))
    .prepare();
  const live = db
    .select({ createdAt: feedTokens.createdAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.memberId, p('memberId')), isNull(feedTokens.revokedAt)))
    .orderBy(desc(feedTokens.id))
    .limit(1)
    .prepare();
  return {
    /** The active member whose live token has this hash. */
    ownerOf(tokenHash: string) {
      return owner.get({ tokenHash });
    },
    /** When the member's live token was created. */
    liveOf(memberId: number): { createdAt: number } | undefined {
      return live.get({ memberId });
    },
  };
}

/** Revokes the member's live tokens; returns how many. */
export function revokeFeedTokens(db: Db, memberId: number, now: number): number {
  return db
    .update(feedTokens)
    .set({ revokedAt: now })
    .where(and(eq(feedTokens.memberId, memberId), isNull(feedTokens.revokedAt)))
    .run().changes;
}

export function insertFeedToken(db: Db, memberId: number, tokenHash: string, now: number): void {
  db.insert(feedTokens).values({ memberId, tokenHash, createdAt: now }).run();
}
