// GDPR: a visitor's details are kept 30 days after the day they were expected, then erased by
// this job inside the app (no cron): every hour, in one immediate transaction per round, the
// rows of visitors whose time is up are deleted with the arrival mails naming them; the audit
// log records how many, never who (the other visitor entries name them by id only).
import { auditLogWriter } from '../db/audit.js';
import { immediate, type Db } from '../db/connection.js';
import { eraseVisitorsBefore, siteZones } from '../db/visitors.js';
import type { Clock } from '../domain/clock.js';
import { visitorErasureCutoff } from '../domain/visitors.js';
import type { WorkerLog } from '../mail/worker.js';
import { rounds } from './rounds.js';

export interface VisitorErasureOptions {
  db: Db;
  clock: Clock;
  /** Pause between two rounds (default 1 hour): the day of erasure is what matters, not the minute. */
  intervalMs?: number;
}

export interface VisitorErasureJob {
  /** Runs a round at once (what came due while the server was down), then every intervalMs. */
  start(log?: WorkerLog): void;
  stop(): void;
  runOnce(): { erased: number };
}

export function createVisitorErasureJob(options: VisitorErasureOptions): VisitorErasureJob {
  const { db, clock } = options;
  const intervalMs = options.intervalMs ?? 3_600_000;
  const audit = auditLogWriter(db);
  let log: WorkerLog | null = null;

  function runOnce(): { erased: number } {
    const erased = immediate(db, () => {
      const now = clock.now();
      let count = 0;
      for (const site of siteZones(db)) {
        const ids = eraseVisitorsBefore(db, site.id, visitorErasureCutoff(now, site.timezone));
        count += ids.length;
      }
      if (count > 0)
        audit({
          at: now,
          actorId: null,
          action: 'visitor.erased',
          subjectType: null,
          subjectId: null,
          details: { count },
        });
      return count;
    });
    if (erased > 0) log?.info({ erased }, 'visitors erased');
    return { erased };
  }

  const timed = rounds('visitor erasure', intervalMs, (roundLog) => {
    log = roundLog;
    runOnce();
  });

  return {
    start: (startLog) => timed.start(startLog),
    stop: () => timed.stop(),
    runOnce,
  };
}
