// Members, for staff: search (front desk and admins), invite, roles, deactivation (admins),
// inductions (front desk and admins). Services check every permission; the forms shown
// follow the same rules only so nobody is offered a button that would answer "not found".
//   GET  /admin/members?q=&role=&status=&page=    (htmx swaps only the list)
//   POST /admin/members/invite
//   GET  /admin/members/:id
//   POST /admin/members/:id/role | deactivate | reactivate | resend
//   POST /admin/members/:id/inductions            (kind)
//   POST /admin/members/:id/inductions/:kind/remove
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateFormatter } from '../../i18n/dates.js';
import { LANGUAGES, type MessageKey } from '../../i18n/index.js';
import { MEMBER_PAGE_SIZE, TOKEN_LIFETIME, type InviteResult, type MemberSearch } from '../../services/accounts.js';
import { can, INDUCTION_KINDS, NotFound, ROLES, type Role } from '../../services/authz.js';
import { checked, fieldMessages, formBody, limitedMessage, parseId, text } from '../forms.js';
import { clientInfo, requestContext, requireMember, requirePermission } from '../plugins/session.js';

const STATUSES = ['active', 'pending', 'inactive'] as const;
const DONE = new Set(['invited', 'saved', 'deactivated', 'reactivated']);

type SearchQuery = { Querystring: { q?: string; role?: string; status?: string; page?: string } };
type IdParams = { Params: { id: string } };

export function parseSearch(query: SearchQuery['Querystring']): MemberSearch {
  const page = typeof query.page === 'string' && /^[1-9]\d{0,4}$/.test(query.page) ? Number(query.page) : 1;
  return {
    q: typeof query.q === 'string' ? query.q.slice(0, 100) : '',
    role: (ROLES as readonly unknown[]).includes(query.role) ? (query.role as Role) : undefined,
    status: (STATUSES as readonly unknown[]).includes(query.status)
      ? (query.status as MemberSearch['status'])
      : undefined,
    page,
  };
}

export interface InviteFormState {
  values: Record<string, string | boolean>;
  errors: Record<string, string>;
  limited: string | null;
}

export const EMPTY_INVITE: InviteFormState = {
  values: { email: '', name: '', role: 'member', organisationId: '', asLead: false, language: 'fr' },
  errors: {},
  limited: null,
};

/** The invitation form after a refused attempt: values kept, errors in words, 422 or 429. */
export function inviteState(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Record<string, unknown>,
  result: Exclude<InviteResult, { kind: 'sent' }>,
): InviteFormState {
  const values = {
    email: text(body, 'email'),
    name: text(body, 'name'),
    role: text(body, 'role') || 'member',
    organisationId: text(body, 'organisationId'),
    asLead: checked(body, 'asLead'),
    language: text(body, 'language') || 'fr',
  };
  if (result.kind === 'limited')
    return { values, errors: {}, limited: limitedMessage(request.t, reply, result.retryAfterMs) };
  return { values, errors: fieldMessages(request.t, result.errors), limited: null };
}

export function inviteInput(body: Record<string, unknown>) {
  return {
    email: body.email,
    name: body.name,
    role: body.role,
    organisationId: body.organisationId,
    asLead: checked(body, 'asLead'),
    language: body.language,
  };
}

