// The approval queue and the event space's month in Chromium, in French then in English:
// axe (WCAG 2.2 AA), visible focus, reflow at 375, 320 and 640 px (check() of pages.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import {
  localInstant,
  newContext,
  nextOpenDays,
  signIn,
  siteClosures,
  startE2eServer,
  type E2eServer,
} from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import { check, type Lang, type Spec } from './pages.js';

let server: E2eServer;
let browser: Browser;
let admin: Page;
let desk: Page;
let day: LocalDate;
let pending: number;
let organisation: number;

const go =
  (to: () => string, status = 200) =>
  async (page: Page) => {
    const response = await page.goto(`${server.url}${to()}`);
    expect(response?.status(), to()).toBe(status);
  };

const ADMIN_PAGES: Spec[] = [
  { name: 'approvals', open: go(() => '/admin/approvals') },
  {
    name: 'approvals-decline-without-message',
    open: async (page) => {
      await go(() => '/admin/approvals')(page);
      await page.locator(`button[formaction="/admin/approvals/${pending}/decline"]`).click();
      await page.waitForSelector(`#approval-${pending}-message-error`);
    },
  },
  // The rentals queue holds the approvals too; the rates page holds the rental settings.
  { name: 'rentals-queue', open: go(() => '/admin/rentals') },
  { name: 'rental-rates-and-settings', open: go(() => '/admin/rentals/rates') },
  { name: 'organisation-with-plans', open: go(() => `/admin/organisations/${organisation}`) },
];

const DESK_PAGES: Spec[] = [
  { name: 'approvals-read-only', open: go(() => '/admin/approvals') },
  { name: 'event-space-month', open: go(() => `/admin/event-space?month=${day.slice(0, 7)}`) },
  { name: 'event-space-invalid', open: go(() => '/admin/event-space?month=2027-13', 422) },
];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        const sql = db.$client;
        const id = (table: string, where: string, value: string) =>
          (sql.prepare(`SELECT id FROM ${table} WHERE ${where} = ?`).get(value) as { id: number }).id;
        // Past the event space's two days of notice.
        day = nextOpenDays({ closures: siteClosures(db) }, 4)[3]!;
        const camille = id('members', 'email', 'camille@demo.21.example.org');
        organisation = (sql.prepare('SELECT min(id) AS id FROM organisations').get() as { id: number }).id;
        const space = id('resources', 'slug', 'espace-evenementiel');
        const insert = sql.prepare(
          `INSERT INTO bookings (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, headcount,
             guest_name, guest_organisation, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id`,
        );
        pending = (
          insert.get(
            space,
            camille,
            camille,
            localInstant(day, '09:00'),
            localInstant(day, '12:00'),
            'pending',
            'Atelier',
            40,
            null,
            null,
          ) as { id: number }
        ).id;
        insert.run(
          space,
          null,
          null,
          localInstant(day, '18:00'),
          localInstant(day, '22:00'),
          'confirmed',
          'Colloque',
          120,
          'Léa Durand',
          'Mairie',
        );
      },
    }),
    launchChromium(),
  ]);
  const [adminContext, deskContext] = await Promise.all([newContext(browser), newContext(browser)]);
  admin = await adminContext.newPage();
  desk = await deskContext.newPage();
  await signIn(admin, server.url, 'admin');
  await signIn(desk, server.url, 'frontdesk');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The header's language switch: saved in the profile of the person signed in. */
async function switchToEnglish(page: Page): Promise<void> {
  await page.goto(`${server.url}/`);
  await Promise.all([
    page.waitForURL(`${server.url}/`),
    page.locator('header form[action="/profile/language"] button').click(),
  ]);
  await page.goto(`${server.url}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
}

describe.each(['fr', 'en'] as Lang[])('approvals and the event space in %s', (lang) => {
  beforeAll(async () => {
    if (lang === 'en') {
      await switchToEnglish(admin);
      await switchToEnglish(desk);
    }
  });

  it.each(ADMIN_PAGES.map((s) => [s.name, s] as const))('admin: %s', async (_name, spec) => {
    expect(await check(admin, lang, spec)).toEqual([]);
  });

  it.each(DESK_PAGES.map((s) => [s.name, s] as const))('front desk: %s', async (_name, spec) => {
    expect(await check(desk, lang, spec)).toEqual([]);
  });
});
