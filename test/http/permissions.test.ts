// The permission matrix through HTTP: every role (and a signed-out visitor) against every
// protected page and action of accounts, organisations and the audit log. A refusal answers
// exactly like something that does not exist (404) and changes nothing.
// (Bookings have their own walk in the bookings tests: another member's booking -> 404.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, visitor, type DemoAccount, type Session } from '../helpers/auth.js';
import { createMember, createOrganisation } from '../helpers/people.js';

type Who = 'anonymous' | Exclude<DemoAccount, 'member2'>;
const WHO: Who[] = ['anonymous', 'member', 'lead', 'frontdesk', 'admin'];

let t: TestApp;
const sessions = {} as Record<Who, Session>;
let ids: { teammate: number; stranger: number; otherOrg: number; demoOrg: number };

beforeAll(async () => {
  t = await createTestApp();
  sessions.anonymous = await visitor(t.app);
  for (const who of WHO) if (who !== 'anonymous') sessions[who] = await signInAs(t.app, who);
  const demoOrg = (
    t.db.$client.prepare('SELECT organisation_id AS id FROM memberships LIMIT 1').get() as { id: number }
  ).id;
  const otherOrg = createOrganisation(t.db, { name: 'Autre organisation' });
  ids = {
    demoOrg,
    otherOrg,
    teammate: (
      t.db.$client.prepare("SELECT id FROM members WHERE email = 'sami@demo.21.example.org'").get() as { id: number }
    ).id,
    stranger: createMember(t.db, { name: 'Stranger', organisationId: otherOrg }),
  };
});
afterAll(async () => {
  await t.close();
});

const main = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;

type Expect = 200 | 303 | 404 | 422;
interface Page {
  url: () => string;
  expected: Record<Exclude<Who, 'anonymous'>, Expect>;
}

const pages: Record<string, Page> = {
  'own profile': { url: () => '/profile', expected: { member: 200, lead: 200, frontdesk: 200, admin: 200 } },
  'team page': { url: () => '/team', expected: { member: 404, lead: 200, frontdesk: 404, admin: 404 } },
  'member search': { url: () => '/admin/members', expected: { member: 404, lead: 404, frontdesk: 200, admin: 200 } },
  'a teammate': {
    url: () => `/admin/members/${ids.teammate}`,
    expected: { member: 404, lead: 200, frontdesk: 200, admin: 200 },
  },
  'a member of another organisation': {
    url: () => `/admin/members/${ids.stranger}`,
    expected: { member: 404, lead: 404, frontdesk: 200, admin: 200 },
  },
  'organisation list': {
    url: () => '/admin/organisations',
    expected: { member: 404, lead: 404, frontdesk: 200, admin: 200 },
  },
  'organisation page': {
    url: () => `/admin/organisations/${ids.demoOrg}`,
    expected: { member: 404, lead: 404, frontdesk: 200, admin: 200 },
  },
  'new organisation form': {
    url: () => '/admin/organisations/new',
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 200 },
  },
  'audit log': { url: () => '/admin/audit', expected: { member: 404, lead: 404, frontdesk: 404, admin: 200 } },
};

