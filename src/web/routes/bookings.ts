// Members' bookings: the booking form, POST /bookings (303 / 409 with reasons and
// alternatives / 422 for a malformed field; a series is previewed first), a booking's page,
// change, cancel (one date or the rest of a series), and "my bookings" with quota use.
// Every route is for signed-in members; services decide what each may see and do.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCEPTED_YEARS } from '../../domain/local-date.js';
import { RESOURCE_KINDS } from '../../domain/types.js';
import { formatMinutes, type MessageKey, type Translate } from '../../i18n/index.js';
import { dateFormatter, formatLocalDate } from '../../i18n/dates.js';
import type { OrganisationQuotas } from '../../services/bookings.js';
import type { ResourceView } from '../../services/catalogue.js';
import type { OccurrencePlan } from '../../domain/series-plan.js';
import type { InventorySnapshot } from '../../services/inventory.js';
import type { SeriesInput } from '../../services/series.js';
import { GUEST_NAME_MAX } from '../../services/bookings.js';
import {
  FIELD_MAX,
  parseBookingForm,
  TITLE_MAX,
  type Body,
  type BookingForm,
  type FieldErrors,
} from '../booking-form.js';
import { bookingListViews, bookingView, reasons, suggestionViews, type ViewContext } from '../booking-views.js';
import { parseForWhom, type ForWhom, type ForWhomErrors } from '../for-whom.js';
import { forWhomView } from '../for-whom-view.js';
import { bookedForLine } from '../booked-for.js';
import { checkInNotices, checkInView } from '../check-in-views.js';
import { formBody, parseId, summaryFields, wholeNumberText, type FieldTargets } from '../forms.js';
import { NotFound, type Actor } from '../../services/authz.js';
import { requireMember } from '../plugins/session.js';
import { undoOffer, undoRefusal } from './cancel.js';
import { isHtmx } from '../plugins/views.js';
import { localName } from '../../i18n/names.js';

/** Each booking-form field's input (or fieldset) and label, for the error summary. */
const FIELDS: FieldTargets = {
  resource: ['b-resource', 'form.resource'],
  start: ['b-start', 'form.start'],
  end: ['b-end', 'form.end'],
  headcount: ['b-headcount', 'form.headcount'],
  title: ['b-title', 'form.bookingTitle'],
  repeat: ['b-repeat', 'form.repeat'],
  repeat_interval: ['b-interval', 'form.repeat.interval'],
  repeat_count: ['b-count', 'form.repeat.count'],
  repeat_until: ['b-until', 'form.repeat.until'],
  repeat_weekdays: ['b-weekdays', 'form.repeat.weekdays'],
  monthly_by: ['b-monthly', 'form.repeat.monthlyBy'],
  repeat_end: ['b-end-kind', 'form.repeat.end'],
  series_policy: ['b-repeat', 'form.repeat'],
  for: ['b-for', 'behalf.legend'],
  for_member: ['b-member-q', 'behalf.member.search'],
  guest_name: ['b-guest-name', 'behalf.guest.name'],
  guest_organisation: ['b-guest-organisation', 'behalf.guest.organisation'],
};

/** The booking change form on a booking's page. */
const CHANGE_FIELDS: FieldTargets = {
  resource: ['c-resource', 'form.resource'],
  start: ['c-start', 'form.start'],
  end: ['c-end', 'form.end'],
};

/** My bookings shows this many of the next bookings and of the last ones. */
const UPCOMING_SHOWN = 100;
const PAST_SHOWN = 20;

