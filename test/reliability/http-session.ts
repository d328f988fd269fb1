// A member of the reliability tests talking to a server process through fetch, as a browser
// would: sign in through the pages (session cookie, CSRF token), then post the booking form.
import { csrfOf } from '../helpers/auth.js';
import type { Slot } from './plan.js';

export interface HttpSession {
  server: string;
  cookie: string;
  csrf: string;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

const plainFetch: Fetch = (url, init) => fetch(url, { ...init, redirect: 'manual' });

function cookieOf(res: Response): string | null {
  const found = res.headers
    .getSetCookie()
    .map((c) => /^((?:__Host-)?sid)=([^;]+)/.exec(c))
    .find((m) => m !== null);
  return found ? `${found[1]}=${found[2]}` : null;
}

export async function signIn(server: string, email: string, password: string, send = plainFetch): Promise<HttpSession> {
  const page = await send(`${server}/login`, {});
  const visitor = cookieOf(page);
  const token = csrfOf(await page.text());
  if (!visitor || !token) throw new Error(`GET /login gave no session or token (${page.status})`);
  const res = await send(`${server}/login`, {
    method: 'POST',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  const cookie = cookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`);
  const profile = await send(`${server}/profile`, { headers: { cookie } });
  const csrf = csrfOf(await profile.text());
  if (!csrf) throw new Error(`no CSRF token on /profile for ${email} (${profile.status})`);
  return { server, cookie, csrf };
}

/** POST /bookings as the booking form does; the answer is not followed (303 means created). */
export function postBooking(session: HttpSession, slot: Slot, key: string, send = plainFetch): Promise<Response> {
  return send(`${session.server}/bookings`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: session.csrf,
      resource: String(slot.resource),
      start: slot.start,
      end: slot.end,
      headcount: String(slot.headcount),
      title: `Reliability ${key}`,
      idempotency_key: key,
    }).toString(),
  });
}

/** The booking id in a 303's Location after a creation, else null. */
export function createdId(res: Response): number | null {
  const id = /^\/bookings\/(\d+)\?done=created$/.exec(res.headers.get('location') ?? '')?.[1];
  return id ? Number(id) : null;
}
