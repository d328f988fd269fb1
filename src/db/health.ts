// What the readiness probe reads: the migrations drizzle applied (its own table, declared
// here so the count goes through the query builder like every other query).
import { count } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';

const appliedMigrations = sqliteTable('__drizzle_migrations', {
  id: integer('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: integer('created_at'),
});

export function countAppliedMigrations(db: Db): number {
  return db.select({ n: count() }).from(appliedMigrations).get()?.n ?? 0;
}
