// One measured run of autocannon against the server on 127.0.0.1, bounded by time and by a
// request count. Latency and status are recorded here for every response (autocannon's own
// histogram keeps only 2xx, whole milliseconds), and requests/s is counted from the first
// request to the last response (autocannon's duration includes up to a second of idling
// after a request budget runs out).
import autocannon, { type RequestData } from 'autocannon';

export interface Load {
  /** Builds request number `i` (0, 1, ...) or null when there is nothing left to ask. */
  request(i: number): RequestData | null;
  /** Called with each response and the request it answers. */
  response?(status: number, headers: Record<string, string | string[]>, request: RequestData): void;
  /** Statuses that are a correct answer; anything else counts as an error. */
  expect: readonly number[];
  /** Most requests to send (across warm-up and measure); unbounded when undefined. */
  budget?: number;
}

export interface Measured {
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Every response's latency, for merging runs. */
  latencies: number[];
}

export interface DriveOptions {
  connections: number;
  seconds: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `load` for `seconds` (or until its budget is spent) and measures it. */
export async function drive(url: string, load: Load, options: DriveOptions, counter = { next: 0 }): Promise<Measured> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let last = 0;
  const remaining = load.budget === undefined ? undefined : load.budget - counter.next;
  if (remaining !== undefined && remaining < options.connections)
    throw new Error(`request budget spent (${counter.next} of ${load.budget})`);
  const started = performance.now();
  const instance = autocannon({
    url,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    // The end of a run is checked at each sample: every 100 ms rather than every second.
    sampleInt: 100,
    ...(remaining !== undefined ? { maxOverallRequests: remaining } : {}),
    requests: [
      {
        setupRequest: (defaults, context) => {
          const built = load.request(counter.next++);
          context.sent = built;
          // autocannon's defaults carry the host and port; ours the method, path, headers and body.
          return built && { ...defaults, ...built, headers: { ...defaults.headers, ...built.headers } };
        },
        onResponse: (status, _body, context, headers) => {
          load.response?.(status, headers, context.sent as RequestData);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!load.expect.includes(status)) unexpected++;
    last = performance.now();
  });
  const result = await instance;
  const seconds = ((last || performance.now()) - started) / 1000;
  return merge([{ latencies, statuses, errors: result.errors + unexpected, seconds }]);
}

/** Several runs of one load as one measurement: requests over their summed time, percentiles over all responses. */
export function merge(runs: readonly Pick<Measured, 'latencies' | 'statuses' | 'errors' | 'seconds'>[]): Measured {
  const latencies = runs.flatMap((r) => r.latencies);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    statuses,
    seconds,
    latencies,
  };
}
