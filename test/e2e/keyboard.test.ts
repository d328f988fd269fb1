// The desk booking with the keyboard alone (Tab, Shift+Tab, Enter, Space, the arrows in a
// radio group and typing; never a click), checking at every stop that the focused element
// shows a visible focus indicator and is on screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { DEMO_ACCOUNTS, DEMO_TEST_PASSWORD } from '../helpers/auth.js';
import { newContext, nextOpenDays, startE2eServer, type E2eServer } from '../helpers/browser.js';
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

interface FocusState {
  description: string;
  matches: boolean;
  /** Why the focus would not be seen, or null. */
  problem: string | null;
}

/** Where the focus is and whether a sighted keyboard user can see it (WCAG 2.4.7, 2.4.11). */
function focusState(page: Page, selector: string): Promise<FocusState> {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { description: 'body', matches: false, problem: 'focus is on the body' };
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const description = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const rect = el.getBoundingClientRect();
    const onScreen =
      rect.width > 0 &&
      rect.height > 0 &&
      rect.bottom > 0 &&
      rect.top < window.innerHeight &&
      rect.right > 0 &&
      rect.left < window.innerWidth;
    // Not hidden behind something else (a sticky header, for instance).
    const probe = document.elementFromPoint(
      Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1),
      Math.min(Math.max(rect.top + rect.height / 2, 0), window.innerHeight - 1),
    );
    const covered =
      probe !== null &&
      probe !== el &&
      !el.contains(probe) &&
      !(probe instanceof HTMLLabelElement && probe.control === el);
    const problem = !outlined
      ? `no visible focus outline (${style.outlineStyle} ${style.outlineWidth})`
      : !onScreen
        ? 'off screen'
        : covered
          ? 'covered by another element'
          : null;
    return { description, matches: el.matches(sel), problem };
  }, selector);
}

/** Presses Tab (or Shift+Tab) until the focus is on `selector`, checking every stop on the way. */
async function tabTo(page: Page, selector: string, options: { back?: boolean; max?: number } = {}): Promise<string[]> {
  const path: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const state = await focusState(page, selector);
    path.push(state.description);
    expect(state.problem, `focus at ${state.description} after ${path.join(' → ')}`).toBeNull();
    if (state.matches) return path;
  }
  throw new Error(`never reached ${selector} with the keyboard: ${path.join(' → ')}`);
}

/**
 * Types a date into the focused native date field, in the order of its segments. Chromium
 * orders them by its own UI language, whatever the page's: a scratch page finds out which.
 */
async function typeDate(page: Page, date: LocalDate): Promise<void> {
  const scratch = await page.context().newPage();
  await scratch.setContent('<input type="date" autofocus>');
  await scratch.focus('input');
  await scratch.keyboard.type('01022030');
  const monthFirst = (await scratch.inputValue('input')) === '2030-01-02';
  await scratch.close();
  await page.bringToFront();
  const [y, m, d] = date.split('-');
  await page.keyboard.type(monthFirst ? `${m}${d}${y}` : `${d}${m}${y}`);
}

describe('the keyboard alone', () => {
  it('signs in and books a desk for the next open day, the focus visible at every step', async () => {
    const [day] = nextOpenDays(server, 1) as [LocalDate];
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);

      // The first stop is the skip link; it shows itself and lands in the main content.
      await tabTo(page, 'a.skip-link', { max: 1 });
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

      await tabTo(page, '#login-email');
      await page.keyboard.type(DEMO_ACCOUNTS.member2.email);
      await tabTo(page, '#login-password', { max: 1 });
      await page.keyboard.type(DEMO_TEST_PASSWORD);
      await Promise.all([page.waitForURL(`${server.url}/`), page.keyboard.press('Enter')]);

      await tabTo(page, 'nav a[href="/book"]');
      await Promise.all([page.waitForURL(/\/book$/), page.keyboard.press('Enter')]);
      await tabTo(page, 'a[href="/book/desk"]');
      await Promise.all([page.waitForURL(/\/book\/desk$/), page.keyboard.press('Enter')]);

      await tabTo(page, '#d-date');
      await typeDate(page, day);
      await expect(page.inputValue('#d-date')).resolves.toBe(day);
      // Tab enters the radio group on its checked button (the page opens on a half-day still
      // to come today, perhaps the afternoon); the arrows move to the whole day.
      await tabTo(page, 'input[name="part"]:checked', { max: 5 });
      const fullDay = 'input[name="part"][value="full_day"]';
      for (let i = 0; i < 3 && !(await page.isChecked(fullDay)); i++) await page.keyboard.press('ArrowDown');
      expect((await focusState(page, fullDay)).problem).toBeNull();
      await expect(page.isChecked(fullDay)).resolves.toBe(true);
      await tabTo(page, 'form.filters button[type="submit"]');
      await page.keyboard.press('Enter');
      // htmx swapped the results and moved the focus to their heading, which shows it.
      await page.waitForFunction(
        (d) => document.activeElement?.id === 'desk-day' && new URL(location.href).searchParams.get('date') === d,
        day,
      );
      expect((await focusState(page, '#desk-day')).problem).toBeNull();

      const take = '#desk-results form button[type="submit"]';
      const path = await tabTo(page, take);
      expect(path.at(-1)).toContain('Prendre un poste libre dans la zone Open space');
      // Back one stop and forward again: Shift+Tab walks the same order.
      await tabTo(page, '#desk-results nav a:last-of-type', { back: true, max: 1 });
      await tabTo(page, take, { max: 1 });
      await Promise.all([page.waitForURL(/\/bookings\/\d+\?done=created$/), page.keyboard.press('Space')]);
      await expect(page.locator('main .notice').first().textContent()).resolves.toBe('Réservation confirmée.');
      await expect(page.locator('.facts').textContent()).resolves.toContain('Poste OS-');
      await expect(page.locator('.facts dd').first().textContent()).resolves.toMatch(/08:30–19:00/);
    } finally {
      await context.close();
    }
  });
});
