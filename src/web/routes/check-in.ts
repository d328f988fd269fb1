// Check-in and check-out, and the door QR codes:
//   POST /bookings/:id/check-in    POST /bookings/:id/check-out   (owner or staff, _csrf; 303 to
//        a safe `next` or the booking's page; a refusal shows the booking's page with the reason, 409)
//   GET  /resources/:id/check-in   the page a door's QR code opens, for the signed-in member
//   GET  /frontdesk/qr-codes       a printable sheet of one QR code per resource (staff)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { BookingRow } from '../../services/bookings.js';
import type { CheckInOutcome } from '../../services/check-in.js';
import { bookingView, resourceChoiceGroups, type ViewContext } from '../booking-views.js';
import { checkInReason, checkInView } from '../check-in-views.js';
import { formBody, parseId } from '../forms.js';
import { requireMember, requirePermission } from '../plugins/session.js';
import { safeNext } from '../safe-next.js';
import { dateFormatter } from '../../i18n/dates.js';
import { localName, localNameOrNull } from '../../i18n/names.js';

export default async function checkInRoutes(app: FastifyInstance) {
  const { checkIn, inventory } = app.services;
  const ctxOf = (request: FastifyRequest): ViewContext => ({
    t: request.t,
    lang: request.lang,
    inventory: inventory.get(),
  });

  /** The booking's page with why the check-in or check-out was refused (409). */
  function refused(request: FastifyRequest, reply: FastifyReply, outcome: Extract<CheckInOutcome, { ok: false }>) {
    const ctx = ctxOf(request);
    const now = app.deps.clock.now();
    const row = outcome.booking;
    const view = bookingView(row, ctx);
    return reply.page({
      page: 'pages/booking',
      fragment: 'partials/booking-detail',
      status: 409,
      title: `${request.t('booking.title')} – ${view.resourceName}`,
      data: {
        booking: view,
        notices: [],
        groups: resourceChoiceGroups(ctx),
        errors: {},
        refusal: null,
        checkIn: checkInView(row, ctx, now, checkIn.deadlineOf(row, ctx.inventory)),
        checkInRefusal: checkInReason(outcome.violation, ctx, now),
      },
    });
  }

  for (const action of ['check-in', 'check-out'] as const) {
    app.post<{ Params: { id: string } }>(
      `/bookings/:id/${action}`,
      { preHandler: requireMember },
      async (request, reply) => {
        const id = parseId(request.params.id);
        if (id === null) return reply.callNotFound();
        const actor = request.member!;
        const outcome = action === 'check-in' ? checkIn.checkIn(actor, id) : checkIn.checkOut(actor, id);
        if (!outcome.ok) return refused(request, reply, outcome);
        const next = formBody(request).next;
        if (typeof next === 'string' && next !== '') return reply.redirect(safeNext(next), 303);
        const done = action === 'check-out' ? 'checkedOut' : outcome.changed ? 'checkedIn' : 'alreadyCheckedIn';
        return reply.redirect(`/bookings/${id}?done=${done}`, 303);
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    '/resources/:id/check-in',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const current = checkIn.currentFor(request.member!, id);
      const ctx = ctxOf(request);
      const resource = ctx.inventory.resourcesById.get(id)!;
      const now = app.deps.clock.now();
      return reply.page({
        page: 'pages/check-in',
        title: request.t('qr.page.title', { resource: localName(resource, request.lang) }),
        data: {
          resource: { id, name: localName(resource, request.lang) },
          ...currentViews(current.booking, ctx, now, request),
        },
      });
    },
  );

  /** The booking the QR page shows, its check-in state and why it cannot be checked in now. */
  function currentViews(booking: BookingRow | null, ctx: ViewContext, now: number, request: FastifyRequest) {
    if (!booking) return { booking: null, checkIn: null, explanation: null };
    const view = bookingView(booking, ctx);
    const state = checkInView(booking, ctx, now, checkIn.deadlineOf(booking, ctx.inventory));
    let explanation: string | null = null;
    if (booking.status === 'released' && booking.cancelledAt !== null)
      explanation = request.t('qr.page.released', {
        time: dateFormatter(ctx.lang, ctx.inventory.site.timezone).time(booking.cancelledAt),
      });
    else if (booking.status !== 'confirmed')
      explanation = checkInReason({ code: 'booking_not_active', status: booking.status }, ctx, now);
    return { booking: view, checkIn: state, explanation };
  }

  app.get('/frontdesk/qr-codes', { preHandler: requirePermission('frontdesk.view') }, async (request, reply) => {
    const t = request.t;
    const snapshot = inventory.get();
    const base = app.deps.config.baseUrl;
    const zones = new Map<
      string,
      { name: string; codes: { name: string; url: string; label: string; svg: string }[] }
    >();
    for (const resource of snapshot.resources) {
      const zoneName = localNameOrNull(
        resource.zoneName === null ? null : { name: resource.zoneName, nameEn: resource.zoneNameEn },
        request.lang,
      );
      const key = zoneName ?? '';
      const group = zones.get(key) ?? { name: zoneName ?? t('qr.sheet.noZone'), codes: [] };
      zones.set(key, group);
      const url = `${base}/resources/${resource.id}/check-in`;
      // The SVG is written by qrcode from our own URL: no text from people goes into it.
      const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      const name = localName(resource, request.lang);
      group.codes.push({ name, url, label: t('qr.sheet.label', { resource: name }), svg });
    }
    return reply.page({
      page: 'pages/qr-codes',
      title: t('qr.sheet.title'),
      data: { zones: [...zones.values()] },
    });
  });
}
