// The header's staff menus, read from the rendered page: every link an admin is offered
// answers 200 (links to pages of other work in progress are checked once their route exists),
// the front desk gets its own menu, a lead their reports, a member none of these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';

/** Pages other branches add (issue 14 and 15); until they land their links lead nowhere yet. */
const AWAITED = ['/admin/resources', '/admin/closures', '/admin/approvals', '/admin/rentals', '/admin/event-space'];

let t: TestApp;
const page = async (session: Session, url = '/') =>
  (await t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })).body;

/** The links of one menu ("frontdesk" or "admin") in the header. */
function menuLinks(html: string, id: string): string[] {
  const nav = new RegExp(`<nav aria-labelledby="menu-${id}">([\\s\\S]*?)</nav>`).exec(html);
  return nav ? [...nav[1]!.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!) : [];
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('admin menu', () => {
  it('reaches every admin page, each answering 200 to an admin', async () => {
    const admin = await signInAs(t.app, 'admin');
    const links = menuLinks(await page(admin), 'admin');
    expect(links).toEqual(expect.arrayContaining(['/admin/outbox', '/admin/reports', '/admin/prices', ...AWAITED]));
    const routes = new Set(t.app.routeList.filter((r) => r.method === 'GET').map((r) => r.url));
    const checked: string[] = [];
    for (const href of links) {
      if (!routes.has(href)) {
        expect(AWAITED).toContain(href);
        continue;
      }
      const res = await t.app.inject({ method: 'GET', url: href, headers: { cookie: admin.cookie } });
      expect(res.statusCode, href).toBe(200);
      checked.push(href);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['/admin/members', '/admin/audit', '/admin/outbox', '/admin/reports']),
    );
    // The front desk menu of an admin too.
    for (const href of menuLinks(await page(admin), 'frontdesk')) {
      const res = await t.app.inject({ method: 'GET', url: href, headers: { cookie: admin.cookie } });
      expect(res.statusCode, href).toBe(200);
    }
  });

  it('marks the page shown with aria-current, in a labelled nav', async () => {
    const admin = await signInAs(t.app, 'admin');
    const html = await page(admin, '/admin/reports');
    expect(html).toContain('<a href="/admin/reports" aria-current="page">Rapports</a>');
    expect(html).toMatch(/<summary id="menu-admin" class="current">Administration/);
  });

  it('gives the front desk its own menu and no admin one', async () => {
    const desk = await signInAs(t.app, 'frontdesk');
    const html = await page(desk);
    expect(menuLinks(html, 'frontdesk')).toEqual([
      '/frontdesk',
      '/frontdesk/headcount',
      '/frontdesk/bookings',
      '/frontdesk/qr-codes',
      '/admin/members',
      '/admin/organisations',
      '/admin/approvals',
      '/admin/rentals',
      '/admin/event-space',
    ]);
    expect(menuLinks(html, 'admin')).toEqual([]);
    expect(html).not.toContain('href="/admin/reports"');
  });

  it('offers a lead their reports, and a member no staff menu', async () => {
    const lead = await page(await signInAs(t.app, 'lead'));
    expect(lead).toContain('<a href="/admin/reports">Rapports</a>');
    const member = await page(await signInAs(t.app, 'member'));
    expect(member).not.toContain('menu-frontdesk');
    expect(member).not.toContain('href="/admin/');
  });
});
