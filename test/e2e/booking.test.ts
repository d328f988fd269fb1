// What a member does, in a real Chromium against the real server: sign in, book a desk for
// the next open day, book a room from the day grid (htmx: only the panel changes, focus goes
// to the result, the CSRF header goes along), meet a conflict and take an alternative in one
// click, book a weekly meeting that skips a closed day, cancel one date; and a desk booked
// with JavaScript turned off.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { addDays, weekdayOf, type LocalDate } from '../../src/domain/local-date.js';
import {
  isOpenDay,
  siteClosures,
  localInstant,
  newContext,
  nextOpenDays,
  signIn,
  signedInPage,
  startE2eServer,
  todayOnSite,
  type E2eServer,
} from '../helpers/browser.js';
import { launchChromium } from '../helpers/chromium.js';

/** A weekly series of three dates, one of which (and only one) is closed. */
interface SeriesPlan {
  first: LocalDate;
  /** Which of the three dates is closed: 1 or 2. */
  closedIndex: number;
  reason: string;
  /** Made for this test because no public holiday fell within the rooms' 8-week horizon. */
  created: boolean;
  closed: LocalDate;
}

/**
 * Three weekly dates within the rooms' horizon (56 days) with the first public holiday that
 * falls on an opening weekday among them, as the second or the third date, the others open;
 * if there is none from today, a closure made for the test, straight in the database file
 * before the server starts.
 */
function planSeries(db: Db): SeriesPlan {
  const today = todayOnSite();
  const view = { closures: siteClosures(db) };
  const datesFrom = (first: LocalDate) => [0, 7, 14].map((d) => addDays(first, d));
  const plan = (closed: LocalDate, reason: string, created: boolean): SeriesPlan | null => {
    if (weekdayOf(closed) > 5) return null;
    for (const closedIndex of [1, 2]) {
      const first = addDays(closed, -7 * closedIndex);
      const dates = datesFrom(first);
      const othersOpen = dates.every((d, i) => i === closedIndex || isOpenDay(view, d));
      if (first > today && othersOpen && dates[2]! <= addDays(today, 49))
        return { first, closedIndex, reason, created, closed };
    }
    return null;
  };
  const holidays = db.$client
    .prepare(
      'SELECT source_key AS key, reason FROM closures ' +
        "WHERE kind = 'public_holiday' AND resource_id IS NULL ORDER BY starts_at",
    )
    .all() as { key: string; reason: string }[];
  for (const h of holidays) {
    const found = plan(h.key.replace(/^holiday:/, ''), h.reason, false);
    if (found) return found;
  }
  let closed = addDays(today, 14);
  let found: SeriesPlan | null = null;
  while (!(isOpenDay(view, closed) && (found = plan(closed, 'Fermeture exceptionnelle (test)', true))))
    closed = addDays(closed, 1);
  const site = db.$client.prepare('SELECT id FROM sites LIMIT 1').get() as { id: number };
  db.$client
    .prepare(
      'INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en, source_key) ' +
        "VALUES (?, NULL, ?, ?, 'other', ?, 'Exceptional closure (test)', 'e2e:series')",
    )
    .run(site.id, localInstant(closed, '00:00'), localInstant(addDays(closed, 1), '00:00'), found.reason);
  return found;
}

