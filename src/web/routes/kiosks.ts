// Lobby screens. GET /kiosk/:token is public but for its token: what is free now and next per
// zone and room, in large type, with no personal name; it polls itself. Admins manage the links:
//   GET  /admin/kiosks            the list and a form
//   POST /admin/kiosks            create one; the page shows its link once
//   POST /admin/kiosks/:id/revoke revoke one (its screen answers 404 from then on)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../services/authz.js';
import { KIOSK_LABEL_MAX } from '../../services/kiosks.js';
import { dateFormatter } from '../../i18n/dates.js';
import { formBody, parseId, text } from '../forms.js';
import { lobbyView } from '../frontdesk-views.js';
import { clientInfo, requirePermission } from '../plugins/session.js';

/** The lobby screen asks again this often. */
const KIOSK_POLL_SECONDS = 30;

export default async function kioskRoutes(app: FastifyInstance) {
  const { kiosks, frontDesk, inventory } = app.services;

  app.get<{ Params: { token: string } }>('/kiosk/:token', async (request, reply) => {
    const grant = kiosks.resolve(request.params.token);
    if (!grant) throw new NotFound();
    const zone = inventory.get().site.timezone;
    const lobby = frontDesk.lobby(grant);
    const t = request.t;
    reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
    return reply.page({
      page: 'pages/kiosk',
      fragment: 'partials/kiosk-lobby',
      title: t('kiosk.title'),
      data: {
        // resolve() accepted it, so it is 43 URL-safe characters: nothing else reaches hx-get.
        pollUrl: `/kiosk/${request.params.token}`,
        poll: KIOSK_POLL_SECONDS,
        updated: t('kiosk.updated', { time: dateFormatter(request.lang, zone).time(lobby.at) }),
        zones: lobbyView(t, request.lang, zone, lobby.zones),
      },
    });
  });

  function adminPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { status?: number; label?: string; error?: string | null; fresh?: { label: string; url: string } | null },
  ) {
    const t = request.t;
    const dates = dateFormatter(request.lang, inventory.get().site.timezone);
    const done = request.method === 'GET' && (request.query as { done?: string }).done === 'revoked';
    return reply.page({
      page: 'pages/admin/kiosks',
      status: state.status ?? 200,
      title: t('kiosks.title'),
      data: {
        links: kiosks.list(request.member).map((k) => ({
          id: k.id,
          label: k.label,
          created: t('kiosks.created', { date: dates.dateTime(k.createdAt), name: k.createdByName }),
          revoked: k.revokedAt === null ? null : t('kiosks.revoked', { date: dates.dateTime(k.revokedAt) }),
        })),
        values: { label: state.label ?? '' },
        errors: state.error ? { label: state.error } : {},
        ids: { label: 'kiosk-label' },
        max: KIOSK_LABEL_MAX,
        fresh: state.fresh ?? null,
        notice: done ? t('kiosks.done.revoked') : null,
      },
    });
  }

  app.get('/admin/kiosks', { preHandler: requirePermission('kiosk.manage') }, async (request, reply) =>
    adminPage(request, reply, {}),
  );

  app.post('/admin/kiosks', { preHandler: requirePermission('kiosk.manage') }, async (request, reply) => {
    const label = text(formBody(request), 'label');
    const result = kiosks.create(request.member, label, clientInfo(request).ip);
    if (!result.ok)
      return adminPage(request, reply, {
        status: 422,
        label,
        error: request.t(`kiosks.error.${result.error}`, { max: KIOSK_LABEL_MAX }),
      });
    reply.header('Cache-Control', 'no-store');
    return adminPage(request, reply, {
      fresh: { label: label.trim(), url: `${app.deps.config.baseUrl}/kiosk/${result.token}` },
    });
  });

  app.post<{ Params: { id: string } }>(
    '/admin/kiosks/:id/revoke',
    { preHandler: requirePermission('kiosk.manage') },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) throw new NotFound();
      kiosks.revoke(request.member, id, clientInfo(request).ip);
      return reply.redirect('/admin/kiosks?done=revoked', 303);
    },
  );
}
