// The Monday mix's two ways of asking, over node:http with keep-alive connections.
// Open loop: requests leave on a fixed schedule (`rate` a second, evenly spaced) whether or
// not earlier ones were answered, and a request's latency counts from its scheduled time, so
// a server that falls behind shows its queue in the percentiles (no coordinated omission).
// Closed loop: `connections` loops each send the next request as soon as the last is
// answered: the rate at which the server saturates.
import http from 'node:http';
import type { RequestData } from 'autocannon';
import { send } from './client.js';
import { merge, type Measured } from './load.js';

/** One request of a mix, its type (for the figures) and what a correct answer is. */
export interface Job {
  type: string;
  request: RequestData;
  expect: readonly number[];
  answered?(status: number, headers: http.IncomingHttpHeaders): void;
}

/** Builds job number `i` (0, 1, ...), or null when there is nothing left to ask. */
export type Jobs = (i: number) => Job | null;

export interface Driven {
  byType: Record<string, Measured>;
  all: Measured;
  /** When each answer came, in ms from the start. */
  answeredAt: number[];
  /** First request to last answer. */
  seconds: number;
  /** The jobs ran out before the time was up. */
  ranOut: boolean;
}

interface Tally {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
}

class Recorder {
  private readonly tallies = new Map<string, Tally>();
  private readonly all: Tally = { latencies: [], statuses: {}, errors: 0 };
  readonly answeredAt: number[] = [];
  readonly start = performance.now();

  record(type: string, latency: number, status: string, ok: boolean): void {
    let tally = this.tallies.get(type);
    if (!tally) this.tallies.set(type, (tally = { latencies: [], statuses: {}, errors: 0 }));
    for (const t of [tally, this.all]) {
      t.latencies.push(latency);
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
      if (!ok) t.errors++;
    }
    this.answeredAt.push(performance.now() - this.start);
  }

  async ask(origin: URL, job: Job, agent: http.Agent, since: number): Promise<void> {
    try {
      const answer = await send(origin, job.request, { agent });
      job.answered?.(answer.status, answer.headers);
      this.record(job.type, performance.now() - since, String(answer.status), job.expect.includes(answer.status));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'no answer';
      this.record(job.type, performance.now() - since, code, false);
    }
  }

  result(ranOut: boolean): Driven {
    // Answers are recorded as they come, so the last is the latest.
    const seconds = (this.answeredAt.at(-1) ?? performance.now() - this.start) / 1000;
    const measure = (t: Tally) => merge([{ ...t, seconds }]);
    return {
      byType: Object.fromEntries([...this.tallies].map(([type, t]) => [type, measure(t)])),
      all: measure(this.all),
      answeredAt: this.answeredAt,
      seconds,
      ranOut,
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openLoop(origin: URL, jobs: Jobs, options: { rate: number; seconds: number }): Promise<Driven> {
  // Enough sockets that a slow server queues in its own backlog, not in the agent's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const recorder = new Recorder();
  const total = Math.round(options.rate * options.seconds);
  const due = (i: number) => recorder.start + (i * 1000) / options.rate;
  const asked: Promise<void>[] = [];
  let ranOut = false;
  for (let i = 0; i < total;) {
    for (; i < total && due(i) <= performance.now(); i++) {
      const job = jobs(i);
      if (job) asked.push(recorder.ask(origin, job, agent, due(i)));
      else {
        // A request the mix had nothing left to ask with is a failure of the bench, shown as one.
        recorder.record('unsent', 0, 'unsent', false);
        ranOut = true;
      }
    }
    if (i < total) await sleep(due(i) - performance.now());
  }
  await Promise.all(asked);
  agent.destroy();
  return recorder.result(ranOut);
}

export async function closedLoop(
  origin: URL,
  jobs: Jobs,
  options: { connections: number; seconds: number },
): Promise<Driven> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const recorder = new Recorder();
  const end = recorder.start + options.seconds * 1000;
  let next = 0;
  let ranOut = false;
  const loop = async () => {
    while (!ranOut && performance.now() < end) {
      const job = jobs(next++);
      if (!job) ranOut = true;
      else await recorder.ask(origin, job, agent, performance.now());
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  return recorder.result(ranOut);
}

/** Answers a second in consecutive slices of `seconds` (a last slice shorter than half of one is left out). */
export function slicesOf(answeredAt: readonly number[], seconds: number): number[] {
  const width = seconds * 1000;
  const last = answeredAt.at(-1) ?? 0;
  const count = Math.floor(last / width) + (last % width >= width / 2 ? 1 : 0);
  const counts = new Array<number>(count).fill(0);
  for (const t of answeredAt) {
    const slice = Math.floor(t / width);
    if (slice < count) counts[slice]!++;
  }
  return counts.map((n, i) => n / (Math.min(width, last - i * width) / 1000));
}
