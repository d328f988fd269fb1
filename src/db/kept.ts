// Values read from the database, or computed only from what was read, kept until anything
// is written: the database's generation (generationReader) moves on every write, by this
// connection or another, and the first look after that computes again. Costs a generation
// read (a few microseconds) where a query or a render costs ten to a hundred times more.
import type Database from 'better-sqlite3';
import { generationReader } from './connection.js';

export class KeptUntilWrite<T> {
  private generation = '';
  private readonly values = new Map<string, T>();
  private readonly currentGeneration: () => string;

  constructor(
    private readonly client: Database.Database,
    /** Values kept at most; all are dropped past it (the keys are few and hot, or unbounded and cold). */
    private readonly max: number,
  ) {
    this.currentGeneration = generationReader(client);
  }

  /** The value of `key`; `compute` must depend on nothing but the database and what `key` names. */
  get(key: string, compute: () => T): T {
    // Inside a transaction what is read may yet be rolled back, which moves no generation.
    if (this.client.inTransaction) return compute();
    // Read before computing: a write in between makes the next look compute again, never keep stale data.
    const generation = this.currentGeneration();
    if (generation !== this.generation) {
      this.values.clear();
      this.generation = generation;
    }
    if (this.values.has(key)) return this.values.get(key)!;
    const value = compute();
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}

const versions = new WeakMap<object, number>();
let lastVersion = 0;

/** A number for an immutable snapshot (the inventory's), for keys: a new snapshot, a new number. */
export function versionOf(snapshot: object): number {
  let version = versions.get(snapshot);
  if (version === undefined) {
    version = ++lastVersion;
    versions.set(snapshot, version);
  }
  return version;
}
