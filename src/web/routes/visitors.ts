// Expected visitors: GET /visitors (my upcoming visitors and the form; staff see everyone's),
// POST /visitors (422 with what is wrong), cancel (host or staff), arrival and departure
// (staff; 303 back to a safe `next`, e.g. the board). The services decide who may do what.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VISITOR_NAME_MAX, type VisitorErrors } from '../../domain/visitors.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { can } from '../../services/authz.js';
import type { VisitorListRow } from '../../services/visitors.js';
import { formBody, parseId, text } from '../forms.js';
import { forWhomView } from '../for-whom-view.js';
import { requireMember } from '../plugins/session.js';
import { safeNext } from '../safe-next.js';

const FIELD_IDS = { name: 'v-name', organisation: 'v-organisation', date: 'v-date', time: 'v-time', host: 'v-host-q' };
const DONE = ['registered', 'cancelled', 'arrived', 'left'] as const;

type Params = { Params: { id: string } };

export default async function visitorRoutes(app: FastifyInstance) {
  const { visitors, inventory, accounts } = app.services;

  function rowsOf(request: FastifyRequest, rows: readonly VisitorListRow[]) {
    const dates = dateFormatter(request.lang, inventory.get().site.timezone);
    const actor = request.member!;
    const staff = can(actor, 'visitor.manage');
    return rows.map((v) => ({
      id: v.id,
      when: `${dates.date(v.expectedAt)}, ${dates.time(v.expectedAt)}`,
      iso: new Date(v.expectedAt).toISOString(),
      name: v.name,
      organisation: v.organisation,
      host: v.hostName,
      state:
        v.leftAt !== null
          ? request.t('visitors.state.left', { time: dates.time(v.leftAt) })
          : v.arrivedAt !== null
            ? request.t('visitors.state.arrived', { time: dates.time(v.arrivedAt) })
            : request.t('visitors.state.expected'),
      canCancel: v.arrivedAt === null && can(actor, 'visitor.cancel', v),
      canArrive: staff && v.arrivedAt === null,
      canLeave: staff && v.arrivedAt !== null && v.leftAt === null,
    }));
  }

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { values: Record<string, unknown>; errors?: Record<string, string>; status?: number; notice?: string },
  ) {
    const actor = request.member!;
    const staff = can(actor, 'visitor.manage');
    // The host search reuses the booking form's member search: the same names, the same rules.
    const hostView = forWhomView(accounts, actor, { member_q: data.values.host_q, for_member: data.values.host });
    return reply.page({
      page: 'pages/visitors',
      status: data.status ?? 200,
      title: request.t('visitors.title'),
      data: {
        values: data.values,
        errors: data.errors ?? {},
        ids: FIELD_IDS,
        notice: data.notice ?? null,
        hosts: staff ? hostView : null,
        nameMax: VISITOR_NAME_MAX,
        mine: rowsOf(request, visitors.upcoming(actor)),
        all: staff ? rowsOf(request, visitors.upcoming(actor, true)) : null,
      },
    });
  }

  function errorMessages(request: FastifyRequest, errors: VisitorErrors & { host?: string }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, code] of Object.entries(errors))
      out[field] = request.t(`visitors.error.${field}.${code}` as MessageKey, { max: VISITOR_NAME_MAX });
    return out;
  }

  app.get<{ Querystring: { done?: string } }>('/visitors', { preHandler: requireMember }, async (request, reply) => {
    const done = DONE.find((d) => d === request.query.done);
    const today = localDateOf(app.deps.clock.now(), inventory.get().site.timezone);
    return page(request, reply, {
      values: { date: today },
      notice: done ? request.t(`visitors.done.${done}`) : undefined,
    });
  });

  app.post('/visitors', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const values = {
      name: text(body, 'name'),
      organisation: text(body, 'organisation'),
      date: text(body, 'date'),
      time: text(body, 'time'),
      host: text(body, 'host'),
      host_q: text(body, 'host_q'),
    };
    if (body.find_host !== undefined) return page(request, reply, { values });
    const hostId = parseId(values.host) ?? undefined;
    const outcome = visitors.register(request.member, { ...values, hostId });
    if (!outcome.ok)
      return page(request, reply, { values, status: 422, errors: errorMessages(request, outcome.errors) });
    return reply.redirect('/visitors?done=registered', 303);
  });

  app.post<Params>('/visitors/:id/cancel', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) return reply.callNotFound();
    visitors.cancel(request.member, id);
    return reply.redirect('/visitors?done=cancelled', 303);
  });

  /** Back where staff pressed the button (the board, this page), never off the site. */
  const back = (request: FastifyRequest, done: string) => {
    const next = text(formBody(request), 'next');
    return next ? safeNext(next) : `/visitors?done=${done}`;
  };

  app.post<Params>('/visitors/:id/arrival', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) return reply.callNotFound();
    visitors.arrive(request.member, id);
    return reply.redirect(back(request, 'arrived'), 303);
  });

  app.post<Params>('/visitors/:id/leave', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) return reply.callNotFound();
    visitors.leave(request.member, id);
    return reply.redirect(back(request, 'left'), 303);
  });
}
