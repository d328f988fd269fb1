import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/app.js';
import {
  buildServer,
  collect,
  DIST_ENTRY,
  exited,
  freePort,
  ROOT,
  runServer,
  startArgs,
  startServer,
} from './helpers/process.js';

const dir = tempDir();
// The server as `npm start` runs it: src/ and seed/ compiled by tsc with tsconfig.build.json,
// here emit-only into a folder of .tmp/ (inside the project, as dist/ is) so that runs in
// parallel do not write the same dist/.
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const buildDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'build-'));
let compiled = '';
beforeAll(async () => {
  compiled = (await buildServer({ outDir: buildDir, check: false })).entry;
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(buildDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('refuses a bad configuration value with one line naming the variable, and does not listen', async () => {
    const child = runServer({ PORT: 'abc', DATABASE_PATH: path.join(dir, 'never.sqlite') }, compiled);
    const output = collect(child);
    expect(await exited(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toEqual(['Configuration error: PORT: must be a whole number between 0 and 65535, got "abc"']);
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('npm start (compiled) seeds a new database, npm run dev (sources) reuses it; both stop with grace', async () => {
    expect(startArgs().at(-1)).toBe(DIST_ENTRY);
    const database = path.join(dir, 'nested', 'app.sqlite');
    const port = String(await freePort());
    const env = {
      PORT: port,
      DATABASE_PATH: database,
      DATA_DIR: path.join(dir, 'data'),
      DEMO_PASSWORD: 'demo-password-21',
    };

    const first = await startServer(env, compiled);
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    expect(first.output()).toMatch(/Inventory: 76 resources/);
    const live = await fetch(`${first.url}/livez`);
    expect(live.status).toBe(200);
    // A page from the templates (views/), with the stylesheet (public/) and htmx (node_modules) it links.
    const home = await (await fetch(`${first.url}/`)).text();
    expect(home).toMatch(/<span class="count">64<\/span> postes de travail/);
    const htmx = /<script[^>]+src="(\/assets\/vendor\/htmx-[\d.]+\.min\.js)"/.exec(home)?.[1];
    expect(htmx).toBeDefined();
    const script = await fetch(`${first.url}${htmx}`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(10_000);
    const css = /<link[^>]+href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
    expect(css).toBeDefined();
    expect((await fetch(`${first.url}${css}`)).status).toBe(200);
    const catalogue = await (await fetch(`${first.url}/resources`)).text();
    expect(catalogue.match(/<li class="card">/g)).toHaveLength(76);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(database)).toBe(true);

    const second = await startServer(env);
    expect(second.output()).not.toMatch(/Inventory:/);
    const again = await (await fetch(`${second.url}/resources`)).text();
    expect(again.match(/<li class="card">/g)).toHaveLength(76);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 120_000); // two starts of up to 45 s each (startServer), one of them under tsx
});
