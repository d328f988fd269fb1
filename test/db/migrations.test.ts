import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import { SQLiteTable as SQLiteTableClass } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import * as schema from '../../src/db/schema.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'empty.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTableClass));

describe('migrations applied to an empty file', () => {
  it('create every table and column the code expects, with the same nullability', () => {
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const config = getTableConfig(table);
      const actual = db.$client.prepare(`PRAGMA table_info(${config.name})`).all() as { name: string; notnull: number }[];
      expect(actual.length, `table ${config.name}`).toBeGreaterThan(0);
      const byName = new Map(actual.map((c) => [c.name, c]));
      for (const column of config.columns) {
        const found = byName.get(column.name);
        expect(found, `${config.name}.${column.name}`).toBeDefined();
        if (!column.primary) expect(found?.notnull === 1, `${config.name}.${column.name} NOT NULL`).toBe(column.notNull);
      }
      expect(actual.length, `no extra columns in ${config.name}`).toBe(config.columns.length);
      for (const index of config.indexes) {
        const name = index.config.name;
        const row = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?").get(name);
        expect(row, `index ${name}`).toBeDefined();
      }
    }
  });

  it('set the pragmas every connection needs', () => {
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('install the overlap backstop triggers', () => {
    const triggers = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers).toEqual([{ name: 'bookings_no_overlap_insert' }, { name: 'bookings_no_overlap_update' }]);
  });

  it('are applied once: reopening the file applies nothing new', () => {
    const count = () => (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    const before = count();
    const again = openDatabase(path.join(dir, 'empty.sqlite'));
    closeDatabase(again);
    expect(count()).toBe(before);
    expect(before).toBe(fs.readdirSync(new URL('../../migrations', import.meta.url)).filter((f) => f.endsWith('.sql')).length);
  });
});
