// An organisation lead's page: each team they lead, its people and this month's use of its
// plan, with an invitation form for the team. Staff use the organisation pages instead.
//   GET  /team
//   POST /team/:id/invite
//   POST /team/:id/members/:memberId/remove
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANGUAGES, type MessageKey } from '../../i18n/index.js';
import { NotFound } from '../../services/authz.js';
import { formBody, parseId } from '../forms.js';
import { clientInfo, requestContext, requireMember } from '../plugins/session.js';
import { EMPTY_INVITE, inviteInput, inviteState, type InviteFormState } from './admin-members.js';

const DONE = new Set(['invited', 'removed']);

/** "7,5" in French, "7.5" in English. */
function hours(minutes: number | null, lang: string): string {
  if (minutes === null) return '';
  const value = String(Math.round((minutes / 60) * 100) / 100);
  return lang === 'fr' ? value.replace('.', ',') : value;
}

export default async function teamRoutes(app: FastifyInstance) {
  const { accounts, organisations } = app.services;

  function teamPage(
    request: FastifyRequest,
    reply: FastifyReply,
    failed: { organisationId: number; state: InviteFormState } | null = null,
    status = 200,
  ) {
    const leadOf = request.member?.leadOf ?? [];
    if (leadOf.length === 0) throw new NotFound();
    const t = request.t;
    const teams = leadOf.map((id) => {
      const detail = organisations.detail(request.member, id);
      return {
        ...detail,
        roomHours: hours(detail.quota.roomMinutes.used, request.lang),
        roomLimit: hours(detail.quota.roomMinutes.limit, request.lang),
        invite: failed?.organisationId === id ? failed.state : EMPTY_INVITE,
      };
    });
    const done = request.method === 'GET' ? (request.query as { done?: string }).done : undefined;
    return reply.page({
      page: 'pages/team',
      status,
      title: t('team.title'),
      data: {
        teams,
        languages: LANGUAGES,
        notice: done && DONE.has(done) ? t(`team.done.${done}` as MessageKey) : null,
      },
    });
  }

  app.get<{ Querystring: { done?: string } }>('/team', { preHandler: requireMember }, async (request, reply) =>
    teamPage(request, reply),
  );

  app.post<{ Params: { id: string } }>('/team/:id/invite', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    // Whatever the form says, a team invitation is for a plain member of this team.
    const result = accounts.invite(
      request.member,
      { ...inviteInput(body), organisationId: id, role: 'member', asLead: false },
      requestContext(request),
    );
    if (result.kind === 'sent') return reply.redirect('/team?done=invited', 303);
    return teamPage(
      request,
      reply,
      { organisationId: id, state: inviteState(request, reply, body, result) },
      result.kind === 'limited' ? 429 : 422,
    );
  });

  app.post<{ Params: { id: string; memberId: string } }>(
    '/team/:id/members/:memberId/remove',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      const memberId = parseId(request.params.memberId);
      if (id === null || memberId === null) throw new NotFound();
      organisations.removeMember(request.member, id, memberId, clientInfo(request));
      return reply.redirect('/team?done=removed', 303);
    },
  );
}
