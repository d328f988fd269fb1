// The public rental form in a real Chromium, in French and in English: axe (WCAG 2.2 AA) finds
// nothing on the empty form, on the form refused with its error summary, nor on the
// requester's page; "Check availability" answers in place (htmx) and the request reaches its
// private page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, newContext, nextOpenDays, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const WORDS = {
  fr: {
    free: 'L’espace est libre',
    check: 'Vérifier la disponibilité',
    send: 'Envoyer la demande',
    state: 'Demande reçue',
  },
  en: { free: 'The space is free', check: 'Check availability', send: 'Send the request', state: 'Request received' },
} as const;

describe.each(['fr', 'en'] as const)('the rental form in %s', (lang) => {
  it('is accessible empty, refused and sent, and checks availability in place', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/language/${lang}?next=/event-space/request`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: WORDS[lang].send }).click();
    await page.waitForLoadState();
    expect(await page.locator('.alert[role="alert"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Three open days ahead at least: the space needs two days' notice.
    const date = nextOpenDays(server, 4)[3]!;
    await page.locator('#r-organisation').fill(lang === 'fr' ? 'Les Amis du Quartier' : 'Friends of the Block');
    await page.locator('#r-kind-association').check();
    await page.locator('#r-contact').fill('Nadia Benali');
    await page.locator('#r-email').fill('nadia@amis.example.org');
    await page.locator('#r-phone').fill('+33 6 12 34 56 78');
    await page.locator('#r-title').fill(`Soirée ${lang}`);
    await page.locator('#r-date').fill(date);
    await page.locator('#r-start').fill(lang === 'fr' ? '18:00' : '18:30');
    await page.locator('#r-end').fill('21:00');
    await page.locator('#r-layout').selectOption('theatre');
    await page.locator('#r-headcount').fill('80');
    await page.locator('#r-purpose').fill('Rencontres.');
    await page.getByRole('button', { name: WORDS[lang].check }).click();
    await expect.poll(() => page.locator('#rental-availability').innerText()).toContain(WORDS[lang].free);

    await page.locator('#r-consent').check();
    await page.getByRole('button', { name: WORDS[lang].send }).click();
    await page.waitForURL(/\/rentals\/[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('main').innerText()).toContain(WORDS[lang].state);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
