// Once for the whole reliability suite: forget the counts of an earlier run, compile the
// server once (every test starts it as `npm start` does, and restarts it without a rebuild),
// and at the end print what every part counted.
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer, ROOT } from '../helpers/process.js';
import { COUNTS_DIR, formatCounts, readCounts } from './counts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled server.js, relative to ROOT. */
    serverEntry: string;
  }
}

export default async function setup(project: TestProject) {
  fs.rmSync(COUNTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const buildDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'build-reliability-'));
  project.provide('serverEntry', (await buildServer({ outDir: buildDir, check: false })).entry);
  return () => {
    fs.rmSync(buildDir, { recursive: true, force: true });
    console.log(formatCounts(readCounts()));
  };
}
