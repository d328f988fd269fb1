// Rental rates (dated: the one in force on the event's date applies), the settings row and
// the yearly quote-number sequence.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { quoteSequences, rentalRates, rentalSettings } from './schema.js';

export type RentalRateRow = typeof rentalRates.$inferSelect;
export type NewRentalRate = Omit<typeof rentalRates.$inferInsert, 'id'>;
export type RentalSettingsRow = typeof rentalSettings.$inferSelect;

export function allRentalRates(db: Db): RentalRateRow[] {
  return db.select().from(rentalRates).orderBy(asc(rentalRates.startsOn)).all();
}

/** Inserts a rate, or replaces the one starting the same day. */
export function upsertRentalRate(db: Db, rate: NewRentalRate): RentalRateRow {
  return db
    .insert(rentalRates)
    .values(rate)
    .onConflictDoUpdate({ target: rentalRates.startsOn, set: { ...rate } })
    .returning()
    .get();
}

/** The settings row (the migration writes it; the defaults stand in if someone removed it). */
export function rentalSettingsOf(db: Db): RentalSettingsRow {
  return (
    db.select().from(rentalSettings).where(eq(rentalSettings.id, 1)).get() ?? {
      id: 1,
      retentionMonths: 12,
      optionDays: 14,
      quoteValidityDays: 30,
      warnHours: 48,
    }
  );
}

/** Writes the settings row (inside the caller's transaction). */
export function saveRentalSettings(db: Db, settings: Omit<RentalSettingsRow, 'id'>): void {
  db.insert(rentalSettings)
    .values({ id: 1, ...settings })
    .onConflictDoUpdate({ target: rentalSettings.id, set: settings })
    .run();
}

/** The next number of `year`'s sequence, taken inside the caller's transaction. */
export function nextQuoteSequence(db: Db, year: number): number {
  return db
    .insert(quoteSequences)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: quoteSequences.year, set: { last: sql`${quoteSequences.last} + 1` } })
    .returning({ last: quoteSequences.last })
    .get()!.last;
}
