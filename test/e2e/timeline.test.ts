// The desk floor plan and the rooms timeline in a real Chromium, by keyboard only: a desk
// chosen on the plan, a room booked on the timeline (arrows, Enter, Enter, confirm); and
// axe, focus, reflow and target sizes on both pages in French and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../src/domain/local-date.js';
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
  // The language is the member's profile's, kept from one test to the next: switch only when needed.
  if ((await page.getAttribute('html', 'lang')) !== lang)
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

describe('the rooms timeline', () => {
  it('books a room by keyboard: Tab into the grid, arrows, Enter, Enter, then confirm the form', async () => {
    const page = await memberPage('member');
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      // The grid is one Tab stop: its first free cell (Henry Dunant, 08:30) after the filters and view links.
      await tabTo(page, 'table[role="grid"] td a');
      await expect(focusedName(page)).resolves.toBe('Salle Henry Dunant, 08:30–09:00, libre');
      await page.keyboard.press('ArrowDown');
      await expect(focusedName(page)).resolves.toBe('Salle Clara Barton, 08:30–09:00, libre');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await expect(focusedName(page)).resolves.toBe('Salle Clara Barton, 10:00–10:30, libre');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('announcer')?.textContent?.startsWith('Début à 10:00'));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('td[aria-selected="true"]').count()).resolves.toBe(3);
      // Escape drops the selection; it starts again.
      await page.keyboard.press('Escape');
      await expect(page.locator('td[aria-selected="true"]').count()).resolves.toBe(0);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(focusedName(page)).resolves.toBe('Salle Clara Barton, 11:00–11:30, libre');
      await Promise.all([page.waitForURL(/\/bookings\/new\?/), page.keyboard.press('Enter')]);
      await expect(page.inputValue('#b-start')).resolves.toBe(`${day}T10:00`);
      await expect(page.inputValue('#b-end')).resolves.toBe(`${day}T11:30`);
      await tabTo(page, '#booking-panel form.booking-form button[type="submit"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Réservation confirmée.');
      // Back on the timeline, the new booking is one block of three columns, named.
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      const block = page.locator('tr:has(a:text("Salle Clara Barton")) td.busy');
      await expect(block.getAttribute('colspan')).resolves.toBe('3');
      await expect(block.locator('.visually-hidden').textContent()).resolves.toBe(
        'Salle Clara Barton, 10:00–11:30, réservée',
      );
    } finally {
      await page.context().close();
    }
  });

  it('changes the day with Page Down, keeping the row and column', async () => {
    const page = await memberPage('member2');
    try {
      // An open day followed by another, so that the next day has a grid too.
      const open = nextOpenDays(server, 10);
      const from = open.find((d) => open.includes(addDays(d, 1)))!;
      await page.goto(`${server.url}/book/rooms?date=${from}`);
      await tabTo(page, 'table[role="grid"] td a');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await Promise.all([
        page.waitForURL(new RegExp(`date=${addDays(from, 1)}#t-1-1$`)),
        page.keyboard.press('PageDown'),
      ]);
      await page.waitForFunction(() => document.activeElement?.closest('table[role="grid"]') !== null);
      await expect(focusedName(page)).resolves.toMatch(/^Salle Clara Barton, 09:00–09:30, /);
    } finally {
      await page.context().close();
    }
  });

  it('books the dragged time with a pointer', async () => {
    const page = await memberPage('member2');
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      const cell = (name: string) => page.getByRole('link', { name });
      await cell('Salle Louis Appia, 14:00–14:30, libre').scrollIntoViewIfNeeded();
      const from = await cell('Salle Louis Appia, 14:00–14:30, libre').boundingBox();
      const to = await cell('Salle Louis Appia, 15:00–15:30, libre').boundingBox();
      await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
      await page.mouse.down();
      await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 5 });
      await Promise.all([page.waitForURL(/\/bookings\/new\?/), page.mouse.up()]);
      await expect(page.inputValue('#b-start')).resolves.toBe(`${day}T14:00`);
      await expect(page.inputValue('#b-end')).resolves.toBe(`${day}T15:30`);
    } finally {
      await page.context().close();
    }
  });
});

describe.each(['fr', 'en'] as const)('axe, focus and reflow in %s', (lang) => {
  it('finds nothing on the rooms timeline', async () => {
    const page = await memberPage('lead', lang);
    try {
      const problems = await check(page, lang, {
        name: 'rooms-timeline',
        open: async (p) => {
          await p.goto(`${server.url}/book/rooms?date=${day}`);
        },
      });
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

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
