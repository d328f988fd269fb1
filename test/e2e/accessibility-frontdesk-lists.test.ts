// The all-bookings list, bookings on behalf and visitors in Chromium, in French then in
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
let staff: Page;
let member: Page;
let day: LocalDate;
let guestBooking: number;

const go =
  (to: () => string, status = 200) =>
  async (page: Page) => {
    const response = await page.goto(`${server.url}${to()}`);
    expect(response?.status(), to()).toBe(status);
  };

const STAFF_PAGES: Spec[] = [
  { name: 'all-bookings', open: go(() => `/frontdesk/bookings?date=${day}`) },
  { name: 'all-bookings-invalid', open: go(() => `/frontdesk/bookings?from=${day}&to=2000-01-01`, 422) },
  {
    name: 'booking-for-member-search',
    open: async (page) => {
      await go(() => '/bookings/new')(page);
      await page.fill('#b-member-q', 'camille');
      await page.locator('button[name="find_member"]').click();
      await page.waitForSelector('input[name="for_member"]');
    },
  },
  {
    name: 'booking-for-guest-invalid',
    open: async (page) => {
      await go(() => `/bookings/new?start=${day}T08:30&end=${day}T13:00`)(page);
      await page.check('#b-for-guest');
      await page.locator('#booking-panel form.booking-form .actions button[type="submit"]').click();
      await page.waitForSelector('#b-guest-name-error');
    },
  },
  { name: 'booking-of-guest', open: go(() => `/bookings/${guestBooking}`) },
  { name: 'visitors-staff', open: go(() => '/visitors') },
];

const MEMBER_PAGES: Spec[] = [
  {
    name: 'visitors-invalid',
    open: async (page) => {
      await go(() => '/visitors')(page);
      await page.locator('main form[action="/visitors"] .actions button[type="submit"]').click();
      await page.waitForSelector('#v-name-error');
    },
  },
];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        const sql = db.$client;
        const id = (table: string, where: string, value: string) =>
          (sql.prepare(`SELECT id FROM ${table} WHERE ${where} = ?`).get(value) as { id: number }).id;
        const [open] = nextOpenDays({ closures: siteClosures(db) }, 1);
        day = open!;
        const camille = id('members', 'email', 'camille@demo.21.example.org');
        const desk = id('members', 'email', 'accueil@demo.21.example.org');
        const insert = sql.prepare(
          `INSERT INTO bookings (resource_id, member_id, booked_by_id, starts_at, ends_at, status, checked_in_at,
             guest_name, guest_organisation, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?, 0, 0) RETURNING id`,
        );
        insert.run(
          id('resources', 'slug', 'poste-os-01'),
          camille,
          camille,
          localInstant(day, '08:30'),
          localInstant(day, '13:00'),
          localInstant(day, '08:40'),
          null,
          null,
        );
        guestBooking = (
          insert.get(
            id('resources', 'slug', 'poste-os-02'),
            null,
            desk,
            localInstant(day, '08:30'),
            localInstant(day, '13:00'),
            null,
            'Jeanne Invitée',
            'Mairie',
          ) as { id: number }
        ).id;
        sql
          .prepare(
            `INSERT INTO visitors (site_id, host_member_id, name, organisation, expected_at, created_by_id, created_at)
             VALUES (1, ?, 'Marc Partenaire', 'Fondation', ?, ?, 0)`,
          )
          .run(camille, localInstant(day, '12:00'), camille);
      },
    }),
    launchChromium(),
  ]);
  const [staffContext, memberContext] = await Promise.all([newContext(browser), newContext(browser)]);
  staff = await staffContext.newPage();
  member = await memberContext.newPage();
  await signIn(staff, server.url, 'frontdesk');
  await signIn(member, server.url, 'member');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The header's language switch: saved in the profile of the person signed in. */
async function switchToEnglish(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(`${server.url}/`),
    page.locator('header form[action="/profile/language"] button').click(),
  ]);
  await page.goto(`${server.url}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
}

describe.each(['fr', 'en'] as Lang[])('front-desk lists in %s', (lang) => {
  beforeAll(async () => {
    if (lang === 'en') {
      await staff.goto(`${server.url}/`);
      await member.goto(`${server.url}/`);
      await switchToEnglish(staff);
      await switchToEnglish(member);
    }
  });

  it.each(STAFF_PAGES.map((s) => [s.name, s] as const))('staff: %s', async (_name, spec) => {
    expect(await check(staff, lang, spec)).toEqual([]);
  });

  it.each(MEMBER_PAGES.map((s) => [s.name, s] as const))('member: %s', async (_name, spec) => {
    expect(await check(member, lang, spec)).toEqual([]);
  });
});