export default async function adminMemberRoutes(app: FastifyInstance) {
  const { accounts, organisations } = app.services;

  function listPage(request: FastifyRequest, reply: FastifyReply, invite: InviteFormState, status = 200) {
    const t = request.t;
    const search = parseSearch(request.method === 'GET' ? (request.query as SearchQuery['Querystring']) : {});
    const { members, hasMore } = accounts.search(request.member, search);
    const params = (page: number) =>
      new URLSearchParams({
        q: search.q ?? '',
        role: search.role ?? '',
        status: search.status ?? '',
        page: String(page),
      }).toString();
    return reply.page({
      page: 'pages/admin/members',
      fragment: 'partials/member-list',
      status,
      title: t('members.title'),
      data: {
        search,
        roles: ROLES,
        statuses: STATUSES,
        members,
        firstIndex: ((search.page ?? 1) - 1) * MEMBER_PAGE_SIZE,
        nextHref: hasMore ? `/admin/members?${params((search.page ?? 1) + 1)}` : null,
        previousHref: (search.page ?? 1) > 1 ? `/admin/members?${params((search.page ?? 1) - 1)}` : null,
        canInvite: request.member?.role === 'admin',
        invite,
        inviteDays: TOKEN_LIFETIME.invitation / 86_400_000,
        organisations: organisations.choices(request.member),
        languages: LANGUAGES,
        errors: invite.errors,
        ids: {
          email: 'invite-email',
          name: 'invite-name',
          role: 'invite-role',
          organisationId: 'invite-organisation',
          language: 'invite-language',
        },
      },
    });
  }

  app.get<SearchQuery>('/admin/members', { preHandler: requirePermission('member.list') }, async (request, reply) =>
    listPage(request, reply, EMPTY_INVITE),
  );

  app.post('/admin/members/invite', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const result = accounts.invite(request.member, inviteInput(body), requestContext(request));
    if (result.kind === 'sent') return reply.redirect(`/admin/members/${result.memberId}?done=invited`, 303);
    return listPage(request, reply, inviteState(request, reply, body, result), result.kind === 'limited' ? 429 : 422);
  });

  function memberPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: Record<string, string> } = {},
  ) {
    const id = parseId((request.params as { id?: string }).id);
    if (id === null) throw new NotFound();
    const t = request.t;
    const member = accounts.member(request.member, id);
    const actor = request.member;
    const dates = dateFormatter(request.lang, app.services.inventory.get().site.timezone);
    const subject = { id, organisationIds: member.organisations.map((o) => o.id) };
    const done = request.method === 'GET' ? (request.query as { done?: string }).done : undefined;
    return reply.page({
      page: 'pages/admin/member',
      status: options.status ?? 200,
      title: member.name,
      data: {
        person: member,
        created: dates.date(member.createdAt),
        deactivatedAt: member.deactivatedAt === null ? null : dates.date(member.deactivatedAt),
        inductions: member.inductions.map((i) => ({ ...i, date: dates.date(i.recordedAt) })),
        missingInductions: INDUCTION_KINDS.filter((k) => !member.inductions.some((i) => i.kind === k)),
        roles: ROLES,
        can: {
          setRole: can(actor, 'member.setRole', subject),
          deactivate: can(actor, 'member.deactivate', subject),
          inductions: can(actor, 'member.recordInduction', subject),
          resend:
            member.pending &&
            member.active &&
            can(actor, 'member.invite', { organisationId: null, role: member.role, asLead: false }),
          list: can(actor, 'member.list'),
        },
        errors: options.errors ?? {},
        ids: { role: 'member-role', induction: 'member-induction' },
        notice: done && DONE.has(done) ? t(`member.done.${done}` as MessageKey) : null,
      },
    });
  }

  app.get<IdParams & { Querystring: { done?: string } }>(
    '/admin/members/:id',
    { preHandler: requireMember },
    async (request, reply) => memberPage(request, reply),
  );

  function idOf(request: FastifyRequest<IdParams>): number {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    return id;
  }

  app.post<IdParams>('/admin/members/:id/role', { preHandler: requireMember }, async (request, reply) => {
    const id = idOf(request);
    const result = accounts.setRole(request.member, id, formBody(request).role, clientInfo(request));
    if (result.kind === 'saved') return reply.redirect(`/admin/members/${id}?done=saved`, 303);
    return memberPage(request, reply, { status: 422, errors: fieldMessages(request.t, result.errors) });
  });

  app.post<IdParams>('/admin/members/:id/deactivate', { preHandler: requireMember }, async (request, reply) => {
    const id = idOf(request);
    accounts.deactivate(request.member, id, clientInfo(request));
    return reply.redirect(`/admin/members/${id}?done=deactivated`, 303);
  });

  app.post<IdParams>('/admin/members/:id/reactivate', { preHandler: requireMember }, async (request, reply) => {
    const id = idOf(request);
    accounts.reactivate(request.member, id, clientInfo(request));
    return reply.redirect(`/admin/members/${id}?done=reactivated`, 303);
  });

  app.post<IdParams>('/admin/members/:id/resend', { preHandler: requireMember }, async (request, reply) => {
    const id = idOf(request);
    const member = accounts.member(request.member, id);
    if (!member.pending || !member.active) throw new NotFound();
    const result = accounts.invite(
      request.member,
      {
        email: member.email,
        name: member.name,
        role: member.role,
        organisationId: '',
        asLead: false,
        language: member.language,
      },
      requestContext(request),
    );
    if (result.kind === 'sent') return reply.redirect(`/admin/members/${id}?done=invited`, 303);
    if (result.kind === 'limited') {
      const message = limitedMessage(request.t, reply, result.retryAfterMs);
      return reply.page({
        page: 'pages/error',
        fragment: 'partials/error',
        status: 429,
        title: request.t('account.limit.title'),
        data: { heading: request.t('account.limit.title'), message },
      });
    }
    return memberPage(request, reply, { status: 422, errors: fieldMessages(request.t, result.errors) });
  });

  app.post<IdParams>('/admin/members/:id/inductions', { preHandler: requireMember }, async (request, reply) => {
    const id = idOf(request);
    const result = accounts.recordInduction(request.member, id, formBody(request).kind, clientInfo(request));
    if (result.kind === 'saved') return reply.redirect(`/admin/members/${id}?done=saved`, 303);
    return memberPage(request, reply, { status: 422, errors: fieldMessages(request.t, result.errors) });
  });

  app.post<IdParams & { Params: { kind: string } }>(
    '/admin/members/:id/inductions/:kind/remove',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = idOf(request);
      accounts.removeInduction(request.member, id, request.params.kind, clientInfo(request));
      return reply.redirect(`/admin/members/${id}?done=saved`, 303);
    },
  );
}
