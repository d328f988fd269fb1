// Server-rendered HTML with Eta (escapes by default). `reply.page()` answers one URL in two
// representations: the whole page, or only its fragment when htmx asks (HX-Request), with
// `Vary: HX-Request` so caches keep them apart. Eta is called directly: @fastify/view
// reconfigured the engine and copied the data twice on every render, and Eta resolves the
// path of every include() again (JSON key, path joins), which a page of 64 desks does often.
import { randomUUID } from 'node:crypto';
import { fromRoot } from '../../paths.js';
import { KeptUntilWrite } from '../../db/kept.js';
import { acceptsGzip } from '../gzip.js';
import { answer, CSRF_HOLE, FRAGMENT_HOLE, KEY_HOLE, keptHtml, type KeptHtml } from '../kept-html.js';
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
  /**
   * Keeps the answer's HTML until the database is written (KeptUntilWrite), for pages many
   * people ask for again and again (a day of rooms or desks). The fragment is kept once for
   * everyone: `key` names everything it shows but the language and the database, and it is
   * rendered without the member (`it.member` is null), so it cannot show one person's data
   * to another. `data` is what only the fragment reads, computed when it is rendered. The
   * page around it is kept per member and URL, and per its `data`. The session's CSRF token
   * (`it.csrfToken()`) and each fresh idempotency key (`it.newKey()`) are written in on
   * every answer.
   */
  keep?: { key: string; data: () => Record<string, unknown> };
}

declare module 'fastify' {
  interface FastifyReply {
    page(options: PageOptions): FastifyReply;
  }
}

export function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

/** Eta whose template paths, once resolved, are kept (when templates are cached). */
class ViewEngine extends Eta {
  constructor(options: ConstructorParameters<typeof Eta>[0]) {
    super(options);
    const resolve = this.resolvePath!.bind(this);
    const resolved = new Map<string, string>();
    this.resolvePath = (template, meta) => {
      if (!this.config.cache) return resolve(template, meta);
      const key = `${meta?.filepath ?? ''}\0${template}`;
      let path = resolved.get(key);
      if (path === undefined) {
        path = resolve(template, meta);
        resolved.set(key, path);
      }
      return path;
    };
  }
}

const HTMX_SRC = `/assets/vendor/htmx-${HTMX_VERSION}.min.js`;

export default fp<{ cache: boolean }>(async (app, options) => {
  const eta = new ViewEngine({ views: VIEWS_DIR, cache: options.cache, autoEscape: true, autoTrim: [false, 'nl'] });
  // A day view's fragment, the same for everyone (per language), and around it the page of
  // one member at one URL: both kept until the next write.
  const fragments = new KeptUntilWrite<KeptHtml>(app.deps.db.$client, 256);
  const shells = new KeptUntilWrite<[KeptHtml, KeptHtml]>(app.deps.db.$client, 256);

  app.decorateReply('page', function (this: FastifyReply, opts: PageOptions) {
    const request = this.request;
    const t = request.t;
    const dataOf = () => ({
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
      },
      ...(request.viewLocals ?? {}),
    });
    if (opts.fragment) this.header('Vary', 'HX-Request');
    this.code(opts.status ?? 200).type('text/html; charset=utf-8');
    const { fragment, keep } = opts;
    if (!fragment || !keep || !options.cache) {
      const template = fragment && isHtmx(request) ? fragment : opts.page;
      return this.send(eta.render(template, keep ? { ...dataOf(), ...keep.data() } : dataOf()));
    }
    const holes = { csrfToken: () => CSRF_HOLE, newKey: () => KEY_HOLE };
    const kept = fragments.get(`${fragment}\n${request.lang}\n${keep.key}`, () =>
      keptHtml(eta.render(fragment, { ...dataOf(), ...keep.data(), ...holes, member: null })),
    );
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    this.header('Vary', 'HX-Request, Accept-Encoding');
    if (gzip) this.header('Content-Encoding', 'gzip');
    const csrfToken = () => request.csrfToken();
    if (isHtmx(request)) return this.send(answer([kept], csrfToken, gzip));
    // The page around the fragment shows the member (the layout), the URL and the page's data.
    const shellKey = [
      opts.page,
      request.lang,
      request.member?.id ?? '-',
      request.session ? 's' : '-',
      request.method,
      request.url,
      opts.title,
      keep.key,
      JSON.stringify(opts.data ?? null),
    ].join('\n');
    const [before, after] = shells.get(shellKey, () => {
      const [head = '', tail = ''] = eta
        .render(opts.page, { ...dataOf(), fragmentHtml: FRAGMENT_HOLE, ...holes })
        .split(FRAGMENT_HOLE);
      return [keptHtml(head), keptHtml(tail)];
    });
    return this.send(answer([before, kept, after], csrfToken, gzip));
  });
});
