// The rooms page on a phone (390×844) in a real Chromium: the first screen shows the day and the rooms, the filters
// folded; a room at 10:00 booked by keyboard alone in a few Tab presses; the timeline, when asked for, still one Tab
// stop with arrows inside; axe with nothing to say in French and English. And at 1280 px, the filters open and the
// whole opening day in view.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import {
  axeViolations,
  focusWithoutOutline,
  horizontalOverflow,
  newContext,
  nextOpenDays,
  signIn,
  startE2eServer,
  type E2eServer,
} from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import type { Lang } from './pages.js';

const PHONE = { width: 390, height: 844 };

let server: E2eServer;
let browser: Browser;
let day: LocalDate;
let barton: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        barton = String(
          (db.$client.prepare('SELECT id FROM resources WHERE slug = ?').get('salle-barton') as { id: number }).id,
        );
      },
    }),
    launchChromium(),
  ]);
  [day] = nextOpenDays(server, 1) as [LocalDate];
  // Clara Barton is taken until 10:00 by someone else: on the list its free time starts at 10:00.
  const lead = await memberPage('lead', 'fr', { width: 1280, height: 800 });
  try {
    const csrf = JSON.parse((await lead.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
    const res = await lead.request.post(`${server.url}/bookings`, {
      form: { resource: barton, start: `${day}T08:30`, end: `${day}T10:00`, _csrf: csrf },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
  } finally {
    await lead.context().close();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function memberPage(
  who: 'member' | 'member2' | 'lead',
  lang: Lang = 'fr',
  viewport: { width: number; height: number } = PHONE,
): Promise<Page> {
  const context = await newContext(browser, { viewport });
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

/** Whether the element is laid out and starts above the first screen's bottom edge. */
const onFirstScreen = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.top < window.innerHeight;
    });

/** The accessible name (aria-label or text) of the focused element. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

/** Presses Tab until the focused element matches `selector`; how many presses it took. */
async function tabTo(page: Page, selector: string, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`never reached ${selector} with Tab`);
}

describe('the rooms page on a phone', () => {
  it('shows the day and the rooms on its first screen, the filters folded until asked for', async () => {
    const page = await memberPage('member');
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      await expect(onFirstScreen(page, '#rooms-day-heading')).resolves.toBe(true);
      await expect(onFirstScreen(page, '.room-list h3')).resolves.toBe(true);
      await expect(onFirstScreen(page, '.room-list .slots a')).resolves.toBe(true);
      await expect(page.locator('#r-date').isVisible()).resolves.toBe(false);
      // The list, not a squeezed grid.
      await expect(page.locator('table[role="grid"]').isVisible()).resolves.toBe(false);
      // Its view link says so, though none was asked for.
      await expect(page.locator('.view-switch a[aria-current="true"]').textContent()).resolves.toBe('Vue liste');
      // The disclosure opens by keyboard and shows the date first.
      await tabTo(page, '.filters-disclosure > summary');
      await expect(focusedName(page)).resolves.toBe('Date et filtres');
      await page.keyboard.press('Enter');
      await expect(page.locator('#r-date').isVisible()).resolves.toBe(true);
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('r-date');
    } finally {
      await page.context().close();
    }
  });

  it('books a room at 10:00 by keyboard in a few Tab presses', async () => {
    const page = await memberPage('member');
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      const bartonSlot = `.room-list .slots a[href*="resource=${barton}&"]`;
      const presses = await tabTo(page, bartonSlot);
      expect(presses).toBeLessThanOrEqual(20);
      await expect(focusedName(page)).resolves.toBe('10:00–19:00 – Réserver Salle Clara Barton à 10:00–19:00');
      await Promise.all([page.waitForURL(/\/bookings\/new\?/), page.keyboard.press('Enter')]);
      await expect(page.inputValue('#b-start')).resolves.toBe(`${day}T10:00`);
      await expect(page.inputValue('#b-end')).resolves.toBe(`${day}T11:00`);
      await tabTo(page, '#booking-panel form.booking-form button[type="submit"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Réservation confirmée.');
      // Back on the list, Clara Barton is free from 11:00.
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      await expect(page.locator(bartonSlot).first().textContent()).resolves.toMatch(/^11:00–19:00/);
    } finally {
      await page.context().close();
    }
  });

  it('keeps the timeline, when asked for, one Tab stop with the arrows inside', async () => {
    const page = await memberPage('member2');
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}&view=grid`);
      // Its guide folded, the grid starts on the first screen.
      await expect(page.locator('.timeline-guide > summary').isVisible()).resolves.toBe(true);
      await expect(page.locator('#timeline-help').isVisible()).resolves.toBe(false);
      await expect(onFirstScreen(page, 'table[role="grid"] tbody tr')).resolves.toBe(true);
      const presses = await tabTo(page, 'table[role="grid"] td a');
      expect(presses).toBeLessThanOrEqual(20);
      await expect(focusedName(page)).resolves.toBe('Salle Henry Dunant, 08:30–09:00, libre');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await expect(focusedName(page)).resolves.toBe('Salle Henry Dunant, 10:00–10:30, libre');
      // The focused cell is scrolled into the phone's view, inside the grid's own scrolling box.
      const box = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
      // One more Tab leaves the grid.
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.closest('table[role="grid"]') === null)).resolves.toBe(
        true,
      );
    } finally {
      await page.context().close();
    }
  });
});

describe('the rooms page on a wide screen', () => {
  it('shows the filters without their disclosure and the whole opening day', async () => {
    const page = await memberPage('member2', 'fr', { width: 1280, height: 800 });
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}`);
      await expect(page.locator('.filters-disclosure > summary').isVisible()).resolves.toBe(false);
      await expect(page.locator('#r-date').isVisible()).resolves.toBe(true);
      await expect(page.locator('.timeline-guide > summary').isVisible()).resolves.toBe(false);
      await expect(page.locator('#timeline-help').isVisible()).resolves.toBe(true);
      await expect(page.locator('.room-list').isVisible()).resolves.toBe(false);
      await expect(page.locator('.view-switch a[aria-current="true"]').textContent()).resolves.toBe('Vue grille');
      const wrap = page.locator('.day-grid-wrap');
      await expect(wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
      await expect(page.locator('table[role="grid"] thead th').last().textContent()).resolves.toBe('18:30');
      // The date is reached by Tab, as before the disclosure.
      await tabTo(page, '#r-date');
    } finally {
      await page.context().close();
    }
  });
});

describe.each(['fr', 'en'] as const)('axe at 390×844 in %s', (lang) => {
  it.each([
    ['the list', ''],
    ['the timeline', '&view=grid'],
  ])('finds nothing on %s, disclosures folded and open', async (_name, query) => {
    const page = await memberPage('lead', lang);
    try {
      await page.goto(`${server.url}/book/rooms?date=${day}${query}`);
      await expect(page.getAttribute('html', 'lang')).resolves.toBe(lang);
      const problems = [...(await axeViolations(page)), ...(await horizontalOverflow(page))];
      await page.locator('.filters-disclosure > summary').click();
      await expect(page.locator('#r-date').isVisible()).resolves.toBe(true);
      if (query) await page.locator('.timeline-guide > summary').click();
      problems.push(...(await axeViolations(page)), ...(await focusWithoutOutline(page)));
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
