// Server-rendered HTML with Eta (escapes by default). `reply.page()` answers one URL in two
// representations: the whole page, or only its fragment when htmx asks (HX-Request), with
// `Vary: HX-Request` so caches keep them apart. Eta is called directly: @fastify/view
// reconfigured the engine and copied the data twice on every render, and Eta resolves the
// path of every include() again (JSON key, path joins), which a page of 64 desks does often.
import { randomUUID } from 'node:crypto';
import { fromRoot } from '../../paths.js';
import { KeptUntilWrite } from '../../db/kept.js';
import { acceptsGzip, compressedPart, gzipOf, type CompressedPart } from '../gzip.js';
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
   * Keeps the fragment's HTML until the database is written (KeptUntilWrite), for fragments
   * many people ask for again and again (a day of rooms or desks). `key` names everything
   * the fragment shows but the language and the database; `data` is what only the fragment
   * reads, computed when it is rendered. The session's CSRF token (`it.csrfToken()`) and
   * each fresh idempotency key (`it.newKey()`) are written in on every answer.
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

// Where a kept fragment takes what differs per answer, and where a page takes its kept
// fragment. After escaping, no text a person wrote holds a "<", so these markers never meet
// anything but themselves.
const HOLE = /<\u0001([ck])>/;
const CSRF_HOLE = '<\u0001c>';
const KEY_HOLE = '<\u0001k>';
const FRAGMENT_HOLE = '<\u0001f>';

/**
 * A kept fragment: its text between the holes as UTF-8 bytes, each also compressed once
 * (gzip.ts), and the holes. Bytes, so that an answer is a copy of them: encoding 30 KB of
 * text again on every answer (and measuring it for Content-Length) cost as much as
 * everything else the page does.
 */
interface KeptFragment {
  texts: CompressedPart[];
  holes: ('c' | 'k')[];
}

function keptFragment(html: string): KeptFragment {
  const parts = html.split(HOLE);
  return { texts: parts.filter((_, i) => i % 2 === 0).map((text) => compressedPart(Buffer.from(text))), holes: parts.filter((_, i) => i % 2 === 1) as ('c' | 'k')[] };
}

/** The fragment with its holes filled, between `before` and `after`: plain bytes, or one gzip member. */
function filled(fragment: KeptFragment, csrfToken: () => string, gzip: boolean, before = '', after = ''): Buffer {
  const pieces: (Buffer | CompressedPart)[] = [Buffer.from(before), fragment.texts[0]!];
  for (let i = 0; i < fragment.holes.length; i += 1) {
    pieces.push(Buffer.from(fragment.holes[i] === 'c' ? csrfToken() : randomUUID()), fragment.texts[i + 1]!);
  }
  pieces.push(Buffer.from(after));
  return gzip ? gzipOf(pieces) : Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : p.bytes)));
}

export default fp<{ cache: boolean }>(async (app, options) => {
  const eta = new ViewEngine({ views: VIEWS_DIR, cache: options.cache, autoEscape: true, autoTrim: [false, 'nl'] });
  const fragments = new KeptUntilWrite<KeptFragment>(app.deps.db.$client, 256);

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
      htmxSrc: HTMX_SRC,
      requestId: request.id,
      newKey: randomUUID,
      fmt: {
        minutes: (m: number) => formatMinutes(t, m),
        days: (d: number) => formatDays(t, d),
        notice: (m: number) => formatNotice(t, m),
      },
      ...(request.viewLocals ?? {}),
    };
    if (opts.fragment) this.header('Vary', 'HX-Request');
    this.code(opts.status ?? 200).type('text/html; charset=utf-8');
    const { fragment, keep } = opts;
    if (fragment && keep && options.cache) {
      const kept = fragments.get(`${fragment}\n${request.lang}\n${keep.key}`, () =>
        keptFragment(eta.render(fragment, { ...data, ...keep.data(), csrfToken: () => CSRF_HOLE, newKey: () => KEY_HOLE })),
      );
      const csrfToken = (data as { csrfToken?: () => string }).csrfToken ?? (() => request.csrfToken());
      const gzip = acceptsGzip(request.headers['accept-encoding']);
      this.header('Vary', 'HX-Request, Accept-Encoding');
      if (gzip) this.header('Content-Encoding', 'gzip');
      if (isHtmx(request)) return this.send(filled(kept, csrfToken, gzip));
      const [before, after] = eta.render(opts.page, { ...data, fragmentHtml: FRAGMENT_HOLE }).split(FRAGMENT_HOLE);
      return this.send(filled(kept, csrfToken, gzip, before, after));
    }
    const template = fragment && isHtmx(request) ? fragment : opts.page;
    return this.send(eta.render(template, keep ? { ...data, ...keep.data() } : data));
  });
});
