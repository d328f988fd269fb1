// Resources, for admins: the list by zone and kind (retired ones apart), the form to add one,
// the page of one to edit every field and rule, and retiring or restoring it. A change that
// falls on bookings not yet ended answers the confirmation page first (cancel or keep them).
//   GET  /admin/resources               GET|POST /admin/resources/new
//   GET  /admin/resources/:id           POST /admin/resources/:id
//   POST /admin/resources/:id/retire    POST /admin/resources/:id/restore
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_LAYOUTS, type ResourceForm } from '../../domain/resource-rules.js';
import { ACCESSIBILITY, EQUIPMENT, RESOURCE_KINDS } from '../../domain/types.js';
import { dateFormatter } from '../../i18n/dates.js';
import { formatMinutes, translate, type MessageKey } from '../../i18n/index.js';
import { NotFound } from '../../services/authz.js';
import type { AffectedBookingRow } from '../../services/space.js';
import type { ResourceOutcome, ResourceRow } from '../../services/space-resources.js';
import { checked, formBody, parseId, text } from '../forms.js';
import { resourceFieldMessage } from '../space-field-messages.js';
import { clientInfo, requireMember, requirePermission } from '../plugins/session.js';
import { SPACE_LINKS } from '../space-nav.js';
import { localName } from '../../i18n/names.js';

type IdParams = { Params: { id: string } };

const TEXT_FIELDS = [
  'name',
  'nameEn',
  'nameGender',
  'kind',
  'zone',
  'capacity',
  'description',
  'descriptionEn',
  'photo',
  'planX',
  'planY',
  'planWidth',
  'planHeight',
  'shape',
  'slotStepMinutes',
  'minDurationMinutes',
  'maxDurationMinutes',
  'horizonDays',
  'minNoticeMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'checkInGraceMinutes',
  'capacityModel',
  'sharedPlaces',
  'halfDaySplit',
] as const;
const LIST_FIELDS = ['equipment', 'accessibility', 'links'] as const;
const BOOL_FIELDS = ['approvalRequired', 'inductionRequired'] as const;
const DONE = new Set(['created', 'saved', 'retired', 'restored']);

function list(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function postedForm(body: Record<string, unknown>): ResourceForm {
  const form = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(body, f)])) as Record<string, unknown>;
  for (const f of LIST_FIELDS) form[f] = list(body, f);
  for (const f of BOOL_FIELDS) form[f] = checked(body, f);
  form.layouts = Object.fromEntries(EVENT_LAYOUTS.map((l) => [l, text(body, `layout_${l}`)]));
  return form as unknown as ResourceForm;
}

const str = (n: number | null) => (n === null ? '' : String(n));

function formOf(row: ResourceRow, links: number[]): ResourceForm {
  return {
    name: row.name,
    nameEn: row.nameEn ?? '',
    nameGender: row.nameGender,
    kind: row.kind,
    zone: str(row.zoneId),
    capacity: String(row.capacity),
    equipment: row.equipment,
    accessibility: row.accessibility,
    description: row.description,
    descriptionEn: row.descriptionEn ?? '',
    photo: row.photo ?? '',
    planX: str(row.planX),
    planY: str(row.planY),
    planWidth: str(row.planWidth),
    planHeight: str(row.planHeight),
    layouts: Object.fromEntries(row.layouts.map((l) => [l.layout, String(l.capacity)])),
    shape: row.shape,
    slotStepMinutes: String(row.slotStepMinutes),
    minDurationMinutes: String(row.minDurationMinutes),
    maxDurationMinutes: String(row.maxDurationMinutes),
    horizonDays: String(row.horizonDays),
    minNoticeMinutes: String(row.minNoticeMinutes),
    bufferBeforeMinutes: String(row.bufferBeforeMinutes),
    bufferAfterMinutes: String(row.bufferAfterMinutes),
    approvalRequired: row.approvalRequired,
    checkInGraceMinutes: str(row.checkInGraceMinutes),
    capacityModel: row.capacityModel,
    sharedPlaces: str(row.sharedPlaces),
    inductionRequired: row.inductionRequired,
    halfDaySplit: row.halfDaySplit,
    links: links.map(String),
  };
}

