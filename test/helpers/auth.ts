// Signing in from tests, through the real pages: GET /login for the visitor's session and
// CSRF token, POST /login, then a page of the new session for its own CSRF token.
//   const alice = await signIn(t.app, DEMO_ACCOUNTS.member.email);
//   await t.app.inject({ method: 'POST', url: '/x', headers: alice.headers, payload: form({ a: 1 }) });
// `alice.headers` carries the cookie and the X-CSRF-Token header (as htmx sends it);
// for a plain form post, put `_csrf: alice.csrf` in the payload and send `cookie` only.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../seed/demo-accounts.js';

export { DEMO_ACCOUNTS, type DemoAccount };

/** The DEMO_PASSWORD createTestApp() seeds the demo accounts with. */
export const DEMO_TEST_PASSWORD = 'demo-password-21';

export interface Session {
  /** "sid=..." for the Cookie header. */
  cookie: string;
  csrf: string;
  /** Cookie + X-CSRF-Token (+ urlencoded content type for form payloads). */
  headers: Record<string, string>;
}

/** urlencoded body; arrays repeat the name (checkboxes). */
export function form(fields: Record<string, string | number | boolean | readonly (string | number)[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  return params.toString();
}

export function sessionCookie(res: LightMyRequestResponse): string | null {
  const header = res.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.map((c) => /^((?:__Host-)?sid)=([^;]*)/.exec(c)).find((m) => m !== null);
  if (!found || found[2] === '') return null;
  return `${found[1]}=${found[2]}`;
}

/** The CSRF token a page carries (form field or the htmx header on <body>). */
export function csrfOf(html: string): string | null {
  return (
    /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(html)?.[1] ?? null
  );
}

function session(cookie: string, csrf: string): Session {
  return {
    cookie,
    csrf,
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** A signed-out visitor with a session, as after opening the sign-in page. */
export async function visitor(app: FastifyInstance): Promise<Session> {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const cookie = sessionCookie(page);
  const csrf = csrfOf(page.body);
  if (!cookie || !csrf) throw new Error(`GET /login gave no session cookie or CSRF token (status ${page.statusCode})`);
  return session(cookie, csrf);
}

/** POST /login as a browser would; throws unless it answers 303 with a new session. */
export async function signIn(app: FastifyInstance, email: string, password = DEMO_TEST_PASSWORD): Promise<Session> {
  const anonymous = await visitor(app);
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: anonymous.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ email, password, _csrf: anonymous.csrf }),
  });
  const cookie = sessionCookie(res);
  if (res.statusCode !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${res.statusCode}`);
  const page = await app.inject({ method: 'GET', url: '/profile', headers: { cookie } });
  const csrf = csrfOf(page.body);
  if (!csrf) throw new Error(`no CSRF token on /profile after signing in ${email} (status ${page.statusCode})`);
  return session(cookie, csrf);
}

/** Signs in one of the demo accounts by its key. */
export function signInAs(app: FastifyInstance, who: DemoAccount): Promise<Session> {
  return signIn(app, DEMO_ACCOUNTS[who].email);
}
