// htmx 4 parses every answer with Document.parseHTMLUnsafe(html, {}); Chromium 124 to 145
// refuse that second argument. The browser here is newer, so it is made to refuse it the
// same way, and a filter of the catalogue must still be swapped in by htmx (public/app.js).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What Chromium 143 does: the one-argument form works, the options argument throws. */
function refuseParseOptions() {
  const parse = Document.parseHTMLUnsafe.bind(Document);
  Document.parseHTMLUnsafe = function (html: string) {
    if (arguments.length > 1)
      throw new TypeError("Failed to execute 'parseHTMLUnsafe' on 'Document': Overload resolution failed.");
    return parse(html);
  } as typeof Document.parseHTMLUnsafe;
}

describe('htmx on a browser that refuses parseHTMLUnsafe options', () => {
  it('still swaps the catalogue list when a filter changes, without reloading the page', async () => {
    const context = await newContext(browser);
    await context.addInitScript(refuseParseOptions);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.text().includes('htmx:error')) errors.push(message.text());
    });
    await page.goto(`${server.url}/resources`);
    const all = await page.locator('#resource-list li').count();
    // A full reload would forget this; an htmx swap keeps the page and its window.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await page.selectOption('#f-kind', 'meeting_room');
    await page.waitForURL(/kind=meeting_room/);
    await expect.poll(() => page.locator('#resource-list li').count()).toBeLessThan(all);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(errors).toEqual([]);
    await context.close();
  });
});
