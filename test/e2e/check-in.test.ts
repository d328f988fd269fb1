// Check-in in a real Chromium against the real server, in French and in English: the page a
// door's QR code opens, the booking's page before and after the Check in button (the notice
// is announced and the state reads "checked in"), and the staff's sheet of QR codes; axe
// (WCAG 2.2 AA) finds nothing on any of them. The server runs on the wall clock, so the
// member's booking is written straight into the file around the moment the test starts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../helpers/auth.js';
import { axeViolations, signedInPage, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import type { DemoAccount } from '../helpers/auth.js';

const MINUTE = 60_000;

let server: E2eServer;
let browser: Browser;
let room: number;
const bookingOf: Partial<Record<DemoAccount, number>> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        const sql = db.$client;
        room = (sql.prepare("SELECT id FROM resources WHERE slug = 'salle-maunoir'").get() as { id: number }).id;
        const desk = (sql.prepare("SELECT id FROM resources WHERE slug = 'salle-dodu'").get() as { id: number }).id;
        // Sami and the admin read English; Camille and the front desk French.
        for (const who of ['member2', 'admin'] as const)
          sql.prepare("UPDATE members SET language = 'en' WHERE email = ?").run(DEMO_ACCOUNTS[who].email);
        // A booking that started five minutes ago and lasts an hour, for each member (the job
        // releases a room after 15 minutes: the test is done well before).
        const now = Date.now();
        for (const [who, resource] of [
          ['member', room],
          ['member2', desk],
        ] as const) {
          const id = (
            sql.prepare('SELECT id FROM members WHERE email = ?').get(DEMO_ACCOUNTS[who].email) as { id: number }
          ).id;
          bookingOf[who] = (
            sql
              .prepare(
                `INSERT INTO bookings (resource_id, member_id, booked_by_id, starts_at, ends_at, headcount, status,
                   title, is_public, version, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, 1, 'confirmed', '', 0, 0, ?, ?) RETURNING id`,
              )
              .get(resource, id, id, now - 5 * MINUTE, now + 55 * MINUTE, now, now) as { id: number }
          ).id;
        }
      },
    }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectAccessible(page: Page, lang: 'fr' | 'en') {
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await axeViolations(page)).toEqual([]);
}

describe.each([
  ['fr', 'member', 'frontdesk', 'Arrivée enregistrée.', 'Arrivée signalée à'],
  ['en', 'member2', 'admin', 'Checked in.', 'Checked in at'],
] as const)('check-in in %s', (lang, member, staff, notice, state) => {
  it('from the door’s page to the booking checked in, each page accessible', async () => {
    const page = await signedInPage(browser, server, member);
    const id = bookingOf[member]!;
    const resource = member === 'member' ? room : undefined;
    await page.goto(`${server.url}/bookings/${id}`);
    await expectAccessible(page, lang);
    if (resource) {
      await page.goto(`${server.url}/resources/${resource}/check-in`);
      await expectAccessible(page, lang);
    }
    await Promise.all([
      page.waitForURL(new RegExp(`/bookings/${id}\\?done=checkedIn$`)),
      page.locator(`form[action="/bookings/${id}/check-in"] button`).click(),
    ]);
    await expect.poll(() => page.locator('.notice[role="status"]').textContent()).toBe(notice);
    expect(await page.locator('dd.check-in-state').textContent()).toContain(state);
    expect(await page.locator(`form[action="/bookings/${id}/check-out"] button`).count()).toBe(1);
    await expectAccessible(page, lang);
    await page.context().close();
  });

  it('the sheet of QR codes is accessible', async () => {
    const page = await signedInPage(browser, server, staff);
    const response = await page.goto(`${server.url}/frontdesk/qr-codes`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('.qr-image[role="img"] svg').count()).toBeGreaterThan(60);
    await expectAccessible(page, lang);
    await page.context().close();
  });
});
