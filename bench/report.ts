// bench/results.json (the figures) and bench/results.md (the tables and the targets).
// Every throughput target is a fraction of a reference measured in the same run with the same
// history: the smallest signed-in page (ref_page) or write (ref_write). The ratio to GET
// /livez is kept in every row to read the machine by, and is no target.
import type { CheckReport } from './checks.js';
import { MIX_SHARES } from './monday-mix.js';
import { startArgs } from '../test/helpers/process.js';

export type Reference = 'ref_page' | 'ref_write';

export interface ScenarioResult {
  name: string;
  /** Bookings of history in the database. */
  bookings: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  /**
   * rps over the baseline's (GET /livez), measured in slices around the scenario's (for the
   * baseline: over the mean of before and after); null for the open loop, whose rate is set.
   */
  ratio: number;
  requests: number;
  phase?: 'before' | 'after';
  baseline_rps?: number;
  /** Server CPU time per request (the mail it queued included). */
  cpu_ms?: number;
  /** The baseline's server CPU per request over the scenario's: the ratio with a core to itself. */
  cpu_ratio?: number;
  /** The reference this row's target is a fraction of. */
  ref?: Reference;
  /** This row's ratio over its reference's, same run and history: what the target reads. */
  vs_ref?: number;
  /** The same by server CPU per request: the reference's over this row's. */
  vs_ref_cpu?: number;
  /** monday_mix: at a fixed offered rate (open) or as fast as answers come back (closed). */
  loop?: 'open' | 'closed';
  /** monday_mix, open loop: the request type, or 'all'. */
  type?: string;
  offered_rps?: number;
  /** monday_mix, closed loop: its connections, req/s in consecutive slices, the last slice over the first. */
  connections?: number;
  slices_rps?: number[];
  steady?: number;
  /** monday_mix, closed loop: it stopped before its time because its free slots ran out. */
  ran_out?: boolean;
}

export interface RunReport {
  bookings: number;
  sites: number;
  build_ms: number;
  baseline_rps: number;
  peak_rss_mb: number;
  feed_events: number | null;
  checks: CheckReport;
}

export interface Scale {
  name: string;
  from: number;
  to: number;
  /** Raw req/s, largest history over smallest. */
  rps_ratio: number;
  /** Ratio to /livez over ratio to /livez: what the target reads. */
  baseline_normalised: number;
  /** Server CPU per request, smallest history over largest. */
  cpu: number;
}

export interface Results {
  machine: Record<string, unknown>;
  date: string;
  scenarios: ScenarioResult[];
  runs: RunReport[];
  /** Throughput at the largest history over the smallest, per row measured at both. */
  scale: Scale[];
  cold_start_ms: { runs: number[]; median: number; server_ready_ms: number[] };
  not_measured: { name: string; reason: string }[];
  npm_test: { seconds: number; exit: number | null } | null;
  bench: { seconds: number; quick: boolean; options: Record<string, unknown> };
  targets: { target: string; value: string; met: boolean }[];
}

