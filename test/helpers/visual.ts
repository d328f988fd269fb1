// A visual regression check: a screenshot against the accepted image committed under
// test/screenshots/, with a tolerance. Text is made transparent before capture, since fonts
// (and so glyphs and line widths) differ between machines; what is compared is the layout,
// the shapes, the patterns and the colours. UPDATE_SCREENSHOTS=1 rewrites the accepted images.
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { ROOT } from './process.js';

export const ACCEPTED_DIR = path.join(ROOT, 'test', 'screenshots');
const DIFF_DIR = path.join(ROOT, 'test-results', 'screenshot-diffs');
export const UPDATING = process.env.UPDATE_SCREENSHOTS === '1';

/** Per pixel: how different two colours may be (0 to 1) before the pixel counts as changed. */
const PIXEL_THRESHOLD = 0.2;
/**
 * Share of changed pixels accepted. A line that wraps elsewhere with another font moves what
 * follows by a few pixels (grid lines, borders: about 1 % of the image); a lost pattern, a
 * missing plan or a broken layout changes far more.
 */
export const MAX_CHANGED = 0.03;

/** Text drawn invisibly (still laid out), no caret, no transitions. */
const HIDE_TEXT = `*, *::before, *::after {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  text-decoration-color: transparent !important;
  text-shadow: none !important;
  caret-color: transparent !important;
  transition: none !important;
}
svg text { fill: transparent !important; }`;

export interface VisualResult {
  /** Share of pixels that changed, 0 when the image was (re)written. */
  changed: number;
  /** Where the picture of the differences went, when there were any. */
  diffPath: string | null;
}

/** The page's viewport, text hidden, compared with (or, when updating, saved as) `name`.png. */
export async function compareScreenshot(page: Page, name: string): Promise<VisualResult> {
  await page.addStyleTag({ content: HIDE_TEXT });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
  const accepted = path.join(ACCEPTED_DIR, `${name}.png`);
  if (UPDATING) {
    fs.mkdirSync(ACCEPTED_DIR, { recursive: true });
    fs.writeFileSync(accepted, shot);
    return { changed: 0, diffPath: null };
  }
  if (!fs.existsSync(accepted))
    throw new Error(`no accepted image ${path.relative(ROOT, accepted)}: run with UPDATE_SCREENSHOTS=1 to create it`);
  const expected = PNG.sync.read(fs.readFileSync(accepted));
  const actual = PNG.sync.read(shot);
  if (expected.width !== actual.width || expected.height !== actual.height)
    throw new Error(`${name}: ${actual.width}×${actual.height}, accepted ${expected.width}×${expected.height}`);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const count = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: PIXEL_THRESHOLD,
  });
  let diffPath: string | null = null;
  if (count > 0) {
    fs.mkdirSync(DIFF_DIR, { recursive: true });
    diffPath = path.join(DIFF_DIR, `${name}.png`);
    fs.writeFileSync(diffPath, PNG.sync.write(diff));
    fs.writeFileSync(path.join(DIFF_DIR, `${name}.actual.png`), shot);
  }
  return { changed: count / (actual.width * actual.height), diffPath };
}
