// Queries of kiosk links (lobby screens); only the hash of a token is stored. A lobby screen
// reads its token at every refresh: that statement is prepared once.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { kioskTokens, members } from './schema.js';

const p = sql.placeholder;

/** A kiosk link as the admin page lists it. */
export interface KioskTokenRow {
  id: number;
  label: string;
  createdAt: number;
  createdByName: string;
  revokedAt: number | null;
}

export function kioskTokenQueries(db: Db) {
  const live = db
    .select({ id: kioskTokens.id, siteId: kioskTokens.siteId, label: kioskTokens.label })
    .from(kioskTokens)
    .where(and(eq(kioskTokens.tokenHash, p('tokenHash')), isNull(kioskTokens.revokedAt)))
    .prepare();
  return {
    /** The live kiosk link with this hash. */
    liveByHash(tokenHash: string): { id: number; siteId: number; label: string } | undefined {
      return live.get({ tokenHash });
    },
  };
}

/** Every kiosk link of the site, newest first (revoked ones too, for the record). */
export function listKioskTokens(db: Db, siteId: number): KioskTokenRow[] {
  return db
    .select({
      id: kioskTokens.id,
      label: kioskTokens.label,
      createdAt: kioskTokens.createdAt,
      createdByName: members.name,
      revokedAt: kioskTokens.revokedAt,
    })
    .from(kioskTokens)
    .innerJoin(members, eq(members.id, kioskTokens.createdById))
    .where(eq(kioskTokens.siteId, siteId))
    .orderBy(desc(kioskTokens.id))
    .all();
}

export function insertKioskToken(
  db: Db,
  row: { siteId: number; label: string; tokenHash: string; createdById: number; createdAt: number },
): number {
  return db.insert(kioskTokens).values(row).returning({ id: kioskTokens.id }).get().id;
}

/** Revokes a live link of the site; returns whether one was. */
export function revokeKioskToken(db: Db, siteId: number, id: number, now: number): boolean {
  return (
    db
      .update(kioskTokens)
      .set({ revokedAt: now })
      .where(and(eq(kioskTokens.id, id), eq(kioskTokens.siteId, siteId), isNull(kioskTokens.revokedAt)))
      .run().changes > 0
  );
}
