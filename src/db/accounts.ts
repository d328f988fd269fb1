// Queries of single-use account tokens (invitations, password resets); only hashes are stored.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from './connection.js';
import { accountTokens, members } from './schema.js';

export type AccountTokenKind = (typeof accountTokens.$inferSelect)['kind'];
export type NewAccountToken = Omit<typeof accountTokens.$inferInsert, 'id' | 'usedAt'>;

export function insertAccountToken(db: Db, token: NewAccountToken): void {
  db.insert(accountTokens).values(token).run();
}

/** Marks a member's unused tokens used (of one kind, or all): they stop working. */
export function voidAccountTokens(db: Db, memberId: number, now: number, kind?: AccountTokenKind): void {
  db.update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.memberId, memberId),
        kind ? eq(accountTokens.kind, kind) : undefined,
        isNull(accountTokens.usedAt),
      ),
    )
    .run();
}

export function useAccountToken(db: Db, id: number, now: number): void {
  db.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, id)).run();
}

/** The live token of a hash (unused, unexpired, its member active) and who it is for. */
export function liveAccountToken(db: Db, kind: AccountTokenKind, tokenHash: string, now: number) {
  return db
    .select({
      id: accountTokens.id,
      memberId: members.id,
      email: members.email,
      name: members.name,
      language: members.language,
      passwordHash: members.passwordHash,
    })
    .from(accountTokens)
    .innerJoin(members, eq(members.id, accountTokens.memberId))
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
        eq(members.active, true),
      ),
    )
    .get();
}
