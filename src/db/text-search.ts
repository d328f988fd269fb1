// Searching text columns for what a person typed.
import { asc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column` contains `text`, ignoring case, with LIKE's wildcards and escape character in
 * `text` taken literally. Written with `sql` because drizzle's like() has no ESCAPE clause.
 * SQLite's lower() folds ASCII letters only: a capital such as 'É' stored in `column` is not
 * matched by any search for it.
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'`;
}

/** Orders by a name ignoring (ASCII) case, as people read a list; drizzle has no lower(). */
export function byName(column: SQLWrapper): SQL {
  return asc(sql`lower(${column})`);
}
