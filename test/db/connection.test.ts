// The pragmas every connection runs with: the durability promise of docs/operations.md.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'pragmas.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('commits to the disk before answering (WAL, synchronous FULL), with foreign keys and a busy timeout', () => {
  const pragma = (name: string) => db.$client.pragma(name, { simple: true });
  expect(pragma('journal_mode')).toBe('wal');
  // 2 is FULL: a power loss cannot take back an acknowledged commit.
  expect(pragma('synchronous')).toBe(2);
  expect(pragma('foreign_keys')).toBe(1);
  expect(pragma('busy_timeout')).toBe(5000);
});
