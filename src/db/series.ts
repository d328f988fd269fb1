// Queries of booking series (the rule of a recurring booking; its dates are bookings rows).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { bookingSeries } from './schema.js';

export type NewSeries = Omit<typeof bookingSeries.$inferInsert, 'id' | 'version'>;

export function seriesQueries(db: Db) {
  // The unique index booking_series_idempotency holds at most one row per person and key.
  const byKey = db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .where(
      and(
        eq(bookingSeries.bookedById, sql.placeholder('bookedById')),
        eq(bookingSeries.idempotencyKey, sql.placeholder('key')),
      ),
    )
    .prepare();
  return {
    /** The id of the series a person made with this idempotency key, if any. */
    idByIdempotencyKey(bookedById: number, key: string): number | undefined {
      return byKey.get({ bookedById, key })?.id;
    },
  };
}

/** Inserts a series; returns its id. */
export function insertSeries(db: Db, series: NewSeries): number {
  return db.insert(bookingSeries).values(series).returning({ id: bookingSeries.id }).get().id;
}
