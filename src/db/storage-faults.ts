// Errors of the storage rather than of the request: the disk is full, read-only or failing,
// or another process holds the write lock past the busy timeout. Nothing was written (each
// write is one transaction, rolled back), and trying again later may work: the web layer
// answers 503 with Retry-After, and the health check reports it.

export type StorageFault = 'full' | 'read_only' | 'io' | 'busy';

/** SQLite's extended result codes by their primary code (better-sqlite3 puts it in err.code). */
const FAULTS: readonly [prefix: string, fault: StorageFault][] = [
  ['SQLITE_FULL', 'full'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_CANTOPEN', 'io'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
];

/** Node's own codes for the same faults, from the files written beside the database. */
const NODE_FAULTS: Readonly<Record<string, StorageFault>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read_only',
  EIO: 'io',
};

export function storageFaultOf(err: unknown): StorageFault | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1] ?? NODE_FAULTS[code] ?? null;
}
