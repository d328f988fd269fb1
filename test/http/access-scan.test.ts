// The permission matrix walked over every page, read from Fastify's route table: each GET route
// must be classified below (a new route fails this test until it is), and each is asked as a
// visitor, a member, another member, a lead, the front desk and an admin. Allowed: 200. Not
// allowed: a visitor is sent to sign in, anyone signed in gets the 404 a missing page gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';
import { post, requestRental } from '../helpers/rentals.js';

type Who = 'visitor' | 'member' | 'other' | 'lead' | 'frontdesk' | 'admin';
type Level =
  'public' | 'secret-link' | 'signed-in' | 'owner' | 'owner-or-staff' | 'lead' | 'staff' | 'admin' | 'reports';

/** Who may open each page (docs/roles-and-permissions.md). */
const PAGES: Record<string, Level> = {
  '/': 'public',
  '/livez': 'public',
  '/healthz': 'public',
  '/resources': 'public',
  '/resources/:id': 'public',
  '/login': 'public',
  '/password/forgot': 'public',
  '/feeds/events.ics': 'public',
  '/assets/*': 'public',
  '/assets/vendor/htmx-4.0.1.min.js': 'public',
  '/language/:lang': 'public',
  '/password/reset/:token': 'secret-link',
  '/invitation/:token': 'secret-link',
  '/feeds/:token/bookings.ics': 'secret-link',
  '/feeds/:token/resources/:file': 'secret-link',
  '/feeds/:token/organisations/:file': 'secret-link',
  '/kiosk/:token': 'secret-link',
  '/book': 'signed-in',
  '/book/desk': 'signed-in',
  '/book/rooms': 'signed-in',
  '/find': 'signed-in',
  '/bookings': 'signed-in',
  '/bookings/new': 'signed-in',
  '/resources/:id/check-in': 'signed-in',
  '/profile': 'signed-in',
  '/profile/feeds': 'signed-in',
  '/visitors': 'signed-in',
  '/bookings/:id': 'owner',
  '/bookings/:id/cancel': 'owner-or-staff',
  '/team': 'lead',
  '/frontdesk': 'staff',
  '/frontdesk/bookings': 'staff',
  '/frontdesk/headcount': 'staff',
  '/frontdesk/qr-codes': 'staff',
  '/admin/members': 'staff',
  '/admin/members/:id': 'staff',
  '/admin/organisations': 'staff',
  '/admin/organisations/:id': 'staff',
  '/admin/organisations/new': 'admin',
  '/admin/audit': 'admin',
  '/admin/outbox': 'admin',
  '/admin/outbox/:id': 'admin',
  '/admin/outbox/:id/eml': 'admin',
  '/admin/kiosks': 'admin',
  '/admin/reports': 'reports',
  '/admin/prices': 'admin',
  '/admin/approvals': 'staff',
  '/admin/event-space': 'staff',
  '/event-space/request': 'public',
  '/rentals/:token': 'secret-link',
  '/admin/rentals': 'staff',
  '/admin/rentals/:id': 'staff',
  '/admin/rentals/:id/quote': 'staff',
  '/admin/rentals/rates': 'admin',
  '/admin/closures': 'admin',
  '/admin/closures/:id': 'admin',
  '/admin/resources': 'admin',
  '/admin/resources/new': 'admin',
  '/admin/resources/:id': 'admin',
  '/admin/zones': 'admin',
  '/admin/zones/:id': 'admin',
  '/admin/hours': 'admin',
};

const ALLOWED: Record<Level, readonly Who[]> = {
  public: ['visitor', 'member', 'other', 'lead', 'frontdesk', 'admin'],
  'secret-link': [],
  'signed-in': ['member', 'other', 'lead', 'frontdesk', 'admin'],
  // Camille's booking: hers, her lead's (same organisation) and staff's; not Sami's.
  owner: ['member', 'lead', 'frontdesk', 'admin'],
  // Changing or cancelling Camille's booking: hers and staff's; her lead may only see it.
  'owner-or-staff': ['member', 'frontdesk', 'admin'],
  // A lead's own team; staff see teams from the organisations' pages.
  lead: ['lead'],
  staff: ['frontdesk', 'admin'],
  admin: ['admin'],
  // Reports: admins see everything, a lead their own organisations' figures; not the front desk.
  reports: ['lead', 'admin'],
};

