// Resources and zones read in the reader's language: a crawl of the main pages in English, as a
// member, the front desk and an admin, finds none of the French names or kinds in the visible
// text; and a French refusal agrees with the resource's gender ("réservée" for a room,
// "réservé" for a desk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

/** French names and kinds that English pages must not show. */
const FRENCH = [
  'Poste ',
  'Salle ',
  'Salles de réunion',
  'Zone calme',
  'Côté fenêtres',
  'Espace événementiel',
  'Studio numérique',
  'Studio réalité virtuelle',
  'Studios et événements',
  'étage',
];

let t: TestApp;
let member: Session;
let frontdesk: Session;
let admin: Session;
let roomBooking = 0;
let deskBooking = 0;

const post = (who: Session, url: string, fields: Record<string, string | number>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });

async function book(who: Session, slug: string, start: string, end: string): Promise<number> {
  const res = await post(who, '/bookings', { resource: resourceId(t.db, slug), start, end });
  if (res.statusCode !== 303) throw new Error(`booking ${slug} answered ${res.statusCode}`);
  return Number(/\/bookings\/(\d+)/.exec(String(res.headers.location))?.[1]);
}

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['member', 'frontdesk', 'admin'] as const)
    t.db.$client.prepare("UPDATE members SET language = 'en' WHERE email = ?").run(DEMO_ACCOUNTS[who].email);
  member = await signInAs(t.app, 'member');
  frontdesk = await signInAs(t.app, 'frontdesk');
  admin = await signInAs(t.app, 'admin');
  // Today (Monday 7 December, 10:00 in Paris) and tomorrow, so home, lists and the board show them.
  roomBooking = await book(member, 'salle-appia', '2026-12-07T14:00', '2026-12-07T15:00');
  deskBooking = await book(member, 'poste-os-01', '2026-12-08T08:30', '2026-12-08T13:00');
});
afterAll(() => t.close());

/** What a reader sees: the text outside tags, scripts and styles, with entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
}

async function frenchOn(who: Session, url: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  expect(res.statusCode, url).toBe(200);
  const text = visibleText(res.body);
  return FRENCH.filter((word) => text.includes(word)).map((word) => {
    const at = text.indexOf(word);
    return `${url}: "${text.slice(Math.max(0, at - 40), at + 40)}"`;
  });
}

describe('English pages name resources and zones in English', () => {
  it('for a member', async () => {
    const urls = [
      '/',
      '/book',
      '/book/desk?date=2026-12-08&part=afternoon',
      '/book/rooms?date=2026-12-08',
      '/bookings',
      `/bookings/${roomBooking}`,
      `/bookings/${deskBooking}`,
      '/resources',
      `/resources/${resourceId(t.db, 'espace-evenementiel')}`,
      `/resources/${resourceId(t.db, 'poste-os-01')}`,
      `/bookings/new?resource=${resourceId(t.db, 'salle-barton')}`,
      '/find',
      '/profile/feeds',
      `/resources/${resourceId(t.db, 'salle-appia')}/check-in`,
    ];
    const found = (await Promise.all(urls.map((url) => frenchOn(member, url)))).flat();
    expect(found).toEqual([]);
  });

  it('for the front desk', async () => {
    const urls = ['/frontdesk', '/frontdesk/bookings', '/frontdesk/headcount', '/frontdesk/qr-codes'];
    const found = (await Promise.all(urls.map((url) => frenchOn(frontdesk, url)))).flat();
    expect(found).toEqual([]);
  });

  it('for an admin', async () => {
    // The zones' and resources' edit forms show the French name on purpose (it is a field).
    const urls = [
      '/admin/resources',
      '/admin/closures',
      '/admin/hours',
      '/admin/reports',
      '/admin/approvals',
      '/admin/event-space',
      '/admin/audit',
      '/admin/rentals',
    ];
    const found = (await Promise.all(urls.map((url) => frenchOn(admin, url)))).flat();
    expect(found).toEqual([]);
  });

  it('and the crawl would see a French name (a page with one fails it)', async () => {
    t.db.$client.prepare("UPDATE members SET language = 'fr' WHERE email = ?").run(DEMO_ACCOUNTS.member.email);
    try {
      expect(await frenchOn(member, '/bookings')).not.toEqual([]);
    } finally {
      t.db.$client.prepare("UPDATE members SET language = 'en' WHERE email = ?").run(DEMO_ACCOUNTS.member.email);
    }
  });
});
describe('French refusals agree with the resource', () => {
  it('say "réservée" for a room and "réservé" for a desk', async () => {
    const sami = await signInAs(t.app, 'member2');
    const room = await post(sami, '/bookings', {
      resource: resourceId(t.db, 'salle-appia'),
      start: '2026-12-07T14:00',
      end: '2026-12-07T15:00',
    });
    expect(room.statusCode).toBe(409);
    expect(visibleText(room.body)).toContain('Salle Louis Appia est déjà réservée');
    const desk = await post(sami, '/bookings', {
      resource: resourceId(t.db, 'poste-os-01'),
      start: '2026-12-08T08:30',
      end: '2026-12-08T13:00',
    });
    expect(desk.statusCode).toBe(409);
    expect(visibleText(desk.body)).toMatch(/Poste OS-01 est déjà réservé /);
  });
});
