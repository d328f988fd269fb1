import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { fillPlaceholders, is } from 'drizzle-orm';
import { SQLiteTable as SQLiteTableClass } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import * as schema from '../../src/db/schema.js';
import { bookingStatements } from '../../src/db/bookings.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'empty.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable =>
  is(value, SQLiteTableClass),
);

describe('migrations applied to an empty file', () => {
  it('give the overlap and quota reads covering indexes: the 7 days below a window need no row lookup', () => {
    const statements = bookingStatements(db);
    const plan = (statement: { getQuery(): { sql: string; params: unknown[] } }, values: Record<string, unknown>) => {
      const { sql, params } = statement.getQuery();
      return (
        db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...fillPlaceholders(params, values)) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    };
    const window = { lowest: 0, from: 0, to: 1 };
    expect(plan(statements.overlapping, { resourceIds: '[1]', ...window })).toContain(
      'USING COVERING INDEX bookings_resource_start (resource_id=? AND starts_at>? AND starts_at<?)',
    );
    expect(
      plan(statements.organisationMs, { organisationId: 1, kind: 'meeting_room', exclude: '[]', ...window }),
    ).toContain('USING COVERING INDEX bookings_org_start (organisation_id=? AND starts_at>? AND starts_at<?)');
  });

  it('create every table and column the code expects, with the same nullability', () => {
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const config = getTableConfig(table);
      const actual = db.$client.prepare(`PRAGMA table_info(${config.name})`).all() as {
        name: string;
        notnull: number;
      }[];
      expect(actual.length, `table ${config.name}`).toBeGreaterThan(0);
      const byName = new Map(actual.map((c) => [c.name, c]));
      for (const column of config.columns) {
        const found = byName.get(column.name);
        expect(found, `${config.name}.${column.name}`).toBeDefined();
        if (!column.primary)
          expect(found?.notnull === 1, `${config.name}.${column.name} NOT NULL`).toBe(column.notNull);
      }
      expect(actual.length, `no extra columns in ${config.name}`).toBe(config.columns.length);
      for (const index of config.indexes) {
        const name = index.config.name;
        const row = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?").get(name);
        expect(row, `index ${name}`).toBeDefined();
        const columns = (db.$client.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[]).map(
          (c) => c.name,
        );
        expect(columns, `columns of index ${name}`).toEqual(
          index.config.columns.map((c) => (c as { name: string }).name),
        );
      }
    }
  });

  it('set the pragmas every connection needs', () => {
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('install the overlap backstop triggers', () => {
    const triggers = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'bookings' ORDER BY name")
      .all();
    expect(triggers).toEqual([{ name: 'bookings_no_overlap_insert' }, { name: 'bookings_no_overlap_update' }]);
  });

  it('are applied once: reopening the file applies nothing new', () => {
    const count = () => (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    const before = count();
    const again = openDatabase(path.join(dir, 'empty.sqlite'));
    closeDatabase(again);
    expect(count()).toBe(before);
    expect(before).toBe(
      fs.readdirSync(new URL('../../migrations', import.meta.url)).filter((f) => f.endsWith('.sql')).length,
    );
  });
});
