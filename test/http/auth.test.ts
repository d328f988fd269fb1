// Sign-in, sessions, sign-out, CSRF and rate limits, through app.inject on a real SQLite file.
import type * as argon2 from '@node-rs/argon2';
import { parseOptions, verify as argon2Verify } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
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
import Database from 'better-sqlite3';
import { hashToken } from '../../src/services/tokens.js';

// argon2 itself, watched: how many checks a sign-in makes, and with which hash parameters.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof argon2>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verify = vi.mocked(argon2Verify);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
// Each test starts with fresh rate-limit counters (they live in memory, per app).
beforeEach(() => {
  t.app.services.limiter.clearAll();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const member = DEMO_ACCOUNTS.member.email;

function postLogin(session: Session, fields: Record<string, string>, extra: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/login',
    headers: { ...FORM, cookie: session.cookie, ...extra },
    payload: form({ _csrf: session.csrf, ...fields }),
  });
}

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const sessionRow = (cookie: string) =>
  t.db.$client
    .prepare('SELECT member_id AS memberId FROM sessions WHERE token_hash = ?')
    .get(hashToken(tokenOf(cookie))) as { memberId: number | null } | undefined;
const count = (sql: string, ...params: unknown[]) => (t.db.$client.prepare(sql).get(...params) as { n: number }).n;
const profile = (cookie: string) => t.app.inject({ method: 'GET', url: '/profile', headers: { cookie } });

describe('GET /login', () => {
  it('shows a labelled form with the CSRF field, and gives the visitor a session cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/login' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="post" action="/login"');
    expect(res.body).toMatch(
      /<label for="login-email">Adresse e-mail<\/label>[\s\S]*<input id="login-email" name="email" type="email"/,
    );
    expect(res.body).toMatch(
      /<label for="login-password">Mot de passe<\/label>[\s\S]*<input id="login-password" name="password" type="password"/,
    );
    expect(csrfOf(res.body)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('does not create a session for a page without a form', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/resources' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('<body>');
  });

  it('marks the cookie Secure and __Host- when served over HTTPS', async () => {
    const https = await createTestApp({ env: { BASE_URL: 'https://reservations.21.example.org' } });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/login' });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-sid=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      const signed = await signIn(https.app, member);
      expect(signed.cookie).toMatch(/^__Host-sid=/);
    } finally {
      await https.close();
    }
  });
});

