// Bookings that need approval, for staff: the queue (front desk reads it, admins decide).
//   GET  /admin/approvals[?done=approved|declined]
//   POST /admin/approvals/:id/approve    (message optional, _csrf)
//   POST /admin/approvals/:id/decline    (message required, _csrf)
// A decision answers 303 back to the queue; a bad message 422 with the queue and the error;
// a booking no longer pending 409 with the reason; a missing one 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/index.js';
import { DECISION_MESSAGE_MAX, type Decision } from '../../services/approvals.js';
import { can } from '../../services/authz.js';
import { pendingApprovalsView } from '../approval-views.js';
import { formBody, parseId, text } from '../forms.js';
import { requireMember, requirePermission } from '../plugins/session.js';

type IdParams = { Params: { id: string } };

const DONE = new Set(['approved', 'declined']);

export default async function adminApprovalRoutes(app: FastifyInstance) {
  const { approvals, inventory } = app.services;

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      status?: number;
      failed?: { id: number; message: string; error: string } | null;
      conflict?: string | null;
      notice?: string | null;
    } = {},
  ) {
    const failed = options.failed ?? null;
    const view = pendingApprovalsView(approvals.pending(request.member!), {
      t: request.t,
      lang: request.lang,
      zone: inventory.get().site.timezone,
      now: app.deps.clock.now(),
      canDecide: can(request.member, 'approval.decide'),
      failed,
    });
    return reply.page({
      page: 'pages/admin/approvals',
      status: options.status ?? 200,
      title: request.t('approvals.title'),
      data: {
        approvals: view,
        notice: options.notice ?? null,
        conflict: options.conflict ?? null,
        errors: failed ? { message: failed.error } : {},
        fields: failed ? { message: [`approval-${failed.id}-message`, request.t('approvals.message')] } : {},
      },
    });
  }

  app.get<{ Querystring: { done?: string } }>(
    '/admin/approvals',
    { preHandler: requirePermission('approval.view') },
    async (request, reply) => {
      const done = request.query.done;
      const notice = done && DONE.has(done) ? request.t(`approvals.done.${done}` as MessageKey) : null;
      return page(request, reply, { notice });
    },
  );

  for (const decision of ['approve', 'decline'] as const satisfies readonly Decision[]) {
    app.post<IdParams>(`/admin/approvals/:id/${decision}`, { preHandler: requireMember }, async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const body = formBody(request);
      const outcome = approvals.decide(request.member!, id, decision, body.message);
      if (outcome.ok) return reply.redirect(`/admin/approvals?done=${decision}d`, 303);
      if (outcome.reason === 'invalid') {
        const error = request.t(`approvals.error.message.${outcome.error}` as MessageKey, {
          max: DECISION_MESSAGE_MAX,
        });
        return page(request, reply, { status: 422, failed: { id, message: text(body, 'message'), error } });
      }
      const status = request.t(`booking.status.${outcome.status}` as MessageKey);
      return page(request, reply, { status: 409, conflict: request.t('approvals.notPending', { status }) });
    });
  }
}
