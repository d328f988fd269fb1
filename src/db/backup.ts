// Online backups and their restoration. A backup goes through SQLite's backup API, which
// copies a consistent state of the database while the server goes on reading and writing
// (a page changed during the copy makes it start again). A restore checks the copy and puts
// it in place with one rename, so a failure half-way leaves the old database as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/** Writes a consistent copy of the database at `source` to `target` (a new file). */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number; bytes: number }> {
  if (fs.existsSync(target)) throw new RestoreRefused(`${target} exists already: choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(target);
    return { pages: totalPages, bytes: fs.statSync(target).size };
  } finally {
    db.close();
  }
}

/** What a restore checks of a copy before using it: SQLite's own check, and that it is ours. */
export function checkBackup(file: string): { bookings: number; migrations: number } {
  if (!fs.existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new RestoreRefused(`${file} is not a SQLite database (${(err as Error).message})`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RestoreRefused(`${file} is damaged: ${String(integrity)}`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has('bookings') || !tables.has('__drizzle_migrations'))
      throw new RestoreRefused(`${file} is not a database of this application`);
    return {
      bookings: db.prepare('SELECT count(*) FROM bookings').pluck().get() as number,
      migrations: db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number,
    };
  } catch (err) {
    if (err instanceof RestoreRefused) throw err;
    throw new RestoreRefused(`${file} cannot be read: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the checked copy `file`. A server that has the target
 * open keeps its shared-memory file (-shm) beside it: then the restore is refused, since the
 * server would go on with what it had read.
 */
export function restoreDatabase(file: string, target: string): { bookings: number; migrations: number } {
  const checked = checkBackup(file);
  if (fs.existsSync(`${target}-shm`) || fs.existsSync(`${target}-wal`))
    throw new RestoreRefused(
      `${target} is open (its -wal or -shm file is there): stop the server first; if it stopped ` +
        'without closing, start and stop it once, then restore',
    );
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const staging = `${target}.restoring`;
  fs.copyFileSync(file, staging);
  const handle = fs.openSync(staging, 'r+');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(staging, target);
  return checked;
}
