// Who is asking. Reads the session cookie on every request and decorates:
//   request.member     the signed-in member (an Actor for permission checks), or null
//   request.session    the server-side session, or null (visitors get one lazily, for CSRF)
//   request.csrfToken()  the CSRF token of the session, creating a visitor session if needed
// and applies the member's profile language. Route guards live here too: requireMember,
// requirePermission. Registered after the i18n plugin, so the profile language wins.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../services/accounts.js';
import { authorize, can, type Action, type Subjects } from '../../services/authz.js';
import { SESSION_POLICY, type ClientInfo, type CurrentMember, type CurrentSession } from '../../services/sessions.js';
import { setLanguage } from './i18n.js';
import { isHtmx } from './views.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member, or null. Pass it to services as the actor. */
    member: CurrentMember | null;
    session: CurrentSession | null;
    /** The CSRF token to put in forms (`_csrf`) and htmx headers (`X-CSRF-Token`). */
    csrfToken: () => string;
    viewLocals: Record<string, unknown> | null;
  }
}

/** `__Host-` pins the cookie to our origin over HTTPS (no Domain, Path=/, Secure). */
export function sessionCookieName(baseUrl: string): string {
  return baseUrl.startsWith('https:') ? '__Host-sid' : 'sid';
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

export function requestContext(request: FastifyRequest): RequestContext {
  return { ...clientInfo(request), sessionHash: request.session?.tokenHash ?? null };
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string, signedIn: boolean): void {
  const { baseUrl } = app.deps.config;
  reply.setCookie(sessionCookieName(baseUrl), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: baseUrl.startsWith('https:'),
    // A visitor's cookie lives as long as the browser; a member's as long as the server keeps the session.
    ...(signedIn ? { maxAge: Math.floor(SESSION_POLICY.memberLifetime / 1000) } : {}),
  });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  const { baseUrl } = app.deps.config;
  reply.clearCookie(sessionCookieName(baseUrl), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: baseUrl.startsWith('https:'),
  });
}

/** preHandler: a page for members only. Signed-out visitors go to the sign-in page and come back. */
export async function requireMember(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.member) return;
  const next = request.method === 'GET' ? request.url : '/';
  const location = `/login?next=${encodeURIComponent(next)}`;
  if (isHtmx(request)) {
    // htmx follows a 303 inside the fetch and would swap the login page into a fragment.
    reply.header('HX-Redirect', location).code(401).send();
    return;
  }
  reply.redirect(location, 303);
}

type NoSubject = { [A in Action]: Subjects[A] extends undefined ? A : never }[Action];

/** preHandler: members only, and only those who may do `action` (others get "not found"). */
export function requirePermission(action: NoSubject) {
  return async function (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await requireMember(request, reply);
    if (reply.sent) return;
    authorize(request.member, action);
  };
}

/** The links of the navigation a person may follow (hiding a link is comfort; services enforce). */
function navFor(member: CurrentMember | null) {
  return {
    team: !!member && member.leadOf.length > 0,
    members: can(member, 'member.list'),
    organisations: can(member, 'organisation.list'),
    audit: can(member, 'audit.view'),
    frontdeskBookings: can(member, 'frontdesk.view'),
    frontDesk: can(member, 'frontdesk.view'),
    kiosks: can(member, 'kiosk.manage'),
    approvals: can(member, 'approval.view'),
    eventSpace: can(member, 'eventSpace.view'),
    rentals: can(member, 'rental.view'),
  };
}

// No session for static assets, health probes and calendar feeds (a feed's token is its only credential).
const SKIP = /^\/(assets\/|healthz$|livez$|feeds\/[^?]*\.ics(\?|$))/;

export default fp(async (app) => {
  const { config } = app.deps;
  const { sessions } = app.services;
  const cookieName = sessionCookieName(config.baseUrl);
  app.decorateRequest('member', null);
  app.decorateRequest('session', null);
  app.decorateRequest('viewLocals', null);
  app.decorateRequest('csrfToken', function (this: FastifyRequest): string {
    // Replaced per request below; reaching this means the hook did not run (e.g. /assets).
    throw new Error(`csrfToken() is not available on ${this.url}`);
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (SKIP.test(request.url)) return done();
    const cookie = request.cookies[cookieName];
    const loaded = sessions.load(cookie);
    if (cookie !== undefined && !loaded) clearSessionCookie(app, reply);
    request.session = loaded?.session ?? null;
    request.member = loaded?.member ?? null;
    if (request.member) setLanguage(request, request.member.language);
    request.csrfToken = () => {
      if (!request.session) {
        const created = sessions.createAnonymous(clientInfo(request));
        request.session = created.session;
        setSessionCookie(app, reply, created.token, false);
      }
      return request.session.csrfToken;
    };
    request.viewLocals = {
      ...(request.viewLocals ?? {}),
      member: request.member,
      nav: navFor(request.member),
      csrfToken: () => request.csrfToken(),
      hasSession: () => request.session !== null,
    };
    done();
  });
});
