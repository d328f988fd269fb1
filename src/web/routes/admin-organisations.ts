// Organisations, for staff: the list (front desk and admins), and for admins the programme,
// dates and plan (monthly quotas) and who belongs and leads.
//   GET  /admin/organisations          GET|POST /admin/organisations/new
//   GET  /admin/organisations/:id      POST /admin/organisations/:id
//   POST /admin/organisations/:id/members                       (email, asLead)
//   POST /admin/organisations/:id/members/:memberId/lead        (isLead)
//   POST /admin/organisations/:id/members/:memberId/remove
//   POST /admin/organisations/:id/plans                         (name, startsOn, roomHours, deskHalfDays)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { MessageKey } from '../../i18n/index.js';
import { can, NotFound } from '../../services/authz.js';
import {
  ORGANISATION_KINDS,
  PROGRAMMES,
  type OrganisationInput,
  type OrganisationSummary,
} from '../../services/organisations.js';
import { PLAN_NAME_MAX, type PlanField } from '../../services/organisation-plans.js';
import { checked, fieldMessages, formBody, parseId, text } from '../forms.js';
import { planHistoryView } from '../plan-views.js';
import { clientInfo, requireMember, requirePermission } from '../plugins/session.js';

type IdParams = { Params: { id: string } };
type MemberParams = { Params: { id: string; memberId: string } };

const DONE = new Set(['created', 'saved', 'planAdded']);
const PLAN_FIELDS = ['name', 'startsOn', 'roomHours', 'deskHalfDays'] as const;
const EMPTY_PLAN = { name: '', startsOn: '', roomHours: '', deskHalfDays: '' };
const ORG_IDS = {
  name: 'org-name',
  kind: 'org-kind',
  programme: 'org-programme',
  startsOn: 'org-starts',
  endsOn: 'org-ends',
  quotaRoomHours: 'org-room-hours',
  quotaDeskHalfDays: 'org-desk-half-days',
  email: 'org-add-email',
  planName: 'plan-name',
  planStartsOn: 'plan-starts',
  planRoomHours: 'plan-room-hours',
  planDeskHalfDays: 'plan-desk-half-days',
};

function organisationInput(body: Record<string, unknown>): OrganisationInput {
  return {
    name: body.name,
    kind: body.kind,
    programme: body.programme,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    quotaRoomHours: body.quotaRoomHours,
    quotaDeskHalfDays: body.quotaDeskHalfDays,
  };
}

/** Hours as people write them in each language: "7,5" in French, "7.5" in English. */
function hours(minutes: number | null, lang: string): string {
  if (minutes === null) return '';
  const value = Math.round((minutes / 60) * 100) / 100;
  return lang === 'fr' ? String(value).replace('.', ',') : String(value);
}

function formValues(
  o: Pick<
    OrganisationSummary,
    'name' | 'kind' | 'programme' | 'startsOn' | 'endsOn' | 'quotaRoomMinutesPerMonth' | 'quotaDeskHalfDaysPerMonth'
  >,
  lang: string,
): Record<string, string> {
  return {
    name: o.name,
    kind: o.kind,
    programme: o.programme,
    startsOn: o.startsOn,
    endsOn: o.endsOn ?? '',
    quotaRoomHours: hours(o.quotaRoomMinutesPerMonth, lang),
    quotaDeskHalfDays: o.quotaDeskHalfDaysPerMonth === null ? '' : String(o.quotaDeskHalfDaysPerMonth),
  };
}

function postedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    ['name', 'kind', 'programme', 'startsOn', 'endsOn', 'quotaRoomHours', 'quotaDeskHalfDays'].map((k) => [
      k,
      text(body, k),
    ]),
  );
}

