// Calendar feeds and the links to them.
//   GET  /feeds/events.ics[?lang=en]               public events of the event space (no token)
//   GET  /feeds/:token/bookings.ics                 the token owner's bookings
//   GET  /feeds/:token/resources/:id.ics            a resource's calendar ("Booked" unless staff)
//   GET  /feeds/:token/organisations/:id.ics        an organisation's bookings (its leads, staff)
//   GET  /profile/feeds                             the calendar section on its own page
//   POST /profile/feeds                             new links (revoking the old), shown this once
//   POST /profile/feeds/revoke                      turns the links off
//   POST /bookings/:id/public                       staff mark an event-space booking public (or not)
// A feed that does not exist, is not the token's to read, or whose token is unknown, revoked
// or malformed answers the same 404. Conditional GETs (If-None-Match, If-Modified-Since) are
// answered 304 from one aggregate query, without building the document.
// Registered with fastify-plugin so the profile page (another module) can show its section:
// the partial views/partials/feed-links.eta calls `it.feedSection()`.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLanguage } from '../../i18n/index.js';
import { isFeedTokenShape } from '../../services/feed-tokens.js';
import { acceptsGzip } from '../gzip.js';
import { gzipTag, type FeedRequest, type KnownAnswer } from '../../services/feeds.js';
import { hashToken } from '../../services/tokens.js';
import { feedSection, type FeedSectionView } from '../feed-links.js';
import { formBody, parseId } from '../forms.js';
import { clientInfo, requireMember } from '../plugins/session.js';

/** "12.ics" to 12; anything else is not a feed. */
function idOf(file: string): number | null {
  const match = /^([1-9]\d{0,9})\.ics$/.exec(file);
  return match ? Number(match[1]) : null;
}

/** Whether the client's copy (of the representation tagged `etag`) is current: If-None-Match first (weak comparison), else If-Modified-Since. */
export function notModified(request: FastifyRequest, etag: string, lastModified: number): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string') {
    return inm
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === etag);
  }
  const ims = request.headers['if-modified-since'];
  if (typeof ims === 'string') {
    const since = Date.parse(ims);
    return Number.isFinite(since) && lastModified <= since;
  }
  return false;
}

// Tokens are in the URL: the info-level request log would write them down, so these routes log warnings only.
const PRIVATE = { logLevel: 'warn' as const };

