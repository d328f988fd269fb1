// The real server as a child process (`node [options] dist/src/server.js`, as `npm start`
// runs it once built; bench/run.ts builds first) in production mode on 127.0.0.1, and real
// sessions signed in through its pages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { cleanEnv, collect, exited, freePort, ROOT, startArgs } from '../test/helpers/process.js';
import type { RequestData } from 'autocannon';
import { csrfOf, form } from '../test/helpers/auth.js';
import { send, type Answer } from './client.js';

export interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Spawn to the "listening" line, measured here. */
  startMs: number;
  /** What the server says it took ("ready in N ms"). */
  readyMs: number | null;
  output: () => string;
  stop(): Promise<void>;
}

export interface SessionHeaders {
  email: string;
  cookie: string;
  csrf: string;
}

/** `nodeArgs` go before the script (e.g. `--cpu-prof`). */
export async function startServer(
  databasePath: string,
  dataDir: string,
  nodeArgs: string[] = [],
  timeoutMs = 30_000,
): Promise<Server> {
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_PATH: databasePath,
    DATA_DIR: dataDir,
    SEED_ON_START: 'false',
  };
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...startArgs()], {
    cwd: ROOT,
    env: { ...cleanEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /listening at \S+[^\n]*/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
  const startMs = performance.now() - started;
  const url = /listening at (\S+)/.exec(line)![1]!;
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`server listens at ${url}, not on 127.0.0.1`);
  const ready = /ready in (\d+) ms/.exec(line);
  return {
    child,
    pid: child.pid!,
    url,
    startMs,
    readyMs: ready ? Number(ready[1]) : null,
    output,
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** Peak resident memory of a live process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) a live process has used so far, in ms (10 ms resolution). */
export function cpuMs(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" of the name.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function sessionCookie(answer: Answer): string | null {
  for (const cookie of answer.headers['set-cookie'] ?? []) {
    const match = /^((?:__Host-)?sid)=([^;]+)/.exec(cookie);
    if (match) return `${match[1]}=${match[2]}`;
  }
  return null;
}

/**
 * GET /login, POST /login with its CSRF token, then a page of the new session for that
 * session's token. `from` is the loopback address to sign in from: the server allows a
 * handful of sign-ins per address, as from one office.
 */
export async function signIn(url: string, email: string, password: string, from?: string): Promise<SessionHeaders> {
  const origin = new URL(url);
  const ask = (request: RequestData) => send(origin, request, { keepBody: true, localAddress: from });
  const login = await ask({ method: 'GET', path: '/login' });
  const visitor = sessionCookie(login);
  const visitorCsrf = csrfOf(login.body);
  if (!visitor || !visitorCsrf) throw new Error(`GET /login gave no session or CSRF token (${login.status})`);
  const posted = await ask({
    method: 'POST',
    path: '/login',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ email, password, _csrf: visitorCsrf }),
  });
  const cookie = sessionCookie(posted);
  if (posted.status !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${posted.status}`);
  const page = await ask({ method: 'GET', path: '/bookings', headers: { cookie } });
  const csrf = csrfOf(page.body);
  if (!csrf) throw new Error(`no CSRF token on /bookings for ${email} (${page.status})`);
  return { email, cookie, csrf };
}
