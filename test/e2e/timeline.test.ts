// The desk floor plan and the rooms timeline in a real Chromium, by keyboard only: a desk
// chosen on the plan, a room booked on the timeline (arrows, Enter, Enter, confirm); and
// axe, focus, reflow and target sizes on both pages in French and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { newContext, nextOpenDays, signIn, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import { check, type Lang } from './pages.js';

let server: E2eServer;
let browser: Browser;
let day: LocalDate;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
  [day] = nextOpenDays(server, 1) as [LocalDate];
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function memberPage(who: 'member' | 'member2' | 'lead', lang: Lang = 'fr'): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url, who);
  if (lang === 'en')
    await Promise.all([
      page.waitForURL(`${server.url}/`),
      page.locator('header form[action="/profile/language"] button').click(),
    ]);
  return page;
}

/** The accessible name (aria-label or text) of the focused element. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });

/** Presses Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`never reached ${selector} with Tab`);
}

describe('the desk floor plan', () => {
  it('books a desk chosen on the plan with the keyboard, which then reads as mine', async () => {
    const page = await memberPage('member2');
    try {
      await page.goto(`${server.url}/book/desk?date=${day}&part=morning`);
      await tabTo(page, '.plan-desk');
      await expect(focusedName(page)).resolves.toBe('Poste OS-01, libre');
      await page.keyboard.press('Tab');
      await expect(focusedName(page)).resolves.toBe('Poste OS-02, libre');
      await Promise.all([page.waitForURL(/\/bookings\/\d+\?done=created$/), page.keyboard.press('Enter')]);
      await expect(page.locator('.facts').textContent()).resolves.toContain('Poste OS-02');
      await page.goto(`${server.url}/book/desk?date=${day}&part=morning`);
      await expect(page.locator('.plan-desk.mine').getAttribute('aria-label')).resolves.toBe('Poste OS-02, le vôtre');
    } finally {
      await page.context().close();
    }
  });
});

describe.each(['fr', 'en'] as const)('axe, focus and reflow in %s', (lang) => {
  it('finds nothing on the desk plan', async () => {
    const page = await memberPage('lead', lang);
    try {
      const problems = await check(page, lang, {
        name: 'desk-plan',
        open: async (p) => {
          await p.goto(`${server.url}/book/desk?date=${day}&part=morning`);
        },
      });
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
