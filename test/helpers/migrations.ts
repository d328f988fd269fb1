// A copy of the migrations folder as it was before one migration, to build a database the way
// an earlier version left it and then upgrade it.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_FOLDER } from '../../src/db/connection.js';

/** Copies the migrations into `dir`/migrations, with the journal cut before `tag`. */
export function migrationsBefore(dir: string, tag: string): string {
  const folder = path.join(dir, 'migrations');
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}
