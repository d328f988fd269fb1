// Staff's side of rentals (admins act; the front desk reads):
//   GET  /admin/rentals                 the queue by state, longest waiting first
//   GET  /admin/rentals/:id             a request: facts, quote, messages, history, actions
//   GET  /admin/rentals/:id/quote       the quote, printable on A4
//   POST /admin/rentals/:id/quote|changes|option|confirm|decline|cancel
//   GET  /admin/rentals/rates, POST     rates with their start dates (admins)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RENTAL_STATUSES } from '../../domain/rental-states.js';
import { RENTAL_LIMITS } from '../../domain/rental-request.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { can } from '../../services/authz.js';
import type { RentalOutcome } from '../../services/rentals.js';
import { formBody, parseId, text } from '../forms.js';
import { requirePermission } from '../plugins/session.js';
import { reasons } from '../booking-views.js';
import { pendingApprovalsView } from '../approval-views.js';
import { historyView, quoteView, rentalView } from '../rental-views.js';
import { registerRentalRates } from './rentals-rates.js';

type IdParams = { Params: { id: string } };

export default async function rentalAdminRoutes(app: FastifyInstance) {
  const { rentals, inventory } = app.services;
  const view = requirePermission('rental.view');
  const manage = requirePermission('rental.manage');
  const zone = () => inventory.get().site.timezone;

  app.get('/admin/rentals', { preHandler: view }, async (request, reply) => {
    const queue = rentals.queue(request.member!);
    const dates = dateFormatter(request.lang, zone());
    const t = request.t;
    return reply.page({
      page: 'pages/admin/rentals',
      title: t('rentals.admin.title'),
      data: {
        groups: RENTAL_STATUSES.map((status) => ({
          status,
          label: t(`rentals.status.${status}` as MessageKey),
          rows: queue[status].map(({ rental: r, ageDays }) => ({
            id: r.id,
            title: r.title,
            organisation: r.organisation,
            when: `${dates.date(r.startsAt)}, ${dates.time(r.startsAt)}`,
            age: t('rentals.admin.age', { count: ageDays }),
          })),
        })),
        canManage: can(request.member, 'rental.manage'),
        // Members' own bookings of the space that need approval share this queue.
        approvals: pendingApprovalsView(app.services.approvals.pending(request.member!), {
          t,
          lang: request.lang,
          zone: zone(),
          now: app.deps.clock.now(),
          canDecide: can(request.member, 'approval.decide'),
        }),
      },
    });
  });

  function detailPage(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    id: number,
    state: { status?: number; error?: string; notice?: string; reasons?: string[] },
  ) {
    const t = request.t;
    const detail = rentals.detail(request.member!, id);
    const today = rentals.today();
    return reply.page({
      page: 'pages/admin/rental',
      status: state.status ?? 200,
      title: t('rentals.admin.detail', { title: detail.rental.title }),
      data: {
        r: rentalView(t, request.lang, zone(), detail),
        history: historyView(t, request.lang, zone(), detail.history),
        base: `/admin/rentals/${id}`,
        error: state.error ?? null,
        notice: state.notice ?? null,
        reasons: state.reasons ?? [],
        today,
        messageMax: RENTAL_LIMITS.message,
      },
    });
  }

  app.get<IdParams & { Querystring: { done?: string } }>(
    '/admin/rentals/:id',
    { preHandler: view },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const done = request.query.done;
      const notice = done && /^[a-zA-Z]+$/.test(done) && done in DONE ? request.t(DONE[done]!) : undefined;
      return detailPage(request, reply, id, { notice });
    },
  );

  app.get<IdParams>('/admin/rentals/:id/quote', { preHandler: view }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) return reply.callNotFound();
    const detail = rentals.detail(request.member!, id);
    if (!detail.rental.quote) return reply.callNotFound();
    const site = inventory.get().site;
    return reply.page({
      page: 'pages/admin/rental-quote',
      title: request.t('rentals.quote.number', { number: detail.rental.quoteNumber ?? '' }),
      data: {
        r: rentalView(request.t, request.lang, zone(), detail),
        q: quoteView(request.t, request.lang, detail.rental.quote),
        site: { name: site.name, address: site.address },
      },
    });
  });

  const DONE: Record<string, MessageKey> = {
    quote: 'rentals.done.quote',
    askChanges: 'rentals.done.askChanges',
    option: 'rentals.done.option',
    confirm: 'rentals.done.confirm',
    decline: 'rentals.done.decline',
    cancel: 'rentals.done.cancel',
  };

  function act(name: string, run: (request: FastifyRequest<IdParams>, id: number) => RentalOutcome) {
    return async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const outcome = run(request, id);
      if (outcome.ok) return reply.redirect(`/admin/rentals/${id}?done=${name}`, 303);
      const status = outcome.refusal === 'empty_message' || outcome.refusal === 'bad_date' ? 422 : 409;
      const space = rentals.space();
      const reasons = (outcome.violations ?? []).length ? reasonsFor(request, outcome.violations!, space) : [];
      return detailPage(request, reply, id, {
        status,
        error: request.t(`rentals.refusal.${outcome.refusal}` as MessageKey),
        reasons,
      });
    };
  }

  function reasonsFor(
    request: FastifyRequest,
    violations: NonNullable<Extract<RentalOutcome, { ok: false }>['violations']>,
    space: ReturnType<typeof rentals.space>,
  ) {
    return reasons(violations, space, violations[0] && 'start' in violations[0] ? Number(violations[0].start) : 0, {
      t: request.t,
      lang: request.lang,
      inventory: inventory.get(),
    });
  }

  const message = (request: FastifyRequest) => text(formBody(request), 'message').slice(0, RENTAL_LIMITS.message);
  app.post<IdParams>(
    '/admin/rentals/:id/quote',
    { preHandler: manage },
    act('quote', (r, id) => rentals.quote(r.member!, id)),
  );
  app.post<IdParams>(
    '/admin/rentals/:id/changes',
    { preHandler: manage },
    act('askChanges', (r, id) => rentals.askChanges(r.member!, id, message(r))),
  );
  app.post<IdParams>(
    '/admin/rentals/:id/option',
    { preHandler: manage },
    act('option', (r, id) => rentals.option(r.member!, id, text(formBody(r), 'until'))),
  );
  app.post<IdParams>(
    '/admin/rentals/:id/confirm',
    { preHandler: manage },
    act('confirm', (r, id) => rentals.confirm(r.member!, id)),
  );
  app.post<IdParams>(
    '/admin/rentals/:id/decline',
    { preHandler: manage },
    act('decline', (r, id) => rentals.decline(r.member!, id, message(r))),
  );
  app.post<IdParams>(
    '/admin/rentals/:id/cancel',
    { preHandler: manage },
    act('cancel', (r, id) => rentals.cancelByStaff(r.member!, id, message(r))),
  );

  registerRentalRates(app, { manage });
}
