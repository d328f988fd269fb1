// Screenshots of the desk plan and the rooms timeline at 1280×800 and 390×844, in French and
// English, against the accepted images of test/screenshots/ (test/helpers/visual.ts). With
// UPDATE_SCREENSHOTS=1 it rewrites them, and the README's two pictures under docs/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { newContext, nextOpenDays, signIn, startE2eServer, type E2eServer } from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/process.js';
import { compareScreenshot, MAX_CHANGED, UPDATING } from '../helpers/visual.js';

let server: E2eServer;
let browser: Browser;
let day: LocalDate;
const pages: Partial<Record<'fr' | 'en', Page>> = {};

/** A booking made through the form route, as the member's browser would send it. */
async function book(page: Page, resource: string, start: string, end: string): Promise<void> {
  const csrf = JSON.parse((await page.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'] as string;
  const res = await page.request.post(`${server.url}/bookings`, {
    form: { resource, start: `${day}T${start}`, end: `${day}T${end}`, _csrf: csrf },
    maxRedirects: 0,
  });
  expect(res.status(), `${resource} ${start}`).toBe(303);
}

const resourceIds: Record<string, string> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        for (const slug of ['poste-os-02', 'poste-os-05', 'poste-fe-03', 'salle-barton', 'salle-appia', 'salle-dunant'])
          resourceIds[slug] = String(
            (db.$client.prepare('SELECT id FROM resources WHERE slug = ?').get(slug) as { id: number }).id,
          );
      },
    }),
    launchChromium(),
  ]);
  [day] = nextOpenDays(server, 1) as [LocalDate];
  const signedIn = async (who: 'member' | 'admin' | 'lead', lang: 'fr' | 'en') => {
    // The text is hidden by a style added to the page, which the site's CSP would refuse.
    const page = await (await newContext(browser, { bypassCSP: true })).newPage();
    await signIn(page, server.url, who);
    if ((await page.getAttribute('html', 'lang')) !== lang)
      await Promise.all([
        page.waitForURL(`${server.url}/`),
        page.locator('header form[action="/profile/language"] button').click(),
      ]);
    return page;
  };
  // The same day for every picture: Camille's desk and room, her team lead's desk and rooms.
  const [camille, lea, admin] = [
    await signedIn('member', 'fr'),
    await signedIn('lead', 'en'),
    await signedIn('admin', 'fr'),
  ];
  // Someone outside the team: a desk simply taken.
  await book(admin, resourceIds['poste-fe-03']!, '08:30', '13:00');
  await admin.context().close();
  await book(camille, resourceIds['poste-os-02']!, '08:30', '13:00');
  await book(lea, resourceIds['poste-os-05']!, '08:30', '13:00');
  await book(camille, resourceIds['salle-barton']!, '10:00', '11:30');
  await book(lea, resourceIds['salle-appia']!, '14:00', '16:00');
  await book(lea, resourceIds['salle-dunant']!, '09:00', '10:00');
  pages.fr = camille;
  pages.en = lea;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

const VIEWS = [
  { name: 'desk-plan', url: () => `/book/desk?date=${day}&part=morning`, top: '#plan-heading' },
  // On a phone the page opens on the list of rooms; on a wider screen on the timeline.
  { name: 'room-timeline', url: () => `/book/rooms?date=${day}`, top: '#rooms-day .view-switch' },
] as const;

/** The page at a size, scrolled so that the part pictured starts at the top, the mouse out of the way. */
async function open(page: Page, url: string, top: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(`${server.url}${url}`);
  await page.mouse.move(0, 0);
  await page.locator(top).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

describe.each(['fr', 'en'] as const)('screenshots in %s', (lang) => {
  for (const view of VIEWS)
    for (const size of SIZES) {
      const name = `${lang}-${view.name}-${size.width}x${size.height}`;
      it(`${name} matches the accepted image`, async () => {
        const page = pages[lang]!;
        await open(page, view.url(), view.top, size);
        await expect(page.getAttribute('html', 'lang')).resolves.toBe(lang);
        const { changed, diffPath } = await compareScreenshot(page, name);
        expect(
          changed,
          `${name}: ${(changed * 100).toFixed(2)} % of pixels changed, see ${diffPath}`,
        ).toBeLessThanOrEqual(MAX_CHANGED);
      });
    }
});

describe('the README pictures', () => {
  it('are taken by the suite when the accepted images are updated', async () => {
    // In English, like the README.
    const page = pages.en!;
    const docs = path.join(ROOT, 'docs');
    for (const [file, url, part] of [
      ['desk-plan.png', `/book/desk?date=${day}&part=morning`, '.desk-plan'],
      ['room-timeline.png', `/book/rooms?date=${day}&view=grid`, '.timeline-block'],
    ] as const) {
      if (UPDATING) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(`${server.url}${url}`);
        await page.mouse.move(0, 0);
        await page.locator(part).screenshot({ path: path.join(docs, file), animations: 'disabled', caret: 'hide' });
      }
      expect(fs.statSync(path.join(docs, file)).size).toBeLessThan(200_000);
    }
  });
});
