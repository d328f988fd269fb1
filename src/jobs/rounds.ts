// Timed work inside the app (no cron): a round at once when started (what came due while the
// server was down), then one every `intervalMs`. A round that throws is logged and the next
// one still comes; stop() ends the rounds. Every job in this folder runs this way.
import type { WorkerLog } from '../mail/worker.js';

export interface Rounds {
  start(log?: WorkerLog): void;
  stop(): void;
}

/** `round` gets the log given to start(), or null before. */
export function rounds(name: string, intervalMs: number, round: (log: WorkerLog | null) => void): Rounds {
  let log: WorkerLog | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      try {
        round(log);
      } catch (err) {
        log?.error({ error: err instanceof Error ? err.message : String(err) }, `${name} round failed`);
      }
      schedule(intervalMs);
    }, delay);
    timer.unref();
  }

  return {
    start(startLog) {
      if (!stopped) return;
      if (startLog) log = startLog;
      stopped = false;
      schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