let server: E2eServer;
let browser: Browser;
let series: SeriesPlan;
let day: LocalDate;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startE2eServer({
      prepare: (db) => {
        series = planSeries(db);
      },
    }),
    launchChromium(),
  ]);
  [day] = nextOpenDays(server, 1) as [LocalDate];
  console.info(
    `e2e: weekly series from ${series.first}, closed on ${series.closed} (${
      series.created ? 'a closure made for the test: no public holiday within the horizon' : series.reason
    })`,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const notice = (page: Page) => page.locator('main .notice').first();

describe('a member books', () => {
  let camille: Page;
  beforeAll(async () => {
    camille = await signedInPage(browser, server, 'member');
  });
  afterAll(async () => {
    await camille.context().close();
  });

  it('signs in and finds the booking pages from the menu', async () => {
    expect(await camille.locator('nav a[href="/profile"]').count()).toBe(1);
    await camille.getByRole('link', { name: 'Réserver', exact: true }).click();
    await expect(camille.locator('h1').textContent()).resolves.toBe('Réserver');
    await camille.getByRole('link', { name: 'Un poste de travail' }).click();
    await camille.waitForURL(/\/book\/desk$/);
  });

  it('a desk for the next open day, in one click once the day is chosen', async () => {
    await camille.fill('#d-date', day);
    // The page opens on a half-day still to come today, which may be the afternoon: take the day.
    await camille.check('input[name="part"][value="full_day"]');
    await camille.getByRole('button', { name: 'Voir les postes libres' }).click();
    // htmx swapped the results and moved focus to their heading.
    await camille.waitForFunction(
      (d) => document.activeElement?.id === 'desk-day' && new URL(location.href).searchParams.get('date') === d,
      day,
    );
    await camille.getByRole('button', { name: 'Prendre un poste libre dans la zone Zone calme' }).click();
    await camille.waitForURL(/\/bookings\/\d+\?done=created$/);
    await expect(notice(camille).textContent()).resolves.toBe('Réservation confirmée.');
    const when = await camille.locator('.facts dd').first().textContent();
    expect(when).toMatch(/08:30–19:00/);
    await expect(camille.locator('.facts').textContent()).resolves.toContain('Poste ZC-');
  });

  it('a room from the day grid: htmx sends the CSRF header, swaps only the panel and focuses the result', async () => {
    await camille.goto(`${server.url}/book/rooms?date=${day}`);
    await camille.getByRole('link', { name: 'Salle Théodore Maunoir, 10:00–10:30, libre' }).click();
    await camille.waitForURL(/\/bookings\/new\?/);
    await expect(camille.inputValue('#b-start')).resolves.toBe(`${day}T10:00`);
    await expect(camille.inputValue('#b-end')).resolves.toBe(`${day}T11:00`);
    await camille.fill('#b-title', 'Point équipe');
    const token = JSON.parse((await camille.getAttribute('body', 'hx-headers:inherited'))!)['X-CSRF-Token'];
    expect(token).toMatch(/\S{16,}/);
    await camille.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const posted = camille.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/bookings'));
    await camille.getByRole('button', { name: 'Réserver', exact: true }).click();
    const request: Request = await posted;
    const headers = await request.allHeaders();
    expect(headers['hx-request']).toBe('true');
    expect(headers['x-csrf-token']).toBe(token);
    await camille.waitForFunction(() => document.activeElement?.classList.contains('notice') === true);
    await expect(camille.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).resolves.toBe(true);
    // The heading and the address now name the booking, so a reload shows it again.
    await expect(camille.locator('h1').textContent()).resolves.toBe('Réservation – Salle Théodore Maunoir');
    await camille.waitForURL(/\/bookings\/\d+$/);
    expect(await camille.locator('h1').count()).toBe(1);
    await expect(camille.locator('#booking-panel .notice').textContent()).resolves.toBe('Réservation confirmée.');
    await expect(camille.locator('#booking-panel h2').textContent()).resolves.toBe(
      'Salle Théodore Maunoir – Point équipe',
    );
    // The live region says it too.
    await camille.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Réservation confirmée.');
  });

  it('a weekly meeting that skips the closed day, then cancels one date', async () => {
    await camille.goto(`${server.url}/bookings/new`);
    await camille.selectOption('#b-resource', { label: 'Salle Juliette Dodu' });
    await camille.fill('#b-start', `${series.first}T14:00`);
    await camille.fill('#b-end', `${series.first}T15:00`);
    await camille.fill('#b-title', 'Réunion hebdo');
    // The repeat options sit in a closed disclosure, so the plain form stays short.
    await camille.locator('.repeat-details > summary').click();
    await camille.selectOption('#b-repeat', 'weekly');
    await camille.check('input[name="repeat_end"][value="count"]');
    await camille.fill('#b-count', '3');
    await camille.getByRole('button', { name: 'Réserver', exact: true }).click();
    await camille.waitForFunction(() => document.activeElement?.id === 'series-preview');
    const rows = camille.locator('#series-preview tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    for (let i = 0; i < 3; i++) {
      const text = await rows.nth(i).textContent();
      if (i === series.closedIndex) {
        expect(text).toContain('Impossible');
        expect(text).toContain(series.reason);
      } else {
        expect(text).toContain('Libre');
      }
    }
    await camille.getByRole('button', { name: 'Réserver les 2 dates libres et sauter les autres' }).click();
    await camille.waitForURL(/\/bookings\/\d+\?done=series&booked=2&skipped=1$/);
    await expect(camille.locator('main .notice').allTextContents()).resolves.toEqual([
      '2 dates réservées.',
      '1 date sautée.',
    ]);

    // Cancelling asks first (issue 17): the link leads to the confirmation step.
    await camille.getByRole('link', { name: 'Annuler cette date seulement' }).click();
    await camille.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
    await camille.waitForURL(/\?done=cancelled$/);
    await expect(notice(camille).textContent()).resolves.toBe('Réservation annulée.');
    await expect(camille.locator('.facts .state').textContent()).resolves.toBe('Annulée');

    await camille.goto(`${server.url}/bookings`);
    const meetings = camille.locator('#my-bookings table').first().locator('tr', { hasText: 'Réunion hebdo' });
    await expect(meetings.locator('.state').allTextContents()).resolves.toEqual(['Annulée', 'Confirmée']);
    await expect(meetings.nth(1).locator('th').textContent()).resolves.toContain('14:00–15:00');
  });

  it('meets a conflict, sees why, and takes an alternative in one click', async () => {
    const sami = await signedInPage(browser, server, 'member2');
    try {
      await sami.goto(`${server.url}/bookings/new`);
      await sami.selectOption('#b-resource', { label: 'Salle Théodore Maunoir' });
      await sami.fill('#b-start', `${day}T10:30`);
      await sami.fill('#b-end', `${day}T11:30`);
      await sami.getByRole('button', { name: 'Réserver', exact: true }).click();
      await sami.waitForFunction(() => document.activeElement?.id === 'refusal');
      const refusal = sami.locator('#refusal');
      await expect(refusal.locator('h2').textContent()).resolves.toBe('Réservation impossible');
      await expect(refusal.locator('ul').first().textContent()).resolves.toContain(
        'Salle Théodore Maunoir est déjà réservée de 10:00 à 11:00.',
      );
      const alternatives = refusal.locator('.alternatives button');
      expect(await alternatives.count()).toBeGreaterThan(1);
      const first = (await alternatives.first().textContent())!.trim();
      await alternatives.first().click();
      await sami.waitForURL(/\/bookings\/\d+\?done=created$/);
      await expect(notice(sami).textContent()).resolves.toBe('Réservation confirmée.');
      const taken = await sami.locator('.facts').textContent();
      // The label named the room and the time that was booked.
      const [, room] = /^Réserver (.+?), /.exec(first)!;
      expect(taken).toContain(room);
    } finally {
      await sami.context().close();
    }
  });
});

describe('without JavaScript', () => {
  it('a member signs in and books a desk with plain forms and redirects', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page, server.url, 'lead');
      await page.goto(`${server.url}/book/desk`);
      await page.fill('#d-date', day);
      await page.check('input[name="part"][value="morning"]');
      await Promise.all([
        page.waitForURL(/\/book\/desk\?date=/),
        page.getByRole('button', { name: 'Voir les postes libres' }).click(),
      ]);
      expect(new URL(page.url()).searchParams.get('part')).toBe('morning');
      await page.getByRole('button', { name: 'Prendre un poste libre dans la zone Côté fenêtres' }).click();
      await page.waitForURL(/\/bookings\/\d+\?done=created$/);
      await expect(notice(page).textContent()).resolves.toBe('Réservation confirmée.');
      await expect(page.locator('.facts dd').first().textContent()).resolves.toMatch(/08:30–13:00/);
      // A refused booking is a whole page too, with its alternatives as plain forms.
      await page.goto(`${server.url}/bookings/new`);
      await page.selectOption('#b-resource', { label: 'Salle Théodore Maunoir' });
      await page.fill('#b-start', `${day}T10:00`);
      await page.fill('#b-end', `${day}T11:00`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Réserver', exact: true }).click(),
      ]);
      expect(response.status()).toBe(409);
      await expect(page.locator('#refusal h2').textContent()).resolves.toBe('Réservation impossible');
      await page.locator('#refusal .alternatives button').first().click();
      await page.waitForURL(/\/bookings\/\d+\?done=created$/);
    } finally {
      await context.close();
    }
  });
});
