// `npm run bench [-- options]`: builds the server (`npm run build`, so that the compiled
// server is the current source), builds the dataset at each history size, starts the real
// server on it, drives every scenario with autocannon, checks the database afterwards and
// writes bench/results.json and bench/results.md. Options:
//   --scales 10000,100000,1000000   history sizes (bookings)
//   --seconds 6 --rounds 5          measured seconds per scenario, in slices between baseline slices
//   --baseline-slice 1 --warmup 1   seconds of each baseline slice, of each scenario's warm-up
//   --connections 10                autocannon connections
//   --with-tests                    also time one full `npm test`
//   --keep                          keep the temporary folder (databases, .eml files)
//   --no-write                      print the table, leave results.* alone
//   --only create,rooms_day         run only these scenarios (and the baseline)
//   --cpu-prof DIR                  run the server under `node --cpu-prof`, profiles into DIR
//   --cold-starts 5                 cold starts timed on the last database (0: none)
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDatabase } from './checks.js';
import { addHistory, BENCH_PASSWORD, buildBase, copyDatabase, FEED_EVENTS, type Fixture } from './dataset.js';
import { drive, merge, type Load, type Measured } from './load.js';
import { markdown, targets, type Results, type RunReport, type ScenarioResult } from './report.js';
import { loads, type Acknowledged, type ScenarioName } from './scenarios.js';
import { cpuMs, peakRssMb, signIn, startServer, type SessionHeaders } from './server.js';
import { buildServer } from '../test/helpers/process.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ORDER: ScenarioName[] = [
  'rooms_day',
  'desks_day',
  'my_bookings',
  'feed_full',
  'feed_304',
  'create',
  'create_refused',
  'cancel',
  'ref_page',
  'ref_write',
];
/** Measured with the smallest history only: they read no bookings. */
const REFERENCES: readonly ScenarioName[] = ['ref_page', 'ref_write'];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const options = {
  scales: (option('scales') ?? '10000,100000,1000000').split(',').map(Number),
  seconds: Number(option('seconds') ?? 6),
  rounds: Number(option('rounds') ?? 5),
  baselineSlice: Number(option('baseline-slice') ?? 1),
  warmup: Number(option('warmup') ?? 1),
  connections: Number(option('connections') ?? 10),
  withTests: flag('with-tests'),
  only: option('only')?.split(',') ?? null,
  cpuProf: option('cpu-prof') ?? null,
  coldStarts: Number(option('cold-starts') ?? 5),
};
if (
  options.scales.some((n) => !Number.isInteger(n) || n < 1) ||
  !(options.seconds > 0) ||
  !(options.rounds >= 1) ||
  !(options.baselineSlice > 0) ||
  !(options.warmup >= 0) ||
  !(options.connections > 0)
) {
  console.error(
    'usage: npm run bench -- [--scales 10000,100000,1000000] [--seconds 5] [--warmup 1] [--connections 10] [--with-tests] [--keep] [--no-write]',
  );
  process.exit(2);
}

