// Cancelling with care, by keyboard alone in Chromium (Tab, typing, Enter; never a click):
// the booking's cancel link, the confirmation step with a reason, then Undo, which the focus
// lands on, restoring the booking. Each stop is checked for a visible focus.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { nextOpenDays, signedInPage, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

let server: E2eServer;
let browser: Browser;
let room: number;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        room = (db.$client.prepare("SELECT id FROM resources WHERE slug = 'salle-dodu'").get() as { id: number }).id;
      },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The focused element, and why a sighted keyboard user would not see it (null when they would). */
function focused(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { matches: false, what: 'body', problem: 'focus is on the body' };
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight;
    const what = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    return {
      matches: el.matches(sel),
      what,
      problem: !outlined ? 'no focus outline' : !onScreen ? 'off screen' : null,
    };
  }, selector);
}

/** Presses Tab until the focus is on `selector`, checking each stop shows its focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const state = await focused(page, selector);
    path.push(state.what);
    expect(state.problem, path.join(' → ')).toBeNull();
    if (state.matches) return;
  }
  throw new Error(`never reached ${selector}: ${path.join(' → ')}`);
}

it('cancels a booking after confirming with a reason, then undoes it, by keyboard alone', async () => {
  const page = await signedInPage(browser, server, 'member');
  const [day] = nextOpenDays(server, 1) as [LocalDate];
  // The booking to cancel, made through the form's own POST (the keyboard part starts on its page).
  const csrf = JSON.parse((await page.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
  const made = await page.request.post(`${server.url}/bookings`, {
    form: { resource: String(room), start: `${day}T14:00`, end: `${day}T15:00`, _csrf: csrf },
    maxRedirects: 0,
  });
  expect(made.status()).toBe(303);
  const id = Number(/\/bookings\/(\d+)/.exec(made.headers().location!)![1]);
  await page.goto(`${server.url}/bookings/${id}`);

  await tabTo(page, `a[href="/bookings/${id}/cancel"]`);
  await Promise.all([page.waitForURL(`${server.url}/bookings/${id}/cancel`), page.keyboard.press('Enter')]);
  await expect(page.locator('h1').textContent()).resolves.toBe('Annuler cette réservation ?');

  await tabTo(page, '#cancel-reason');
  await page.keyboard.type('Réunion déplacée');
  await tabTo(page, 'form[action$="/cancel"] button[type="submit"]');
  await Promise.all([page.waitForURL(/\?done=cancelled$/), page.keyboard.press('Enter')]);
  await expect(page.locator('main .notice').first().textContent()).resolves.toBe('Réservation annulée.');
  await expect(page.locator('.facts .state').textContent()).resolves.toBe('Annulée');

  // The page opens with the focus on Undo: one key restores the booking.
  const undo = await focused(page, `form[action="/bookings/${id}/restore"] button`);
  expect(undo).toMatchObject({ matches: true, problem: null });
  await Promise.all([page.waitForURL(/\?done=restored$/), page.keyboard.press('Enter')]);
  await expect(page.locator('main .notice').first().textContent()).resolves.toBe('Réservation rétablie.');
  await expect(page.locator('.facts .state').textContent()).resolves.toBe('Confirmée');
}, 120_000);

it('takes Undo away once its 10 seconds are over, saying so, without moving the page', async () => {
  const page = await signedInPage(browser, server, 'member');
  const [, day] = nextOpenDays(server, 2) as [LocalDate, LocalDate];
  const csrf = JSON.parse((await page.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
  const made = await page.request.post(`${server.url}/bookings`, {
    form: { resource: String(room), start: `${day}T16:00`, end: `${day}T17:00`, _csrf: csrf },
    maxRedirects: 0,
  });
  const id = Number(/\/bookings\/(\d+)/.exec(made.headers().location!)![1]);
  await page.goto(`${server.url}/bookings/${id}/cancel`);
  await Promise.all([
    page.waitForURL(/\?done=cancelled$/),
    page.locator('form[action$="/cancel"] button[type="submit"]').press('Enter'),
  ]);
  // The browser's clock jumps past the offer instead of the test waiting for it.
  await page.clock.install();
  await page.reload();
  await expect(page.locator(`form[action="/bookings/${id}/restore"]`).count()).resolves.toBe(1);
  await page.clock.runFor(10_500);
  await expect(page.locator(`form[action="/bookings/${id}/restore"]`).count()).resolves.toBe(0);
  await expect(page.locator('[data-undo-over]').textContent()).resolves.toBe(
    'Le délai pour rétablir la réservation est passé.',
  );
}, 120_000);