describe('pages', () => {
  for (const [name, page] of Object.entries(pages)) {
    for (const who of WHO) {
      const expected = who === 'anonymous' ? 303 : page.expected[who];
      it(`${who} → ${name}: ${expected}`, async () => {
        const res = await t.app.inject({ method: 'GET', url: page.url(), headers: { cookie: sessions[who].cookie } });
        expect(res.statusCode).toBe(expected);
        if (expected === 303) expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(page.url())}`);
      });
    }
  }

  it('"not yours" is word for word "does not exist"', async () => {
    const s = sessions.member;
    const notYours = await t.app.inject({
      method: 'GET',
      url: `/admin/members/${ids.stranger}`,
      headers: { cookie: s.cookie },
    });
    const missing = await t.app.inject({ method: 'GET', url: '/admin/members/999999', headers: { cookie: s.cookie } });
    const nowhere = await t.app.inject({ method: 'GET', url: '/no/such/page', headers: { cookie: s.cookie } });
    expect(notYours.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(main(notYours.body)).toBe(main(missing.body));
    expect(main(notYours.body)).toBe(main(nowhere.body));
  });

  it('even staff get 404 for a member that does not exist', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/members/999999', headers: { cookie: sessions.admin.cookie } }))
        .statusCode,
    ).toBe(404);
  });
});

interface Action {
  /** Runs the action as `who` on a fresh subject; returns the status and whether it took effect. */
  run: (s: Session) => Promise<{ status: number; changed: boolean }>;
  expected: Record<Exclude<Who, 'anonymous'>, Expect>;
}

const db = () => t.db.$client;
function post(s: Session, url: string, fields: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
    payload: form({ _csrf: s.csrf, ...fields }),
  });
}
const one = <T>(sql: string, ...params: unknown[]) =>
  db()
    .prepare(sql)
    .get(...params) as T;

let seq = 0;
const email = () => `walk${++seq}@example.org`;

const actions: Record<string, Action> = {
  'invite a member with no organisation': {
    run: async (s) => {
      const e = email();
      const res = await post(s, '/admin/members/invite', { email: e, name: 'Walk', role: 'member' });
      return { status: res.statusCode, changed: !!one(`SELECT id FROM members WHERE email = ?`, e) };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'invite into the demo team (team page)': {
    run: async (s) => {
      const e = email();
      const res = await post(s, `/team/${ids.demoOrg}/invite`, { email: e, name: 'Walk' });
      return { status: res.statusCode, changed: !!one(`SELECT id FROM members WHERE email = ?`, e) };
    },
    expected: { member: 404, lead: 303, frontdesk: 404, admin: 303 },
  },
  'change a role': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.otherOrg });
      const res = await post(s, `/admin/members/${id}/role`, { role: 'frontdesk' });
      return {
        status: res.statusCode,
        changed: one<{ role: string }>('SELECT role FROM members WHERE id = ?', id).role === 'frontdesk',
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'deactivate a teammate': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.demoOrg });
      const res = await post(s, `/admin/members/${id}/deactivate`);
      return {
        status: res.statusCode,
        changed: one<{ active: number }>('SELECT active FROM members WHERE id = ?', id).active === 0,
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  reactivate: {
    run: async (s) => {
      const id = createMember(t.db);
      db().prepare('UPDATE members SET active = 0 WHERE id = ?').run(id);
      const res = await post(s, `/admin/members/${id}/reactivate`);
      return {
        status: res.statusCode,
        changed: one<{ active: number }>('SELECT active FROM members WHERE id = ?', id).active === 1,
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'record an induction': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.demoOrg });
      const res = await post(s, `/admin/members/${id}/inductions`, { kind: 'vr_studio' });
      return { status: res.statusCode, changed: !!one('SELECT id FROM inductions WHERE member_id = ?', id) };
    },
    expected: { member: 404, lead: 404, frontdesk: 303, admin: 303 },
  },
  'remove an induction': {
    run: async (s) => {
      const id = createMember(t.db, { inductions: ['digital_studio'] });
      const res = await post(s, `/admin/members/${id}/inductions/digital_studio/remove`);
      return { status: res.statusCode, changed: !one('SELECT id FROM inductions WHERE member_id = ?', id) };
    },
    expected: { member: 404, lead: 404, frontdesk: 303, admin: 303 },
  },
  'create an organisation': {
    run: async (s) => {
      const name = `Org ${++seq}`;
      const res = await post(s, '/admin/organisations/new', {
        name,
        kind: 'association',
        programme: 'oeth',
        startsOn: '2026-01-01',
        quotaRoomHours: '7,5',
        quotaDeskHalfDays: '',
      });
      return { status: res.statusCode, changed: !!one('SELECT id FROM organisations WHERE name = ?', name) };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  "change an organisation's plan": {
    run: async (s) => {
      const id = createOrganisation(t.db, { quotaRoomMinutes: 60 });
      const res = await post(s, `/admin/organisations/${id}/plans`, {
        name: 'Incubation',
        startsOn: '2026-06-01',
        roomHours: '12',
        deskHalfDays: '8',
      });
      return {
        status: res.statusCode,
        changed: one<{ n: number }>('SELECT count(*) AS n FROM organisation_plans WHERE organisation_id = ?', id).n > 1,
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  "change the lead's own organisation's plan": {
    run: async (s) => {
      const count = () =>
        one<{ n: number }>('SELECT count(*) AS n FROM organisation_plans WHERE organisation_id = ?', ids.demoOrg).n;
      const before = count();
      const res = await post(s, `/admin/organisations/${ids.demoOrg}/plans`, {
        name: 'Plus',
        startsOn: '2026-12-01',
        roomHours: '20',
        deskHalfDays: '20',
      });
      const after = count();
      if (after !== before)
        db().prepare('DELETE FROM organisation_plans WHERE organisation_id = ? AND name = ?').run(ids.demoOrg, 'Plus');
      return { status: res.statusCode, changed: after !== before };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'add an existing member to an organisation': {
    run: async (s) => {
      const id = createMember(t.db);
      const e = one<{ email: string }>('SELECT email FROM members WHERE id = ?', id).email;
      const res = await post(s, `/admin/organisations/${ids.otherOrg}/members`, { email: e });
      return {
        status: res.statusCode,
        changed: !!one(
          'SELECT member_id FROM memberships WHERE member_id = ? AND organisation_id = ?',
          id,
          ids.otherOrg,
        ),
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'make someone a lead': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.demoOrg });
      const res = await post(s, `/admin/organisations/${ids.demoOrg}/members/${id}/lead`, { isLead: '1' });
      return {
        status: res.statusCode,
        changed: one<{ l: number }>('SELECT is_lead AS l FROM memberships WHERE member_id = ?', id).l === 1,
      };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
  'remove a teammate from the demo team': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.demoOrg });
      const res = await post(s, `/team/${ids.demoOrg}/members/${id}/remove`);
      return { status: res.statusCode, changed: !one('SELECT member_id FROM memberships WHERE member_id = ?', id) };
    },
    expected: { member: 404, lead: 303, frontdesk: 404, admin: 303 },
  },
  'remove someone from another team': {
    run: async (s) => {
      const id = createMember(t.db, { organisationId: ids.otherOrg });
      const res = await post(s, `/team/${ids.otherOrg}/members/${id}/remove`);
      return { status: res.statusCode, changed: !one('SELECT member_id FROM memberships WHERE member_id = ?', id) };
    },
    expected: { member: 404, lead: 404, frontdesk: 404, admin: 303 },
  },
};

describe('actions', () => {
  for (const [name, action] of Object.entries(actions)) {
    for (const who of WHO) {
      const expected = who === 'anonymous' ? 303 : action.expected[who];
      it(`${who} → ${name}: ${expected}${expected === 303 && who !== 'anonymous' ? ' (done)' : ' (nothing changes)'}`, async () => {
        t.app.services.limiter.clearAll();
        const { status, changed } = await action.run(sessions[who]);
        expect(status).toBe(expected);
        expect(changed).toBe(who !== 'anonymous' && expected === 303);
      });
    }
  }

  it('nobody changes their own role or deactivates themselves, not even an admin', async () => {
    const adminId = (
      db().prepare("SELECT id FROM members WHERE email = 'admin@demo.21.example.org'").get() as { id: number }
    ).id;
    expect((await post(sessions.admin, `/admin/members/${adminId}/role`, { role: 'member' })).statusCode).toBe(404);
    expect((await post(sessions.admin, `/admin/members/${adminId}/deactivate`)).statusCode).toBe(404);
    expect(one<{ role: string; active: number }>('SELECT role, active FROM members WHERE id = ?', adminId)).toEqual({
      role: 'admin',
      active: 1,
    });
  });
});
