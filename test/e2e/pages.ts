// Every page a member (or a visitor) sees, in one language: axe against WCAG 2.2 AA in
// Chromium, a visible focus on every element the keyboard reaches, the page laid out at 375,
// 320 and 640 px wide (a phone, the narrowest WCAG reflow width, 200% zoom of a 1280 px
// window) without sideways scrolling and with targets of 24 px; axe's colour rules again in
// the dark theme; screenshots at 1280 and 375 px go to test-results/screenshots/.
// accessibility-fr.test.ts and accessibility-en.test.ts run it, one server each, in parallel.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import {
  axeTargetSize,
  axeViolations,
  focusWithoutOutline,
  horizontalOverflow,
  newContext,
  nextOpenDays,
  screenshot,
  signIn,
  startE2eServer,
  type E2eServer,
} from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

export type Lang = 'fr' | 'en';

let server: E2eServer;
let browser: Browser;
let ids: { maunoir: number; dodu: number; booking: number };
let day: LocalDate;

export interface Spec {
  name: string;
  /** Opens the page in its state to check (navigation, and a form sent where it needs one). */
  open(page: Page): Promise<unknown>;
}

const go =
  (to: () => string, status = 200) =>
  async (page: Page) => {
    const response = await page.goto(`${server.url}${to()}`);
    expect(response?.status(), to()).toBe(status);
  };

/** A form sent with the browser (htmx swaps the panel), waiting for what it shows. */
const submitted = (to: () => string, fill: (page: Page) => Promise<void>, shown: string) => async (page: Page) => {
  await page.goto(`${server.url}${to()}`);
  await fill(page);
  await page.locator('#booking-panel form.booking-form button[type="submit"]').click();
  await page.waitForSelector(shown);
};

const at = (text: string) => () => text;

