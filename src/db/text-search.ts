// Searching text columns for what a person typed, as people read names: "elodie" finds
// "Élodie". SQLite's own lower() folds ASCII letters only, so the connection gets a `fold`
// function (registered in connection.ts) that drops accents and case.
import { asc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A text without accents, in lower case: what names are compared and sorted by. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * `column` contains `text`, ignoring case and accents, with LIKE's wildcards and escape
 * character in `text` taken literally. Written with `sql` because drizzle's like() has no
 * ESCAPE clause.
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${fold(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`fold(${column}) LIKE ${pattern} ESCAPE '\\'`;
}

/** Orders by a name ignoring case and accents, as people read a list ("Élodie" among the E). */
export function byName(column: SQLWrapper): SQL {
  return asc(sql`fold(${column})`);
}
