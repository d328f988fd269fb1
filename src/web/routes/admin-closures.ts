// Closures, for admins: the list (ahead and past) with the form to add one, the page of one
// closure to change it, and its removal. A change that falls on active bookings answers the
// confirmation page (the fields repeated, confirm=1, cancel or keep them) before it is saved.
//   GET  /admin/closures             POST /admin/closures
//   GET  /admin/closures/:id         POST /admin/closures/:id
//   POST /admin/closures/:id/delete
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSURE_KINDS, CLOSURE_REPEATS, type ClosureForm } from '../../domain/space-closures.js';
import { addDays } from '../../domain/local-date.js';
import { formatLocalTime } from '../../domain/zoned-time.js';
import { localDateTimeOf } from '../../domain/zoned-time.js';
import { dateFormatter, formatLocalDate } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { NotFound } from '../../services/authz.js';
import type { AffectedBookingRow, ClosureRow, SpaceChangeOutcome } from '../../services/space.js';
import { checked, formBody, parseId, text } from '../forms.js';
import { SPACE_LINKS } from '../space-nav.js';
import { clientInfo, requireMember, requirePermission } from '../plugins/session.js';
import { localName } from '../../i18n/names.js';

type IdParams = { Params: { id: string } };
type DoneQuery = { Querystring: { done?: string; cancelled?: string } };

const FIELDS = [
  'resource',
  'start',
  'end',
  'startTime',
  'endTime',
  'reason',
  'reasonEn',
  'kind',
  'repeat',
  'repeatUntil',
] as const satisfies readonly (keyof ClosureForm)[];

/** Input ids of the form's fields, for the error summary's links. */
export const CLOSURE_IDS: Record<keyof ClosureForm, string> = {
  resource: 'closure-resource',
  start: 'closure-start',
  end: 'closure-end',
  startTime: 'closure-start-time',
  endTime: 'closure-end-time',
  reason: 'closure-reason',
  reasonEn: 'closure-reason-en',
  kind: 'closure-kind',
  repeat: 'closure-repeat',
  repeatUntil: 'closure-repeat-until',
};

const DONE = new Set(['created', 'saved', 'deleted']);

function postedForm(body: Record<string, unknown>): ClosureForm {
  return Object.fromEntries(FIELDS.map((f) => [f, text(body, f)])) as unknown as ClosureForm;
}

const EMPTY: ClosureForm = {
  resource: '',
  start: '',
  end: '',
  startTime: '',
  endTime: '',
  reason: '',
  reasonEn: '',
  kind: 'other',
  repeat: 'none',
  repeatUntil: '',
};

/** A stored closure back into its form: a whole-day end (midnight) is shown as the day before, without a time. */
function formOf(row: ClosureRow, zone: string): ClosureForm {
  const start = localDateTimeOf(row.startsAt, zone);
  const end = localDateTimeOf(row.endsAt, zone);
  const wholeDayEnd = end.minutes === 0;
  return {
    resource: row.resourceId === null ? '' : String(row.resourceId),
    start: start.date,
    end: wholeDayEnd ? addDays(end.date, -1) : end.date,
    startTime: start.minutes === 0 ? '' : formatLocalTime(start.minutes),
    endTime: wholeDayEnd ? '' : formatLocalTime(end.minutes),
    reason: row.reason,
    reasonEn: row.reasonEn ?? '',
    kind: row.kind,
    repeat: row.repeat,
    repeatUntil: row.repeatUntil ?? '',
  };
}

