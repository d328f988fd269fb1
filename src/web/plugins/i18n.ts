// Chooses the language of each request: the visitor's explicit choice (cookie), then the
// browser's Accept-Language, then French. A signed-in member's profile language is applied
// by the session plugin, which runs after this one.
import fp from 'fastify-plugin';
import {
  DEFAULT_LANGUAGE,
  fromAcceptLanguage,
  isLanguage,
  translator,
  type Language,
  type Translate,
} from '../../i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    t: Translate;
  }
}

export const LANGUAGE_COOKIE = 'lang';

export function setLanguage(request: { lang: Language; t: Translate }, lang: Language): void {
  request.lang = lang;
  request.t = translator(lang);
}

export default fp(async (app) => {
  app.decorateRequest('lang', DEFAULT_LANGUAGE);
  app.decorateRequest('t', translator(DEFAULT_LANGUAGE));
  // Synchronous hooks (done) here and in the other plugins: an async hook costs a promise and a
  // microtask on every request.
  app.addHook('onRequest', (request, _reply, done) => {
    const chosen = request.cookies[LANGUAGE_COOKIE];
    const lang = isLanguage(chosen)
      ? chosen
      : (fromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE);
    setLanguage(request, lang);
    done();
  });
});
