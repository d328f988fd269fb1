// Readiness: the database answers a read, and its storage takes writes. A storage fault met
// by a request (a full or read-only disk, an I/O error, a lock held too long) is reported for
// a minute after it was last met, beside what the file system says now.
import type { Db } from '../db/connection.js';
import { countAppliedMigrations, storageState } from '../db/health.js';
import { storageFaultOf, type StorageFault } from '../db/storage-faults.js';

export type { StorageFault };
import type { Clock } from '../domain/clock.js';

const FAULT_REMEMBERED_MS = 60_000;

export interface HealthReport {
  migrations: number;
  /** null when the storage takes writes. */
  storage: StorageFault | null;
  freeBytes: number | null;
}

export class HealthService {
  private lastFault: { fault: StorageFault; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly databasePath: string,
  ) {}

  /** The storage fault behind an error, if it is one; remembered for the health check. */
  faultOf(err: unknown): StorageFault | null {
    const fault = storageFaultOf(err);
    if (fault) this.lastFault = { fault, at: this.clock.now() };
    return fault;
  }

  /** Throws when the database cannot be read. */
  check(): HealthReport {
    const migrations = countAppliedMigrations(this.db);
    const state = storageState(this.databasePath);
    const recent = this.lastFault && this.clock.now() - this.lastFault.at < FAULT_REMEMBERED_MS ? this.lastFault : null;
    return { migrations, storage: state.fault ?? recent?.fault ?? null, freeBytes: state.freeBytes };
  }
}