export const REF_TARGETS: Record<string, { ref: Reference; min: number }> = {
  rooms_day: { ref: 'ref_page', min: 0.33 },
  desks_day: { ref: 'ref_page', min: 0.33 },
  frontdesk_board: { ref: 'ref_page', min: 0.33 },
  my_bookings: { ref: 'ref_page', min: 0.33 },
  create: { ref: 'ref_write', min: 0.4 },
  create_refused: { ref: 'ref_page', min: 0.33 },
  feed_full: { ref: 'ref_page', min: 0.05 },
  feed_304: { ref: 'ref_page', min: 0.8 },
};
export const MIX_P99_MS = 50;
export const FLAT_MIN = 0.8;
export const COLD_START_MS = 1000;
export const PEAK_RSS_MB = 200;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number | undefined, digits = 0) =>
  n !== undefined && Number.isFinite(n)
    ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1000} k`);
const isOpen = (s: ScenarioResult) => s.loop === 'open';

/** Sets each targeted row's fraction of its reference measured with the same history. */
export function attachReferences(rows: ScenarioResult[]): void {
  for (const row of rows) {
    const target = REF_TARGETS[row.name];
    const ref = target && rows.find((r) => r.name === target.ref && r.bookings === row.bookings);
    if (!target || !ref) continue;
    row.ref = target.ref;
    row.vs_ref = round(row.ratio / ref.ratio, 3);
    if (row.cpu_ms && ref.cpu_ms) row.vs_ref_cpu = round(ref.cpu_ms / row.cpu_ms, 3);
  }
}

/** Flatness of every throughput row measured with both the smallest and the largest history. */
export function scaleOf(scenarios: readonly ScenarioResult[], first: number, last: number): Scale[] {
  if (first === last) return [];
  const rowsOf = (name: string, n: number) =>
    scenarios.filter((s) => s.name === name && s.bookings === n && !isOpen(s));
  const mean = (name: string, n: number, key: 'rps' | 'ratio' | 'cpu_ms') => {
    const rows = rowsOf(name, n);
    return rows.reduce((a, r) => a + (r[key] ?? NaN), 0) / rows.length;
  };
  const names = [...new Set(scenarios.map((s) => s.name))].filter(
    (n) => n !== 'baseline' && rowsOf(n, first).length > 0 && rowsOf(n, last).length > 0,
  );
  return names.map((name) => ({
    name,
    from: first,
    to: last,
    rps_ratio: round(mean(name, last, 'rps') / mean(name, first, 'rps'), 2),
    baseline_normalised: round(mean(name, last, 'ratio') / mean(name, first, 'ratio'), 2),
    cpu: round(mean(name, first, 'cpu_ms') / mean(name, last, 'cpu_ms'), 2),
  }));
}

export function targets(results: Omit<Results, 'targets'>): Results['targets'] {
  const out: Results['targets'] = [];
  const sizes = results.runs.map((r) => r.bookings);
  const lowest = `lowest of ${sizes.map(size).join(', ')}`;
  for (const [name, { ref, min }] of Object.entries(REF_TARGETS)) {
    const target = `${name} ≥ ${min} × ${ref}`;
    const rows = results.scenarios.filter((s) => s.name === name);
    const fractions = rows.map((r) => r.vs_ref ?? NaN);
    if (rows.length === 0 || fractions.some((f) => !Number.isFinite(f))) {
      out.push({ target, value: 'not measured', met: false });
      continue;
    }
    const worst = Math.min(...fractions);
    const byCpu = Math.min(...rows.map((r) => r.vs_ref_cpu ?? NaN));
    out.push({ target, value: `${fmt(worst, 3)} (${lowest}; by CPU ${fmt(byCpu, 3)})`, met: worst >= min });
  }
  const mix = results.scenarios.filter((s) => s.name === 'monday_mix' && isOpen(s));
  for (const type of Object.keys(MIX_SHARES)) {
    const target = `monday_mix ${type} p99 < ${MIX_P99_MS} ms`;
    const rows = mix.filter((s) => s.type === type);
    if (rows.length === 0) {
      out.push({ target, value: 'not measured', met: false });
      continue;
    }
    const worst = Math.max(...rows.map((r) => r.p99_ms));
    out.push({
      target,
      value: `${fmt(worst, 1)} ms (highest of ${sizes.map(size).join(', ')})`,
      met: worst < MIX_P99_MS,
    });
  }
  const mixErrors = results.scenarios
    .filter((s) => s.name === 'monday_mix' && s.type !== 'all')
    .reduce((n, s) => n + s.errors, 0);
  out.push({ target: 'monday_mix zero errors', value: String(mixErrors), met: mix.length > 0 && mixErrors === 0 });
  for (const s of results.scale) {
    out.push({
      target: `${s.name} at ${size(s.to)} vs ${size(s.from)} ≥ ${FLAT_MIN}`,
      value: `${fmt(s.baseline_normalised, 2)} (raw req/s ${fmt(s.rps_ratio, 2)}, CPU per request ${fmt(s.cpu, 2)})`,
      met: s.baseline_normalised >= FLAT_MIN,
    });
  }
  const cold = results.cold_start_ms;
  out.push({
    target: `cold start < ${COLD_START_MS / 1000} s`,
    value: `${fmt(cold.median)} ms (median of ${cold.runs.length})`,
    met: cold.median < COLD_START_MS,
  });
  const rss = Math.max(...results.runs.map((r) => r.peak_rss_mb));
  out.push({ target: `peak RSS < ${PEAK_RSS_MB} MB`, value: `${fmt(rss, 1)} MB`, met: rss < PEAK_RSS_MB });
  // The open loop's 'all' row repeats its types' errors.
  const errors = results.scenarios.filter((s) => s.type !== 'all').reduce((n, s) => n + s.errors, 0);
  out.push({ target: 'zero errors', value: String(errors), met: errors === 0 });
  const overlaps = results.runs.reduce((n, r) => n + r.checks.overlaps + r.checks.linkedOverlaps, 0);
  out.push({ target: 'zero overlaps', value: String(overlaps), met: overlaps === 0 });
  const checks = results.runs.every((r) => r.checks.ok);
  out.push({ target: 'acknowledged bookings present, integrity_check ok', value: checks ? 'yes' : 'no', met: checks });
  return out;
}

/** A Markdown table; `align` has an l or r per column, by default the first left and the others (figures) right. */
function table(header: string[], rows: string[][], align = 'l'): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => ((align[i] ?? 'r') === 'l' ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** Closed-loop rows: every scenario, the references, the baseline and the mix's saturation. */
function throughputTable(results: Results, sizes: number[]): string[] {
  const names = [...new Set(results.scenarios.filter((s) => !isOpen(s)).map((s) => s.name))];
  const rows = names.map((name) => {
    const target = REF_TARGETS[name];
    const cells = [name, target ? `≥ ${target.min} × ${target.ref}` : ''];
    let errors = 0;
    for (const n of sizes) {
      const rows = results.scenarios.filter((s) => s.name === name && s.bookings === n && !isOpen(s));
      if (rows.length === 0) {
        cells.push('–', '–', '–', '–', '–');
        continue;
      }
      const row = rows[0]!;
      errors += rows.reduce((a, r) => a + r.errors, 0);
      const baseline = name === 'baseline';
      cells.push(
        fmt(rows.reduce((a, r) => a + r.rps, 0) / rows.length),
        fmt(row.vs_ref, 3),
        baseline ? rows.map((r) => fmt(r.ratio, 2)).join(', ') : fmt(row.ratio, 3),
        fmt(row.cpu_ms, 2),
        `${rows.map((r) => fmt(r.p50_ms, 2)).join(', ')} / ${rows.map((r) => fmt(r.p99_ms, 1)).join(', ')}`,
      );
    }
    cells.push(String(errors));
    const scale = results.scale.find((s) => s.name === name);
    if (sizes.length > 1) cells.push(scale ? `${fmt(scale.baseline_normalised, 2)}, ${fmt(scale.cpu, 2)}` : '–');
    return cells;
  });
  const header = [
    'scenario',
    'target',
    ...sizes.flatMap((n) => [`${size(n)}: req/s`, 'vs ref', 'vs /livez', 'CPU ms', 'p50 / p99 ms']),
    'errors',
    ...(sizes.length > 1 ? [`${size(sizes.at(-1)!)} / ${size(sizes[0]!)} (ratio, CPU)`] : []),
  ];
  return table(header, rows, 'll');
}

/** The mix at its fixed offered rate, per request type, and its saturation. */
function mixTable(results: Results, sizes: number[]): string[] {
  const open = results.scenarios.filter((s) => s.name === 'monday_mix' && isOpen(s));
  if (open.length === 0) return [];
  const types = [...Object.keys(MIX_SHARES), 'all'];
  const rows = types.map((type) => {
    const cells = [type, type === 'all' ? '100' : String(MIX_SHARES[type as keyof typeof MIX_SHARES])];
    for (const n of sizes) {
      const row = open.find((s) => s.type === type && s.bookings === n);
      cells.push(
        row ? fmt(row.requests) : '–',
        row ? `${fmt(row.p50_ms, 1)} / ${fmt(row.p99_ms, 1)}` : '–',
        row ? String(row.errors) : '–',
      );
    }
    return cells;
  });
  const offered = open[0]!.offered_rps;
  const lines = [
    `**monday_mix**, open loop at ${fmt(offered)} requests/s (latency from each request's scheduled time; ` +
      `target p99 < ${MIX_P99_MS} ms for every type, zero errors):`,
    '',
    ...table(
      ['request type', 'share %', ...sizes.flatMap((n) => [`${size(n)}: requests`, 'p50 / p99 ms', 'errors'])],
      rows,
    ),
    '',
  ];
  for (const s of open.filter((r) => r.type === 'all' && r.cpu_ms !== undefined)) {
    const core = ((s.cpu_ms! * s.rps) / 1000) * 100;
    lines.push(
      `At ${size(s.bookings)} the server spent ${fmt(s.cpu_ms, 2)} ms of CPU per request of the open loop ` +
        `(${fmt(core)} % of a core).`,
    );
  }
  for (const s of results.scenarios.filter((r) => r.name === 'monday_mix' && r.loop === 'closed')) {
    const slices = (s.slices_rps ?? []).map((v) => fmt(v)).join(', ');
    lines.push(
      `Saturation of the same mix, closed loop at ${s.connections} connections, ${size(s.bookings)}: ` +
        `${fmt(s.rps)} requests/s (${fmt(s.ratio, 3)} × /livez, CPU ${fmt(s.cpu_ms, 2)} ms per request), ` +
        `p50 / p99 ${fmt(s.p50_ms, 1)} / ${fmt(s.p99_ms, 1)} ms, ${s.errors} errors; per slice: ${slices} ` +
        `requests/s, last over first ${fmt(s.steady, 2)}` +
        `${s.ran_out ? ' (stopped early: the free slots for its bookings ran out)' : ''}.`,
    );
  }
  lines.push('');
  return lines;
}