/** A new meeting room's defaults: the form starts from rules that pass. */
const NEW_RESOURCE: ResourceForm = {
  ...formOf(
    {
      name: '',
      nameEn: null,
      nameGender: 'f',
      kind: 'meeting_room',
      zoneId: null,
      capacity: 6,
      equipment: [],
      accessibility: [],
      description: '',
      descriptionEn: null,
      photo: null,
      planX: null,
      planY: null,
      planWidth: null,
      planHeight: null,
      layouts: [],
      shape: 'steps',
      slotStepMinutes: 30,
      minDurationMinutes: 30,
      maxDurationMinutes: 240,
      horizonDays: 60,
      minNoticeMinutes: 0,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      approvalRequired: false,
      checkInGraceMinutes: null,
      capacityModel: 'exclusive',
      sharedPlaces: null,
      inductionRequired: false,
      halfDaySplit: '13:00',
    } as unknown as ResourceRow,
    [],
  ),
};

/** The form's values as hidden fields of the confirmation page (lists repeat their name). */
function hiddenOf(form: ResourceForm): [string, string][] {
  const pairs: [string, string][] = TEXT_FIELDS.map((f) => [f, form[f]]);
  for (const f of LIST_FIELDS) for (const v of form[f]) pairs.push([f, v]);
  for (const f of BOOL_FIELDS) if (form[f]) pairs.push([f, 'on']);
  for (const l of EVENT_LAYOUTS) pairs.push([`layout_${l}`, form.layouts[l] ?? '']);
  return pairs;
}

