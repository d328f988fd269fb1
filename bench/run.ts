// `npm run bench [-- options]`: builds the server (`npm run build`, so that the compiled
// server is the current source), builds the dataset at each history size, starts the real
// server on it, drives every scenario with autocannon and the Monday mix with its own
// open-loop and closed-loop drivers, checks the database afterwards and, after a full run,
// writes bench/results.json and bench/results.md (bench/README.md says how to read them).
// Options:
//   --quick                         a check that the bench works end to end, in about a minute:
//                                   10 k only, short slices, the mix for 10 s; writes nothing
//   --scales 10000,100000,1000000   history sizes (bookings)
//   --seconds 6 --rounds 5          measured seconds per scenario, in slices between baseline slices
//   --baseline-slice 1 --warmup 1   seconds of each baseline slice, of each scenario's warm-up
//   --connections 10                connections of autocannon and of the mix's closed loop
//   --mix-rate 200 --mix-seconds 60 the mix's open loop: requests a second, seconds
//   --mix-closed-seconds 30         the mix's closed loop (saturation), in slices of
//   --mix-slice 10                  seconds each
//   --with-tests                    also time one full `npm test`
//   --keep                          keep the temporary folder (databases, .eml files)
//   --no-write                      print the tables, leave results.* alone
//   --only create,monday_mix        run only these scenarios (and the baseline); writes nothing
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
import { closedLoop, openLoop, slicesOf, type Driven } from './drivers.js';
import { drive, merge, type Load, type Measured } from './load.js';
import { mixCanAsk, mondayMix, type MixContext } from './monday-mix.js';
import {
  attachReferences,
  markdown,
  scaleOf,
  targets,
  type Results,
  type RunReport,
  type ScenarioResult,
} from './report.js';
import { loads, type Acknowledged, type ScenarioName } from './scenarios.js';
import { cpuMs, peakRssMb, signIn, startServer, type SessionHeaders } from './server.js';
import { buildServer } from '../test/helpers/process.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ORDER: ScenarioName[] = [
  'rooms_day',
  'desks_day',
  'frontdesk_board',
  'my_bookings',
  'feed_full',
  'feed_304',
  'create',
  'create_refused',
  'cancel',
  'ref_page',
  'ref_write',
];
const FULL_SCALES = '10000,100000,1000000';

