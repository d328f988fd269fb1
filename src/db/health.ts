// What the readiness probe reads: the migrations drizzle applied (its own table, declared
// here so the count goes through the query builder like every other query).
import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';
import type { StorageFault } from './storage-faults.js';

const appliedMigrations = sqliteTable('__drizzle_migrations', {
  id: integer('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: integer('created_at'),
});

export function countAppliedMigrations(db: Db): number {
  return db.select({ n: count() }).from(appliedMigrations).get()?.n ?? 0;
}

/** Below this much free space beside the database, writes are about to fail. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** The state of the file system that holds the database: room left, and whether it takes writes. */
export function storageState(databasePath: string): { fault: StorageFault | null; freeBytes: number | null } {
  const folder = path.dirname(databasePath);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    return { fault: 'read_only', freeBytes: null };
  }
  const stats = fs.statfsSync(folder);
  const freeBytes = stats.bavail * stats.bsize;
  return { fault: freeBytes < MIN_FREE_BYTES ? 'full' : null, freeBytes };
}