let t: TestApp;
const sessions = new Map<Who, Session | null>();
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  sessions.set('visitor', null);
  sessions.set('member', await signInAs(t.app, 'member'));
  sessions.set('other', await signInAs(t.app, 'member2'));
  sessions.set('lead', await signInAs(t.app, 'lead'));
  sessions.set('frontdesk', await signInAs(t.app, 'frontdesk'));
  sessions.set('admin', await signInAs(t.app, 'admin'));
  const camille = sessions.get('member')!;
  const made = await t.app.inject({
    method: 'POST',
    url: '/bookings',
    headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      _csrf: camille.csrf,
      resource: resourceId(t.db, 'salle-appia'),
      start: '2026-12-09T10:00',
      end: '2026-12-09T11:00',
    }),
  });
  ids.booking = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1]!;
  const one = (sql: string) => String(t.db.$client.prepare(sql).pluck().get());
  // Someone else's record for everyone but the admin (a member may see their own, a lead their team's).
  ids.member = one("SELECT id FROM members WHERE email LIKE 'admin@%'");
  ids.organisation = one('SELECT min(id) FROM organisations');
  ids.outbox = one('SELECT max(id) FROM outbox');
  ids.resource = String(resourceId(t.db, 'salle-appia'));
  // A rental request with a quote, for its staff pages.
  await requestRental(t.app);
  ids.rental = one('SELECT max(id) FROM rental_requests');
  await post(t.app, sessions.get('admin')!, `/admin/rentals/${ids.rental}/quote`);
  ids.closure = one('SELECT min(id) FROM closures');
  ids.zone = one('SELECT min(id) FROM zones');
});
afterAll(() => t.close());

function urlOf(pattern: string): string {
  const id = pattern.startsWith('/bookings/')
    ? ids.booking
    : pattern.startsWith('/admin/rentals/')
      ? ids.rental
      : pattern.startsWith('/admin/members/')
        ? ids.member
        : pattern.startsWith('/admin/organisations/')
          ? ids.organisation
          : pattern.startsWith('/admin/outbox/')
            ? ids.outbox
            : pattern.startsWith('/admin/closures/')
              ? ids.closure
              : pattern.startsWith('/admin/zones/')
                ? ids.zone
                : ids.resource;
  return pattern
    .replace('/assets/*', '/assets/app.css')
    .replace(':lang', 'en')
    .replace(':token', 'A'.repeat(43))
    .replace(':file', 'x.ics')
    .replace(':id', id!);
}

const pages = () => [...new Set(t.app.routeList.filter((r) => r.method === 'GET').map((r) => r.url))];

it('every page is in the matrix above (a new route must be given its level)', () => {
  expect(pages().filter((url) => !(url in PAGES))).toEqual([]);
});

describe.each(['visitor', 'member', 'other', 'lead', 'frontdesk', 'admin'] as const)('as %s', (who) => {
  it('every page answers as the matrix says', async () => {
    const wrong: string[] = [];
    for (const pattern of pages()) {
      const level = PAGES[pattern]!;
      const session = sessions.get(who);
      const url = urlOf(pattern);
      const res = await t.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
      const allowed = ALLOWED[level].includes(who);
      const expected = allowed
        ? // The language switch redirects back; the sign-in page sends a signed-in person home.
          pattern === '/language/:lang' || (pattern === '/login' && session)
          ? [303]
          : [200]
        : level === 'secret-link'
          ? [404]
          : who === 'visitor'
            ? [303]
            : [404];
      const ok =
        expected.includes(res.statusCode) &&
        (res.statusCode !== 303 || allowed || String(res.headers.location).startsWith('/login'));
      if (!ok) wrong.push(`${url}: ${res.statusCode} (expected ${expected.join(' or ')})`);
    }
    expect(wrong).toEqual([]);
  });
});
