// No-show release: every minute, the confirmed bookings not checked in by their deadline
// (start + grace of their kind, longer for a member with an access need) are released, so
// the place is bookable at once and the member is told by e-mail. One immediate transaction
// per round, each UPDATE guarded by "still confirmed and not checked in": with two processes
// on one database file, each booking is released, audited and mailed exactly once.
import type { BookingRow } from '../db/bookings.js';
import type { OutboxKick } from '../mail/outbox.js';
import type { WorkerLog } from '../mail/worker.js';
import { rounds } from './rounds.js';
import type { CheckInService } from '../services/check-in.js';

export interface NoShowJobOptions {
  checkIn: Pick<CheckInService, 'releaseDue'>;
  outbox: OutboxKick;
  /** Pause between two rounds (default 60 s): a booking is released within a minute of its deadline. */
  intervalMs?: number;
}

export interface NoShowReport {
  released: BookingRow[];
}

export interface NoShowJob {
  /** Runs a round at once (deadlines passed while the server was down), then every intervalMs. */
  start(log?: WorkerLog): void;
  stop(): void;
  runOnce(): NoShowReport;
}

export function createNoShowJob(options: NoShowJobOptions): NoShowJob {
  const { checkIn, outbox } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  let log: WorkerLog | null = null;

  function runOnce(): NoShowReport {
    const released = checkIn.releaseDue();
    if (released.length > 0) {
      log?.info({ released: released.map((b) => b.id) }, 'no-shows released');
      outbox.kick();
    }
    return { released };
  }

  const timed = rounds('no-show', intervalMs, (roundLog) => {
    log = roundLog;
    runOnce();
  });

  return {
    start: (startLog) => timed.start(startLog),
    stop: () => timed.stop(),
    runOnce,
  };
}
