// Server-rendered HTML with Eta (escapes by default). `reply.page()` answers one URL in two
// representations: the whole page, or only its fragment when htmx asks (HX-Request), with
// `Vary: HX-Request` so caches keep them apart.
import { fromRoot } from '../../paths.js';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDays, formatMinutes, formatNotice } from '../../i18n/index.js';
import { HTMX_VERSION } from './assets.js';

export const VIEWS_DIR = fromRoot('views');

export interface PageOptions {
  /** Template of the whole page, relative to views/ (e.g. 'pages/home'). */
  page: string;
  /** Template of the part htmx swaps (e.g. 'partials/resource-list'); the page includes it. */
  fragment?: string;
  data?: Record<string, unknown>;
  status?: number;
  /** Title of the page, already translated. */
  title: string;
}

declare module 'fastify' {
  interface FastifyReply {
    page(options: PageOptions): FastifyReply;
  }
}

export function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

export default fp<{ cache: boolean }>(async (app, options) => {
  const eta = new Eta({ views: VIEWS_DIR, cache: options.cache, autoEscape: true, autoTrim: [false, 'nl'] });
  await app.register(fastifyView, {
    engine: { eta },
    root: VIEWS_DIR,
    production: options.cache,
    viewExt: 'eta',
  });

  app.decorateReply('page', function (this: FastifyReply, opts: PageOptions) {
    const request = this.request;
    const t = request.t;
    const data = {
      ...opts.data,
      t,
      lang: request.lang,
      title: opts.title,
      path: request.url,
      // A page answering a POST (a refusal, a form with errors) is not the page at that URL.
      method: request.method,
      htmxSrc: `/assets/vendor/htmx-${HTMX_VERSION}.min.js`,
      requestId: request.id,
      fmt: {
        minutes: (m: number) => formatMinutes(t, m),
        days: (d: number) => formatDays(t, d),
        notice: (m: number) => formatNotice(t, m),
      },
      ...((request as { viewLocals?: Record<string, unknown> }).viewLocals ?? {}),
    };
    if (opts.fragment) this.header('Vary', 'HX-Request');
    this.code(opts.status ?? 200).type('text/html; charset=utf-8');
    const template = opts.fragment && isHtmx(request) ? opts.fragment : opts.page;
    // The view plugin resolves the promise into the reply.
    void this.view(template, data);
    return this;
  });
});
