// Password reset, invitations, deactivation, profile and sessions, through app.inject.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { sessionRef } from '../../src/services/sessions.js';
import { hashToken } from '../../src/services/tokens.js';
import {
  csrfOf,
  DEMO_ACCOUNTS,
  DEMO_TEST_PASSWORD,
  form,
  sessionCookie,
  signIn,
  signInAs,
  visitor,
  type Session,
} from '../helpers/auth.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.app.services.limiter.clearAll();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOUR = 3_600_000;

function post(session: Session, url: string, fields: Record<string, string | string[]> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie: session.cookie },
    payload: form({ _csrf: session.csrf, ...fields }),
  });
}
const get = (url: string, session?: Session) =>
  t.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });

interface OutboxRow {
  id: number;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}
function mails(kind: string, to?: string): OutboxRow[] {
  return (
    t.db.$client
      .prepare('SELECT id, kind, to_address AS "to", subject, message FROM outbox WHERE kind = ? ORDER BY id')
      .all(kind) as (OutboxRow & { message: string })[]
  )
    .map(({ message, ...row }) => ({ ...row, ...(JSON.parse(message) as { text: string; html: string }) }))
    .filter((m) => to === undefined || m.to === to);
}
function linkIn(mail: OutboxRow, path: string): string {
  const match = new RegExp(`${t.config.baseUrl.replace(/[.]/g, '\\.')}(${path}/[A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}
const memberId = (email: string) =>
  (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
const liveSessions = (email: string) =>
  (
    t.db.$client
      .prepare('SELECT count(*) AS n FROM sessions s JOIN members m ON m.id = s.member_id WHERE m.email = ?')
      .get(email) as { n: number }
  ).n;

async function createAccount(email: string, name = 'Test Person'): Promise<void> {
  const admin = await signInAs(t.app, 'admin');
  const res = await post(admin, '/admin/members/invite', { email, name, role: 'member', language: 'fr' });
  expect(res.statusCode).toBe(303);
  const link = linkIn(mails('invitation', email).at(-1)!, '/invitation');
  const page = await get(link);
  const accept = await t.app.inject({
    method: 'POST',
    url: link,
    headers: { ...FORM, cookie: sessionCookie(page)! },
    payload: form({ _csrf: csrfOf(page.body)!, name, password: DEMO_TEST_PASSWORD, confirm: DEMO_TEST_PASSWORD }),
  });
  expect(accept.statusCode).toBe(303);
}

async function requestReset(email: string, session?: Session) {
  const s = session ?? (await visitor(t.app));
  return post(s, '/password/forgot', { email });
}

describe('password reset', () => {
  it('answers a known and an unknown address with the same status and body; only the known one gets mail', async () => {
    const s = await visitor(t.app);
    const before = mails('password-reset').length;
    const known = await requestReset(DEMO_ACCOUNTS.member2.email, s);
    const unknown = await requestReset('nobody@demo.21.example.org', s);
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(known.body).toContain('Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.');
    const sent = mails('password-reset');
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)!.to).toBe(DEMO_ACCOUNTS.member2.email);
    expect(sent.at(-1)!.subject).toBe('Réinitialiser votre mot de passe – 21');
    expect(sent.at(-1)!.html).toContain('Choisir un nouveau mot de passe');
  });

  it('sets a new password once; the link then stops working, the old password too, and every session ends', async () => {
    const email = 'reset-once@example.org';
    await createAccount(email);
    const before = await signIn(t.app, email);
    await requestReset(email);
    const link = linkIn(mails('password-reset', email).at(-1)!, '/password/reset');

    const page = await get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(email);
    const cookie = sessionCookie(page)!;
    const csrf = csrfOf(page.body)!;

    const short = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf, password: 'short', confirm: 'short' }),
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Le mot de passe doit contenir au moins 12 caractères.');
    const mismatch = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf, password: 'a-long-new-password', confirm: 'another-long-password' }),
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Les deux mots de passe ne sont pas identiques.');

    const done = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf, password: 'a-long-new-password', confirm: 'a-long-new-password' }),
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?done=password_reset');
    expect((await get('/login?done=password_reset')).body).toContain('Votre mot de passe a été changé.');

    expect(liveSessions(email)).toBe(0);
    expect((await get('/profile', before)).statusCode).toBe(303);
    await expect(signIn(t.app, email, DEMO_TEST_PASSWORD)).rejects.toThrow(/401/);
    await signIn(t.app, email, 'a-long-new-password');

    const again = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf, password: 'yet-another-password', confirm: 'yet-another-password' }),
    });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Lien invalide ou expiré');
    expect((await get(link)).statusCode).toBe(404);
    await signIn(t.app, email, 'a-long-new-password');
  });

  it('expires after one hour', async () => {
    const email = DEMO_ACCOUNTS.member2.email;
    await requestReset(email);
    const link = linkIn(mails('password-reset', email).at(-1)!, '/password/reset');
    t.clock.advance(HOUR - 60_000);
    expect((await get(link)).statusCode).toBe(200);
    t.clock.advance(60_000);
    const page = await get(link);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('/password/forgot');
    t.clock.advance(-HOUR);
  });

  it('only the latest link works', async () => {
    const email = DEMO_ACCOUNTS.member2.email;
    await requestReset(email);
    const first = linkIn(mails('password-reset', email).at(-1)!, '/password/reset');
    await requestReset(email);
    const second = linkIn(mails('password-reset', email).at(-1)!, '/password/reset');
    expect((await get(first)).statusCode).toBe(404);
    expect((await get(second)).statusCode).toBe(200);
  });

  it('is rate limited per address (3 an hour) with 429, for known and unknown addresses alike', async () => {
    const s = await visitor(t.app);
    for (const email of [DEMO_ACCOUNTS.lead.email, 'ghost@example.org']) {
      for (let i = 0; i < 3; i++) expect((await requestReset(email, s)).statusCode).toBe(200);
      const res = await requestReset(email, s);
      expect(res.statusCode).toBe(429);
      expect(res.body).toContain('Trop de tentatives. Réessayez dans 60 minutes.');
    }
  });

  it('refuses a CR/LF address with 422 and sends nothing', async () => {
    const before = mails('password-reset').length;
    const res = await requestReset(`${DEMO_ACCOUNTS.member.email}\nBcc: evil@example.org`);
    expect(res.statusCode).toBe(422);
    expect(mails('password-reset').length).toBe(before);
  });

  it('answers a malformed or made-up link with 404', async () => {
    expect((await get('/password/reset/short')).statusCode).toBe(404);
    expect((await get(`/password/reset/${'a'.repeat(43)}`)).statusCode).toBe(404);
  });
});

describe('invitations', () => {
  it('an admin invites; the link is mailed, accepting it sets name and password and signs in; it works once', async () => {
    const admin = await signInAs(t.app, 'admin');
    const res = await post(admin, '/admin/members/invite', {
      email: 'New.Person@Example.org',
      name: 'New Person',
      role: 'member',
      organisationId: '1',
      language: 'en',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/members\/\d+\?done=invited$/);
    const mail = mails('invitation', 'new.person@example.org').at(-1)!;
    expect(mail.subject).toBe('Your access to the 21 booking system');
    expect(mail.text).toContain('Alex Admin invites you');
    expect(mail.text).toContain('Organisation: Association Démo');
    const link = linkIn(mail, '/invitation');

    const page = await get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('new.person@example.org');
    expect(page.body).toContain('value="New Person"');
    const res2 = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie: sessionCookie(page)! },
      payload: form({
        _csrf: csrfOf(page.body)!,
        name: 'Nouvelle Personne',
        password: 'a-good-long-password',
        confirm: 'a-good-long-password',
      }),
    });
    expect(res2.statusCode).toBe(303);
    expect(res2.headers.location).toBe('/profile?done=welcome');
    const welcome = await t.app.inject({
      method: 'GET',
      url: '/profile?done=welcome',
      headers: { cookie: sessionCookie(res2)! },
    });
    expect(welcome.body).toContain('<html lang="en">');
    expect(welcome.body).toContain('Your account is active. Welcome to 21!');
    expect(welcome.body).toContain('Association Démo');

    expect((await get(link)).statusCode).toBe(404);
    await signIn(t.app, 'new.person@example.org', 'a-good-long-password');
  });

  it('expires after 7 days', async () => {
    const admin = await signInAs(t.app, 'admin');
    await post(admin, '/admin/members/invite', { email: 'late@example.org', name: 'Late', role: 'member' });
    const link = linkIn(mails('invitation', 'late@example.org').at(-1)!, '/invitation');
    t.clock.advance(7 * 24 * HOUR);
    expect((await get(link)).statusCode).toBe(404);
    t.clock.advance(-7 * 24 * HOUR);
    // Sending it again gives a new link that works, and voids the old one.
    const resend = await post(admin, `/admin/members/${memberId('late@example.org')}/resend`);
    expect(resend.statusCode).toBe(303);
    const fresh = linkIn(mails('invitation', 'late@example.org').at(-1)!, '/invitation');
    expect(fresh).not.toBe(link);
    expect((await get(fresh)).statusCode).toBe(200);
  });

  it('refuses an address that already has an account, and bad fields, with 422 and messages tied to fields', async () => {
    const admin = await signInAs(t.app, 'admin');
    const taken = await post(admin, '/admin/members/invite', {
      email: DEMO_ACCOUNTS.member.email,
      name: 'Again',
      role: 'member',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Un compte existe déjà pour cette adresse.');
    const bad = await post(admin, '/admin/members/invite', {
      email: 'a@b.org\r\nBcc: c@d.org',
      name: '',
      role: 'owner',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="invite-email"[^>]*aria-invalid="true"[^>]*aria-describedby="invite-email-error"/);
    expect(bad.body).toContain('Indiquez le nom.');
    expect(bad.body).toContain('Choisissez un rôle dans la liste.');
  });

  it('a lead invites into their own team only, as a plain member', async () => {
    const lead = await signInAs(t.app, 'lead');
    const res = await post(lead, '/team/1/invite', {
      email: 'teammate@example.org',
      name: 'Team Mate',
      role: 'admin',
      language: 'fr',
    });
    expect(res.statusCode).toBe(303);
    const row = t.db.$client
      .prepare(
        "SELECT m.role, ms.organisation_id AS org, ms.is_lead AS lead FROM members m JOIN memberships ms ON ms.member_id = m.id WHERE m.email = 'teammate@example.org'",
      )
      .get();
    expect(row).toEqual({ role: 'member', org: 1, lead: 0 });
    const other = t.db.$client
      .prepare(
        "INSERT INTO organisations (name, kind, programme, starts_on, created_at) VALUES ('Other', 'association', 'coworking', '2026-01-01', 0) RETURNING id",
      )
      .get() as { id: number };
    expect((await post(lead, `/team/${other.id}/invite`, { email: 'x@example.org', name: 'X' })).statusCode).toBe(404);
    expect(
      (
        await post(lead, '/admin/members/invite', {
          email: 'y@example.org',
          name: 'Y',
          organisationId: '1',
          role: 'frontdesk',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await post(lead, '/admin/members/invite', {
          email: 'z@example.org',
          name: 'Z',
          organisationId: '1',
          role: 'member',
          asLead: '1',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a member who leads nothing cannot invite', async () => {
    const m = await signInAs(t.app, 'member');
    expect((await post(m, '/team/1/invite', { email: 'q@example.org', name: 'Q' })).statusCode).toBe(404);
    expect(
      (await post(m, '/admin/members/invite', { email: 'q@example.org', name: 'Q', organisationId: '1' })).statusCode,
    ).toBe(404);
  });

  it('is rate limited per inviting account (20 an hour)', async () => {
    const admin = await signInAs(t.app, 'admin');
    for (let i = 0; i < 20; i++)
      expect(
        (await post(admin, '/admin/members/invite', { email: `bulk${i}@example.org`, name: `Bulk ${i}` })).statusCode,
      ).toBe(303);
    const res = await post(admin, '/admin/members/invite', { email: 'bulk-last@example.org', name: 'Last' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Trop de tentatives.');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('is rate limited per invited address (3 an hour), whoever sends them', async () => {
    const admin = await signInAs(t.app, 'admin');
    for (let i = 0; i < 3; i++)
      expect(
        (await post(admin, '/admin/members/invite', { email: 'pester@example.org', name: 'Pester' })).statusCode,
      ).toBe(303);
    expect(
      (await post(admin, '/admin/members/invite', { email: 'pester@example.org', name: 'Pester' })).statusCode,
    ).toBe(429);
  });
});

describe('deactivation', () => {
  it('ends every session of the member at once; they can no longer sign in; reactivation lets them back', async () => {
    const email = 'leaving@example.org';
    await createAccount(email, 'Leaving Soon');
    const phone = await signIn(t.app, email);
    const laptop = await signIn(t.app, email);
    // The invitation signed them in once, plus two devices.
    expect(liveSessions(email)).toBe(3);
    const admin = await signInAs(t.app, 'admin');
    const res = await post(admin, `/admin/members/${memberId(email)}/deactivate`);
    expect(res.statusCode).toBe(303);
    expect(liveSessions(email)).toBe(0);
    for (const s of [phone, laptop]) {
      const page = await get('/profile', s);
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/login?next=%2Fprofile');
    }
    await expect(signIn(t.app, email)).rejects.toThrow(/401/);
    const detail = await get(`/admin/members/${memberId(email)}?done=deactivated`, admin);
    expect(detail.body).toContain('Le compte est désactivé et ses sessions sont fermées.');
    expect(detail.body).toContain('Désactivé');
    expect((await post(admin, `/admin/members/${memberId(email)}/reactivate`)).statusCode).toBe(303);
    await signIn(t.app, email);
  });

  it('revokes the calendar feed links for good: a reactivated member’s old link stays dead', async () => {
    const email = 'feeds-leaving@example.org';
    await createAccount(email, 'Feeds Leaving');
    const token = t.app.services.feedTokens.rotate(memberId(email));
    const feed = () => t.app.inject({ method: 'GET', url: `/feeds/${token}/bookings.ics` });
    expect((await feed()).statusCode).toBe(200);
    const admin = await signInAs(t.app, 'admin');
    expect((await post(admin, `/admin/members/${memberId(email)}/deactivate`)).statusCode).toBe(303);
    expect((await feed()).statusCode).toBe(404);
    expect((await post(admin, `/admin/members/${memberId(email)}/reactivate`)).statusCode).toBe(303);
    expect((await feed()).statusCode).toBe(404);
    // A new link works.
    const fresh = t.app.services.feedTokens.rotate(memberId(email));
    expect((await t.app.inject({ method: 'GET', url: `/feeds/${fresh}/bookings.ics` })).statusCode).toBe(200);
  });

  it('is written to the audit log with who did it', async () => {
    const row = t.db.$client
      .prepare(
        "SELECT actor_id AS actor, json_extract(details, '$.sessionsEnded') AS ended FROM audit_log WHERE action = 'member.deactivated' AND subject_id = (SELECT id FROM members WHERE email = 'leaving@example.org')",
      )
      .get() as { actor: number; ended: number };
    expect(row.actor).toBe(memberId(DEMO_ACCOUNTS.admin.email));
    expect(row.ended).toBe(3);
  });
});

describe('profile', () => {
  it('changes name, language and access needs; the profile language then applies to every page', async () => {
    const email = 'profile@example.org';
    await createAccount(email, 'Pro File');
    const s = await signIn(t.app, email);
    const res = await post(s, '/profile', { name: 'Pro  File  ', language: 'en', accessNeeds: ['step_free', 'quiet'] });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profile?done=saved');
    const page = await t.app.inject({
      method: 'GET',
      url: '/profile?done=saved',
      headers: { cookie: s.cookie, 'accept-language': 'fr' },
    });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Your profile is saved.');
    expect(page.body).toContain('value="Pro File"');
    expect(page.body).toMatch(/value="step_free" checked/);
    expect(page.body).toMatch(/value="quiet" checked/);
    // Even with a French language cookie, the profile wins.
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `${s.cookie}; lang=fr` } });
    expect(home.body).toContain('<html lang="en">');
  });

  it('refuses bad values with 422 and keeps what was typed', async () => {
    const s = await signInAs(t.app, 'member');
    const res = await post(s, '/profile', { name: '', language: 'de', accessNeeds: ['teleport'] });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Indiquez le nom.');
    expect(res.body).toContain('Choisissez le français ou l’anglais.');
    expect(res.body).toContain('Choisissez des besoins dans la liste.');
    expect(res.body).toMatch(/id="profile-name"[^>]*aria-invalid="true"/);
  });

  it("the header's language switch changes the member's profile language", async () => {
    const email = 'switch@example.org';
    await createAccount(email, 'Switch');
    const s = await signIn(t.app, email);
    const page = await get('/resources', s);
    expect(page.body).toContain('action="/profile/language"');
    const res = await post(s, '/profile/language', { lang: 'en', next: '/resources' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/resources');
    expect((await get('/resources', s)).body).toContain('<html lang="en">');
  });

  it('lists the sessions; "sign out of my other sessions" ends all but this one', async () => {
    const email = 'many@example.org';
    await createAccount(email, 'Many Sessions');
    const a = await signIn(t.app, email);
    const b = await signIn(t.app, email);
    const c = await signIn(t.app, email);
    const page = await get('/profile', a);
    expect(page.body.match(/action="\/profile\/sessions\/[0-9a-f]{16}\/end"/g)).toHaveLength(4);
    expect(page.body).toContain('Cette session');
    const res = await post(a, '/profile/sessions/others/end');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profile?done=sessions_ended');
    expect((await get('/profile', a)).statusCode).toBe(200);
    expect((await get('/profile', b)).statusCode).toBe(303);
    expect((await get('/profile', c)).statusCode).toBe(303);
    expect(liveSessions(email)).toBe(1);
  });

  it("signs out one session by its reference; another member's reference answers 404", async () => {
    const email = 'two@example.org';
    await createAccount(email, 'Two Sessions');
    const a = await signIn(t.app, email);
    const b = await signIn(t.app, email);
    const refOf = (session: Session) => sessionRef(hashToken(session.cookie.slice(session.cookie.indexOf('=') + 1)));
    const listed = [
      ...(await get('/profile', a)).body.matchAll(/action="\/profile\/sessions\/([0-9a-f]{16})\/end"/g),
    ].map((m) => m[1]!);
    expect(listed).toContain(refOf(a));
    expect(listed).toContain(refOf(b));
    const stranger = await signInAs(t.app, 'member');
    for (const ref of listed) expect((await post(stranger, `/profile/sessions/${ref}/end`)).statusCode).toBe(404);
    expect(liveSessions(email)).toBe(listed.length);
    expect((await post(a, `/profile/sessions/${refOf(b)}/end`)).headers.location).toBe('/profile?done=session_ended');
    expect((await get('/profile', b)).statusCode).toBe(303);
    expect((await get('/profile', a)).statusCode).toBe(200);
    const self = await post(a, `/profile/sessions/${refOf(a)}/end`);
    expect(self.headers.location).toBe('/login?done=signed_out');
    expect((await get('/profile', a)).statusCode).toBe(303);
  });
});

describe('sessions expire', () => {
  it('after a week without a request', async () => {
    const s = await signInAs(t.app, 'member2');
    t.clock.advance(7 * 24 * HOUR);
    expect((await get('/profile', s)).statusCode).toBe(303);
    t.clock.advance(-7 * 24 * HOUR);
  });
});
