// Readiness: the database answers a read.
import type { Db } from '../db/connection.js';
import { countAppliedMigrations } from '../db/health.js';

export class HealthService {
  constructor(private readonly db: Db) {}

  /** The number of applied migrations; throws when the database cannot be read. */
  check(): { migrations: number } {
    return { migrations: countAppliedMigrations(this.db) };
  }
}
