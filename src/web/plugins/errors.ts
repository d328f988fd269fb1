// One place that turns failures into answers. A 4xx says what was wrong, in the visitor's
// language; a 5xx says only that something failed, with the request id to quote: internals
// (stack, SQL, paths) never reach a response body, they go to the log.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, fromAcceptLanguage, translator, type MessageKey } from '../../i18n/index.js';
import type { StorageFault } from '../../services/health.js';
import { isHtmx } from './views.js';

export class NotFoundError extends Error {
  readonly statusCode = 404;
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return isHtmx(request) || accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = request.t;
  return reply.page({
    page: 'pages/error',
    fragment: 'partials/error',
    status: 404,
    title: t('error.notFound.title'),
    data: { heading: t('error.notFound.title'), message: t('error.notFound.body') },
  });
}

/** Seconds to wait before trying again: a lock is held for moments, a disk is freed in minutes. */
const RETRY_AFTER_S: Record<StorageFault, number> = { busy: 5, full: 60, read_only: 60, io: 60 };

/** 503 for a write the storage refused: nothing was written, and when to try again. */
function storageUnavailable(request: FastifyRequest, reply: FastifyReply, fault: StorageFault): FastifyReply {
  const t = request.t;
  request.log.error({ fault, url: request.url }, 'storage refused a write');
  reply.header('Retry-After', String(RETRY_AFTER_S[fault]));
  const message = t('error.storage.body', { reason: t(`error.storage.${fault}` as MessageKey) });
  if (!wantsHtml(request)) return reply.code(503).send({ error: `storage_${fault}`, message });
  return reply.page({
    page: 'pages/error',
    fragment: 'partials/error',
    status: 503,
    title: t('error.storage.title'),
    data: { heading: t('error.storage.title'), message },
  });
}

export default fp(async (app) => {
  app.setNotFoundHandler((request, reply) => notFound(request, reply));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const fault = app.services.health.faultOf(error);
    if (fault) return storageUnavailable(request, reply, fault);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const t = request.t;
    if (status === 404) return notFound(request, reply);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      if (!wantsHtml(request)) return reply.code(status).send({ error: 'internal_error', requestId: request.id });
      return reply.page({
        page: 'pages/error',
        fragment: 'partials/error',
        status,
        title: t('error.server.title'),
        data: { heading: t('error.server.title'), message: t('error.server.body', { requestId: request.id }) },
      });
    }
    request.log.info({ err: { message: error.message, code: error.code } }, 'request refused');
    const detail =
      status === 413
        ? t('error.tooLarge')
        : status === 415
          ? t('error.charset')
          : error.validation
            ? t('field.invalid', {
                field: String(error.validation[0]?.instancePath || error.validation[0]?.params?.missingProperty || ''),
              })
            : t('error.badRequest.title');
    if (!wantsHtml(request)) return reply.code(status).send({ error: error.code ?? 'bad_request', message: detail });
    return reply.page({
      page: 'pages/error',
      fragment: 'partials/error',
      status,
      title: t('error.badRequest.title'),
      data: { heading: t('error.badRequest.title'), message: t('error.badRequest.body', { detail }) },
    });
  });
});

/**
 * Fastify's own answer to a URL it cannot decode (or a parameter too long), given before any
 * hook runs: our error page in the visitor's language, with the security headers, instead of
 * Fastify's JSON. The URL is not echoed back.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const app = request.server;
  const lang = fromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const status = error.statusCode === 414 ? 414 : 400;
  request.log.info({ err: { message: error.message, code: error.code } }, 'request refused');
  const html = app.renderPage(
    { t, lang, url: '/', method: request.method, id: request.id, viewLocals: null },
    {
      page: 'pages/error',
      title: t('error.badRequest.title'),
      data: {
        heading: t('error.badRequest.title'),
        message: t('error.badRequest.body', { detail: t('error.badUrl') }),
      },
    },
  );
  return reply.code(status).headers(app.securityHeaders).type('text/html; charset=utf-8').send(html);
}
