// Correctness after the load: no two active bookings of an exclusive resource (or of two
// linked resources) overlap, every booking the server acknowledged is there as asked, every
// acknowledged cancellation holds, and SQLite finds the file sound.
import Database from 'better-sqlite3';
import { MAX_BOOKING_MS } from '../src/db/bookings.js';
import { localDateTimeToInstant } from '../src/domain/zoned-time.js';
import type { Acknowledged } from './scenarios.js';

export interface CheckReport {
  overlaps: number;
  linkedOverlaps: number;
  acknowledged: number;
  missing: number;
  /** Acknowledged bookings without their confirmation mail in the outbox. */
  withoutMail: number;
  refusedWinners: number;
  cancelled: number;
  notCancelled: number;
  integrity: string;
  ms: number;
  ok: boolean;
}

const ACTIVE = `IN ('pending', 'confirmed')`;

export function checkDatabase(file: string, acks: Acknowledged): CheckReport {
  const started = performance.now();
  const db = new Database(file);
  try {
    // Each active booking against the later-inserted active ones of its resource that start
    // within the longest booking before it and before it ends: the index range of the trigger.
    const overlaps = (
      db
        .prepare(
          `SELECT count(*) AS n FROM bookings a
       JOIN resources r ON r.id = a.resource_id AND r.capacity_model = 'exclusive'
       JOIN bookings b ON b.resource_id = a.resource_id
         AND b.starts_at > a.starts_at - ${MAX_BOOKING_MS} AND b.starts_at < a.ends_at
       WHERE a.status ${ACTIVE} AND b.status ${ACTIVE} AND b.id > a.id AND b.ends_at > a.starts_at`,
        )
        .get() as { n: number }
    ).n;
    const linkedOverlaps = (
      db
        .prepare(
          `SELECT count(*) AS n FROM resource_links l
       JOIN bookings a ON a.resource_id = l.resource_id
       JOIN bookings b ON b.resource_id = l.linked_resource_id
         AND b.starts_at > a.starts_at - ${MAX_BOOKING_MS} AND b.starts_at < a.ends_at
       WHERE a.status ${ACTIVE} AND b.status ${ACTIVE} AND b.ends_at > a.starts_at`,
        )
        .get() as { n: number }
    ).n;

    const zone = (db.prepare('SELECT timezone FROM sites ORDER BY id LIMIT 1').get() as { timezone: string }).timezone;
    const byId = db.prepare(
      'SELECT resource_id AS resourceId, starts_at AS startsAt, ends_at AS endsAt, status FROM bookings WHERE id = ?',
    );
    // The bookings that have mail: one read for all the acknowledged ones.
    const mailed = new Set(
      (db.prepare('SELECT booking_id AS id FROM outbox WHERE booking_id IS NOT NULL').all() as { id: number }[]).map(
        (r) => r.id,
      ),
    );
    let missing = 0;
    let withoutMail = 0;
    for (const { id, slot } of acks.created) {
      const row = byId.get(id) as { resourceId: number; startsAt: number; endsAt: number; status: string } | undefined;
      const start = localDateTimeToInstant(slot.start, zone);
      const end = localDateTimeToInstant(slot.end, zone);
      const asked =
        start.ok &&
        end.ok &&
        row?.resourceId === slot.resourceId &&
        row.startsAt === start.instant &&
        row.endsAt === end.instant;
      if (!row || !asked || !['confirmed', 'pending'].includes(row.status)) missing++;
      if (!mailed.has(id)) withoutMail++;
    }
    let notCancelled = 0;
    for (const id of acks.cancelled) {
      const row = byId.get(id) as { status: string } | undefined;
      if (row?.status !== 'cancelled') notCancelled++;
    }
    for (const id of acks.refusedWon) if (!byId.get(id)) missing++;
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const report = {
      overlaps,
      linkedOverlaps,
      acknowledged: acks.created.length + acks.refusedWon.length,
      missing,
      withoutMail,
      refusedWinners: acks.refusedWon.length,
      cancelled: acks.cancelled.length,
      notCancelled,
      integrity,
      ms: 0,
    };
    return {
      ...report,
      ms: Math.round(performance.now() - started),
      ok:
        overlaps === 0 &&
        linkedOverlaps === 0 &&
        missing === 0 &&
        withoutMail === 0 &&
        notCancelled === 0 &&
        acks.refusedWon.length <= 1 &&
        integrity === 'ok',
    };
  } finally {
    db.close();
  }
}
