// GET /: for a visitor, the space, what it holds, when it is open and its next closures; for a
// signed-in person, their own home (next booking, today, usual desk, team, notices).
// POST /home/usual-desk: books a free desk in the person's usual zone and half-day.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateFormatter } from '../../i18n/dates.js';
import type { InventorySnapshot } from '../../services/inventory.js';
import { reasons } from '../booking-views.js';
import { formBody, parseId, text } from '../forms.js';
import { deskPageOf, homeView } from '../home-views.js';
import { requireMember } from '../plugins/session.js';
import { openingLines } from '../presenters.js';

/** What the last "book my usual desk" could not do, shown above the home page. */
interface UsualDeskProblem {
  message: string;
  reasons: string[];
  deskPage: string | null;
}

export default async function homeRoutes(app: FastifyInstance) {
  const { home, inventory } = app.services;

  function visitorHome(request: FastifyRequest, reply: FastifyReply) {
    const service = app.services.catalogue;
    const { site, resources } = service.catalogue();
    const t = request.t;
    const dates = dateFormatter(request.lang, site.timezone);
    const closures = service.upcomingClosures(site.id, app.deps.clock.now(), 5).map((c) => ({
      date: dates.date(c.start),
      reason: request.lang === 'en' ? (c.reasonEn ?? c.reason) : c.reason,
    }));
    return reply.page({
      page: 'pages/home',
      title: t('home.title'),
      data: {
        site,
        counts: service.countsByKind(resources),
        hours: openingLines(t, service.openingWeek(site.id).site),
        closures,
      },
    });
  }

  function memberHome(
    request: FastifyRequest,
    reply: FastifyReply,
    problem: UsualDeskProblem | null = null,
    status = 200,
    snapshot: InventorySnapshot = inventory.get(),
  ) {
    const member = request.member!;
    const ctx = { t: request.t, lang: request.lang, inventory: snapshot };
    return reply.page({
      page: 'pages/home-member',
      status,
      title: request.t('home.my.title', { name: member.name }),
      data: { ...homeView(home.overview(member, snapshot), ctx), name: member.name, problem },
    });
  }

  app.get('/', async (request, reply) => (request.member ? memberHome(request, reply) : visitorHome(request, reply)));

  app.post('/home/usual-desk', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const t = request.t;
    const zoneId = parseId(text(body, 'zone'));
    const date = text(body, 'date');
    const part = text(body, 'part');
    const outcome =
      zoneId === null
        ? ({ kind: 'invalid' } as const)
        : home.bookUsualDesk(request.member!, {
            zoneId,
            date,
            part,
            idempotencyKey: text(body, 'idempotency_key').slice(0, 100) || null,
          });
    if (outcome.kind === 'booked') {
      app.outbox.kick();
      return reply.redirect(`/bookings/${outcome.booking.id}?done=created`, 303);
    }
    const snapshot = inventory.get();
    if (outcome.kind === 'invalid')
      return memberHome(
        request,
        reply,
        { message: t('home.my.usual.invalid'), reasons: [], deskPage: '/book/desk' },
        422,
        snapshot,
      );
    if (outcome.kind === 'none_free')
      return memberHome(
        request,
        reply,
        { message: t('home.my.usual.none'), reasons: [], deskPage: deskPageOf(outcome.date, outcome.part) },
        409,
        snapshot,
      );
    const ctx = { t, lang: request.lang, inventory: snapshot };
    return memberHome(
      request,
      reply,
      {
        message: t('home.my.usual.refused'),
        reasons: reasons(outcome.violations, outcome.resource, outcome.start, ctx),
        deskPage: deskPageOf(date, part),
      },
      409,
      snapshot,
    );
  });
}
