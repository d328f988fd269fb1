// The space-management pages (resources, zones, hours, closures and the confirmation of a
// change that falls on bookings), as an admin, in French and in English: axe (WCAG 2.2 AA),
// visible focus, reflow at 375, 320 and 640 px, through check() of pages.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, nextOpenDays, signIn, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import { check, type Lang, type Spec } from './pages.js';

let server: E2eServer;
let browser: Browser;
let maunoir = 0;
let day = '';

const go =
  (to: () => string, status = 200) =>
  async (page: Page) => {
    const response = await page.goto(`${server.url}${to()}`);
    expect(response?.status(), to()).toBe(status);
  };

const PAGES: Spec[] = [
  { name: 'resources', open: go(() => '/admin/resources') },
  { name: 'resource-edit', open: go(() => `/admin/resources/${maunoir}`) },
  { name: 'resource-new', open: go(() => '/admin/resources/new') },
  {
    name: 'resource-invalid',
    open: async (page) => {
      await go(() => '/admin/resources/new')(page);
      await page.fill('#resource-minDurationMinutes', '600');
      await page.locator('main form[action="/admin/resources/new"] button[type="submit"]').click();
      await page.waitForSelector('.alert');
    },
  },
  { name: 'zones', open: go(() => '/admin/zones') },
  {
    name: 'zone-edit',
    open: async (page) => {
      await go(() => '/admin/zones')(page);
      await page.locator('main table a').first().click();
      await page.waitForSelector('#zone-name');
    },
  },
  { name: 'hours', open: go(() => '/admin/hours') },
  { name: 'hours-resource', open: go(() => `/admin/hours?resource=${maunoir}`) },
  { name: 'closures', open: go(() => '/admin/closures') },
  {
    name: 'closures-invalid',
    open: async (page) => {
      await go(() => '/admin/closures')(page);
      await page.locator('main form[action="/admin/closures"] button[type="submit"]').click();
      await page.waitForSelector('.alert');
    },
  },
  {
    name: 'closure-affected',
    open: async (page) => {
      await go(() => '/admin/closures')(page);
      await page.selectOption('#closure-resource', String(maunoir));
      await page.fill('#closure-start', day);
      await page.fill('#closure-reason', 'Travaux');
      await page.locator('main form[action="/admin/closures"] button[type="submit"]').click();
      await page.waitForSelector('input[name="confirm"]', { state: 'attached' });
    },
  },
];

function checkSpacePages(lang: Lang) {
  let admin: Page;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startE2eServer({
        prepare: (db) => {
          maunoir = (
            db.$client.prepare("SELECT id FROM resources WHERE slug = 'salle-maunoir'").get() as { id: number }
          ).id;
        },
      }),
      launchChromium(),
    ]);
    [day] = nextOpenDays(server, 1) as [string];
    const member = await (await newContext(browser)).newPage();
    admin = await (await newContext(browser)).newPage();
    await signIn(member, server.url, 'member');
    await signIn(admin, server.url, 'admin');
    if (lang === 'en')
      await Promise.all([
        admin.waitForURL(`${server.url}/`),
        admin.locator('header form[action="/profile/language"] button').click(),
      ]);
    // A booking of the member's, for the confirmation page to list.
    const csrf = JSON.parse((await member.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
    const res = await member.request.post(`${server.url}/bookings`, {
      form: { resource: String(maunoir), start: `${day}T10:00`, end: `${day}T11:00`, _csrf: csrf },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`space pages in ${lang}`, () => {
    it.each(PAGES.map((s) => [s.name, s] as const))('admin: %s', async (_name, spec) => {
      expect(await check(admin, lang, spec)).toEqual([]);
    });
  });
}

describe('fr', () => checkSpacePages('fr'));
describe('en', () => checkSpacePages('en'));
