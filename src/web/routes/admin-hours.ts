// Zones and opening hours, for admins: the zones (add, edit), the week of the site or of one
// resource, and exceptions (a date with other hours or closed, with a reason).
//   GET  /admin/zones        POST /admin/zones        GET|POST /admin/zones/:id
//   GET  /admin/hours        POST /admin/hours        POST /admin/hours/exceptions
//   POST /admin/hours/exceptions/:id/delete
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEEKDAYS, type ExceptionForm } from '../../domain/opening-exceptions.js';
import type { MessageKey } from '../../i18n/index.js';
import { formatLocalDate } from '../../i18n/dates.js';
import { NotFound } from '../../services/authz.js';
import type { Saved, ZoneForm } from '../../services/space-hours.js';
import { formBody, parseId, text } from '../forms.js';
import { clientInfo, requireMember, requirePermission } from '../plugins/session.js';
import { hoursFieldMessage, zoneFieldMessage } from '../space-field-messages.js';
import { SPACE_LINKS } from '../space-nav.js';
import { localName } from '../../i18n/names.js';

type IdParams = { Params: { id: string } };
const ZONE_FIELDS = ['name', 'nameEn', 'floor', 'safetyCapacity', 'sortOrder'] as const;
const EXCEPTION_FIELDS = ['resource', 'date', 'opens', 'closes', 'reason', 'reasonEn'] as const;
const EMPTY_ZONE: ZoneForm = { name: '', nameEn: '', floor: '', safetyCapacity: '', sortOrder: '0' };
const EMPTY_EXCEPTION: ExceptionForm = { resource: '', date: '', opens: '', closes: '', reason: '', reasonEn: '' };

const pick = <K extends string>(body: Record<string, unknown>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, text(body, k)])) as Record<K, string>;

