// The reports, public rates and audit pages and the admin menu in Chromium, in French then in
// English: axe (WCAG 2.2 AA), visible focus, reflow at 375, 320 and 640 px (check() of pages.ts).
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
let lead: Page;
let day: LocalDate;

const go =
  (to: () => string, status = 200) =>
  async (page: Page) => {
    const response = await page.goto(`${server.url}${to()}`);
    expect(response?.status(), to()).toBe(status);
  };

const ADMIN_PAGES: Spec[] = [
  { name: 'reports', open: go(() => `/admin/reports?from=${day.slice(0, 8)}01&to=${day}`) },
  { name: 'reports-invalid', open: go(() => `/admin/reports?from=${day}&to=2000-01-01&kind=castle`, 422) },
  { name: 'prices', open: go(() => '/admin/prices') },
  {
    name: 'prices-invalid',
    open: async (page) => {
      await go(() => '/admin/prices')(page);
      await page.fill('#rate-amount', 'abc');
      await page.locator('main form[action="/admin/prices"] button[type="submit"]').click();
      await page.waitForSelector('#rate-amount-error');
    },
  },
  {
    name: 'audit',
    open: async (page) => {
      await go(() => '/admin/audit')(page);
      await page.locator('#audit-list details summary').first().click();
    },
  },
  {
    name: 'admin-menu-open',
    open: async (page) => {
      await go(() => '/admin/reports')(page);
      await page.locator('#menu-admin').click();
      await page.waitForSelector('nav[aria-labelledby="menu-admin"] a[href="/admin/prices"]', { state: 'visible' });
    },
  },
];

const LEAD_PAGES: Spec[] = [{ name: 'reports-lead', open: go(() => '/admin/reports') }];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        const sql = db.$client;
        const id = (query: string, value: string) => (sql.prepare(query).get(value) as { id: number }).id;
        const [open] = nextOpenDays({ closures: siteClosures(db) }, 1);
        day = open!;
        const camille = id('SELECT id FROM members WHERE email = ?', 'camille@demo.21.example.org');
        const organisation = (
          sql.prepare('SELECT organisation_id AS id FROM memberships WHERE member_id = ?').get(camille) as {
            id: number;
          }
        ).id;
        const insert = sql.prepare(
          `INSERT INTO bookings (resource_id, member_id, booked_by_id, organisation_id, starts_at, ends_at, status,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'confirmed', 0, 0)`,
        );
        for (const [slug, from, to] of [
          ['salle-dunant', '10:00', '12:00'],
          ['poste-os-01', '08:30', '13:00'],
        ] as const)
          insert.run(
            id('SELECT id FROM resources WHERE slug = ?', slug),
            camille,
            camille,
            organisation,
            localInstant(day, from),
            localInstant(day, to),
          );
      },
    }),
    launchChromium(),
  ]);
  const [adminContext, leadContext] = await Promise.all([newContext(browser), newContext(browser)]);
  admin = await adminContext.newPage();
  lead = await leadContext.newPage();
  await signIn(admin, server.url, 'admin');
  await signIn(lead, server.url, 'lead');
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

describe.each(['fr', 'en'] as Lang[])('reports and admin pages in %s', (lang) => {
  beforeAll(async () => {
    if (lang === 'en') {
      await switchToEnglish(admin);
      await switchToEnglish(lead);
    }
  });

  it.each(ADMIN_PAGES.map((s) => [s.name, s] as const))('admin: %s', async (_name, spec) => {
    expect(await check(admin, lang, spec)).toEqual([]);
  });

  it.each(LEAD_PAGES.map((s) => [s.name, s] as const))('lead: %s', async (_name, spec) => {
    expect(await check(lead, lang, spec)).toEqual([]);
  });
});
