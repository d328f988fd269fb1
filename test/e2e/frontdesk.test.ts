// The front-desk board in a real Chromium against the real server: with keyboard focus on a
// control inside the board, a booking made in another session appears after the poll, and
// focus has not moved; the summary is announced once, politely, because it changed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { nextOpenDays, signedInPage, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

let server: E2eServer;
let browser: Browser;
let desks: { first: number; other: number };

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        const id = (slug: string) =>
          (db.$client.prepare('SELECT id FROM resources WHERE slug = ?').get(slug) as { id: number }).id;
        desks = { first: id('poste-os-01'), other: id('poste-os-07') };
      },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function csrfOf(page: Page): Promise<string> {
  return JSON.parse((await page.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
}

describe('the board polls without moving focus', () => {
  it('shows a booking made elsewhere, keeps focus on the same control, announces the changed summary', async () => {
    const [day] = nextOpenDays(server, 1) as [LocalDate];
    const board = await signedInPage(browser, server, 'frontdesk');
    const member = await signedInPage(browser, server, 'member');
    await board.goto(`${server.url}/frontdesk?date=${day}&poll=2`);
    const control = board.locator(`#book-for-${desks.first}`);
    await control.focus();
    expect(await board.evaluate(() => document.activeElement?.id)).toBe(`book-for-${desks.first}`);
    const before = await board.evaluateHandle(() => document.activeElement);
    await expect.poll(() => board.locator(`#desk-${desks.other} .board-bookings`).count()).toBe(0);

    const res = await member.request.post(`${server.url}/bookings`, {
      form: { resource: String(desks.other), start: `${day}T08:30`, end: `${day}T13:00`, _csrf: await csrfOf(member) },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);

    // The poll brings it in without a reload: the name appears in that desk's line.
    await expect
      .poll(() => board.locator(`#desk-${desks.other}`).textContent(), { timeout: 15_000 })
      .toContain('Camille Membre');
    expect(await board.evaluate(() => document.activeElement?.id)).toBe(`book-for-${desks.first}`);
    // The very same element, not a copy with the same id: the morph kept it.
    expect(await board.evaluate((el) => el === document.activeElement, before)).toBe(true);
    // The summary changed (one more desk booked): said once in the polite live region.
    await expect
      .poll(() => board.locator('#announcer').textContent())
      .toBe('Postes réservés : 1 · visiteurs attendus : 0.');
    // The controls were not swapped: the date field still holds the day.
    expect(await board.inputValue('#fd-date')).toBe(day);
  });
});
