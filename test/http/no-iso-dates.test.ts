// Dates in words on every page (issue 17): as a visitor, a member, a lead, the front desk and an
// admin, in French and English, every page reachable from the route table and the links of the
// pages found is read, and its visible text must hold no ISO date ("2026-12-01") or month
// ("2026-12"). Attributes (a form's value, <time datetime>) keep ISO: machines read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { post, requestRental } from '../helpers/rentals.js';

type Who = 'visitor' | 'member' | 'lead' | 'frontdesk' | 'admin';

/** Pages per crawl at most: every kind of page is reached well before (one per route and query shape). */
const PAGES_MAX = 200;
const ISO = /\b\d{4}-\d{2}(?:-\d{2})?\b/g;
/** An example of what to type in a field ("format 2026-12-08 10:00") is ISO on purpose. */
const EXAMPLE = /(?:format|as|par exemple|for example) $/i;
/** Links not to follow: files for machines, the language switch, signing out. */
const SKIPPED = /^\/(assets|feeds|language|livez|healthz)\b|\/eml$|\.(csv|ics|png|svg)\b|[?&]format=csv/;

let t: TestApp;
const sessions = new Map<Who, Session | null>();
const starts: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { DEMO_DAY: 'true' } });
  sessions.set('visitor', null);
  for (const who of ['member', 'lead', 'frontdesk', 'admin'] as const) sessions.set(who, await signInAs(t.app, who));
  const rental = await requestRental(t.app);
  const id = String(t.db.$client.prepare('SELECT max(id) FROM rental_requests').pluck().get());
  await post(t.app, sessions.get('admin')!, `/admin/rentals/${id}/quote`);
  starts.push(new URL(rental.url, 'http://x').pathname);
  starts.push(...t.app.routeList.filter((r) => r.method === 'GET' && !r.url.includes(':')).map((r) => r.url));
}, 60_000);
afterAll(() => t.close());

/** Attributes read out to people (a screen reader's name, a tooltip, an image's text). */
const SPOKEN = /\s(?:aria-label|title|alt)="([^"]*)"/g;

/**
 * The text a reader sees or hears: no scripts, styles, tags or other attributes (a form's value,
 * <time datetime>); entities that may hide digits decoded.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<textarea\b[\s\S]*?<\/textarea>/gi, ' ')
    .replace(/<[^>]*>/g, (tag) => ` ${[...tag.matchAll(SPOKEN)].map((m) => m[1]).join(' ')} `)
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** One page per route and query shape: /bookings/12 and /bookings/13 are the same page. */
function shapeOf(url: URL): string {
  return `${url.pathname.replace(/\d+/g, 'N')}?${[...url.searchParams.keys()].sort().join('&')}`;
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/\bhref="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The cookie of `who` reading in `lang`: a signed-in person reads in their profile's language. */
function cookieOf(who: Who, lang: 'fr' | 'en'): string {
  t.db.$client.prepare('UPDATE members SET language = ?').run(lang);
  return [sessions.get(who)?.cookie, `lang=${lang}`].filter(Boolean).join('; ');
}

async function crawl(who: Who, lang: 'fr' | 'en'): Promise<string[]> {
  const cookie = cookieOf(who, lang);
  const seen = new Set<string>();
  const queue = [...starts];
  const found: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < PAGES_MAX) {
    const url = new URL(queue.shift()!, 'http://localhost');
    if (url.host !== 'localhost' || SKIPPED.test(url.pathname + url.search) || seen.has(shapeOf(url))) continue;
    seen.add(shapeOf(url));
    const res = await t.app.inject({ method: 'GET', url: url.pathname + url.search, headers: { cookie } });
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue;
    pages += 1;
    expect(res.body, url.pathname).toContain(`<html lang="${lang}"`);
    const text = visibleText(res.body);
    for (const match of text.matchAll(ISO)) {
      if (EXAMPLE.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
      const around = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20);
      found.push(`${url.pathname}${url.search}: …${around}…`);
    }
    queue.push(...linksOf(res.body));
  }
  expect(pages, `${who} in ${lang} read some pages`).toBeGreaterThan(who === 'visitor' ? 3 : 10);
  return found;
}

it('finds ISO dates in visible text and only there', () => {
  const page = '<p>Le <time datetime="2026-12-01">1er décembre</time> <input value="2026-12-01"> du 2026-12-01</p>';
  expect(visibleText(page).match(ISO)).toEqual(['2026-12-01']);
  expect(visibleText('<a href="/x?date=2026-12-01" aria-label="Le 2026-12-02">x</a>').match(ISO)).toEqual([
    '2026-12-02',
  ]);
  expect('Forfait du mois (2026-12)'.match(ISO)).toEqual(['2026-12']);
  expect(EXAMPLE.test('Heure de Paris, format ')).toBe(true);
  expect(EXAMPLE.test('Période du ')).toBe(false);
});

describe.each(['fr', 'en'] as const)('in %s', (lang) => {
  it.each(['visitor', 'member', 'lead', 'frontdesk', 'admin'] as const)(
    'no page shows %s an ISO date in its text',
    async (who) => {
      expect(await crawl(who, lang)).toEqual([]);
    },
    120_000,
  );
});

it('writes the dates named in issue 17 in words, "1er" included', async () => {
  const text = async (who: Who, url: string, lang: 'fr' | 'en') =>
    visibleText((await t.app.inject({ method: 'GET', url, headers: { cookie: cookieOf(who, lang) } })).body);
  expect(await text('admin', '/admin/organisations', 'fr')).toContain('du 1er décembre 2026 au 31 mai 2027');
  expect(await text('admin', '/admin/reports', 'fr')).toContain('Période du 1er au 31 décembre 2026');
  expect(await text('admin', '/admin/reports', 'en')).toContain('Period from 1 to 31 December 2026');
  expect(await text('lead', '/team', 'fr')).toContain('Forfait du mois (décembre 2026)');
  expect(await text('lead', '/team', 'en')).not.toContain('Forfait');
});
