// Rental options lapse by themselves: every minute, in one immediate transaction, options
// whose end is within the warning time (48 h by default) warn their requester once, options
// whose end has passed expire (the space is freed, the requester told), and confirmed rentals
// whose event is over become "held". The candidates are read inside the transaction that
// changes them, so with two app processes each option is warned and expired exactly once.
import { immediate, type Db } from '../db/connection.js';
import { confirmedEndedBy, optionsLapsingBefore } from '../db/rentals.js';
import { rentalSettingsOf } from '../db/rental-rates.js';
import type { Clock } from '../domain/clock.js';
import type { OutboxKick, WorkerLog } from '../mail/worker.js';
import type { RentalService } from '../services/rentals.js';
import { rounds } from './rounds.js';

export interface RentalOptionJobOptions {
  db: Db;
  clock: Clock;
  rentals: RentalService;
  outbox: OutboxKick;
  intervalMs?: number;
}

export interface RentalRound {
  warned: number;
  expired: number;
  held: number;
}

export function createRentalOptionJob(options: RentalOptionJobOptions) {
  const { db, clock, rentals, outbox } = options;
  let log: WorkerLog | null = null;

  function runOnce(): RentalRound {
    const result = immediate(db, (tx) => {
      const now = clock.now();
      const warnMs = rentalSettingsOf(tx).warnHours * 3_600_000;
      const { warned, expired } = rentals.expireOptionsIn(tx, optionsLapsingBefore(tx, now + warnMs), now);
      const ended = confirmedEndedBy(tx, now);
      for (const rental of ended) rentals.markHeldIn(tx, rental, now);
      return { warned, expired, held: ended.length };
    });
    if (result.warned + result.expired > 0) outbox.kick();
    if (result.warned + result.expired + result.held > 0) log?.info(result, 'rental options');
    return result;
  }

  const timed = rounds('rental options', options.intervalMs ?? 60_000, (roundLog) => {
    log = roundLog;
    runOnce();
  });
  return { start: (startLog?: WorkerLog) => timed.start(startLog), stop: () => timed.stop(), runOnce };
}
