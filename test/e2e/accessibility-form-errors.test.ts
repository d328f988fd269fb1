// A form refused with errors in Chromium, in French then in English: the booking form sent
// with an empty end, a wrong number of people and a too-long title. The summary takes the
// focus, each entry names its field and moves to it, and axe finds nothing (check() of pages.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, signIn, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import { check, type Lang } from './pages.js';

let server: E2eServer;
let browser: Browser;
let member: Page;

const LABELS: Record<Lang, { people: string; separator: string }> = {
  fr: { people: 'Nombre de personnes', separator: '\u202f: ' },
  en: { people: 'Number of people', separator: ': ' },
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  member = await (await newContext(browser)).newPage();
  await signIn(member, server.url, 'member');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The booking form sent with three wrong fields; resolves once the refused form is shown. */
async function refusedForm(page: Page): Promise<void> {
  const response = await page.goto(`${server.url}/bookings/new`);
  expect(response?.status()).toBe(200);
  await page.fill('#b-start', '');
  await page.fill('#b-headcount', '0');
  await page.fill('#b-title', 'x'.repeat(201));
  await page.locator('.booking-form button[type="submit"]').last().click();
  await page.waitForSelector('.alert[role="alert"] a[href="#b-headcount"]');
}

describe.each(['fr', 'en'] as Lang[])('the booking form with errors in %s', (lang) => {
  beforeAll(async () => {
    if (lang === 'en') {
      await member.goto(`${server.url}/`);
      await Promise.all([
        member.waitForURL(`${server.url}/`),
        member.locator('header form[action="/profile/language"] button').click(),
      ]);
    }
  });

  it('passes axe, focus and reflow checks', async () => {
    expect(await check(member, lang, { name: 'booking-form-errors', open: refusedForm })).toEqual([]);
  });

  it('focuses the summary; an entry names its field and takes the reader to it', async () => {
    await member.setViewportSize({ width: 1280, height: 900 });
    await refusedForm(member);
    expect(await member.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const link = member.locator('.alert[role="alert"] a[href="#b-headcount"]');
    const { people, separator } = LABELS[lang];
    expect(await link.textContent()).toMatch(new RegExp(`^${people}${separator}\\S`));
    await link.click();
    expect(await member.evaluate(() => document.activeElement?.id)).toBe('b-headcount');
    expect(await member.getAttribute('#b-headcount', 'aria-invalid')).toBe('true');
  });
});