const log = (text: string) =>
  console.log(`[bench ${((performance.now() - benchStart) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const benchStart = performance.now();

/** A fresh feed link for the member (POST /profile/feeds shows it once), and its ETag. */
async function openFeed(
  url: string,
  session: SessionHeaders,
): Promise<{ path: string; etag: string; events: number } | { reason: string }> {
  const page = await fetch(`${url}/profile/feeds`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf }).toString(),
  });
  const html = await page.text();
  const path = /https?:\/\/[^/"]+(\/feeds\/[A-Za-z0-9_-]+\/bookings\.ics)/.exec(html)?.[1];
  if (page.status !== 200 || !path)
    return { reason: `POST /profile/feeds answered ${page.status} without a personal feed link` };
  // The ETag of the gzipped representation, which the feed scenarios ask for (fetch unzips the body).
  const feed = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  const body = await feed.text();
  const etag = feed.headers.get('etag');
  const events = body.split('BEGIN:VEVENT').length - 1;
  if (feed.status !== 200 || !etag)
    return { reason: `GET of the personal feed answered ${feed.status} ${etag ? '' : 'without an ETag'}` };
  return { path, etag, events };
}

async function timeTests(): Promise<{ seconds: number; exit: number | null }> {
  const started = performance.now();
  const child = spawn('npm', ['test'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (exit !== 0) console.error(`npm test exited with ${exit}:\n${tail}`);
  return { seconds: Math.round((performance.now() - started) / 100) / 10, exit };
}

async function main() {
  const machine = {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadavg_start: loadavg(),
    loadavg_end: '',
  };
  log(`${machine.cpu} × ${machine.cores}, load average ${machine.loadavg_start}`);
  const build = await buildServer();
  log(`npm run build: ${build.entry} in ${Math.round(build.ms)} ms`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-21-'));
  const now = Date.now();
  const scenarios: ScenarioResult[] = [];
  const runs: RunReport[] = [];
  const board = fs.readdirSync(path.join(ROOT, 'src/web/routes')).some((f) => f.startsWith('frontdesk'));
  const notMeasured: Results['not_measured'] = [
    {
      name: 'frontdesk_board',
      reason: board
        ? 'the front-desk board exists, but this bench has no scenario for it yet'
        : 'the front-desk board does not exist yet',
    },
  ];
  let coldStart: Results['cold_start_ms'] = { runs: [], median: NaN, server_ready_ms: [] };
  try {
    const base = path.join(tmp, 'base.sqlite');
    let started = performance.now();
    const fixture: Fixture = await buildBase(base, now);
    log(
      `base: seed, demo accounts, members and the near future in ${Math.round(performance.now() - started)} ms (view day ${fixture.viewDate}, ${fixture.createSlots.length} free slots, ${fixture.cancellable.length} bookings to cancel)`,
    );

    for (const [index, size] of options.scales.entries()) {
      const file = path.join(tmp, `history-${size}.sqlite`);
      started = performance.now();
      copyDatabase(base, file);
      const history = await addHistory(file, size, now);
      const buildMs = Math.round(performance.now() - started);
      log(`${size} bookings of history on ${history.sites} site(s) in ${buildMs} ms`);

      const profile = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.cpuProf)] : [];
      const server = await startServer(file, path.join(tmp, `data-${size}`), profile);
      const acks: Acknowledged = { created: [], refusedWon: [], cancelled: [] };
      const results: ScenarioResult[] = [];
      const closers: (() => void)[] = [];
      let rss = NaN;
      let feedEvents: number | null = null;
      try {
        log(
          `server ${server.pid} listening at ${server.url} after ${Math.round(server.startMs)} ms (RSS ${peakRssMb(server.pid)} MB)`,
        );
        const bookers: SessionHeaders[] = [];
        for (const p of fixture.bookers) bookers.push(await signIn(server.url, p.email, BENCH_PASSWORD));
        const readers: SessionHeaders[] = [];
        for (const p of fixture.readers) readers.push(await signIn(server.url, p.email, BENCH_PASSWORD));
        const feed = await openFeed(server.url, await signIn(server.url, fixture.feedMember.email, BENCH_PASSWORD));
        if ('reason' in feed) {
          if (index === 0)
            notMeasured.push({ name: 'feed_full', reason: feed.reason }, { name: 'feed_304', reason: feed.reason });
        } else {
          feedEvents = feed.events;
          if (feed.events !== FEED_EVENTS) log(`warning: the feed holds ${feed.events} events, not ${FEED_EVENTS}`);
        }
        log(
          `${bookers.length + readers.length + 1} sessions signed in; feed ${'reason' in feed ? `not measured (${feed.reason})` : `of ${feed.events} events`}`,
        );
        const all = loads({ fixture, bookers, readers, feed: 'reason' in feed ? null : feed, acks, tag: `${size}` });

        const drv = (load: Load, seconds: number, counter: { next: number }) =>
          drive(server.url, load, { connections: options.connections, seconds }, counter);
        const show = (label: string, m: Measured, extra = '') => {
          const statuses = Object.entries(m.statuses)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ');
          log(
            `${label.padEnd(20)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50_ms.toFixed(2)} ms  p99 ${m.p99_ms.toFixed(1)} ms  ${statuses}${m.errors ? `  ERRORS ${m.errors}` : ''}${extra}`,
          );
        };
        const baselineCounter = { next: 0 };
        const watch = new Database(file, { readonly: true, fileMustExist: true });
        closers.push(() => watch.close());
        const pending = watch.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`);
        /** Waits (at most 20 s) until the mail of the requests just made is sent: it must not slow the baseline. */
        const drained = async () => {
          for (let waited = 0; waited < 20_000 && (pending.get() as { n: number }).n > 0; waited += 50)
            await new Promise((r) => setTimeout(r, 50));
        };
        const standalone = async (phase: 'before' | 'after') => {
          await drained();
          if (phase === 'before' && options.warmup > 0) await drv(all.baseline!, options.warmup, baselineCounter);
          const m = await drv(all.baseline!, options.baselineSlice * 2, baselineCounter);
          show(`baseline (${phase})`, m);
          results.push({
            name: 'baseline',
            bookings: size,
            rps: m.rps,
            p50_ms: m.p50_ms,
            p99_ms: m.p99_ms,
            errors: m.errors,
            ratio: NaN,
            requests: m.requests,
            phase,
          });
        };
        // A scenario runs in slices between slices of the baseline (B S B S B S B), each
        // compared with the two baselines around it, and its ratio is the median of those:
        // the machine is shared and its speed drifts within seconds. The mail a slice queued
        // is sent before the next baseline slice starts (that work is the scenario's). The
        // server's CPU time per request, baseline's over scenario's, is kept as well: it is
        // what the ratio would be with a core to itself.
        const measure = async (name: ScenarioName, load: Load) => {
          const counter = { next: 0 };
          const left = () => (load.budget === undefined ? Infinity : load.budget - counter.next);
          if (options.warmup > 0) await drv(load, options.warmup, counter);
          await drained();
          const parts: Measured[] = [];
          let cpu = cpuMs(server.pid);
          const around: Measured[] = [await drv(all.baseline!, options.baselineSlice, baselineCounter)];
          let baselineCpu = cpuMs(server.pid) - cpu;
          let scenarioCpu = 0;
          for (let round = 0; round < options.rounds && left() >= options.connections * 2; round++) {
            cpu = cpuMs(server.pid);
            parts.push(await drv(load, options.seconds / options.rounds, counter));
            await drained();
            scenarioCpu += cpuMs(server.pid) - cpu;
            cpu = cpuMs(server.pid);
            around.push(await drv(all.baseline!, options.baselineSlice, baselineCounter));
            baselineCpu += cpuMs(server.pid) - cpu;
          }
          const m = merge(parts);
          const b = merge(around);
          const ratios = parts.map((p, i) => p.rps / ((around[i]!.rps + around[i + 1]!.rps) / 2)).sort((x, y) => x - y);
          const ratio =
            ratios.length % 2
              ? ratios[(ratios.length - 1) / 2]!
              : (ratios[ratios.length / 2 - 1]! + ratios[ratios.length / 2]!) / 2;
          const cpuRatio = baselineCpu / b.requests / (scenarioCpu / m.requests);
          show(
            name,
            m,
            `  (baseline around it ${b.rps.toFixed(0)} req/s, ratio ${ratio.toFixed(3)} [${ratios.map((r) => r.toFixed(3)).join(' ')}], CPU ${(scenarioCpu / m.requests).toFixed(2)} ms/req, cpu ratio ${cpuRatio.toFixed(3)}, peak RSS so far ${peakRssMb(server.pid)} MB)`,
          );
          results.push({
            name,
            bookings: size,
            rps: m.rps,
            p50_ms: m.p50_ms,
            p99_ms: m.p99_ms,
            errors: m.errors,
            ratio,
            requests: m.requests,
            baseline_rps: b.rps,
            cpu_ms: scenarioCpu / m.requests,
            cpu_ratio: cpuRatio,
          });
        };

        await standalone('before');
        for (const name of ORDER) {
          const load = all[name];
          if (REFERENCES.includes(name) && size !== options.scales[0]) continue;
          if (load && (!options.only || options.only.includes(name))) await measure(name, load);
        }
        await standalone('after');
        rss = peakRssMb(server.pid);
      } finally {
        for (const close of closers) close();
        await server.stop();
      }
      const baselines = results.filter((r) => r.name === 'baseline');
      const baselineRps = baselines.reduce((a, r) => a + r.rps, 0) / baselines.length;
      for (const r of baselines) r.ratio = r.rps / baselineRps;
      for (const r of results) {
        Object.assign(r, {
          rps: Math.round(r.rps),
          ratio: Math.round(r.ratio * 1000) / 1000,
          p50_ms: Math.round(r.p50_ms * 100) / 100,
          p99_ms: Math.round(r.p99_ms * 100) / 100,
        });
        if (r.baseline_rps !== undefined) r.baseline_rps = Math.round(r.baseline_rps);
        if (r.cpu_ms !== undefined) r.cpu_ms = Math.round(r.cpu_ms * 1000) / 1000;
        if (r.cpu_ratio !== undefined) r.cpu_ratio = Math.round(r.cpu_ratio * 1000) / 1000;
      }
      scenarios.push(...results);

      const checks = checkDatabase(file, acks);
      log(`peak RSS ${rss} MB; checks ${checks.ok ? 'ok' : 'FAILED'}: ${JSON.stringify(checks)}`);
      runs.push({
        bookings: size,
        sites: history.sites,
        build_ms: buildMs,
        baseline_rps: Math.round(baselineRps),
        peak_rss_mb: rss,
        feed_events: feedEvents,
        checks,
      });

      if (index === options.scales.length - 1 && options.coldStarts > 0) {
        const times: number[] = [];
        const ready: number[] = [];
        for (let i = 0; i < options.coldStarts; i++) {
          const s = await startServer(file, path.join(tmp, `data-${size}`));
          times.push(Math.round(s.startMs));
          if (s.readyMs !== null) ready.push(s.readyMs);
          await s.stop();
        }
        coldStart = { runs: times, median: median(times), server_ready_ms: ready };
        log(`cold start: ${times.join(', ')} ms (median ${coldStart.median})`);
      }
      if (!flag('keep')) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  } finally {
    if (!flag('keep')) fs.rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }

  let npmTest: Results['npm_test'] = null;
  if (options.withTests) {
    log('npm test ...');
    npmTest = await timeTests();
    log(`npm test: ${npmTest.seconds} s (exit ${npmTest.exit})`);
  }

  const first = options.scales[0]!;
  const last = options.scales.at(-1)!;
  const measuredAt = (name: string, size: number) => scenarios.some((s) => s.name === name && s.bookings === size);
  // Flatness of what was measured with both the smallest and the largest history (not the references).
  const names = [...new Set(scenarios.map((s) => s.name))].filter(
    (n) => n !== 'baseline' && measuredAt(n, first) && measuredAt(n, last),
  );
  const mean = (name: string, size: number, key: 'rps' | 'ratio' | 'cpu_ms') => {
    const rows = scenarios.filter((s) => s.name === name && s.bookings === size);
    return rows.reduce((a, r) => a + (r[key] ?? NaN), 0) / rows.length;
  };
  const scale =
    first === last
      ? []
      : names.map((name) => ({
          name,
          from: first,
          to: last,
          rps_ratio: Math.round((mean(name, last, 'rps') / mean(name, first, 'rps')) * 100) / 100,
          baseline_normalised: Math.round((mean(name, last, 'ratio') / mean(name, first, 'ratio')) * 100) / 100,
          cpu: Math.round((mean(name, first, 'cpu_ms') / mean(name, last, 'cpu_ms')) * 100) / 100,
        }));
  machine.loadavg_end = loadavg();
  const partial: Omit<Results, 'targets'> = {
    machine,
    date: new Date().toISOString(),
    scenarios,
    runs,
    scale,
    cold_start_ms: coldStart,
    not_measured: notMeasured,
    npm_test: npmTest,
    bench: { seconds: Math.round((performance.now() - benchStart) / 1000), options },
  };
  const results: Results = { ...partial, targets: targets(partial) };
  const md = markdown(results);
  console.log(`\n${md}`);
  if (!flag('no-write')) {
    fs.writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(HERE, 'results.md'), md);
    log('wrote bench/results.json and bench/results.md');
  }
}

await main();
