// What is kept between writes (KeptUntilWrite) and the generation it is kept against, on a
// real SQLite file with a second connection standing for another process.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generationReader } from '../../src/db/connection.js';
import { KeptUntilWrite, versionOf } from '../../src/db/kept.js';
import { nextTurn, tempDir } from '../helpers/app.js';

let dir: string;
let db: Database.Database;
let other: Database.Database;
beforeEach(() => {
  dir = tempDir();
  db = new Database(path.join(dir, 'kept.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  other = new Database(path.join(dir, 'kept.sqlite'));
});
afterEach(() => {
  other.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function counted(kept: KeptUntilWrite<number>) {
  let computed = 0;
  const read = () =>
    kept.get('n', () => ((computed += 1), (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n));
  return { read, computed: () => computed };
}

describe('KeptUntilWrite', () => {
  it('computes once while nothing is written', () => {
    const { read, computed } = counted(new KeptUntilWrite<number>(db, 8));
    expect([read(), read(), read()]).toEqual([0, 0, 0]);
    expect(computed()).toBe(1);
  });

  it("computes again at once after this connection's write, even one that changes nothing", () => {
    const { read, computed } = counted(new KeptUntilWrite<number>(db, 8));
    read();
    db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
    expect(read()).toBe(1);
    db.prepare("UPDATE t SET v = 'a'").run();
    read();
    expect(computed()).toBe(3);
  });

  it("sees another connection's commit from the next turn of the event loop", async () => {
    const { read, computed } = counted(new KeptUntilWrite<number>(db, 8));
    expect(read()).toBe(0);
    await nextTurn();
    other.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    await nextTurn();
    expect(read()).toBe(1);
    expect(computed()).toBe(2);
  });

  it('keeps nothing read inside a transaction (it may yet be rolled back)', () => {
    const { read, computed } = counted(new KeptUntilWrite<number>(db, 8));
    const tx = db.transaction(() => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('c');
      expect(read()).toBe(1);
      throw new Error('roll back');
    });
    expect(() => tx()).toThrow('roll back');
    expect(read()).toBe(0);
    expect(computed()).toBe(2);
  });

  it('drops everything past its bound', () => {
    const kept = new KeptUntilWrite<string>(db, 2);
    let computed = 0;
    const read = (key: string) => kept.get(key, () => ((computed += 1), key));
    read('a');
    read('b');
    read('c');
    read('a');
    expect(computed).toBe(4);
  });
});

describe('generationReader', () => {
  it('is one reader per connection', () => {
    expect(generationReader(db)).toBe(generationReader(db));
    expect(generationReader(other)).not.toBe(generationReader(db));
  });
});

describe('versionOf', () => {
  it('names a snapshot by its identity', () => {
    const a = {};
    expect(versionOf(a)).toBe(versionOf(a));
    expect(versionOf({})).not.toBe(versionOf(a));
  });
});
