import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/app.js';
import { collect, exited, freePort, runServer, startServer } from './helpers/process.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the server process', () => {
  it('refuses a bad configuration value with one line naming the variable, and does not listen', async () => {
    const child = runServer({ PORT: 'abc', DATABASE_PATH: path.join(dir, 'never.sqlite') });
    const output = collect(child);
    expect(await exited(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toEqual(['Configuration error: PORT: must be a whole number between 0 and 65535, got "abc"']);
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('creates, migrates and seeds the database on first start, reuses it on the second, and stops with grace', async () => {
    const database = path.join(dir, 'nested', 'app.sqlite');
    const port = String(await freePort());
    const env = { PORT: port, DATABASE_PATH: database, DEMO_PASSWORD: 'demo-password-21' };

    const first = await startServer(env);
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    expect(first.output()).toMatch(/Inventory: 76 resources/);
    const home = await (await fetch(`${first.url}/`)).text();
    expect(home).toMatch(/<span class="count">64<\/span> postes de travail/);
    const catalogue = await (await fetch(`${first.url}/resources`)).text();
    expect(catalogue.match(/<li class="card">/g)).toHaveLength(76);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(database)).toBe(true);

    const second = await startServer(env);
    expect(second.output()).not.toMatch(/Inventory:/);
    const again = await (await fetch(`${second.url}/resources`)).text();
    expect(again.match(/<li class="card">/g)).toHaveLength(76);
    expect(await second.stop('SIGINT')).toBe(0);
  });
});
