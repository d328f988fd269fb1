// `npm run invite-admin`: the first admin of a production installation (no demo accounts) is
// invited from the command line, receives the link by real SMTP, sets a password and reaches
// the admin pages; once that admin exists the command refuses.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfOf } from '../helpers/auth.js';
import { tempDir } from '../helpers/app.js';
import { cleanEnv, collect, exited, freePort, ROOT, startServer, type Started } from '../helpers/process.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const dir = tempDir('b21-invite-admin-');
const databasePath = path.join(dir, 'site.sqlite');
let smtp: TestSmtp;
let server: Started | null = null;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  await smtp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function inviteAdmin(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/ops/invite-admin.ts', ...args], {
    cwd: ROOT,
    env: { ...cleanEnv(), DATABASE_PATH: databasePath, SMTP_URL: smtp.url, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  return { code: await exited(child), output: output() };
}

function linkIn(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  return /\/invitation\/([\w-]{20,})/.exec(unfolded)![0];
}

it('refuses a malformed address and says which field, sending nothing', async () => {
  const { code, output } = await inviteAdmin('not-an-address', 'Claire Martin');
  expect(code).toBe(1);
  expect(output).toContain('email invalid');
  expect(smtp.received).toHaveLength(0);
});

it('invites the first admin by e-mail; the link sets a password and opens the admin pages', async () => {
  const first = await inviteAdmin('claire@21.example.org', 'Claire Martin', 'en');
  expect(first.code).toBe(0);
  expect(first.output).toContain('Invitation for claire@21.example.org sent by e-mail');
  // A lost link: running the command again before it is used sends a new one.
  expect((await inviteAdmin('claire@21.example.org', 'Claire Martin', 'en')).code).toBe(0);
  const [, second] = await smtp.waitFor(2);
  expect(second!.to).toEqual(['claire@21.example.org']);
  expect(second!.raw).toMatch(/Subject: Your access to the 21 booking system/);

  const port = await freePort();
  server = await startServer({
    DATABASE_PATH: databasePath,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
  });
  const link = `${server.url}${linkIn(second!.raw)}`;
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const visitor = page.headers.get('set-cookie')!.split(';')[0]!;
  const accepted = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfOf(await page.text())!,
      name: 'Claire Martin',
      password: 'a long enough password',
      confirm: 'a long enough password',
    }),
  });
  expect(accepted.status).toBe(303);
  const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
  const members = await fetch(`${server.url}/admin/members`, { headers: { cookie } });
  expect(members.status).toBe(200);
  expect(await members.text()).toContain('claire@21.example.org');
  // The first link was replaced by the second.
  expect((await fetch(`${server.url}${linkIn(smtp.received[0]!.raw)}`)).status).not.toBe(200);
});

it('refuses once an admin can sign in, so it cannot hand out the keys of a running site', async () => {
  const { code, output } = await inviteAdmin('mallory@example.org', 'Mallory');
  expect(code).toBe(1);
  expect(output).toContain('already has an active admin');
  expect(smtp.received).toHaveLength(2);
});