function runsTable(results: Results): string[] {
  return table(
    ['history', 'sites', 'build', 'baseline req/s', 'peak RSS', 'checks after the run'],
    results.runs.map((r) => {
      const c = r.checks;
      return [
        size(r.bookings),
        String(r.sites),
        `${fmt(r.build_ms / 1000, 1)} s`,
        fmt(r.baseline_rps),
        `${fmt(r.peak_rss_mb, 1)} MB`,
        `${c.ok ? 'ok' : '**FAILED**'}: ${c.overlaps + c.linkedOverlaps} overlaps, ` +
          `${c.acknowledged} acknowledged bookings (${c.missing} missing, ${c.withoutMail} without mail), ` +
          `${c.cancelled} cancellations (${c.notCancelled} not held), ` +
          `integrity_check ${c.integrity} (${fmt(c.ms / 1000, 1)} s)`,
      ];
    }),
    'rrrrrl',
  );
}

export function markdown(results: Results): string {
  const sizes = results.runs.map((r) => r.bookings);
  const m = results.machine;
  const o = results.bench.options;
  const lines: string[] = [];
  lines.push(
    results.bench.quick
      ? '# Benchmark results: QUICK RUN (`--quick`), a check that the bench works, not a measurement'
      : '# Benchmark results',
    '',
    `${results.date} · ${m.cpu} × ${m.cores} · ${m.memory_gb} GB · Node ${m.node} · ${m.os}`,
    `Load average before / after: ${m.loadavg_start} / ${m.loadavg_end} ` +
      "(the machine is shared: other sessions' work may run at the same time).",
    `Server: one Node process (\`node ${startArgs().join(' ')}\` as \`npm start\` runs it, built by ` +
      '`npm run build` at the start), NODE_ENV=production, LOG_LEVEL=warn, on 127.0.0.1. ' +
      `Scenarios: autocannon, ${o.connections} connections, in the bench process; each ${o.warmup} s warm-up, then ` +
      `${o.seconds} s in ${o.rounds} slices between ${o.baselineSlice} s slices of GET /livez. ` +
      '**vs /livez**: the median over slices of its req/s over the mean of the two /livez slices around it. ' +
      '**vs ref**: its vs /livez over that of its reference (same run, same history), what the target reads. ' +
      "**CPU ms**: the server's CPU time per request, the mail it queued included.",
    '',
    ...throughputTable(results, sizes),
    '',
    'ref_page (GET /book: session, layout) and ref_write (POST /profile/language: session, CSRF, one UPDATE, ' +
      'a 303) are the references, measured at every history size. baseline: the runs before and after all ' +
      'scenarios.' +
      (sizes.length > 1
        ? ` ${size(sizes.at(-1)!)} / ${size(sizes[0]!)}: vs /livez with the largest history over that with ` +
          'the smallest, then CPU per request with the smallest over that with the largest.'
        : ''),
    '',
    ...mixTable(results, sizes),
  );
  for (const n of results.not_measured) lines.push(`Not measured: **${n.name}**: ${n.reason}.`);
  if (results.not_measured.length) lines.push('');
  lines.push(...runsTable(results), '');
  const cold = results.cold_start_ms;
  lines.push(
    `Cold start (spawn to "listening", ${size(sizes.at(-1)!)} database): median ${fmt(cold.median)} ms of ` +
      `${cold.runs.map((v) => fmt(v)).join(', ')} ms (the server's own "ready in", after its imports: ` +
      `${cold.server_ready_ms.join(', ')} ms).`,
    results.npm_test
      ? `Full \`npm test\` (both time zones): ${fmt(results.npm_test.seconds)} s (exit ${results.npm_test.exit}).`
      : 'Full `npm test`: not run (`npm run bench -- --with-tests`).',
    `The bench itself: ${fmt(results.bench.seconds)} s${results.npm_test ? ', the test run included' : ''}.`,
    '',
    ...table(
      ['target', 'value', 'met'],
      results.targets.map((t) => [t.target, t.value, t.met ? 'yes' : '**no**']),
      'lll',
    ),
    '',
  );
  return lines.join('\n');
}