export default async function adminClosureRoutes(app: FastifyInstance) {
  const { space, inventory } = app.services;

  function resourceOptions(request: FastifyRequest) {
    return inventory.get().resources.map((r) => ({
      id: String(r.id),
      name: localName(r, request.lang),
    }));
  }

  function errorMessages(request: FastifyRequest, errors: Partial<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(errors).map(([field, code]) => [
        field,
        request.t(`closures.error.${field}.${code}` as MessageKey),
      ]),
    );
  }

  function formData(request: FastifyRequest, values: ClosureForm, errors: Record<string, string>, action: string) {
    return {
      values,
      errors,
      ids: CLOSURE_IDS,
      action,
      resources: resourceOptions(request),
      kinds: CLOSURE_KINDS,
      repeats: CLOSURE_REPEATS,
      spaceLinks: SPACE_LINKS,
    };
  }

  function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: ClosureForm = EMPTY,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const zone = inventory.get().site.timezone;
    const fmt = dateFormatter(request.lang, zone);
    const now = app.deps.clock.now();
    const items = space.listClosures(request.member).map((c) => ({
      id: c.id,
      where:
        c.resourceId === null
          ? request.t('space.site')
          : localName({ name: c.resourceName ?? '', nameEn: c.resourceNameEn }, request.lang),
      when: request.t('closures.when', { from: fmt.dateTime(c.startsAt), to: fmt.dateTime(c.endsAt) }),
      reason: request.lang === 'en' ? (c.reasonEn ?? c.reason) : c.reason,
      repeat:
        c.repeat === 'none'
          ? request.t('closures.repeat.none')
          : request.t('closures.repeat.until', {
              repeat: request.t(`closures.repeat.${c.repeat}`),
              until: c.repeatUntil === null ? '' : formatLocalDate(c.repeatUntil, request.lang, 'dayDate'),
            }),
      ahead: c.lastEnd > now,
    }));
    const query = request.method === 'GET' ? (request.query as { done?: string; cancelled?: string }) : {};
    const cancelled = Number(query.cancelled ?? 0);
    const notice =
      query.done && DONE.has(query.done)
        ? [
            request.t(`closures.done.${query.done}` as MessageKey),
            Number.isInteger(cancelled) && cancelled > 0
              ? request.t('closures.done.cancelled', { count: cancelled })
              : '',
          ]
            .filter(Boolean)
            .join(' ')
        : null;
    return reply.page({
      page: 'pages/admin/closures',
      status,
      title: request.t('closures.title'),
      data: {
        ...formData(request, values, errors, '/admin/closures'),
        ahead: items.filter((c) => c.ahead).reverse(),
        past: items.filter((c) => !c.ahead),
        notice,
      },
    });
  }

  function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values?: ClosureForm,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const row = space.closure(request.member, id);
    const shown = values ?? formOf(row, inventory.get().site.timezone);
    return reply.page({
      page: 'pages/admin/closure',
      status,
      title: request.t('closures.change'),
      data: { ...formData(request, shown, errors, `/admin/closures/${id}`), id, reason: row.reason },
    });
  }

  function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: ClosureForm,
    action: string,
    affected: AffectedBookingRow[],
  ) {
    const fmt = dateFormatter(request.lang, inventory.get().site.timezone);
    return reply.page({
      page: 'pages/admin/affected',
      title: request.t('affected.title'),
      data: {
        action,
        back: action,
        hidden: Object.entries(values),
        affected: affected.map((b) => ({
          id: b.id,
          when: `${fmt.dateTime(b.start)} – ${fmt.time(b.end)}`,
          resource: localName({ name: b.resourceName, nameEn: b.resourceNameEn }, request.lang),
          who: b.memberName ?? (b.guestName ? request.t('affected.guest', { name: b.guestName }) : ''),
        })),
      },
    });
  }

  /** The answer to a save: where to go, the confirmation, or the form again with what is wrong. */
  function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: SpaceChangeOutcome,
    values: ClosureForm,
    id: number | null,
  ) {
    const action = id === null ? '/admin/closures' : `/admin/closures/${id}`;
    if (outcome.kind === 'saved') {
      const done = id === null ? 'created' : 'saved';
      return reply.redirect(`/admin/closures?done=${done}&cancelled=${outcome.cancelled}`, 303);
    }
    if (outcome.kind === 'confirm') return confirmPage(request, reply, values, action, outcome.affected);
    const errors = errorMessages(request, outcome.errors);
    return id === null
      ? listPage(request, reply, values, errors, 422)
      : editPage(request, reply, id, values, errors, 422);
  }

  function choiceOf(body: Record<string, unknown>) {
    return { confirm: checked(body, 'confirm'), cancel: text(body, 'affected') === 'cancel' };
  }

  app.get<DoneQuery>('/admin/closures', { preHandler: requirePermission('space.manage') }, async (request, reply) =>
    listPage(request, reply),
  );

  app.post('/admin/closures', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const values = postedForm(body);
    const outcome = space.saveClosure(request.member, null, values, choiceOf(body), clientInfo(request).ip);
    return answer(request, reply, outcome, values, null);
  });

  app.get<IdParams>(
    '/admin/closures/:id',
    { preHandler: requirePermission('space.manage') },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) throw new NotFound();
      return editPage(request, reply, id);
    },
  );

  app.post<IdParams>('/admin/closures/:id', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    const body = formBody(request);
    const values = postedForm(body);
    const outcome = space.saveClosure(request.member, id, values, choiceOf(body), clientInfo(request).ip);
    return answer(request, reply, outcome, values, id);
  });

  app.post<IdParams>('/admin/closures/:id/delete', { preHandler: requireMember }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) throw new NotFound();
    space.removeClosure(request.member, id, clientInfo(request).ip);
    return reply.redirect('/admin/closures?done=deleted', 303);
  });
}
