// Which Chromium the browser tests drive, and how it starts. In this order:
//   CHROMIUM_PATH=/path/to/chromium   that browser;
//   CHROMIUM_PATH=bundled             skip the system browser, use the one shipped in npm (below);
//   Debian's /usr/bin/chromium        when installed (`apt-get install -y chromium`);
//   the Chromium inside the npm package @sparticuz/chromium (a devDependency), unpacked once
//   into the temp folder, so that `npm install && npm test` needs no system browser.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './process.js';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const BUNDLED = 'bundled';

/**
 * Flags for a quiet, offline, throw-away Chromium (playwright adds a fresh --user-data-dir),
 * the same for both browsers. None of @sparticuz/chromium's own flags (`chromium.args`) are
 * needed here: they suit AWS Lambda (--single-process, web security off), and its
 * --disable-features would replace playwright's list, as Chromium keeps a switch's last value.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches Chromium; never skips: without a browser that starts, the test fails and says why. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    throw new Error(`Chromium at ${executablePath} did not start (browser tests never skip): ${String(err)}`);
  }
}

export async function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const wanted = env.CHROMIUM_PATH;
  if (wanted && wanted !== BUNDLED) {
    if (!fs.existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted}: no such file (or use CHROMIUM_PATH=bundled)`);
    return wanted;
  }
  if (!wanted && fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return bundledChromium();
}

function bundledVersion(): string {
  const manifest = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json');
  if (!fs.existsSync(manifest))
    throw new Error(`no Chromium: ${SYSTEM_CHROMIUM} is missing and so is @sparticuz/chromium (run npm install)`);
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * The package's Chromium, unpacked by its own `executablePath()` into a private folder (it
 * unpacks into the temp folder of its process and trusts any file found there, even one that
 * another test file is still writing), then renamed into place in one step: test files
 * starting together each see either the whole browser or none, and the first rename wins.
 */
export async function bundledChromium(): Promise<string> {
  const dir = path.join(os.tmpdir(), `b21-chromium-${bundledVersion()}`);
  const executable = path.join(dir, 'chromium');
  if (fs.existsSync(executable)) return executable;
  const unpacking = fs.mkdtempSync(`${dir}-unpacking-`);
  try {
    const script = [
      "const { default: chromium } = await import('@sparticuz/chromium');",
      'process.stdout.write(await chromium.executablePath());',
    ].join('\n');
    const unpacked = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { cwd: ROOT, env: { ...process.env, TMPDIR: unpacking } },
        (err, stdout, stderr) =>
          err ? reject(new Error(`unpacking @sparticuz/chromium failed: ${stderr}`)) : resolve(stdout),
      ),
    );
    if (unpacked !== path.join(unpacking, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}`);
    try {
      fs.renameSync(unpacking, dir);
    } catch (err) {
      if (!fs.existsSync(executable)) throw err;
    }
    return executable;
  } finally {
    fs.rmSync(unpacking, { recursive: true, force: true });
  }
}
