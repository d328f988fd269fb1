// Opens the SQLite file, sets the pragmas every connection needs, and applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../paths.js';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { fold } from './text-search.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = fromRoot('migrations');

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers go on while one writer commits; busy_timeout makes a second writer
  // (another process) wait instead of failing at once; foreign keys are off by default in SQLite.
  // synchronous FULL: a commit is on the disk before the booking is acknowledged or its mail
  // leaves, so a power loss cannot take back what a person was told (docs/operations.md).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which a burst of
  // writes fills and keeps; the OS caches the file too, so half of it costs little speed.
  sqlite.pragma('cache_size = -8000');
  sqlite.function('fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? fold(value) : value,
  );
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/**
 * Runs `fn` in one synchronous read (DEFERRED) transaction: its reads see one state of the file,
 * and take SQLite's read lock once instead of once per statement.
 */
export function readTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn());
}

/** Runs `fn` in one synchronous IMMEDIATE transaction: the write lock is taken before any read. */
export function immediate<T>(db: Db, fn: (tx: Db) => T): T {
  return db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' });
}
