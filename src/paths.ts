// The project's root folder (the nearest folder up from this file holding package.json), so
// that views/, public/ and migrations/ are found both from the sources (src/, under tsx and
// vitest) and from the compiled server (dist/src/, `npm start`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `fromRoot('views', 'emails')`. */
export const fromRoot = (...segments: string[]): string => path.join(ROOT, ...segments);
