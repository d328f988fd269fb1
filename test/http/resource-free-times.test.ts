// Booking from a space's page: its next free times (from now on, on the resource's grid, after
// its notice, around bookings and closures, half-days for desks), each a link to the booking
// form filled in; nobody's name shown; in French and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEFAULT_NOW, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { actorOf, resourceId } from '../helpers/people.js';

// Paris is UTC+1 in December 2026; the test clock starts on Monday 7 December, 10:00 Paris.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let camille: Session;
let samiId: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  samiId = (
    t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(DEMO_ACCOUNTS.member2.email) as { id: number }
  ).id;
});
afterAll(() => t.close());

const page = (slug: string, who: Session | null = null) =>
  t.app.inject({
    method: 'GET',
    url: `/resources/${resourceId(t.db, slug)}`,
    headers: who ? { cookie: who.cookie } : {},
  });

/** The free times offered, as "when" text and link, in page order. */
function freeTimes(html: string): { when: string; href: string }[] {
  const section = /<section aria-labelledby="free-times-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<li><a class="button secondary" href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => ({
    href: m[1]!.replaceAll('&amp;', '&'),
    when: m[2]!,
  }));
}

describe('a room’s next free times', () => {
  it('are the next hours from now, each opening the booking form filled in', async () => {
    t.clock.set(DEFAULT_NOW);
    const res = await page('salle-dodu');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 id="free-times-heading">Prochains créneaux libres</h2>');
    const times = freeTimes(res.body);
    expect(times.map((s) => s.when)).toEqual([
      'lundi 7 décembre 2026, 10:00–11:00',
      'lundi 7 décembre 2026, 11:00–12:00',
      'lundi 7 décembre 2026, 12:00–13:00',
      'lundi 7 décembre 2026, 13:00–14:00',
      'lundi 7 décembre 2026, 14:00–15:00',
    ]);
    const id = resourceId(t.db, 'salle-dodu');
    expect(times[0]!.href).toBe(`/bookings/new?resource=${id}&start=2026-12-07T10%3A00&end=2026-12-07T11%3A00`);
    const formPage = await t.app.inject({ method: 'GET', url: times[0]!.href, headers: { cookie: camille.cookie } });
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain('value="2026-12-07T10:00"');
    expect(formPage.body).toContain('value="2026-12-07T11:00"');
    expect(formPage.body).toMatch(new RegExp(`<option value="${id}" selected>`));
  });

  it('start on the room’s 15-minute grid and go around a booking, naming nobody', async () => {
    t.app.services.bookings.create(actorOf(t.db, samiId), {
      resourceId: resourceId(t.db, 'salle-dodu'),
      start: paris(7, 11, 30),
      end: paris(7, 12, 30),
    });
    t.clock.set(paris(7, 10, 7));
    const res = await page('salle-dodu');
    expect(freeTimes(res.body).map((s) => s.when)).toEqual([
      'lundi 7 décembre 2026, 10:15–11:15',
      'lundi 7 décembre 2026, 12:30–13:30',
      'lundi 7 décembre 2026, 13:30–14:30',
      'lundi 7 décembre 2026, 14:30–15:30',
      'lundi 7 décembre 2026, 15:30–16:30',
    ]);
    expect(res.body).not.toContain('Sami');
  });

  it('respect the notice of the event space (two days)', async () => {
    t.clock.set(DEFAULT_NOW);
    const times = freeTimes((await page('espace-evenementiel')).body);
    expect(times[0]!.when).toBe('mercredi 9 décembre 2026, 10:00–11:00');
  });

  it('are in English for an English reader, and lead a visitor to sign in first', async () => {
    t.clock.set(DEFAULT_NOW);
    const en = await t.app.inject({
      method: 'GET',
      url: `/resources/${resourceId(t.db, 'salle-dodu')}`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.body).toContain('Next free times');
    const times = freeTimes(en.body);
    expect(times[0]!.when).toBe('Monday, 7 December 2026, 10:00–11:00');
    const follow = await t.app.inject({ method: 'GET', url: times[0]!.href });
    expect(follow.statusCode).toBe(303);
    expect(follow.headers.location).toMatch(/^\/login\?next=/);
  });
});

describe('a desk’s next free times', () => {
  it('are half-days: the morning under way, the afternoon, then the next open days, skipping a closure', async () => {
    t.clock.set(DEFAULT_NOW);
    const siteId = t.db.$client.prepare('SELECT id FROM sites').pluck().get();
    t.db.$client
      .prepare(
        `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en)
         VALUES (?, NULL, ?, ?, 'maintenance', 'Travaux', 'Works')`,
      )
      .run(siteId, paris(8, 0), paris(9, 0));
    const times = freeTimes((await page('poste-os-07', camille)).body);
    expect(times.map((s) => s.when)).toEqual([
      'lundi 7 décembre 2026, 08:30–13:00',
      'lundi 7 décembre 2026, 13:00–19:00',
      'mercredi 9 décembre 2026, 08:30–13:00',
      'mercredi 9 décembre 2026, 13:00–19:00',
      'jeudi 10 décembre 2026, 08:30–13:00',
    ]);
  });

  it('say so when nothing is free in the next two weeks', async () => {
    t.clock.set(DEFAULT_NOW);
    const siteId = t.db.$client.prepare('SELECT id FROM sites').pluck().get();
    t.db.$client
      .prepare(
        `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en)
         VALUES (?, ?, ?, ?, 'maintenance', 'Réparation', 'Repair')`,
      )
      .run(siteId, resourceId(t.db, 'poste-os-08'), paris(1, 0), paris(31, 0));
    const res = await page('poste-os-08');
    expect(freeTimes(res.body)).toEqual([]);
    expect(res.body).toContain('Aucun créneau libre dans les deux semaines à venir.');
  });
});

it('posting the prefilled form books the time offered', async () => {
  t.clock.set(DEFAULT_NOW);
  const [first] = freeTimes((await page('salle-maunoir')).body);
  const query = new URL(first!.href, 'http://x').searchParams;
  const res = await t.app.inject({
    method: 'POST',
    url: '/bookings',
    headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      _csrf: camille.csrf,
      resource: query.get('resource')!,
      start: query.get('start')!,
      end: query.get('end')!,
    }),
  });
  expect(res.statusCode).toBe(303);
  expect(freeTimes((await page('salle-maunoir')).body)[0]!.when).toBe('lundi 7 décembre 2026, 11:00–12:00');
});