export default async function adminResourceRoutes(app: FastifyInstance) {
  const { spaceResources, inventory } = app.services;

  function named(request: FastifyRequest, r: { name: string; nameEn: string | null }) {
    return localName(r, request.lang);
  }

  function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { id: number | null; values: ResourceForm; errors?: Record<string, string>; status?: number },
  ) {
    const { zones, resources } = spaceResources.choices(request.member);
    const id = options.id;
    const current = id === null ? null : resources.find((r) => r.id === id);
    const query = request.method === 'GET' ? (request.query as { done?: string; cancelled?: string }) : {};
    const cancelled = Number(query.cancelled ?? 0);
    const notice =
      query.done && DONE.has(query.done)
        ? [
            request.t(`resources.done.${query.done}` as MessageKey),
            cancelled > 0 ? request.t('closures.done.cancelled', { count: cancelled }) : '',
          ]
            .filter(Boolean)
            .join(' ')
        : null;
    const title = current
      ? request.t('resources.edit.title', { name: named(request, current) })
      : request.t('resources.new');
    return reply.page({
      page: 'pages/admin/resource',
      status: options.status ?? 200,
      title,
      data: {
        id,
        active: current?.active ?? true,
        action: id === null ? '/admin/resources/new' : `/admin/resources/${id}`,
        values: options.values,
        errors: options.errors ?? {},
        zones: zones.map((z) => ({ id: String(z.id), name: named(request, z) })),
        linkable: resources
          .filter((r) => r.id !== id && (r.kind !== 'desk' || options.values.links.includes(String(r.id))))
          .map((r) => ({ id: String(r.id), name: named(request, r) })),
        kinds: RESOURCE_KINDS,
        equipment: EQUIPMENT,
        accessibility: ACCESSIBILITY,
        layouts: EVENT_LAYOUTS,
        spaceLinks: SPACE_LINKS,
        notice,
      },
    });
  }

  function errorMessages(request: FastifyRequest, errors: Partial<Record<string, string>>) {
    return Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [
        field,
        resourceFieldMessage(request.t, request.lang, field, code!),
      ]),
    );
  }

  function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    back: string,
    hidden: [string, string][],
    affected: AffectedBookingRow[],
    reason: string,
  ) {
    const fmt = dateFormatter(request.lang, inventory.get().site.timezone);
    return reply.page({
      page: 'pages/admin/affected',
      title: request.t('affected.title'),
      data: {
        action,
        back,
        hidden,
        reasonField: { value: reason },
        affected: affected.map((b) => ({
          id: b.id,
          when: `${fmt.dateTime(b.start)} – ${fmt.time(b.end)}`,
          resource: named(request, { name: b.resourceName, nameEn: b.resourceNameEn }),
          who: b.memberName ?? (b.guestName ? request.t('affected.guest', { name: b.guestName }) : ''),
        })),
      },
    });
  }

  /** The reason members are told, in both languages: the admin's words, or the default sentence. */
  function reasonOf(body: Record<string, unknown>, key: MessageKey, name: string) {
    const written = text(body, 'cancelReason').trim().slice(0, 200);
    if (written) return { fr: written, en: written };
    return { fr: translate('fr', key, { name }), en: translate('en', key, { name }) };
  }

  function choiceOf(body: Record<string, unknown>, key: MessageKey, name: string) {
    return {
      confirm: checked(body, 'confirm'),
      cancel: text(body, 'affected') === 'cancel',
      reason: reasonOf(body, key, name),
    };
  }

  function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: ResourceOutcome,
    id: number | null,
    values: ResourceForm,
  ) {
    if (outcome.kind === 'saved')
      return reply.redirect(
        `/admin/resources/${outcome.id}?done=${id === null ? 'created' : 'saved'}&cancelled=${outcome.cancelled}`,
        303,
      );
    const action = id === null ? '/admin/resources/new' : `/admin/resources/${id}`;
    if (outcome.kind === 'confirm') {
      const reason = request.t('resources.cancel.reason', { name: values.name });
      return confirmPage(request, reply, action, action, hiddenOf(values), outcome.affected, reason);
    }
    return formPage(request, reply, { id, values, errors: errorMessages(request, outcome.errors), status: 422 });
  }

  app.get('/admin/resources', { preHandler: requirePermission('space.manage') }, async (request, reply) => {
    const rows = spaceResources.list(request.member);
    const item = (r: (typeof rows)[number]) => ({
      id: r.id,
      name: named(request, r),
      kind: r.kind,
      capacity: r.capacity,
      rules:
        r.shape === 'half_day'
          ? request.t('resources.rules.halfDay', { split: r.halfDaySplit })
          : request.t('resources.rules.steps', {
              min: formatMinutes(request.t, r.minDurationMinutes),
              max: formatMinutes(request.t, r.maxDurationMinutes),
              step: formatMinutes(request.t, r.slotStepMinutes),
            }),
    });
    const groups: { zone: string; kinds: { kind: string; items: ReturnType<typeof item>[] }[] }[] = [];
    for (const r of rows.filter((r) => r.active)) {
      const zone =
        r.zoneId === null ? request.t('resources.noZone') : named(request, { name: r.zoneName!, nameEn: r.zoneNameEn });
      let group = groups.find((g) => g.zone === zone);
      if (!group) groups.push((group = { zone, kinds: [] }));
      let kind = group.kinds.find((k) => k.kind === r.kind);
      if (!kind) group.kinds.push((kind = { kind: r.kind, items: [] }));
      kind.items.push(item(r));
    }
    const done = (request.query as { done?: string }).done;
    return reply.page({
      page: 'pages/admin/resources',
      title: request.t('resources.title'),
      data: {
        groups,
        retired: rows.filter((r) => !r.active).map(item),
        notice: done && DONE.has(done) ? request.t(`resources.done.${done}` as MessageKey) : null,
        spaceLinks: SPACE_LINKS,
      },
    });
  });

  app.get('/admin/resources/new', { preHandler: requirePermission('space.manage') }, async (request, reply) =>
    formPage(request, reply, { id: null, values: NEW_RESOURCE }),
  );

  app.post('/admin/resources/new', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const values = postedForm(body);
    const choice = choiceOf(body, 'resources.cancel.reason', values.name);
    const outcome = spaceResources.save(request.member, null, values, choice, clientInfo(request).ip);
    return answer(request, reply, outcome, null, values);
  });

  app.get<IdParams>(
    '/admin/resources/:id',
    { preHandler: requirePermission('space.manage') },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) throw new NotFound();
      const { row, links } = spaceResources.get(request.member, id);
      return formPage(request, reply, { id, values: formOf(row, links) });
    },
  );

  app.post<IdParams>('/admin/resources/:id', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    const values = postedForm(body);
    const choice = choiceOf(body, 'resources.cancel.reason', values.name);
    const outcome = spaceResources.save(request.member, id, values, choice, clientInfo(request).ip);
    return answer(request, reply, outcome, id, values);
  });

  for (const [path, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    app.post<IdParams>(`/admin/resources/:id/${path}`, { preHandler: requireMember }, async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) throw new NotFound();
      const body = formBody(request);
      const { row } = spaceResources.get(request.member, id);
      const choice = choiceOf(body, 'resources.retire.reason', row.name);
      const outcome = spaceResources.setActive(request.member, id, active, choice, clientInfo(request).ip);
      if (outcome.kind === 'saved')
        return reply.redirect(`/admin/resources?done=${active ? 'restored' : 'retired'}`, 303);
      const action = `/admin/resources/${id}/${path}`;
      const reason = request.t('resources.retire.reason', { name: named(request, row) });
      if (outcome.kind === 'confirm')
        return confirmPage(request, reply, action, `/admin/resources/${id}`, [], outcome.affected, reason);
      throw new NotFound();
    });
  }
}
