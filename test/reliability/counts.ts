// What each reliability test counted (attempts, wins, kills, mails...), one JSON file per part
// in test-results/reliability/, so that the suite's teardown can print them in one block.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/process.js';

export const COUNTS_DIR = path.join(ROOT, 'test-results', 'reliability');

export type Counts = Record<string, number | string>;

/** Writes (or replaces) the counts of one part of the suite, e.g. recordCounts('race', {...}). */
export function recordCounts(part: string, counts: Counts): void {
  fs.mkdirSync(COUNTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(COUNTS_DIR, `${part}.json`), JSON.stringify(counts, null, 2));
}

export function readCounts(): Record<string, Counts> {
  if (!fs.existsSync(COUNTS_DIR)) return {};
  const parts: Record<string, Counts> = {};
  for (const file of fs
    .readdirSync(COUNTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort())
    parts[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(COUNTS_DIR, file), 'utf8')) as Counts;
  return parts;
}

/** One readable block: a line per part, then the totals the issue asks for. */
export function formatCounts(parts: Record<string, Counts>): string {
  const lines = ['', '== Reliability counts =='];
  for (const [part, counts] of Object.entries(parts))
    lines.push(
      `${part.padEnd(10)} ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  if (Object.keys(parts).length === 0) lines.push('(no part recorded its counts)');
  const sum = (key: string) =>
    Object.values(parts).reduce((n, c) => n + (typeof c[key] === 'number' ? (c[key] as number) : 0), 0);
  lines.push(
    `totals     attempts ${sum('attempts')}, wins ${sum('wins')}, kills ${sum('kills')}, ` +
      `acknowledged ${sum('acknowledged')}, present ${sum('present')}, mails sent ${sum('mails sent')}, ` +
      `fuzz cases ${sum('fuzz cases')}, 5xx ${sum('5xx')}`,
  );
  return lines.join('\n');
}