describe('POST /login', () => {
  it('signs in with 303 and a new session cookie: the visitor session is replaced, not reused', async () => {
    const anonymous = await visitor(t.app);
    expect(sessionRow(anonymous.cookie)).toEqual({ memberId: null });
    const res = await postLogin(anonymous, { email: member, password: DEMO_TEST_PASSWORD, next: '/profile' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profile');
    const cookie = sessionCookie(res)!;
    expect(cookie).toBeTruthy();
    expect(tokenOf(cookie)).not.toBe(tokenOf(anonymous.cookie));
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
    // The old token opens nothing any more; the new one is a member session with a new CSRF secret.
    expect(sessionRow(anonymous.cookie)).toBeUndefined();
    expect(sessionRow(cookie)?.memberId).toBeGreaterThan(0);
    const page = await profile(cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(member);
    expect(csrfOf(page.body)).not.toBe(anonymous.csrf);
    expect(
      count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.sign_in' AND actor_id = ?",
        sessionRow(cookie)!.memberId,
      ),
    ).toBeGreaterThan(0);
  });

  it('accepts the e-mail in any case and with spaces around it', async () => {
    const res = await postLogin(await visitor(t.app), {
      email: `  ${member.toUpperCase()} `,
      password: DEMO_TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
  });

  it('goes only to a path of this site after sign-in', async () => {
    const res = await postLogin(await visitor(t.app), {
      email: member,
      password: DEMO_TEST_PASSWORD,
      next: '//evil.example.org/x',
    });
    expect(res.headers.location).toBe('/');
  });

  it('refuses a wrong password with 401, no member session and the fields marked', async () => {
    const anonymous = await visitor(t.app);
    const res = await postLogin(anonymous, { email: member, password: 'not-the-password' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(res.body).toMatch(/id="login-email"[^>]*aria-invalid="true"[^>]*aria-describedby="login-failed"/);
    expect(sessionCookie(res)).toBeNull();
    expect(sessionRow(anonymous.cookie)).toEqual({ memberId: null });
    expect(
      count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.sign_in_failed' AND json_extract(details, '$.email') = ?",
        member,
      ),
    ).toBeGreaterThan(0);
  });

  it('answers an unknown e-mail exactly like a wrong password (status and body)', async () => {
    const anonymous = await visitor(t.app);
    const wrong = await postLogin(anonymous, { email: member, password: 'not-the-password' });
    const unknown = await postLogin(anonymous, { email: 'nobody@demo.21.example.org', password: 'not-the-password' });
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const same = (body: string, email: string) => body.split(email).join('EMAIL');
    expect(same(unknown.body, 'nobody@demo.21.example.org')).toBe(same(wrong.body, member));
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
  });

  it('checks a password for an unknown e-mail as for a wrong one: one argon2 check, same cost', async () => {
    const anonymous = await visitor(t.app);
    const checks = async (email: string) => {
      verify.mockClear();
      await postLogin(anonymous, { email, password: 'not-the-password' });
      return verify.mock.calls.map(([hash]) => parseOptions(hash));
    };
    const known = await checks(member);
    expect(known).toHaveLength(1);
    expect(await checks('nobody@demo.21.example.org')).toEqual(known);
  });

  it('answers the same for a deactivated account and for an invited one without a password', async () => {
    const anonymous = await visitor(t.app);
    t.db.$client
      .prepare(
        "INSERT INTO members (email, name, role, language, created_at, updated_at) VALUES ('pending@demo.21.example.org', 'Pending', 'member', 'fr', 0, 0)",
      )
      .run();
    const wrong = await postLogin(anonymous, { email: member, password: 'not-the-password' });
    const pending = await postLogin(anonymous, { email: 'pending@demo.21.example.org', password: 'anything-at-all' });
    expect(pending.statusCode).toBe(401);
    expect(pending.body.split('pending@demo.21.example.org').join('E')).toBe(wrong.body.split(member).join('E'));
  });

  it('refuses an e-mail with a line break (422, the field explains) before looking anything up', async () => {
    const res = await postLogin(await visitor(t.app), {
      email: `${member}\r\nBcc: x@example.org`,
      password: DEMO_TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<p class="field-error" id="login-email-error">Indiquez une adresse e-mail valide/);
    expect(res.body).toMatch(/id="login-email"[^>]*aria-invalid="true"[^>]*aria-describedby="login-email-error"/);
    expect(res.body).toMatch(/<a href="#login-email">/);
  });

  it('asks for both fields when they are empty', async () => {
    const res = await postLogin(await visitor(t.app), { email: '', password: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Indiquez votre adresse e-mail.');
    expect(res.body).toContain('Indiquez le mot de passe.');
  });

  it('renews the session again at the next sign-in: a stolen pre-login cookie is worthless', async () => {
    const first = await signInAs(t.app, 'member');
    const second = await signInAs(t.app, 'member');
    expect(second.cookie).not.toBe(first.cookie);
    // Signing in again from the same browser replaces that browser's session.
    const res = await postLogin(first, { email: member, password: DEMO_TEST_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(sessionRow(first.cookie)).toBeUndefined();
    expect((await profile(second.cookie)).statusCode).toBe(200);
  });
});

describe('POST /logout', () => {
  it('ends the server session: the old cookie no longer signs anyone in', async () => {
    const s = await signInAs(t.app, 'member');
    const res = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { ...FORM, cookie: s.cookie },
      payload: form({ _csrf: s.csrf }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?done=signed_out');
    expect(String(res.headers['set-cookie'])).toMatch(/^sid=;/);
    expect(sessionRow(s.cookie)).toBeUndefined();
    const after = await profile(s.cookie);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fprofile');
  });

  it('a stale cookie is replaced by a working visitor session on the next form', async () => {
    const s = await signInAs(t.app, 'member2');
    await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { ...FORM, cookie: s.cookie },
      payload: form({ _csrf: s.csrf }),
    });
    const page = await t.app.inject({ method: 'GET', url: '/login', headers: { cookie: s.cookie } });
    const cookie = sessionCookie(page)!;
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43}$/);
    const res = await postLogin(
      { cookie, csrf: csrfOf(page.body)!, headers: {} },
      { email: DEMO_ACCOUNTS.member2.email, password: DEMO_TEST_PASSWORD },
    );
    expect(res.statusCode).toBe(303);
  });
});

describe('sessions read on every request', () => {
  // A write from another connection (the admin's sqlite3, a script) is seen by the next request.
  it('a session deleted by another connection no longer signs anyone in', async () => {
    const s = await signInAs(t.app, 'member2');
    expect((await profile(s.cookie)).statusCode).toBe(200);
    const other = new Database(t.config.databasePath);
    try {
      other.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(tokenOf(s.cookie)));
    } finally {
      other.close();
    }
    const after = await profile(s.cookie);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fprofile');
  });

  it('a member deactivated by another connection is signed out at once, and a new name shows at once', async () => {
    const s = await signInAs(t.app, 'lead');
    expect((await profile(s.cookie)).body).toContain(DEMO_ACCOUNTS.lead.name);
    const other = new Database(t.config.databasePath);
    try {
      other.prepare('UPDATE members SET name = ? WHERE email = ?').run('Léa Renommée', DEMO_ACCOUNTS.lead.email);
      expect((await profile(s.cookie)).body).toContain('Léa Renommée');
      other.prepare('UPDATE members SET active = 0 WHERE email = ?').run(DEMO_ACCOUNTS.lead.email);
      expect((await profile(s.cookie)).statusCode).toBe(303);
    } finally {
      other
        .prepare('UPDATE members SET active = 1, name = ? WHERE email = ?')
        .run(DEMO_ACCOUNTS.lead.name, DEMO_ACCOUNTS.lead.email);
      other.close();
    }
  });
});

describe('members-only pages', () => {
  it('send a signed-out visitor to the sign-in page and back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/profile?x=1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fprofile%3Fx%3D1');
    const login = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(login.body).toContain('<input type="hidden" name="next" value="/profile?x=1">');
  });

  it('tell htmx to load the sign-in page instead of swapping it into a fragment', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/profile', headers: { 'hx-request': 'true' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['hx-redirect']).toBe('/login?next=%2Fprofile');
  });
});

describe('CSRF', () => {
  it('refuses a sign-in without the token (403, translated) and signs nobody in', async () => {
    const anonymous = await visitor(t.app);
    const before = count('SELECT count(*) AS n FROM sessions WHERE member_id IS NOT NULL');
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { ...FORM, cookie: anonymous.cookie },
      payload: form({ email: member, password: DEMO_TEST_PASSWORD }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Action refusée');
    expect(res.body).toContain('Ce formulaire a expiré ou ne vient pas de ce site');
    expect(sessionCookie(res)).toBeNull();
    expect(count('SELECT count(*) AS n FROM sessions WHERE member_id IS NOT NULL')).toBe(before);
  });

  it('refuses a sign-in without any session at all', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: FORM,
      payload: form({ email: member, password: DEMO_TEST_PASSWORD, _csrf: 'x'.repeat(43) }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('speaks English to an English visitor', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { ...FORM, 'accept-language': 'en' },
      payload: form({ email: member, password: 'x' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Action refused');
  });

  it('refuses a profile change with a wrong token and changes nothing', async () => {
    const s = await signInAs(t.app, 'member2');
    for (const token of ['wrong', (await visitor(t.app)).csrf, '']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/profile',
        headers: { ...FORM, cookie: s.cookie },
        payload: form({ _csrf: token, name: 'Forged', language: 'en' }),
      });
      expect(res.statusCode).toBe(403);
    }
    const row = t.db.$client
      .prepare('SELECT name, language FROM members WHERE email = ?')
      .get(DEMO_ACCOUNTS.member2.email);
    expect(row).toEqual({ name: DEMO_ACCOUNTS.member2.name, language: 'fr' });
  });

  it('refuses a sign-out without the token: the session goes on', async () => {
    const s = await signInAs(t.app, 'member');
    const res = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { ...FORM, cookie: s.cookie },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
    expect((await profile(s.cookie)).statusCode).toBe(200);
  });

  it('accepts the token in the X-CSRF-Token header, as htmx sends it from <body hx-headers:inherited>', async () => {
    const s = await signInAs(t.app, 'member2');
    const page = await profile(s.cookie);
    expect(page.body).toContain(`<body hx-headers:inherited="{&quot;X-CSRF-Token&quot;:&quot;${s.csrf}&quot;}">`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/profile',
      headers: { ...s.headers, 'hx-request': 'true' },
      payload: form({ name: 'Sami M.', language: 'fr' }),
    });
    expect(res.statusCode).toBe(303);
    const wrongHeader = await t.app.inject({
      method: 'POST',
      url: '/profile',
      headers: { ...s.headers, 'x-csrf-token': 'nope' },
      payload: form({ name: 'Forged', language: 'fr', _csrf: s.csrf }),
    });
    expect(wrongHeader.statusCode).toBe(403);
    expect(t.db.$client.prepare('SELECT name FROM members WHERE email = ?').get(DEMO_ACCOUNTS.member2.email)).toEqual({
      name: 'Sami M.',
    });
  });

  it("refuses another session's token", async () => {
    const a = await signInAs(t.app, 'member');
    const b = await signInAs(t.app, 'member2');
    const res = await t.app.inject({
      method: 'POST',
      url: '/profile',
      headers: { ...FORM, cookie: a.cookie },
      payload: form({ _csrf: b.csrf, name: 'Forged', language: 'fr' }),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('rate limits', () => {
  const from = (address: string, session: Session, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: address,
      headers: { ...FORM, cookie: session.cookie },
      payload: form({ _csrf: session.csrf, ...fields }),
    });

  it('slows one account from one address with a growing wait (429, Retry-After), then lets it in', async () => {
    const anonymous = await visitor(t.app);
    for (let i = 0; i < 3; i++)
      expect((await postLogin(anonymous, { email: member, password: `wrong-${i}` })).statusCode).toBe(401);
    // The third failure was the last free one: the next try waits 1 s, then 2 s, 4 s...
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      const early = await postLogin(anonymous, { email: member, password: DEMO_TEST_PASSWORD });
      expect(early.statusCode).toBe(429);
      expect(early.body).toMatch(/Trop de tentatives\. Réessayez dans 1 minute\./);
      waits.push(String(early.headers['retry-after']));
      t.clock.advance(Number(early.headers['retry-after']) * 1000);
      expect((await postLogin(anonymous, { email: member, password: `wrong-again-${i}` })).statusCode).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4']);
    expect(
      count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.sign_in_limited' AND json_extract(details, '$.email') = ?",
        member,
      ),
    ).toBeGreaterThan(0);
    t.clock.advance(8_000);
    expect((await postLogin(anonymous, { email: member, password: DEMO_TEST_PASSWORD })).statusCode).toBe(303);
    // A success forgets the failures of that pair.
    expect((await postLogin(await visitor(t.app), { email: member, password: 'wrong' })).statusCode).toBe(401);
  });

  it('does not lock the owner out: wrong passwords from elsewhere leave their own address free', async () => {
    const attacker = await visitor(t.app);
    for (let i = 0; i < 8; i++) await from('198.51.100.7', attacker, { email: member, password: `guess-${i}` });
    expect((await from('198.51.100.7', attacker, { email: member, password: 'guess' })).statusCode).toBe(429);
    const owner = await visitor(t.app);
    expect((await from('192.0.2.10', owner, { email: member, password: DEMO_TEST_PASSWORD })).statusCode).toBe(303);
  });

  it('counts only failures per address: an office of forty behind one address all sign in', async () => {
    for (let i = 0; i < 40; i++) {
      const colleague = await visitor(t.app);
      expect((await from('192.0.2.50', colleague, { email: member, password: DEMO_TEST_PASSWORD })).statusCode).toBe(
        303,
      );
    }
  });

  it('slows an unknown e-mail the same way (the answer says nothing about accounts)', async () => {
    const anonymous = await visitor(t.app);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push((await postLogin(anonymous, { email: DEMO_ACCOUNTS.member2.email, password: 'wrong' })).statusCode);
      unknown.push((await postLogin(anonymous, { email: 'ghost@demo.21.example.org', password: 'wrong' })).statusCode);
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 429, 429]);
  });

  it('tells the owner by e-mail once, after ten failures in an hour from wherever they came', async () => {
    const mails = () =>
      count("SELECT count(*) AS n FROM outbox WHERE kind = 'sign-in-failures' AND to_address = ?", member);
    const before = mails();
    for (let i = 0; i < 14; i++) {
      const attacker = await visitor(t.app);
      const res = await from(`198.51.100.${20 + i}`, attacker, { email: member, password: `guess-${i}` });
      expect(res.statusCode).toBe(401);
      expect(mails()).toBe(before + (i >= 9 ? 1 : 0));
    }
    const row = t.db.$client
      .prepare("SELECT subject, message FROM outbox WHERE kind = 'sign-in-failures' ORDER BY id DESC")
      .get() as { subject: string; message: string };
    expect(row.subject).toBe('Tentatives de connexion à votre compte – 21');
    expect(JSON.parse(row.message).text).toContain('(10 fois dans l’heure)');
    // Nobody is told about an e-mail that has no account.
    for (let i = 0; i < 12; i++)
      await from(`198.51.100.${60 + i}`, await visitor(t.app), { email: 'ghost@example.org', password: 'x' });
    expect(count("SELECT count(*) AS n FROM outbox WHERE to_address = 'ghost@example.org'")).toBe(0);
  });

  it('blocks a client address after 30 failed attempts whatever the e-mails', async () => {
    const anonymous = await visitor(t.app);
    for (let i = 0; i < 30; i++)
      expect((await postLogin(anonymous, { email: `someone${i}@example.org`, password: 'wrong' })).statusCode).toBe(
        401,
      );
    const res = await postLogin(anonymous, { email: 'someone-else@example.org', password: 'wrong' });
    expect(res.statusCode).toBe(429);
    // Another client address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '203.0.113.9',
      headers: { ...FORM, cookie: anonymous.cookie },
      payload: form({ _csrf: anonymous.csrf, email: member, password: DEMO_TEST_PASSWORD }),
    });
    expect(other.statusCode).toBe(303);
  });
});