export default async function adminHoursRoutes(app: FastifyInstance) {
  const { spaceHours } = app.services;

  const named = (request: FastifyRequest, r: { name: string; nameEn: string | null }) => localName(r, request.lang);

  function messages(request: FastifyRequest, prefix: 'zones' | 'hours', errors: Record<string, string>) {
    return Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [
        field,
        prefix === 'zones'
          ? zoneFieldMessage(request.t, request.lang, field)
          : hoursFieldMessage(request.t, field, code),
      ]),
    );
  }

  function zonesPage(request: FastifyRequest, reply: FastifyReply, values = EMPTY_ZONE, errors = {}, status = 200) {
    const zones = spaceHours.zones(request.member).map((z) => ({ ...z, localName: named(request, z) }));
    const done = request.method === 'GET' && (request.query as { done?: string }).done === 'saved';
    return reply.page({
      page: 'pages/admin/zones',
      status,
      title: request.t('zones.title'),
      data: {
        zones,
        values,
        errors,
        action: '/admin/zones',
        spaceLinks: SPACE_LINKS,
        notice: done ? request.t('zones.done.saved') : null,
      },
    });
  }

  function zonePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values?: ZoneForm,
    errors = {},
    status = 200,
  ) {
    const zone = spaceHours.zones(request.member).find((z) => z.id === id);
    if (!zone) throw new NotFound();
    const shown = values ?? {
      name: zone.name,
      nameEn: zone.nameEn ?? '',
      floor: zone.floor ?? '',
      safetyCapacity: zone.safetyCapacity === null ? '' : String(zone.safetyCapacity),
      sortOrder: String(zone.sortOrder),
    };
    return reply.page({
      page: 'pages/admin/zone',
      status,
      title: request.t('zones.edit.title', { name: named(request, zone) }),
      data: { values: shown, errors, action: `/admin/zones/${id}`, spaceLinks: SPACE_LINKS },
    });
  }

  const zoneAnswer = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    values: ZoneForm,
    saved: Saved,
  ) => {
    if (saved.kind === 'saved') return reply.redirect('/admin/zones?done=saved', 303);
    const errors = messages(request, 'zones', saved.errors);
    return id === null
      ? zonesPage(request, reply, values, errors, 422)
      : zonePage(request, reply, id, values, errors, 422);
  };

  app.get('/admin/zones', { preHandler: requirePermission('space.manage') }, async (request, reply) =>
    zonesPage(request, reply),
  );
  app.post('/admin/zones', { preHandler: requireMember }, async (request, reply) => {
    const values = pick(formBody(request), ZONE_FIELDS);
    return zoneAnswer(
      request,
      reply,
      null,
      values,
      spaceHours.saveZone(request.member, null, values, clientInfo(request).ip),
    );
  });
  app.get<IdParams>('/admin/zones/:id', { preHandler: requirePermission('space.manage') }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    return zonePage(request, reply, id);
  });
  app.post<IdParams>('/admin/zones/:id', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const values = pick(formBody(request), ZONE_FIELDS);
    return zoneAnswer(
      request,
      reply,
      id,
      values,
      spaceHours.saveZone(request.member, id, values, clientInfo(request).ip),
    );
  });

  function hoursPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      resourceId: number | null;
      week?: Record<string, string>;
      weekErrors?: Record<string, string>;
      exception?: ExceptionForm;
      exceptionErrors?: Record<string, string>;
      status?: number;
    },
  ) {
    const resources = spaceHours.resources(request.member);
    const resourceId = options.resourceId;
    const current = resourceId === null ? null : resources.find((r) => r.id === resourceId);
    if (resourceId !== null && !current) throw new NotFound();
    const names = new Map(resources.map((r) => [r.id, named(request, r)]));
    const done = request.method === 'GET' ? (request.query as { done?: string }).done : undefined;
    const notices: Record<string, MessageKey> = {
      saved: 'hours.done.saved',
      exception: 'hours.done.exception',
      deleted: 'hours.done.deleted',
    };
    return reply.page({
      page: 'pages/admin/hours',
      status: options.status ?? 200,
      title: request.t('hours.title'),
      data: {
        resourceId: resourceId === null ? '' : String(resourceId),
        where: current ? named(request, current) : request.t('space.site'),
        resources: resources.map((r) => ({ id: String(r.id), name: names.get(r.id)! })),
        weekdays: WEEKDAYS,
        week: options.week ?? spaceHours.week(request.member, resourceId),
        weekErrors: options.weekErrors ?? {},
        exceptions: spaceHours.exceptions(request.member).map((e) => ({
          id: e.id,
          date: e.date,
          dateText: formatLocalDate(e.date, request.lang, 'date'),
          where: e.resourceId === null ? request.t('space.site') : (names.get(e.resourceId) ?? ''),
          hours:
            e.opens === null
              ? request.t('hours.exceptions.closed')
              : request.t('hours.exceptions.hours', { opens: e.opens, closes: e.closes ?? '' }),
          reason: request.lang === 'en' ? (e.reasonEn ?? e.reason) : e.reason,
        })),
        values: options.exception ?? EMPTY_EXCEPTION,
        errors: options.exceptionErrors ?? {},
        spaceLinks: SPACE_LINKS,
        notice: done && notices[done] ? request.t(notices[done]) : null,
      },
    });
  }

  const resourceParam = (raw: unknown): number | null => {
    if (raw === undefined || raw === '') return null;
    const id = parseId(raw);
    if (id === null) throw new NotFound();
    return id;
  };

  app.get<{ Querystring: { resource?: string } }>(
    '/admin/hours',
    { preHandler: requirePermission('space.manage') },
    async (request, reply) => hoursPage(request, reply, { resourceId: resourceParam(request.query.resource) }),
  );

  app.post('/admin/hours', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const resourceId = resourceParam(text(body, 'resource'));
    const week = pick(
      body,
      WEEKDAYS.flatMap((d) => [`opens_${d}`, `closes_${d}`]),
    );
    const saved = spaceHours.saveWeek(request.member, resourceId, week, clientInfo(request).ip);
    if (saved.kind === 'saved')
      return reply.redirect(`/admin/hours?done=saved${resourceId === null ? '' : `&resource=${resourceId}`}`, 303);
    return hoursPage(request, reply, {
      resourceId,
      week,
      weekErrors: messages(request, 'hours', saved.errors),
      status: 422,
    });
  });

  app.post('/admin/hours/exceptions', { preHandler: requireMember }, async (request, reply) => {
    const values = pick(formBody(request), EXCEPTION_FIELDS);
    const saved = spaceHours.addException(request.member, values, clientInfo(request).ip);
    if (saved.kind === 'saved') return reply.redirect('/admin/hours?done=exception', 303);
    return hoursPage(request, reply, {
      resourceId: null,
      exception: values,
      exceptionErrors: messages(request, 'hours', saved.errors),
      status: 422,
    });
  });

  app.post<IdParams>('/admin/hours/exceptions/:id/delete', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    spaceHours.removeException(request.member, id, clientInfo(request).ip);
    return reply.redirect('/admin/hours?done=deleted', 303);
  });
}
