// GDPR: a declined, cancelled or expired rental request keeps its contact details for the
// retention period admins set (12 months by default), counted from its last change; then
// this job erases them (name, e-mail, phone, purpose, the messages' words), hourly, in one
// immediate transaction per round. What was asked for and when stays, for the records.
import { immediate, type Db } from '../db/connection.js';
import { erasableRentals } from '../db/rentals.js';
import { rentalSettingsOf } from '../db/rental-rates.js';
import type { Clock } from '../domain/clock.js';
import { rentalErasureCutoff } from '../domain/rental-states.js';
import type { WorkerLog } from '../mail/worker.js';
import type { RentalService } from '../services/rentals.js';
import { rounds } from './rounds.js';

export function createRentalErasureJob(options: { db: Db; clock: Clock; rentals: RentalService; intervalMs?: number }) {
  const { db, clock, rentals } = options;
  let log: WorkerLog | null = null;

  function runOnce(): { erased: number } {
    const erased = immediate(db, (tx) => {
      const now = clock.now();
      const due = erasableRentals(tx, rentalErasureCutoff(now, rentalSettingsOf(tx).retentionMonths));
      for (const rental of due) rentals.eraseIn(tx, rental, now);
      return due.length;
    });
    if (erased > 0) log?.info({ erased }, 'rental requests erased');
    return { erased };
  }

  const timed = rounds('rental erasure', options.intervalMs ?? 3_600_000, (roundLog) => {
    log = roundLog;
    runOnce();
  });
  return { start: (startLog?: WorkerLog) => timed.start(startLog), stop: () => timed.stop(), runOnce };
}