/** Whether this build has the front-desk board (branches without it report it as not measured). */
function hasBoard(): boolean {
  return fs.readdirSync(path.join(ROOT, 'src/web/routes')).some((f) => f.startsWith('frontdesk'));
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const quick = flag('quick');
/** An option's value, else its default for a full run or for a quick one. */
const numeric = (name: string, full: number, short: number) => Number(option(name) ?? (quick ? short : full));

const options = {
  quick,
  scales: (option('scales') ?? (quick ? '10000' : FULL_SCALES)).split(',').map(Number),
  seconds: numeric('seconds', 6, 2),
  rounds: numeric('rounds', 5, 2),
  baselineSlice: numeric('baseline-slice', 1, 0.5),
  warmup: numeric('warmup', 1, 0.5),
  connections: numeric('connections', 10, 10),
  mixRate: numeric('mix-rate', 200, 200),
  mixSeconds: numeric('mix-seconds', 60, 10),
  mixClosedSeconds: numeric('mix-closed-seconds', 30, 6),
  mixSlice: numeric('mix-slice', 10, 2),
  withTests: flag('with-tests'),
  only: option('only')?.split(',') ?? null,
  cpuProf: option('cpu-prof') ?? null,
  coldStarts: numeric('cold-starts', 5, 1),
};
/** results.* hold full runs only: every scenario at every size. */
const write = !quick && !flag('no-write') && !options.only && options.scales.join(',') === FULL_SCALES;
if (
  options.scales.some((n) => !Number.isInteger(n) || n < 1) ||
  ![options.seconds, options.baselineSlice, options.connections, options.mixRate, options.mixSlice].every(
    (n) => n > 0,
  ) ||
  !(options.rounds >= 1) ||
  !(options.warmup >= 0) ||
  !(options.mixSeconds >= 0 && options.mixClosedSeconds >= 0)
) {
  console.error(
    'usage: npm run bench -- [--quick] [--scales 10000,100000,1000000] [options at the top of bench/run.ts]',
  );
  process.exit(2);
}
const runs = (name: ScenarioName) => !options.only || options.only.includes(name);

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
  // Asked as the feed scenarios ask (fetch would say what it accepts otherwise), for the same ETag.
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

function show(label: string, m: Measured, extra = '') {
  const statuses = Object.entries(m.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  const figures = `${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50_ms.toFixed(2)} ms  p99 ${m.p99_ms.toFixed(1)} ms`;
  log(`${label.padEnd(22)} ${figures}  ${statuses}${m.errors ? `  ERRORS ${m.errors}` : ''}${extra}`);
}

function rounded(r: ScenarioResult): ScenarioResult {
  const out = { ...r, rps: Math.round(r.rps), ratio: Math.round(r.ratio * 1000) / 1000 };
  out.p50_ms = Math.round(r.p50_ms * 100) / 100;
  out.p99_ms = Math.round(r.p99_ms * 100) / 100;
  if (r.baseline_rps !== undefined) out.baseline_rps = Math.round(r.baseline_rps);
  if (r.cpu_ms !== undefined) out.cpu_ms = Math.round(r.cpu_ms * 1000) / 1000;
  if (r.cpu_ratio !== undefined) out.cpu_ratio = Math.round(r.cpu_ratio * 1000) / 1000;
  if (r.slices_rps !== undefined) out.slices_rps = r.slices_rps.map(Math.round);
  if (r.steady !== undefined) out.steady = Math.round(r.steady * 100) / 100;
  return out;
}

interface Phase {
  size: number;
  file: string;
  dataDir: string;
  fixture: Fixture;
  notMeasured: Results['not_measured'];
  first: boolean;
}

/** One history size: the server on its database, every scenario, the mix, the checks. */
async function measureSize(phase: Phase): Promise<{ results: ScenarioResult[]; report: Omit<RunReport, 'sites'> }> {
  const { size, file, fixture } = phase;
  const profile = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.cpuProf)] : [];
  const server = await startServer(file, phase.dataDir, profile);
  const acks: Acknowledged = { created: [], refusedWon: [], cancelled: [] };
  const results: ScenarioResult[] = [];
  const closers: (() => void)[] = [];
  let rss = NaN;
  let feedEvents: number | null = null;
  try {
    log(
      `server ${server.pid} at ${server.url} after ${Math.round(server.startMs)} ms (RSS ${peakRssMb(server.pid)} MB)`,
    );
    const inTurn = (people: { email: string }[], from?: (i: number) => string) =>
      Promise.all(people.map((p, i) => signIn(server.url, p.email, BENCH_PASSWORD, from?.(i))));
    const bookers = await inTurn(fixture.bookers);
    const readers = await inTurn(fixture.readers);
    // Each mix member from an address of their own: the server limits sign-ins per address.
    const mixMembers = runs('monday_mix') ? await inTurn(fixture.mixMembers, (i) => `127.0.1.${i + 1}`) : [];
    const frontDesk =
      runs('frontdesk_board') && hasBoard()
        ? await signIn(server.url, fixture.frontDesk.email, BENCH_PASSWORD, '127.0.2.1')
        : null;
    const feed = await openFeed(server.url, await signIn(server.url, fixture.feedMember.email, BENCH_PASSWORD));
    if ('reason' in feed) {
      if (phase.first)
        phase.notMeasured.push({ name: 'feed_full', reason: feed.reason }, { name: 'feed_304', reason: feed.reason });
    } else {
      feedEvents = feed.events;
      if (feed.events !== FEED_EVENTS) log(`warning: the feed holds ${feed.events} events, not ${FEED_EVENTS}`);
    }
    const feedText = 'reason' in feed ? `not measured (${feed.reason})` : `of ${feed.events} events`;
    log(`${bookers.length + readers.length + mixMembers.length + 1} sessions signed in; feed ${feedText}`);
    const all = loads({
      fixture,
      bookers,
      readers,
      frontDesk,
      feed: 'reason' in feed ? null : feed,
      acks,
      tag: `${size}`,
    });

    const drv = (load: Load, seconds: number, counter: { next: number }) =>
      drive(server.url, load, { connections: options.connections, seconds }, counter);
    const baselineCounter = { next: 0 };
    const baselineSlice = () => drv(all.baseline!, options.baselineSlice, baselineCounter);
    const watch = new Database(file, { readonly: true, fileMustExist: true });
    closers.push(() => watch.close());
    const pending = watch.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`);
    /** Waits (at most 20 s) until the mail of the requests just made is sent: it must not slow the baseline. */
    const drained = async () => {
      for (let waited = 0; waited < 20_000 && (pending.get() as { n: number }).n > 0; waited += 50)
        await new Promise((r) => setTimeout(r, 50));
    };
    const standalone = async (when: 'before' | 'after') => {
      await drained();
      if (when === 'before' && options.warmup > 0) await drv(all.baseline!, options.warmup, baselineCounter);
      const m = await drv(all.baseline!, options.baselineSlice * 2, baselineCounter);
      show(`baseline (${when})`, m);
      const { rps, p50_ms, p99_ms, errors, requests } = m;
      results.push({
        name: 'baseline',
        bookings: size,
        rps,
        p50_ms,
        p99_ms,
        errors,
        ratio: NaN,
        requests,
        phase: when,
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
      const around: Measured[] = [await baselineSlice()];
      let baselineCpu = cpuMs(server.pid) - cpu;
      let scenarioCpu = 0;
      for (let round = 0; round < options.rounds && left() >= options.connections * 2; round++) {
        cpu = cpuMs(server.pid);
        parts.push(await drv(load, options.seconds / options.rounds, counter));
        await drained();
        scenarioCpu += cpuMs(server.pid) - cpu;
        cpu = cpuMs(server.pid);
        around.push(await baselineSlice());
        baselineCpu += cpuMs(server.pid) - cpu;
      }
      const m = merge(parts);
      const b = merge(around);
      const ratios = parts.map((p, i) => p.rps / ((around[i]!.rps + around[i + 1]!.rps) / 2)).sort((x, y) => x - y);
      const mid = ratios.length / 2;
      const ratio = ratios.length % 2 ? ratios[Math.floor(mid)]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
      const cpuMsPerRequest = scenarioCpu / m.requests;
      const cpuRatio = baselineCpu / b.requests / cpuMsPerRequest;
      const slices = ratios.map((r) => r.toFixed(3)).join(' ');
      show(
        name,
        m,
        `  (baseline ${b.rps.toFixed(0)} req/s, ratio ${ratio.toFixed(3)} [${slices}], ` +
          `CPU ${cpuMsPerRequest.toFixed(2)} ms/req, peak RSS so far ${peakRssMb(server.pid)} MB)`,
      );
      const { rps, p50_ms, p99_ms, errors, requests } = m;
      results.push({
        ...{ name, bookings: size, rps, p50_ms, p99_ms, errors, ratio, requests, baseline_rps: b.rps },
        ...{ cpu_ms: cpuMsPerRequest, cpu_ratio: cpuRatio },
      });
    };

    // The Monday mix: first at its fixed offered rate, then as fast as answers come back (its
    // saturation, between two baseline slices, and whether it holds steady over the run).
    const mix = async () => {
      const origin = new URL(server.url);
      const ctx: MixContext = { fixture, members: mixMembers, acks, tag: `${size}`, used: { slots: 0, cancels: 0 } };
      if (!mixCanAsk(ctx, options.mixRate * options.mixSeconds))
        throw new Error('the fixture has too few free slots or bookings to cancel for the mix: see bench/dataset.ts');
      await drained();
      let cpu = cpuMs(server.pid);
      const open = await openLoop(origin, mondayMix(ctx, 1), { rate: options.mixRate, seconds: options.mixSeconds });
      await drained();
      const openCpu = (cpuMs(server.pid) - cpu) / open.all.requests;
      const openRows: [string, Measured][] = [...Object.entries(open.byType), ['all', open.all]];
      for (const [type, m] of openRows) {
        show(`monday_mix open ${type}`, m, type === 'all' ? `  (CPU ${openCpu.toFixed(2)} ms/req)` : '');
        const { rps, p50_ms, p99_ms, errors, requests } = m;
        results.push({
          ...{ name: 'monday_mix', loop: 'open', type, offered_rps: options.mixRate, bookings: size },
          ...{ rps, p50_ms, p99_ms, errors, ratio: NaN, requests, ...(type === 'all' ? { cpu_ms: openCpu } : {}) },
        });
      }
      const before = await baselineSlice();
      cpu = cpuMs(server.pid);
      const closed: Driven = await closedLoop(origin, mondayMix(ctx, 2), {
        connections: options.connections,
        seconds: options.mixClosedSeconds,
      });
      await drained();
      const cpuMsPerRequest = (cpuMs(server.pid) - cpu) / closed.all.requests;
      const after = await baselineSlice();
      const slices = slicesOf(closed.answeredAt, options.mixSlice);
      const steady = slices.length > 1 ? slices.at(-1)! / slices[0]! : NaN;
      const ratio = closed.all.rps / ((before.rps + after.rps) / 2);
      show(
        'monday_mix closed',
        closed.all,
        `  (ratio ${ratio.toFixed(3)}, CPU ${cpuMsPerRequest.toFixed(2)} ms/req, per ${options.mixSlice} s: ` +
          `${slices.map((v) => v.toFixed(0)).join(' ')}${closed.ranOut ? ', ran out of free slots' : ''})`,
      );
      for (const [type, m] of Object.entries(closed.byType)) show(`  closed ${type}`, m);
      const { rps, p50_ms, p99_ms, errors, requests } = closed.all;
      results.push({
        ...{ name: 'monday_mix', loop: 'closed', connections: options.connections, bookings: size },
        ...{ rps, p50_ms, p99_ms, errors, ratio, requests, baseline_rps: (before.rps + after.rps) / 2 },
        ...{ cpu_ms: cpuMsPerRequest, slices_rps: slices, steady, ran_out: closed.ranOut },
      });
    };

    await standalone('before');
    for (const name of ORDER) if (all[name] && runs(name)) await measure(name, all[name]);
    if (runs('monday_mix') && options.mixSeconds > 0) await mix();
    await standalone('after');
    rss = peakRssMb(server.pid);
  } finally {
    for (const close of closers) close();
    await server.stop();
  }
  const baselines = results.filter((r) => r.name === 'baseline');
  const baselineRps = baselines.reduce((a, r) => a + r.rps, 0) / baselines.length;
  for (const r of baselines) r.ratio = r.rps / baselineRps;
  const checks = checkDatabase(file, acks);
  log(`peak RSS ${rss} MB; checks ${checks.ok ? 'ok' : 'FAILED'}: ${JSON.stringify(checks)}`);
  const report = { bookings: size, build_ms: 0, baseline_rps: Math.round(baselineRps), peak_rss_mb: rss, checks };
  return { results: results.map(rounded), report: { ...report, feed_events: feedEvents } };
}

async function coldStarts(file: string, dataDir: string): Promise<Results['cold_start_ms']> {
  const times: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    const s = await startServer(file, dataDir);
    times.push(Math.round(s.startMs));
    if (s.readyMs !== null) ready.push(s.readyMs);
    await s.stop();
  }
  log(`cold start: ${times.join(', ')} ms (median ${median(times)})`);
  return { runs: times, median: median(times), server_ready_ms: ready };
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
  log(`${machine.cpu} × ${machine.cores}, load average ${machine.loadavg_start}${quick ? ' (quick run)' : ''}`);
  const build = await buildServer();
  log(`npm run build: ${build.entry} in ${Math.round(build.ms)} ms`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-21-'));
  const now = Date.now();
  const scenarios: ScenarioResult[] = [];
  const runReports: RunReport[] = [];
  const notMeasured: Results['not_measured'] = hasBoard()
    ? []
    : [{ name: 'frontdesk_board', reason: 'the front-desk board does not exist yet' }];
  let coldStart: Results['cold_start_ms'] = { runs: [], median: NaN, server_ready_ms: [] };
  try {
    const base = path.join(tmp, 'base.sqlite');
    let started = performance.now();
    const fixture: Fixture = await buildBase(base, now);
    log(
      `base: seed, demo accounts, members and the near future in ${Math.round(performance.now() - started)} ms ` +
        `(view day ${fixture.viewDate}, ${fixture.createSlots.length} free slots for create and ` +
        `${fixture.mixSlots.length} for the mix, ${fixture.cancellable.length} + ${fixture.mixCancellable.length} ` +
        'bookings to cancel)',
    );

    for (const [index, size] of options.scales.entries()) {
      const file = path.join(tmp, `history-${size}.sqlite`);
      const dataDir = path.join(tmp, `data-${size}`);
      started = performance.now();
      copyDatabase(base, file);
      const history = await addHistory(file, size, now);
      const buildMs = Math.round(performance.now() - started);
      log(`${size} bookings of history on ${history.sites} site(s) in ${buildMs} ms`);
      const phase = { size, file, dataDir, fixture, notMeasured, first: index === 0 };
      const { results, report } = await measureSize(phase);
      attachReferences(results);
      scenarios.push(...results);
      runReports.push({ ...report, sites: history.sites, build_ms: buildMs });
      if (index === options.scales.length - 1 && options.coldStarts > 0) coldStart = await coldStarts(file, dataDir);
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

  machine.loadavg_end = loadavg();
  const partial: Omit<Results, 'targets'> = {
    machine,
    date: new Date().toISOString(),
    scenarios,
    runs: runReports,
    scale: scaleOf(scenarios, options.scales[0]!, options.scales.at(-1)!),
    cold_start_ms: coldStart,
    not_measured: notMeasured,
    npm_test: npmTest,
    bench: { seconds: Math.round((performance.now() - benchStart) / 1000), quick, options },
  };
  const results: Results = { ...partial, targets: targets(partial) };
  const md = markdown(results);
  console.log(`\n${md}`);
  if (write) {
    fs.writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(HERE, 'results.md'), md);
    log('wrote bench/results.json and bench/results.md');
  } else log('results.* left alone (only a full run writes them)');
}

await main();