export default async function bookingRoutes(app: FastifyInstance) {
  const { bookings, series, inventory, accounts, checkIn } = app.services;
  // A request reads the inventory once (ctx.inventory) and passes it down.
  const ctxOf = (request: FastifyRequest): ViewContext => ({
    t: request.t,
    lang: request.lang,
    inventory: inventory.get(),
    heldForEvent: (bookingId) => app.services.rentals.holdsBooking(bookingId),
  });

  function resourceGroups(request: FastifyRequest, snapshot: InventorySnapshot = inventory.get()) {
    const all = snapshot.resources;
    return RESOURCE_KINDS.map((kind) => ({
      kind,
      label: request.t(`kind.heading.${kind}` as MessageKey),
      items: all.filter((r) => r.kind === kind).map((r) => ({ id: r.id, name: localName(r, request.lang) })),
    })).filter((g) => g.items.length > 0);
  }

  function errorMessages(
    request: FastifyRequest,
    errors: FieldErrors,
    whomErrors: ForWhomErrors = {},
  ): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, code] of Object.entries(errors))
      out[field] = request.t(`fields.booking.${field}.${code}` as MessageKey, {
        max: wholeNumberText(request.lang, FIELD_MAX[field as keyof typeof FIELD_MAX] ?? 0),
        first: ACCEPTED_YEARS.first,
        last: ACCEPTED_YEARS.last,
      });
    for (const [field, code] of Object.entries(whomErrors))
      out[field] = request.t(`behalf.error.${field}.${code}` as MessageKey, { max: GUEST_NAME_MAX });
    return out;
  }

  /** The booking form page, or its panel for htmx, with whatever the last attempt produced. */
  function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    data: {
      values: Record<string, unknown>;
      status?: number;
      errors?: Record<string, string>;
      refusal?: { reasons: string[]; alternatives: ReturnType<typeof suggestionViews>; showNoAlternatives?: boolean };
      preview?: unknown;
      idempotencyKey?: string;
      /** The inventory the request has read already. */
      inventory?: InventorySnapshot;
    },
  ) {
    const t = request.t;
    return reply.page({
      page: 'pages/booking-new',
      fragment: 'partials/booking-panel',
      status: data.status ?? 200,
      title: data.refusal ? t('refusal.title') : data.preview ? t('series.preview.title') : t('form.title'),
      data: {
        groups: resourceGroups(request, data.inventory),
        values: data.values,
        errors: data.errors ?? {},
        fields: summaryFields(t, FIELDS),
        // Each one-click alternative is its own form, so each gets its own idempotency key.
        refusal: data.refusal
          ? { ...data.refusal, alternatives: data.refusal.alternatives.map((a) => ({ ...a, key: randomUUID() })) }
          : null,
        preview: data.preview ?? null,
        idempotencyKey: data.idempotencyKey ?? randomUUID(),
        titleMax: TITLE_MAX,
        forWhom: forWhomView(accounts, request.member!, data.values),
        guestMax: GUEST_NAME_MAX,
      },
    });
  }

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/bookings/new',
    { preHandler: requireMember },
    async (request, reply) => {
      const q = request.query;
      return formPage(request, reply, {
        values: {
          resource: q.resource ?? '',
          start: q.start ?? '',
          end: q.end ?? '',
          headcount: q.headcount ?? '1',
          repeat: 'none',
          // The board links here to book a free place for someone.
          ...(q.for ? { for: 'member', for_member: q.for } : {}),
        },
      });
    },
  );

  app.post('/bookings', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request) as Body;
    // "Search" in the For whom fieldset: the same form again, with the members found.
    if (body.find_member !== undefined) return formPage(request, reply, { values: { ...body, for: 'member' } });
    const parsed = parseBookingForm(body);
    const whom = parseForWhom(body);
    if (!parsed.ok || !whom.ok)
      return formPage(request, reply, {
        values: parsed.ok ? body : parsed.values,
        status: 422,
        errors: errorMessages(request, parsed.ok ? {} : parsed.errors, whom.ok ? {} : whom.errors),
      });
    const form = parsed.form;
    const ctx = { ...ctxOf(request), person: personOf(request.member!, whom.whom) };
    const resource = ctx.inventory.resourcesById.get(form.resourceId);
    if (!resource)
      return formPage(request, reply, {
        values: body,
        status: 422,
        errors: { resource: request.t('fields.booking.resource.unknown') },
        inventory: ctx.inventory,
      });
    const actor = request.member!;
    if (form.repeat && whom.whom.mode === 'guest')
      return formPage(request, reply, {
        values: body,
        status: 422,
        errors: { repeat: request.t('behalf.error.repeat.guest') },
      });
    if (form.repeat) return seriesRequest(request, reply, form, body, whom.whom);

    const times = bookings.resolveLocal(form.start, form.end, ctx.inventory.site.timezone);
    if (!times.ok) {
      return formPage(request, reply, {
        values: body,
        status: 409,
        inventory: ctx.inventory,
        refusal: { reasons: reasons(times.violations, resource, app.deps.clock.now(), ctx), alternatives: [] },
      });
    }
    // One intent per key and resource: a desk zone's form has one key and a button per desk,
    // so booking one desk, going back and booking another makes two bookings; the same
    // button sent twice, one.
    const idempotencyKey = form.idempotencyKey && `${form.idempotencyKey}:${resource.id}`;
    const outcome = bookings.create(actor, {
      resourceId: resource.id,
      start: times.start,
      end: times.end,
      headcount: form.headcount,
      title: form.title,
      idempotencyKey,
      ...onBehalf(whom.whom),
    });
    if (!outcome.ok) {
      return formPage(request, reply, {
        values: body,
        status: 409,
        inventory: ctx.inventory,
        refusal: {
          reasons: reasons(outcome.violations, resource, times.start, ctx),
          alternatives: suggestionViews(outcome.alternatives, ctx),
          showNoAlternatives: true,
        },
      });
    }
    app.outbox.kick();
    return reply.redirect(`/bookings/${outcome.booking.id}?done=created`, 303);
  });

  /** Why each refused date of a series was refused, one line per reason, led by the date in words. */
  function planReasons(
    plans: readonly OccurrencePlan[],
    resource: ResourceView,
    fallbackStart: number,
    request: FastifyRequest,
    ctx: ViewContext,
  ): string[] {
    const dates = dateFormatter(request.lang, inventory.get().site.timezone);
    return plans
      .filter((p) => p.violations.length > 0)
      .flatMap((p) =>
        reasons(p.violations, resource, p.start ?? fallbackStart, ctx).map((reason) =>
          request.t('series.dateReason', {
            date:
              p.start !== null ? dates.weekdayDate(p.start) : formatLocalDate(p.localDate, request.lang, 'weekdayDate'),
            reason,
          }),
        ),
      );
  }

  /** The name of the member staff book for, so a refusal names them rather than "you". */
  function personOf(actor: Actor, whom: ForWhom): string | undefined {
    if (whom.mode !== 'member') return undefined;
    try {
      return accounts.member(actor, whom.memberId).name;
    } catch (err) {
      // Someone the actor may not see: the service refuses the booking itself, in its own words.
      if (err instanceof NotFound) return undefined;
      throw err;
    }
  }

  /** What the service is told of the person a booking is for (nothing: the actor). */
  function onBehalf(whom: ForWhom): { forMemberId?: number; guest?: { name: string; organisation: string } } {
    if (whom.mode === 'member') return { forMemberId: whom.memberId };
    if (whom.mode === 'guest') return { guest: whom.guest };
    return {};
  }

  function seriesInput(form: BookingForm, whom: ForWhom): SeriesInput | null {
    const start = bookings.resolveLocal(form.start, form.end);
    if (!start.ok) return null;
    return {
      resourceId: form.resourceId,
      firstStart: form.start,
      durationMinutes: Math.round((start.end - start.start) / 60_000),
      rule: form.repeat!.rule,
      headcount: form.headcount,
      title: form.title,
      idempotencyKey: form.idempotencyKey,
      ...(whom.mode === 'member' ? { forMemberId: whom.memberId } : {}),
    };
  }

  async function seriesRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    form: BookingForm,
    body: Body,
    whom: ForWhom,
  ) {
    const actor = request.member!;
    const resource = inventory.resource(form.resourceId)!;
    const ctx = ctxOf(request);
    const input = seriesInput(form, whom);
    if (!input) {
      const times = bookings.resolveLocal(form.start, form.end);
      return formPage(request, reply, {
        values: body,
        status: 409,
        refusal: {
          reasons: times.ok ? [] : reasons(times.violations, resource, app.deps.clock.now(), ctx),
          alternatives: [],
        },
      });
    }
    // The same answer as a single booking ending before it starts: a refusal by the rules (409).
    if (input.durationMinutes <= 0)
      return formPage(request, reply, {
        values: body,
        status: 409,
        errors: { end: request.t('violation.invalid_interval') },
      });
    const policy = form.repeat!.policy;
    if (!policy) {
      const preview = series.preview(actor, input);
      if (!preview.ok) {
        return formPage(request, reply, {
          values: body,
          status: preview.violations.length > 0 ? 409 : 422,
          errors: preview.problems.length > 0 ? { repeat: request.t('fields.booking.repeat.problem') } : {},
          refusal:
            preview.violations.length > 0
              ? { reasons: reasons(preview.violations, resource, 0, ctx), alternatives: [] }
              : undefined,
        });
      }
      const dates = dateFormatter(request.lang, inventory.get().site.timezone);
      const rows = preview.plans.map((p) => ({
        date: p.start !== null ? dates.date(p.start) : formatLocalDate(p.localDate, request.lang, 'date'),
        time: p.localStart.slice(11),
        free: p.violations.length === 0,
        reasons: reasons(p.violations, resource, p.start ?? 0, ctx),
      }));
      const free = rows.filter((r) => r.free).length;
      return formPage(request, reply, {
        values: body,
        preview: { rows, free, total: rows.length },
        idempotencyKey: form.idempotencyKey ?? undefined,
      });
    }
    const outcome = series.create(actor, input, policy);
    if (!outcome.ok) {
      const rows = planReasons(outcome.plans, resource, 0, request, ctx);
      return formPage(request, reply, {
        values: body,
        status: 409,
        refusal: { reasons: rows.length > 0 ? rows : reasons(outcome.violations, resource, 0, ctx), alternatives: [] },
      });
    }
    app.outbox.kick();
    const first = outcome.booked[0]!;
    return reply.redirect(
      `/bookings/${first.id}?done=series&booked=${outcome.booked.length}&skipped=${outcome.refused.length}`,
      303,
    );
  }

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/bookings/:id',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const row = bookings.get(request.member!, id);
      const t = request.t;
      const q = request.query;
      const count = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : 0);
      const notices: string[] = [];
      if (q.done === 'created')
        notices.push(row.status === 'pending' ? t('booking.created.pending') : t('booking.created'));
      if (q.done === 'changed') notices.push(t('booking.changed'));
      if (q.done === 'cancelled' || q.done === 'cancelled_rest') notices.push(t('booking.cancelled.notice'));
      if (q.done === 'restored') notices.push(t('cancel.undo.done'));
      notices.push(...checkInNotices(q.done, row, ctxOf(request)));
      if (q.done === 'series') {
        notices.push(t('series.created', { count: count(q.booked) }));
        if (count(q.skipped) > 0) notices.push(t('series.skipped', { count: count(q.skipped) }));
      }
      const view = { ...bookingView(row, ctxOf(request)), bookedFor: bookedForLine(accounts, request.member!, row, t) };
      if (isHtmx(request)) {
        // The booking form was swapped for this booking: the address and the heading follow it,
        // so a reload or a bookmark shows the booking, not an empty form.
        reply.header('HX-Push-Url', `/bookings/${row.id}`);
      }
      return reply.page({
        page: 'pages/booking',
        fragment: 'partials/booking-detail',
        title: `${t('booking.title')} – ${view.resourceName}`,
        data: {
          booking: view,
          notices,
          groups: resourceGroups(request),
          errors: {},
          refusal: null,
          oobTitle: isHtmx(request),
          checkIn: checkInView(row, ctxOf(request), app.deps.clock.now(), checkIn.deadlineOf(row)),
          undo: q.done === 'cancelled' ? undoOffer(row, app.deps.clock.now(), '') : null,
          undoRefusal: undoRefusal(request, row, q.done, app),
        },
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bookings/:id/change',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const actor = request.member!;
      const current = bookings.get(actor, id);
      const body = formBody(request) as Body;
      const parsed = parseBookingForm({
        resource: body.resource ?? String(current.resourceId),
        start: body.start,
        end: body.end,
        headcount: String(current.headcount),
      });
      const ctx = ctxOf(request);
      const detail = (status: number, extra: Record<string, unknown>) =>
        reply.page({
          page: 'pages/booking',
          fragment: 'partials/booking-detail',
          status,
          title: request.t('booking.title'),
          data: {
            booking: { ...bookingView(current, ctx), startLocal: body.start, endLocal: body.end },
            notices: [],
            groups: resourceGroups(request),
            errors: {},
            fields: summaryFields(request.t, CHANGE_FIELDS),
            refusal: null,
            ...extra,
          },
        });
      if (!parsed.ok) return detail(422, { errors: errorMessages(request, parsed.errors) });
      const resource = inventory.resource(parsed.form.resourceId);
      if (!resource) return detail(422, { errors: { resource: request.t('fields.booking.resource.unknown') } });
      const times = bookings.resolveLocal(parsed.form.start, parsed.form.end);
      if (!times.ok)
        return detail(409, {
          refusal: { reasons: reasons(times.violations, resource, current.startsAt, ctx), alternatives: [] },
        });
      if (body.scope === 'rest' && current.seriesId !== null) {
        // The new time of day and length apply to this date and the following ones, each on its own date.
        const moved = series.moveFrom(actor, id, {
          startTime: parsed.form.start.slice(11),
          durationMinutes: Math.round((times.end - times.start) / 60_000),
          resourceId: resource.id,
        });
        if (!moved.ok) {
          const lines = planReasons(moved.plans, resource, current.startsAt, request, ctx);
          return detail(409, { refusal: { reasons: lines, alternatives: [] } });
        }
        app.outbox.kick();
        return reply.redirect(`/bookings/${id}?done=changed`, 303);
      }
      const outcome = bookings.change(actor, id, { resourceId: resource.id, start: times.start, end: times.end });
      if (!outcome.ok)
        return detail(409, {
          refusal: { reasons: reasons(outcome.violations, resource, times.start, ctx), alternatives: [] },
        });
      app.outbox.kick();
      return reply.redirect(`/bookings/${id}?done=changed`, 303);
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/bookings',
    { preHandler: requireMember },
    async (request, reply) => {
      const actor = request.member!;
      const ctx = ctxOf(request);
      const t = request.t;
      const overview = bookings.overview(actor, { upcoming: UPCOMING_SHOWN, past: PAST_SHOWN }, ctx.inventory);
      return reply.page({
        page: 'pages/my-bookings',
        fragment: 'partials/my-bookings',
        title: t('mine.title'),
        data: {
          upcoming: bookingListViews(overview.upcoming, ctx),
          past: bookingListViews(overview.past, ctx),
          quotas: quotaUse(t, overview.quotas),
          notice: listNotice(t, request.query.done),
          undo: listUndo(request),
        },
      });
    },
  );

  /** The Undo of the booking just cancelled from the list, while it is offered. */
  function listUndo(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>) {
    const id = request.query.done === 'cancelled' ? parseId(request.query.undo) : null;
    if (id === null) return null;
    try {
      return undoOffer(bookings.get(request.member!, id), app.deps.clock.now(), 'list');
    } catch (err) {
      // A stale or foreign id in the address offers nothing; the list itself is still shown.
      if (err instanceof NotFound) return null;
      throw err;
    }
  }

  /** This month's use of each of the member's organisations' plans, in words. */
  function quotaUse(t: Translate, quotas: readonly OrganisationQuotas[]) {
    return quotas.map((quota) => ({
      name: quota.name,
      rooms: quota.rooms
        ? t('mine.quota.rooms', {
            used: formatMinutes(t, quota.rooms.usedMinutes),
            limit: formatMinutes(t, quota.rooms.limitMinutes),
          })
        : t('mine.quota.none'),
      desks: quota.desks
        ? t('mine.quota.desks', { used: quota.desks.usedMinutes, limit: quota.desks.limitMinutes })
        : t('mine.quota.none'),
    }));
  }
}

function listNotice(t: Translate, done: string | undefined): string | null {
  if (done === 'cancelled') return t('booking.cancelled.notice');
  return done === 'restored' ? t('cancel.undo.done') : null;
}