export default fp(
  async (app) => {
    const { clock, config } = app.deps;
    const { feeds: service, feedTokens: tokens, publicEvents } = app.services;

    function notFound(request: FastifyRequest, reply: FastifyReply) {
      // Calendar clients read no HTML page: a short text is enough, and cheap.
      return reply
        .code(404)
        .header('Cache-Control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(request.t('error.notFound.title'));
    }

    function headers(reply: FastifyReply, answer: KnownAnswer, gzip: boolean) {
      reply
        .header('ETag', gzip ? gzipTag(answer.validator.etag) : answer.validator.etag)
        .header('Last-Modified', answer.lastModifiedText)
        // Private feeds: no shared cache keeps them, and every poll revalidates (a cheap 304).
        .header('Cache-Control', answer.shared ? 'public, max-age=300' : 'private, no-cache')
        .header('Vary', 'Accept-Encoding')
        .header('X-Robots-Tag', 'noindex');
    }

    function current(request: FastifyRequest, answer: KnownAnswer, gzip: boolean): boolean {
      return notModified(
        request,
        gzip ? gzipTag(answer.validator.etag) : answer.validator.etag,
        answer.validator.lastModified,
      );
    }

    /**
     * Answers a feed URL: `token` is the URL's token (null for the public feed), `open` finds
     * the feed it asks for. A conditional request whose answer is known and still valid
     * (FeedService.recall) is answered 304 before the token is even looked up; its key holds
     * the token's hash, so only the same token finds it. Calendar clients ask for gzip: the
     * document is then sent gzipped (compressed once per version), under its own ETag.
     */
    async function serve(request: FastifyRequest, reply: FastifyReply, token: string | null, feedRequest: FeedRequest) {
      if (token !== null && !isFeedTokenShape(token)) return notFound(request, reply);
      const now = clock.now();
      const gzip = acceptsGzip(request.headers['accept-encoding']);
      const conditional =
        request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;
      const key = conditional ? `${token === null ? '' : hashToken(token)} ${JSON.stringify(feedRequest)}` : '';
      if (conditional) {
        const known = service.recall(key, now);
        if (known && current(request, known, gzip)) {
          headers(reply, known, gzip);
          return reply.code(304).send();
        }
      }
      const viewer = token === null ? null : tokens.resolve(token);
      if (token !== null && !viewer) return notFound(request, reply);
      const feed = service.open(feedRequest, viewer);
      if (!feed) return notFound(request, reply);
      const shared = feed.scope === 'public';
      if (conditional) {
        const answer = service.keep(key, now, service.validator(feed, now), shared);
        if (current(request, answer, gzip)) {
          headers(reply, answer, gzip);
          return reply.code(304).send();
        }
      }
      const { body, gzip: gzipped, ...validator } = service.render(feed, now, { gzip });
      headers(reply, { validator, lastModifiedText: new Date(validator.lastModified).toUTCString(), shared }, gzipped);
      if (gzipped) reply.header('Content-Encoding', 'gzip');
      return reply.code(200).type('text/calendar; charset=utf-8').send(body);
    }

    app.get<{ Querystring: { lang?: string } }>('/feeds/events.ics', async (request, reply) => {
      const lang = isLanguage(request.query.lang) ? request.query.lang : 'fr';
      return serve(request, reply, null, { kind: 'public', lang });
    });

    app.get<{ Params: { token: string } }>('/feeds/:token/bookings.ics', PRIVATE, async (request, reply) => {
      return serve(request, reply, request.params.token, { kind: 'member' });
    });

    app.get<{ Params: { token: string; file: string } }>(
      '/feeds/:token/resources/:file',
      PRIVATE,
      async (request, reply) => {
        const resourceId = idOf(request.params.file);
        if (resourceId === null) return notFound(request, reply);
        return serve(request, reply, request.params.token, { kind: 'resource', resourceId });
      },
    );

    app.get<{ Params: { token: string; file: string } }>(
      '/feeds/:token/organisations/:file',
      PRIVATE,
      async (request, reply) => {
        const organisationId = idOf(request.params.file);
        if (organisationId === null) return notFound(request, reply);
        return serve(request, reply, request.params.token, { kind: 'organisation', organisationId });
      },
    );

    function section(request: FastifyRequest, fresh: string | null, notice: string | null = null): FeedSectionView {
      const member = request.member!;
      return feedSection({
        t: request.t,
        lang: request.lang,
        baseUrl: config.baseUrl,
        inventory: app.services.inventory.get(),
        staff: member.role === 'frontdesk' || member.role === 'admin',
        createdAt: fresh ? null : (tokens.current(member.id)?.createdAt ?? null),
        fresh: fresh ? { token: fresh, organisations: service.organisationsLedBy(member.id) } : null,
        notice,
      });
    }

    // Any page may include these partials (the profile, a booking's page); computed only if rendered.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.member && request.viewLocals) {
        request.viewLocals.feedSection = () => section(request, null);
        request.viewLocals.publicEvent = (bookingId: number) => publicEvents.state(request.member, bookingId);
      }
      done();
    });

    function page(request: FastifyRequest, reply: FastifyReply, view: FeedSectionView) {
      const fresh = view.fresh !== null;
      // A page with fresh links is never stored: they are secrets, shown once.
      reply.header('Cache-Control', 'no-store');
      return reply.page({
        page: 'pages/feeds',
        title: request.t(fresh ? 'feeds.fresh.title' : 'feeds.title'),
        data: { feedView: view },
      });
    }

    app.get<{ Querystring: { done?: string } }>(
      '/profile/feeds',
      { preHandler: requireMember },
      async (request, reply) => {
        return page(
          request,
          reply,
          section(request, null, request.query.done === 'revoked' ? request.t('feeds.revoked') : null),
        );
      },
    );

    app.post('/profile/feeds', { preHandler: requireMember }, async (request, reply) => {
      const token = tokens.rotate(request.member!.id, clientInfo(request).ip);
      return page(request, reply, section(request, token));
    });

    app.post<{ Params: { id: string } }>(
      '/bookings/:id/public',
      { preHandler: requireMember },
      async (request, reply) => {
        const id = parseId(request.params.id);
        if (id === null) return reply.callNotFound();
        publicEvents.set(request.member!, id, formBody(request).public === '1');
        return reply.redirect(`/bookings/${id}`, 303);
      },
    );

    app.post('/profile/feeds/revoke', { preHandler: requireMember }, async (request, reply) => {
      tokens.revoke(request.member!.id, clientInfo(request).ip);
      return reply.redirect('/profile/feeds?done=revoked', 303);
    });
  },
  { name: 'feeds' },
);
