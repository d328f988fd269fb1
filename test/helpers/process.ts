// Starts the real server as a child process, as `npm start` does (the compiled
// dist/src/server.js) or as `npm run dev` does (src/server.ts under tsx), and waits for its URL.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The compiled server's entry, as `npm start` runs it (relative to ROOT). */
export const DIST_ENTRY = 'dist/src/server.js';

export interface Build {
  /** The compiled entry (server.js), relative to ROOT. */
  entry: string;
  ms: number;
}

/**
 * `npm run build`: tsc with tsconfig.build.json, into dist/ by default. With `outDir` (a
 * folder inside the project, so the server still finds its root and node_modules) and
 * `check: false`, a quick emit-only build (the types are checked by `npm run typecheck`).
 */
export async function buildServer(options: { outDir?: string; check?: boolean } = {}): Promise<Build> {
  const args = [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'];
  if (options.outDir) args.push('--outDir', path.relative(ROOT, options.outDir), '--incremental', 'false');
  if (options.check === false) args.push('--noCheck');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`build failed (${args.slice(1).join(' ')}):\n${stdout}${stderr}`));
      else resolve();
    });
  });
  const entry = options.outDir ? path.join(path.relative(ROOT, options.outDir), 'src', 'server.js') : DIST_ENTRY;
  if (!fs.existsSync(path.join(ROOT, entry))) throw new Error(`the build wrote no ${entry}`);
  return { entry, ms: performance.now() - started };
}

/**
 * What `npm start` runs after the build: the node options of package.json's start script
 * (e.g. V8 heap limits), then DIST_ENTRY. The bench and the tests start it the same way.
 */
export function startArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /&& node((?: --[^\s]+)*) ([^\s]+)$/.exec(pkg.scripts.start ?? '');
  if (!match || match[2] !== DIST_ENTRY)
    throw new Error(`npm start does not end with "node [--options] ${DIST_ENTRY}": ${pkg.scripts.start}`);
  return [...match[1]!.trim().split(' ').filter(Boolean), match[2]];
}

/**
 * Node arguments that start the server: a compiled `entry` with npm start's node options, or
 * the sources under tsx without one.
 */
export function serverArgs(entry?: string): string[] {
  return entry ? [...startArgs().slice(0, -1), entry] : ['--import', 'tsx', 'src/server.ts'];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The parent's environment without what vitest adds (it sets BASE_URL=/ for Vite). */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'BASE_URL',
    'MODE',
    'DEV',
    'PROD',
    'SSR',
    'VITEST',
    'VITEST_MODE',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
    'NODE_ENV',
  ])
    delete env[name];
  return env;
}

/** `entry`: a compiled server.js relative to ROOT; without it, src/server.ts under tsx. */
export function runServer(env: Record<string, string>, entry?: string): ChildProcess {
  return spawn(process.execPath, serverArgs(entry), {
    cwd: ROOT,
    env: { ...cleanEnv(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return () => out;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Waits for "listening at" (tens of seconds under tsx on a loaded machine), less than a test's timeout. */
export async function startServer(env: Record<string, string>, entry?: string, timeoutMs = 45_000): Promise<Started> {
  const child = runServer(env, entry);
  const output = collect(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), timeoutMs);
    const check = () => {
      const match = output().match(/listening at (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
  return {
    child,
    url,
    output,
    async stop(signal = 'SIGTERM') {
      const done = exited(child);
      child.kill(signal);
      return done;
    },
  };
}
