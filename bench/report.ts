// bench/results.json (the figures) and bench/results.md (the table and the targets).
import type { CheckReport } from './checks.js';
import { startArgs } from '../test/helpers/process.js';

export interface ScenarioResult {
  name: string;
  /** Bookings of history in the database. */
  bookings: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  /** rps over the baseline's, measured in slices around the scenario's (for the baseline: over the mean of before and after). */
  ratio: number;
  requests: number;
  phase?: 'before' | 'after';
  baseline_rps?: number;
  /** Server CPU time per request (the mail it queued included). */
  cpu_ms?: number;
  /** The baseline's server CPU per request over the scenario's: the ratio with a core to itself. */
  cpu_ratio?: number;
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

export interface Results {
  machine: Record<string, unknown>;
  date: string;
  scenarios: ScenarioResult[];
  runs: RunReport[];
  /** Throughput at the largest history over the smallest, per scenario. */
  /** rps_ratio: raw req/s; baseline_normalised: ratio over ratio; cpu: server CPU per request, smallest over largest. */
  scale: { name: string; from: number; to: number; rps_ratio: number; baseline_normalised: number; cpu: number }[];
  cold_start_ms: { runs: number[]; median: number; server_ready_ms: number[] };
  not_measured: { name: string; reason: string }[];
  npm_test: { seconds: number; exit: number | null } | null;
  bench: { seconds: number; options: Record<string, unknown> };
  targets: { target: string; value: string; met: boolean }[];
}

export const RATIO_TARGETS: Record<string, number> = {
  create: 0.25,
  create_refused: 0.15,
  rooms_day: 0.15,
  desks_day: 0.15,
  feed_full: 0.05,
  feed_304: 0.6,
};

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1000} k`);

export function targets(results: Omit<Results, 'targets'>): Results['targets'] {
  const out: Results['targets'] = [];
  const sizes = results.runs.map((r) => r.bookings);
  for (const [name, min] of Object.entries(RATIO_TARGETS)) {
    const rows = results.scenarios.filter((s) => s.name === name);
    if (rows.length === 0) {
      out.push({ target: `${name} ratio ≥ ${min}`, value: 'not measured', met: false });
      continue;
    }
    const worst = Math.min(...rows.map((r) => r.ratio));
    out.push({
      target: `${name} ratio ≥ ${min}`,
      value: `${fmt(worst, 3)} (lowest of ${sizes.map(size).join(', ')})`,
      met: worst >= min,
    });
  }
  for (const s of results.scale) {
    out.push({
      target: `${s.name} at ${size(s.to)} vs ${size(s.from)} ≥ 0.8`,
      value: `${fmt(s.baseline_normalised, 2)} (raw req/s ${fmt(s.rps_ratio, 2)}, CPU per request ${fmt(s.cpu, 2)})`,
      met: s.baseline_normalised >= 0.8,
    });
  }
  out.push({
    target: 'cold start < 1 s',
    value: `${fmt(results.cold_start_ms.median)} ms (median of ${results.cold_start_ms.runs.length})`,
    met: results.cold_start_ms.median < 1000,
  });
  const rss = Math.max(...results.runs.map((r) => r.peak_rss_mb));
  out.push({ target: 'peak RSS < 250 MB', value: `${fmt(rss, 1)} MB`, met: rss < 250 });
  const errors = results.scenarios.reduce((n, s) => n + s.errors, 0);
  out.push({ target: 'zero errors', value: String(errors), met: errors === 0 });
  const overlaps = results.runs.reduce((n, r) => n + r.checks.overlaps + r.checks.linkedOverlaps, 0);
  out.push({ target: 'zero overlaps', value: String(overlaps), met: overlaps === 0 });
  const checks = results.runs.every((r) => r.checks.ok);
  out.push({ target: 'acknowledged bookings present, integrity_check ok', value: checks ? 'yes' : 'no', met: checks });
  return out;
}

export function markdown(results: Results): string {
  const sizes = results.runs.map((r) => r.bookings);
  const names = [...new Set(results.scenarios.map((s) => s.name))];
  const m = results.machine;
  const o = results.bench.options;
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`${results.date} · ${m.cpu} × ${m.cores} · ${m.memory_gb} GB · Node ${m.node} · ${m.os}`);
  lines.push(
    `Load average before / after: ${m.loadavg_start} / ${m.loadavg_end} (the machine is shared: other sessions' tests may run at the same time).`,
  );
  lines.push(
    `Server: one Node process (\`node ${startArgs().join(' ')}\` as \`npm start\` runs it, built by \`npm run build\` at the start), NODE_ENV=production, LOG_LEVEL=warn, on 127.0.0.1. autocannon, ${o.connections} connections, in the bench process. ` +
      `Each scenario: ${o.warmup} s warm-up, then ${o.seconds} s in ${o.rounds} slices between ${o.baselineSlice} s slices of the baseline (GET /livez); ` +
      "**ratio** = the median over slices of its req/s over the mean of the two baseline slices around it; **cpu** = the server's CPU time per request, the mail it queued included; " +
      "**cpu ratio** = the baseline's CPU per request over the scenario's (the ratio the server would reach with a core to itself).",
    '',
  );
  const header = [
    'scenario',
    ...sizes.flatMap((n) => [`${size(n)}: req/s`, 'ratio', 'cpu ratio', 'cpu ms', 'p50 / p99 ms']),
    'errors',
    `${size(sizes.at(-1)!)} / ${size(sizes[0]!)}`,
    'same, by CPU',
  ];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const name of names) {
    const cells = [name];
    let errors = 0;
    for (const n of sizes) {
      const rows = results.scenarios.filter((s) => s.name === name && s.bookings === n);
      if (rows.length === 0) {
        cells.push('–', '–', '–', '–', '–');
        continue;
      }
      const rps = rows.reduce((a, r) => a + r.rps, 0) / rows.length;
      errors += rows.reduce((a, r) => a + r.errors, 0);
      const p50 = rows.map((r) => fmt(r.p50_ms, 2)).join(', ');
      const p99 = rows.map((r) => fmt(r.p99_ms, 1)).join(', ');
      const row = rows[0]!;
      const baseline = name === 'baseline';
      cells.push(
        fmt(rps),
        baseline ? rows.map((r) => fmt(r.ratio, 2)).join(', ') : fmt(row.ratio, 3),
        baseline ? '' : fmt(row.cpu_ratio ?? NaN, 3),
        baseline ? '' : fmt(row.cpu_ms ?? NaN, 2),
        `${p50} / ${p99}`,
      );
    }
    const scale = results.scale.find((s) => s.name === name);
    cells.push(String(errors), scale ? fmt(scale.baseline_normalised, 2) : '–', scale ? fmt(scale.cpu, 2) : '–');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    `ref_page and ref_write are references, not targets, measured with the smallest history: the smallest signed-in page (GET /book: session, layout) and the smallest signed-in write (POST /profile/language: session, CSRF, one UPDATE, a 303). A scenario that must do more than one of these cannot be faster than it. baseline: the runs before and after all scenarios (two values). ${size(sizes.at(-1)!)} / ${size(sizes[0]!)}: the scenario's ratio with the largest history over its ratio with the smallest (raw req/s ratios in results.json); by CPU: its server CPU per request with the smallest history over that with the largest (less sensitive to the machine's load, which can change between runs minutes apart).`,
    '',
  );
  for (const n of results.not_measured) lines.push(`Not measured: **${n.name}**: ${n.reason}.`);
  if (results.not_measured.length) lines.push('');
  lines.push(
    '| history | sites | build | baseline req/s | peak RSS | checks after the run |',
    '|---:|---:|---:|---:|---:|---|',
  );
  for (const r of results.runs) {
    const c = r.checks;
    lines.push(
      `| ${size(r.bookings)} | ${r.sites} | ${fmt(r.build_ms / 1000, 1)} s | ${fmt(r.baseline_rps)} | ${fmt(r.peak_rss_mb, 1)} MB | ${c.ok ? 'ok' : '**FAILED**'}: ${c.overlaps + c.linkedOverlaps} overlaps, ${c.acknowledged} acknowledged bookings (${c.missing} missing, ${c.withoutMail} without mail), ${c.cancelled} cancellations (${c.notCancelled} not held), integrity_check ${c.integrity} (${fmt(c.ms / 1000, 1)} s) |`,
    );
  }
  lines.push('');
  lines.push(
    `Cold start (spawn to "listening", ${size(sizes.at(-1)!)} database): median ${fmt(results.cold_start_ms.median)} ms of ${results.cold_start_ms.runs.map((v) => fmt(v)).join(', ')} ms (the server's own "ready in", after its imports: ${results.cold_start_ms.server_ready_ms.join(', ')} ms).`,
  );
  lines.push(
    results.npm_test
      ? `Full \`npm test\` (both time zones): ${fmt(results.npm_test.seconds)} s (exit ${results.npm_test.exit}).`
      : 'Full `npm test`: not run (`npm run bench -- --with-tests`).',
  );
  lines.push(
    `The bench itself: ${fmt(results.bench.seconds)} s${results.npm_test ? ', the test run included' : ''}.`,
    '',
  );
  lines.push('| target | value | met |', '|---|---|---|');
  for (const t of results.targets) lines.push(`| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`);
  lines.push('');
  return lines.join('\n');
}
