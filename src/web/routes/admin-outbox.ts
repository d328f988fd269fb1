// The admin "Outbox": every e-mail the system queued, with its delivery state, readable one
// by one (password-reset bodies excepted), downloadable as .eml, and a failed one retried.
//   GET  /admin/outbox[?status=pending|sent|failed|superseded]
//   GET  /admin/outbox/:id
//   GET  /admin/outbox/:id/eml
//   POST /admin/outbox/:id/retry
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateFormatter } from '../../i18n/dates.js';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../services/outbox.js';
import { notFound } from '../plugins/errors.js';
import { requirePermission } from '../plugins/session.js';

type IdParams = { Params: { id: string } };

function messageId(raw: string): number | null {
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}

export default async function adminOutboxRoutes(app: FastifyInstance) {
  const guard = { preHandler: requirePermission('audit.view') };
  const { outbox } = app.services;
  const zone = () => app.services.inventory.get().site.timezone;
  const dates = (request: FastifyRequest) => dateFormatter(request.lang, zone());

  app.get<{ Querystring: { status?: string } }>('/admin/outbox', guard, async (request, reply) => {
    const status = (OUTBOX_STATUSES as readonly string[]).includes(request.query.status ?? '')
      ? (request.query.status as OutboxStatus)
      : null;
    const fmt = dates(request);
    const messages = outbox.list(request.member, status, 200).map((m) => ({
      ...m,
      created: fmt.dateTime(m.createdAt),
      next: m.status === 'pending' ? fmt.dateTime(m.nextAttemptAt) : null,
    }));
    return reply.page({
      page: 'pages/admin/outbox',
      title: request.t('outbox.title'),
      data: {
        messages,
        status,
        counts: outbox.counts(request.member),
        statuses: OUTBOX_STATUSES,
        transport: app.deps.config.smtpUrl ? 'smtp' : 'eml',
      },
    });
  });

  function load(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const id = messageId(request.params.id);
    const message = id === null ? null : outbox.get(request.member, id);
    if (!message) notFound(request, reply);
    return message;
  }

  app.get<IdParams>('/admin/outbox/:id', guard, async (request, reply) => {
    const message = load(request, reply);
    if (!message) return reply;
    const fmt = dates(request);
    return reply.page({
      page: 'pages/admin/outbox-message',
      title: request.t('outbox.message.title', { id: message.id }),
      data: {
        message,
        created: fmt.dateTime(message.createdAt),
        sent: message.sentAt === null ? null : fmt.dateTime(message.sentAt),
        next: message.status === 'pending' ? fmt.dateTime(message.nextAttemptAt) : null,
      },
    });
  });

  app.get<IdParams>('/admin/outbox/:id/eml', guard, async (request, reply) => {
    const id = messageId(request.params.id);
    const raw = id === null ? null : await outbox.raw(request.member, id);
    if (!raw) return notFound(request, reply);
    return reply
      .type('message/rfc822')
      .header('Content-Disposition', `attachment; filename="message-${id}.eml"`)
      .header('Cache-Control', 'no-store')
      .send(raw);
  });

  app.post<IdParams>('/admin/outbox/:id/retry', guard, async (request, reply) => {
    const id = messageId(request.params.id);
    if (id === null || !outbox.retry(request.member, id)) return notFound(request, reply);
    return reply.redirect(`/admin/outbox/${id}`, 303);
  });
}