export default async function adminOrganisationRoutes(app: FastifyInstance) {
  const { organisations, organisationPlans } = app.services;
  const formOptions = { kinds: ORGANISATION_KINDS, programmes: PROGRAMMES, ids: ORG_IDS };

  app.get('/admin/organisations', { preHandler: requirePermission('organisation.list') }, async (request, reply) => {
    const list = organisations.list(request.member);
    return reply.page({
      page: 'pages/admin/organisations',
      title: request.t('organisations.title'),
      data: {
        organisations: list.map((o) => ({ ...o, roomHours: hours(o.quotaRoomMinutesPerMonth, request.lang) })),
        canCreate: can(request.member, 'organisation.create'),
      },
    });
  });

  function newPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    return reply.page({
      page: 'pages/admin/organisation-new',
      status,
      title: request.t('organisations.new'),
      data: { ...formOptions, values, errors },
    });
  }

  app.get(
    '/admin/organisations/new',
    { preHandler: requirePermission('organisation.create') },
    async (request, reply) => {
      const today = DateTime.fromMillis(app.deps.clock.now(), {
        zone: app.services.inventory.get().site.timezone,
      }).toISODate()!;
      return newPage(request, reply, {
        name: '',
        kind: 'association',
        programme: 'coworking',
        startsOn: today,
        endsOn: '',
        quotaRoomHours: '',
        quotaDeskHalfDays: '',
      });
    },
  );

  app.post('/admin/organisations/new', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const result = organisations.create(request.member, organisationInput(body), clientInfo(request));
    if (result.kind === 'saved') return reply.redirect(`/admin/organisations/${result.id}?done=created`, 303);
    return newPage(request, reply, postedValues(body), fieldMessages(request.t, result.errors), 422);
  });

  function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      status?: number;
      values?: Record<string, string>;
      errors?: Record<string, string>;
      addEmail?: string;
      planValues?: Record<string, string>;
      planErrors?: Record<string, string>;
    } = {},
  ) {
    const id = parseId((request.params as { id?: string }).id);
    if (id === null) throw new NotFound();
    const detail = organisations.detail(request.member, id);
    const done = request.method === 'GET' ? (request.query as { done?: string }).done : undefined;
    return reply.page({
      page: 'pages/admin/organisation',
      status: options.status ?? 200,
      title: detail.name,
      data: {
        ...formOptions,
        organisation: detail,
        values: options.values ?? formValues(detail, request.lang),
        errors: options.errors ?? {},
        addEmail: options.addEmail ?? '',
        plans: planHistoryView(organisationPlans.history(request.member, id), {
          t: request.t,
          lang: request.lang,
          zone: app.services.inventory.get().site.timezone,
          now: app.deps.clock.now(),
        }),
        planValues: options.planValues ?? EMPTY_PLAN,
        planErrors: options.planErrors ?? {},
        roomHours: hours(detail.quota.roomMinutes.used, request.lang),
        roomLimit: hours(detail.quota.roomMinutes.limit, request.lang),
        can: {
          edit: can(request.member, 'organisation.edit', { id }),
          manage: can(request.member, 'organisation.manageMembers', { id }),
          list: can(request.member, 'organisation.list'),
        },
        notice: done && DONE.has(done) ? request.t(`organisation.done.${done}` as MessageKey) : null,
      },
    });
  }

  app.get<IdParams & { Querystring: { done?: string } }>(
    '/admin/organisations/:id',
    { preHandler: requirePermission('organisation.list') },
    async (request, reply) => detailPage(request, reply),
  );

  app.post<IdParams>('/admin/organisations/:id', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    const result = organisations.update(request.member, id, organisationInput(body), clientInfo(request));
    if (result.kind === 'saved') return reply.redirect(`/admin/organisations/${id}?done=saved`, 303);
    return detailPage(request, reply, {
      status: 422,
      values: postedValues(body),
      errors: fieldMessages(request.t, result.errors),
    });
  });

  app.post<IdParams>('/admin/organisations/:id/members', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    const result = organisations.addMember(
      request.member,
      id,
      body.email,
      checked(body, 'asLead'),
      clientInfo(request),
    );
    if (result.kind === 'saved') return reply.redirect(`/admin/organisations/${id}?done=saved`, 303);
    return detailPage(request, reply, {
      status: 422,
      errors: fieldMessages(request.t, result.errors),
      addEmail: text(body, 'email'),
    });
  });

  app.post<IdParams>('/admin/organisations/:id/plans', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    const input = {
      name: body.name,
      startsOn: body.startsOn,
      roomHours: body.roomHours,
      deskHalfDays: body.deskHalfDays,
    };
    const result = organisationPlans.add(request.member, id, input, clientInfo(request));
    if (result.kind === 'saved') return reply.redirect(`/admin/organisations/${id}?done=planAdded`, 303);
    const planErrors: Record<string, string> = {};
    for (const [field, code] of Object.entries(result.errors) as [PlanField, string][])
      planErrors[field] = request.t(`plans.error.${field}.${code}` as MessageKey, { max: PLAN_NAME_MAX });
    // The summary above the page links each message to its field of the plan form.
    const errors = Object.fromEntries(
      Object.entries(planErrors).map(([field, message]) => [
        `plan${field[0]!.toUpperCase()}${field.slice(1)}`,
        message,
      ]),
    );
    return detailPage(request, reply, {
      status: 422,
      errors,
      planErrors,
      planValues: Object.fromEntries(PLAN_FIELDS.map((f) => [f, text(body, f)])),
    });
  });

  function ids(request: FastifyRequest<MemberParams>): { id: number; memberId: number } {
    const id = parseId(request.params.id);
    const memberId = parseId(request.params.memberId);
    if (id === null || memberId === null) throw new NotFound();
    return { id, memberId };
  }

  app.post<MemberParams>(
    '/admin/organisations/:id/members/:memberId/lead',
    { preHandler: requireMember },
    async (request, reply) => {
      const { id, memberId } = ids(request);
      organisations.setLead(request.member, id, memberId, checked(formBody(request), 'isLead'), clientInfo(request));
      return reply.redirect(`/admin/organisations/${id}?done=saved`, 303);
    },
  );

  app.post<MemberParams>(
    '/admin/organisations/:id/members/:memberId/remove',
    { preHandler: requireMember },
    async (request, reply) => {
      const { id, memberId } = ids(request);
      organisations.removeMember(request.member, id, memberId, clientInfo(request));
      return reply.redirect(`/admin/organisations/${id}?done=saved`, 303);
    },
  );
}