const MEMBER_PAGES: Spec[] = [
  { name: 'home', open: go(at('/')) },
  { name: 'catalogue', open: go(at('/resources')) },
  { name: 'resource', open: go(() => `/resources/${ids.maunoir}`) },
  { name: 'book', open: go(at('/book')) },
  {
    name: 'desk',
    open: async (page) => {
      await go(() => `/book/desk?date=${day}`)(page);
      await page.locator('#desk-results details summary').first().click();
    },
  },
  { name: 'rooms-grid', open: go(() => `/book/rooms?date=${day}`) },
  { name: 'rooms-list', open: go(() => `/book/rooms?date=${day}&view=list`) },
  { name: 'find', open: go(() => `/find?people=4&duration=60&date=${day}&part=any&days=1`) },
  { name: 'booking-form', open: go(at('/bookings/new')) },
  {
    name: 'refusal',
    open: submitted(
      () => `/bookings/new?resource=${ids.maunoir}&start=${day}T10:00&end=${day}T11:00`,
      async () => {},
      '#refusal',
    ),
  },
  {
    name: 'series-preview',
    open: submitted(
      () => `/bookings/new?resource=${ids.dodu}&start=${day}T16:00&end=${day}T17:00`,
      async (page) => {
        await page.locator('.repeat-details > summary').click();
        await page.selectOption('#b-repeat', 'weekly');
        await page.fill('#b-count', '4');
      },
      '#series-preview',
    ),
  },
  { name: 'booking', open: go(() => `/bookings/${ids.booking}`) },
  { name: 'my-bookings', open: go(at('/bookings')) },
  { name: 'profile', open: go(at('/profile')) },
  { name: 'error-404', open: go(at('/no-such-page'), 404) },
  // Cancelling with care (issue 17): the confirmation step, its refusal, and the Undo offered after.
  { name: 'booking-cancel', open: go(() => `/bookings/${ids.booking}/cancel`) },
  {
    name: 'booking-cancel-refused',
    open: async (page) => {
      await go(() => `/bookings/${ids.booking}/cancel`)(page);
      // One character over the limit: set directly, since typing stops at the field's maxlength.
      await page.locator('#cancel-reason').evaluate((el: HTMLInputElement) => (el.value = 'x'.repeat(201)));
      await page.locator('main form[action$="/cancel"] button[type="submit"]').click();
      await page.waitForSelector('#cancel-reason[aria-invalid="true"]');
    },
  },
  {
    name: 'booking-undo',
    open: async (page) => {
      await go(at('/bookings'))(page);
      const csrf = JSON.parse((await page.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
      const made = await page.request.post(`${server.url}/bookings`, {
        form: { resource: String(ids.dodu), start: `${day}T12:00`, end: `${day}T13:00`, _csrf: csrf },
        maxRedirects: 0,
      });
      const id = /\/bookings\/(\d+)/.exec(made.headers().location!)![1];
      await page.request.post(`${server.url}/bookings/${id}/cancel`, { form: { _csrf: csrf }, maxRedirects: 0 });
      await go(() => `/bookings/${id}?done=cancelled`)(page);
      await page.waitForSelector(`form[action="/bookings/${id}/restore"]`);
    },
  },
];

/** The front desk's pages, seen by the front-desk account; the day holds the member's booking. */
const STAFF_PAGES: Spec[] = [
  { name: 'frontdesk', open: go(() => `/frontdesk?date=${day}`) },
  { name: 'frontdesk-search', open: go(() => `/frontdesk?date=${day}&q=camille`) },
  { name: 'frontdesk-invalid-date', open: go(at('/frontdesk?date=2026-02-30'), 422) },
  { name: 'headcount', open: go(at('/frontdesk/headcount')) },
];

/** The admin's kiosk page (with a link just created) and the lobby screen it opens. */
const ADMIN_PAGES: Spec[] = [
  {
    name: 'kiosks',
    open: async (page) => {
      await go(at('/admin/kiosks'))(page);
      await page.fill('#kiosk-label', 'Hall');
      await page.locator('main form[action="/admin/kiosks"] button[type="submit"]').click();
      await page.waitForSelector('#kiosk-fresh-link');
    },
  },
  {
    name: 'kiosk-screen',
    open: async (page) => {
      await go(at('/admin/kiosks'))(page);
      await page.fill('#kiosk-label', 'Hall');
      await page.locator('main form[action="/admin/kiosks"] button[type="submit"]').click();
      const link = await page.locator('#kiosk-fresh-link').getAttribute('href');
      const response = await page.goto(link!);
      expect(response?.status()).toBe(200);
    },
  },
];

const VISITOR_PAGES: Spec[] = [
  { name: 'login', open: go(at('/login')) },
  {
    name: 'login-failed',
    open: async (page) => {
      await go(at('/login'))(page);
      await page.fill('#login-email', 'nobody@example.org');
      await page.fill('#login-password', 'not the password');
      await page.locator('main form button[type="submit"]').click();
      await page.waitForSelector('#login-failed');
    },
  },
  { name: 'visitor-home', open: go(at('/')) },
];

/** The page's own background in the dark theme (proof that the theme applied). */
const DARK_BACKGROUND = 'rgb(18, 18, 20)';

/** axe's rules that depend on colours only: all that changes between the themes. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** The colour rules' violations, one readable line per failing element. */
async function colourViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withRules(COLOUR_RULES).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`),
  );
}

/**
 * The page opened once and checked in the light theme (every axe rule, the focus of every
 * reachable element), then switched to the dark theme (the same page, the browser's colour
 * scheme emulated) and checked again with axe's colour rules, contrast included: the rest does
 * not depend on the theme, and the longest pages must stay inside the test's time on a loaded
 * machine. Dark problems say "dark:".
 */
async function checkThemes(page: Page, lang: Lang, spec: Spec): Promise<string[]> {
  const problems: string[] = [];
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  problems.push(...(await axeViolations(page)));
  problems.push(...(await focusWithoutOutline(page)));
  await screenshot(page, `${lang}-${spec.name}-1280`);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  if (dark !== DARK_BACKGROUND) problems.push(`dark: page background ${dark}`);
  problems.push(...(await colourViolations(page)).map((p) => `dark: ${p}`));
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

/**
 * axe and the focus of every reachable element at 1280 px in both themes, then the same page
 * at 375, 320 and 640 px without sideways scrolling, and axe's target-size rule again at
 * 320 px, where targets crowd most: what fails, page by page. Screenshots: at 1280 and 375 px
 * in both languages.
 */
export async function check(page: Page, lang: Lang, spec: Spec): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await spec.open(page);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  problems.push(...(await checkThemes(page, lang, spec)));
  for (const width of [375, 320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    // Two frames, so that sticky headers are laid out again before measuring or capturing.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    problems.push(...(await horizontalOverflow(page)).map((p) => `at ${width} px: ${p}`));
    if (width === 320) problems.push(...(await axeTargetSize(page)).map((v) => `at ${width} px: ${v}`));
    if (width === 375) await screenshot(page, `${lang}-${spec.name}-375`);
  }
  return problems;
}

export function checkEveryPage(lang: Lang): void {
  let member: Page;
  let visitor: Page;
  let staff: Page;
  let admin: Page;

  beforeAll(async () => {
    let rooms: { maunoir: number; dodu: number } | undefined;
    [server, browser] = await Promise.all([
      startE2eServer({
        prepare: (db) => {
          const id = (name: string) =>
            (db.$client.prepare('SELECT id FROM resources WHERE name = ?').get(name) as { id: number }).id;
          rooms = { maunoir: id('Salle Théodore Maunoir'), dodu: id('Salle Juliette Dodu') };
        },
      }),
      launchChromium(),
    ]);
    [day] = nextOpenDays(server, 1) as [LocalDate];
    const [memberContext, visitorContext, staffContext, adminContext] = await Promise.all([
      newContext(browser),
      newContext(browser),
      newContext(browser),
      newContext(browser),
    ]);
    member = await memberContext.newPage();
    visitor = await visitorContext.newPage();
    staff = await staffContext.newPage();
    admin = await adminContext.newPage();
    await signIn(member, server.url, 'member');
    await signIn(staff, server.url, 'frontdesk');
    await signIn(admin, server.url, 'admin');
    await visitor.goto(`${server.url}/`);
    if (lang === 'en') {
      // The header's switch: a form for the member (saved in the profile), a link for a visitor.
      for (const signedIn of [member, staff, admin])
        await Promise.all([
          signedIn.waitForURL(`${server.url}/`),
          signedIn.locator('header form[action="/profile/language"] button').click(),
        ]);
      await Promise.all([
        visitor.waitForURL(`${server.url}/`),
        visitor.locator('header a[href^="/language/"]').click(),
      ]);
    }
    // One booking of the member's, so that a booking page and a refusal exist.
    const csrf = JSON.parse((await member.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
    const res = await member.request.post(`${server.url}/bookings`, {
      form: { resource: String(rooms!.maunoir), start: `${day}T10:00`, end: `${day}T11:00`, _csrf: csrf },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    ids = { ...rooms!, booking: Number(/\/bookings\/(\d+)/.exec(res.headers().location!)![1]) };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe(`pages in ${lang}`, () => {
    it.each(MEMBER_PAGES.map((s) => [s.name, s] as const))('member: %s', async (_name, spec) => {
      expect(await check(member, lang, spec)).toEqual([]);
    });

    it.each(STAFF_PAGES.map((s) => [s.name, s] as const))('front desk: %s', async (_name, spec) => {
      expect(await check(staff, lang, spec)).toEqual([]);
    });

    it.each(ADMIN_PAGES.map((s) => [s.name, s] as const))('admin: %s', async (_name, spec) => {
      expect(await check(admin, lang, spec)).toEqual([]);
    });

    it.each(VISITOR_PAGES.map((s) => [s.name, s] as const))('visitor: %s', async (_name, spec) => {
      expect(await check(visitor, lang, spec)).toEqual([]);
    });
  });
}
