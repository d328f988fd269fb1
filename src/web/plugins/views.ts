// Server-rendered HTML with Eta (escapes by default). `reply.page()` answers one URL in two
// representations: the whole page, or only its fragment when htmx asks (HX-Request), with
// `Vary: HX-Request` so caches keep them apart. Eta is called directly: @fastify/view
// reconfigured the engine and copied the data twice on every render, and Eta resolves the
// path of every include() again (JSON key, path joins), which a page of 64 desks does often.
import { randomUUID } from 'node:crypto';
import { fromRoot } from '../../paths.js';
import { Eta } from 'eta';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDays, formatMinutes, formatNotice } from '../../i18n/index.js';
import { addressIn } from '../../i18n/address.js';
import { localDateRange, localDateWords } from '../../i18n/dates.js';
import { HTMX_VERSION } from './assets.js';
import { remembered } from '../../domain/memo.js';

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

/** What a page needs of its request. */
export type PageRequest = Pick<FastifyRequest, 't' | 'lang' | 'url' | 'method' | 'id' | 'viewLocals'>;

declare module 'fastify' {
  interface FastifyReply {
    page(options: PageOptions): FastifyReply;
  }
  interface FastifyInstance {
    /** A whole page's HTML, for answers given before the request's hooks ran (a malformed URL). */
    renderPage(request: PageRequest, options: PageOptions): string;
  }
}

export function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

/** Template paths resolved at most: a few dozen templates, each included from a few others. */
const PATHS_LIMIT = 1024;

/** Eta whose template paths, once resolved, are remembered (when templates are cached). */
class ViewEngine extends Eta {
  constructor(options: ConstructorParameters<typeof Eta>[0]) {
    super(options);
    const resolve = this.resolvePath!.bind(this);
    const resolved = new Map<string, string>();
    this.resolvePath = (template, meta) =>
      this.config.cache
        ? remembered(resolved, `${meta?.filepath ?? ''}\0${template}`, PATHS_LIMIT, () => resolve(template, meta))
        : resolve(template, meta);
  }
}

const HTMX_SRC = `/assets/vendor/htmx-${HTMX_VERSION}.min.js`;

export default fp<{ cache: boolean }>(async (app, options) => {
  const eta = new ViewEngine({ views: VIEWS_DIR, cache: options.cache, autoEscape: true, autoTrim: [false, 'nl'] });
  function render(request: PageRequest, opts: PageOptions, template: string): string {
    const t = request.t;
    const dates = localDateWords(request.lang);
    return eta.render(template, {
      ...opts.data,
      t,
      lang: request.lang,
      title: opts.title,
      path: request.url,
      // A page answering a POST (a refusal, a form with errors) is not the page at that URL.
      method: request.method,
      htmxSrc: HTMX_SRC,
      requestId: request.id,
      newKey: randomUUID,
      fmt: {
        minutes: (m: number) => formatMinutes(t, m),
        days: (d: number) => formatDays(t, d),
        notice: (m: number) => formatNotice(t, m),
        // Calendar dates and months ("YYYY-MM-DD", "YYYY-MM") in words, for text; attributes keep ISO.
        date: dates.date,
        day: dates.dayDate,
        month: dates.month,
        range: (from: string, to: string) => localDateRange(from, to, request.lang),
        address: (address: string) => addressIn(address, request.lang),
      },
      ...(request.viewLocals ?? {}),
    });
  }

  app.decorate('renderPage', (request: PageRequest, opts: PageOptions) => render(request, opts, opts.page));
  app.decorateReply('page', function (this: FastifyReply, opts: PageOptions) {
    const request = this.request;
    if (opts.fragment) this.header('Vary', 'HX-Request');
    this.code(opts.status ?? 200).type('text/html; charset=utf-8');
    const template = opts.fragment && isHtmx(request) ? opts.fragment : opts.page;
    return this.send(render(request, opts, template));
  });
});
