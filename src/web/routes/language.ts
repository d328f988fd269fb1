// GET /language/:lang?next=/path: remembers the visitor's language in a cookie and goes back.
// A plain link, so it works without JavaScript; `next` may only be a path of this site.
import type { FastifyInstance } from 'fastify';
import { isLanguage } from '../../i18n/index.js';
import { LANGUAGE_COOKIE } from '../plugins/i18n.js';
import { safeNext } from '../safe-next.js';

export default async function languageRoutes(app: FastifyInstance) {
  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>('/language/:lang', async (request, reply) => {
    const { lang } = request.params;
    if (!isLanguage(lang)) return reply.callNotFound();
    reply.setCookie(LANGUAGE_COOKIE, lang, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      secure: app.deps.config.baseUrl.startsWith('https:'),
      maxAge: 365 * 24 * 3600,
    });
    return reply.redirect(safeNext(request.query.next), 303);
  });
}
