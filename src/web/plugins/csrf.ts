// CSRF protection of every unsafe request (POST, PUT, PATCH, DELETE): the token of the
// session must come back, in the form field `_csrf` or, from htmx, in the `X-CSRF-Token`
// header (set once on <body> with hx-headers:inherited). Checked in preHandler, after the
// body is parsed. A request without it, or with another session's, is refused with 403
// and a message in the visitor's language, before any handler runs: nothing changes.
// A route that must take foreign posts (none yet) opts out with `config: { csrf: false }`.
// Behind the token, a second line: an unsafe request whose Origin (or, without one, Referer)
// names another site is refused too, whatever it carries.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../../services/tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this route takes unsafe requests without a CSRF token (think twice). */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function sentToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body;
  if (body && typeof body === 'object' && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export function refuseForgery(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = request.t;
  request.log.info({ url: request.url, hasSession: !!request.session }, 'csrf token missing or wrong');
  return reply.page({
    page: 'pages/error',
    fragment: 'partials/error',
    status: 403,
    title: t('account.csrf.title'),
    data: { heading: t('account.csrf.title'), message: t('account.csrf.body') },
  });
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether the browser says the request comes from this site: the public origin (BASE_URL) or
 * the one it addressed (the Host it sent). Neither header is no answer: the token decides.
 */
function fromThisSite(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  const claimed = typeof origin === 'string' ? origin : request.headers.referer;
  if (claimed === undefined) return true;
  const from = originOf(claimed);
  if (from === null || from === 'null') return false;
  return from === publicOrigin || from === `${request.protocol}://${request.host}`;
}

export default fp(async (app) => {
  const publicOrigin = new URL(app.deps.config.baseUrl).origin;
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return done();
    if (!fromThisSite(request, publicOrigin)) return refuseForgery(request, reply);
    const expected = request.session?.csrfToken;
    const sent = sentToken(request);
    if (expected && sent && sameSecret(sent, expected)) return done();
    // Answering without calling done() skips the other hooks and the handler.
    refuseForgery(request, reply);
  });
});
