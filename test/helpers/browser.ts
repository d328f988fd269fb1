// Browser tests: Chromium (see chromium.ts for which one) driven by playwright-core against the
// real server started as a child process (as `npm start` does) on a prepared temporary database.
//   const server = await startE2eServer();            // seeded; prepare(db) may add closures
//   const browser = await launchChromium();           // fails loudly when no Chromium starts
//   const page = await signedInPage(browser, server, 'member');
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { addDays, weekdayOf, type LocalDate } from '../../src/domain/local-date.js';
import { seedAll } from '../../seed/index.js';
import { SITE, SITE_HOURS } from '../../seed/inventory.js';
import { tempDir } from './app.js';
import { DEMO_ACCOUNTS, DEMO_TEST_PASSWORD, type DemoAccount } from './auth.js';
import { freePort, ROOT, startServer, type Started } from './process.js';

export const SCREENSHOTS_DIR = path.join(ROOT, 'test-results', 'screenshots');

export const ZONE = SITE.timezone;

export interface E2eServer extends Started {
  databasePath: string;
  dir: string;
  /** Site-wide closures of the database, as the server loaded them. */
  closures: { start: number; end: number; reason: string; reasonEn: string | null }[];
  close(): Promise<void>;
}

/** The site-wide closures in the database file. */
export function siteClosures(db: Db): E2eServer['closures'] {
  return db.$client
    .prepare(
      'SELECT starts_at AS start, ends_at AS end, reason, reason_en AS reasonEn ' +
        'FROM closures WHERE resource_id IS NULL',
    )
    .all() as E2eServer['closures'];
}

/**
 * A temporary database migrated and seeded as a first start would, changed by `prepare`
 * (the server reads its inventory once, so changes go in before it starts), then the real
 * server on a free port with the system clock.
 */
export async function startE2eServer(options: { prepare?: (db: Db) => void } = {}): Promise<E2eServer> {
  const dir = tempDir('b21-e2e-');
  const databasePath = path.join(dir, 'e2e.sqlite');
  // No demo day: the pages are checked on a day the tests book themselves.
  const env = {
    DATABASE_PATH: databasePath,
    DATA_DIR: dir,
    DEMO_PASSWORD: DEMO_TEST_PASSWORD,
    DEMO_DAY: 'false',
    LOG_LEVEL: 'warn',
  };
  const db = openDatabase(databasePath);
  let closures: E2eServer['closures'];
  try {
    await seedAll(db, loadConfig(env, dir), Date.now());
    options.prepare?.(db);
    closures = siteClosures(db);
  } finally {
    closeDatabase(db);
  }
  const port = await freePort();
  const started = await startServer({ ...env, PORT: String(port), HOST: '127.0.0.1' });
  return {
    ...started,
    databasePath,
    dir,
    closures,
    async close() {
      await started.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Today's date on the site's wall clock. */
export function todayOnSite(now = Date.now()): LocalDate {
  return DateTime.fromMillis(now, { zone: ZONE }).toISODate()!;
}

export function localInstant(date: LocalDate, time: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();
}

const OPEN_WEEKDAYS = new Set<number>(SITE_HOURS.map((h) => h.weekday));

/** A day the site opens (its weekly hours) and no site-wide closure touches. */
export function isOpenDay(server: Pick<E2eServer, 'closures'>, date: LocalDate): boolean {
  if (!OPEN_WEEKDAYS.has(weekdayOf(date))) return false;
  const start = localInstant(date, '00:00');
  const end = localInstant(addDays(date, 1), '00:00');
  return !server.closures.some((c) => c.start < end && c.end > start);
}

/** The next `count` open days strictly after today: bookable whatever the time of day. */
export function nextOpenDays(server: Pick<E2eServer, 'closures'>, count: number, from = todayOnSite()): LocalDate[] {
  const days: LocalDate[] = [];
  for (let date = addDays(from, 1); days.length < count; date = addDays(date, 1))
    if (isOpenDay(server, date)) days.push(date);
  return days;
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    timezoneId: ZONE,
    ...options,
  });
  // Each action and wait: generous for a loaded machine, still well inside the test's timeout.
  context.setDefaultTimeout(30_000);
  return context;
}

/** Signs in through the login page as a person would (fields, then the button). */
export async function signIn(page: Page, baseUrl: string, who: DemoAccount): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', DEMO_ACCOUNTS[who].email);
  await page.fill('#login-password', DEMO_TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(`${baseUrl}/`),
    page.locator('main form[action="/login"] button[type="submit"]').click(),
  ]);
}

export async function signedInPage(
  browser: Browser,
  server: Pick<E2eServer, 'url'>,
  who: DemoAccount,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await signIn(page, server.url, who);
  return page;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every axe violation of the page, one readable line per failing element. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Label in name (WCAG 2.5.3) is still "experimental" in axe, so off unless asked for.
  const result = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}

/**
 * Only axe's target-size rule (WCAG 2.5.8, 24 px), run with the axe that axeViolations()
 * left in the page: cheap enough for every width.
 */
export async function axeTargetSize(page: Page): Promise<string[]> {
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe?: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    if (!axe) return null;
    const result = await axe.run(document, {
      runOnly: { type: 'rule', values: ['target-size'] },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  });
  if (found === null) throw new Error('axeTargetSize() needs axeViolations() on the same page first');
  return found;
}

/**
 * Every element the keyboard can reach, focused in turn after a Tab (so that the browser is in
 * keyboard mode and applies :focus-visible): those that show no outline of 2 px or more.
 */
export async function focusWithoutOutline(page: Page): Promise<string[]> {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const reachable = [
      'a[href]',
      'button:not([disabled])',
      'input:not([type="hidden"]):not([disabled])',
      'select:not([disabled])',
      'textarea:not([disabled])',
      'summary',
      '[tabindex]:not([tabindex="-1"])',
    ].join(', ');
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(reachable))) {
      if (el.getClientRects().length === 0) continue;
      el.focus();
      if (document.activeElement !== el) continue;
      const style = getComputedStyle(el);
      if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
        found.push(`no visible focus on ${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`);
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return found;
  });
}

/** Elements that stick out of the viewport sideways (WCAG 1.4.10: no two-way scrolling). */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return [];
    return [`page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport`];
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
