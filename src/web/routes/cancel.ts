// Cancelling with care: a confirmation step that works without JavaScript, with the reason the
// person may give, then an "Undo" offered for a few seconds that holds the same slot again if
// nobody took it meanwhile.
//   GET  /bookings/:id/cancel   (scope=occurrence|rest, back=list)  the confirmation page
//   POST /bookings/:id/cancel   (scope, back, reason)               cancels; 422 if the reason is too long
//   POST /bookings/:id/restore  (back)                              undoes a cancellation just made
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BookingRow } from '../../services/bookings.js';
import { UNDO_SECONDS } from '../../services/bookings.js';
import { bookingView } from '../booking-views.js';
import { formBody, parseId, text } from '../forms.js';
import { requireMember } from '../plugins/session.js';

/** The longest reason kept: a sentence or two. */
export const CANCEL_REASON_MAX = 200;

type Scope = 'occurrence' | 'rest';

export default async function cancelRoutes(app: FastifyInstance) {
  const { bookings, series, inventory } = app.services;

  function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    row: BookingRow,
    options: { scope: Scope; back: string; reason?: string; error?: string },
  ) {
    const t = request.t;
    const view = bookingView(row, { t, lang: request.lang, inventory: inventory.get() });
    const rest = options.scope === 'rest' && row.seriesId !== null;
    return reply.page({
      page: 'pages/booking-cancel',
      status: options.error ? 422 : 200,
      title: rest ? t('cancel.title.rest') : t('cancel.title'),
      data: {
        booking: view,
        rest,
        scope: rest ? 'rest' : 'occurrence',
        back: options.back === 'list' ? 'list' : '',
        keepHref: options.back === 'list' ? '/bookings' : `/bookings/${row.id}`,
        reason: options.reason ?? '',
        reasonMax: CANCEL_REASON_MAX,
        errors: options.error ? { reason: options.error } : {},
        ids: { reason: 'cancel-reason' },
      },
    });
  }

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/bookings/:id/cancel',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const row = bookings.getToCancel(request.member!, id);
      // Nothing left to cancel: the booking's page says what it is now.
      if (row.status !== 'confirmed' && row.status !== 'pending') return reply.redirect(`/bookings/${id}`, 303);
      const scope: Scope = request.query.scope === 'rest' ? 'rest' : 'occurrence';
      return confirmPage(request, reply, row, { scope, back: request.query.back ?? '' });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bookings/:id/cancel',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const body = formBody(request);
      const actor = request.member!;
      const reason = text(body, 'reason').trim();
      const back = text(body, 'back');
      const scope: Scope = body.scope === 'rest' ? 'rest' : 'occurrence';
      if (reason.length > CANCEL_REASON_MAX) {
        const row = bookings.getToCancel(actor, id);
        const error = request.t('cancel.reason.tooLong', { max: CANCEL_REASON_MAX, length: reason.length });
        return confirmPage(request, reply, row, { scope, back, reason, error });
      }
      let undo = true;
      if (scope === 'rest') {
        const row = bookings.getToCancel(actor, id);
        if (row.seriesId !== null) {
          series.cancelFrom(actor, row.seriesId, row.startsAt, reason);
          // Undo brings back one booking: a whole series is not offered back.
          undo = false;
        } else bookings.cancel(actor, id, reason);
      } else {
        bookings.cancel(actor, id, reason);
      }
      app.outbox.kick();
      if (back === 'list') return reply.redirect(`/bookings?done=cancelled${undo ? `&undo=${id}` : ''}`, 303);
      return reply.redirect(`/bookings/${id}?done=${undo ? 'cancelled' : 'cancelled_rest'}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bookings/:id/restore',
    { preHandler: requireMember },
    async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return reply.callNotFound();
      const outcome = bookings.restore(request.member!, id);
      const back = text(formBody(request), 'back') === 'list';
      if (outcome.ok) {
        app.outbox.kick();
        return reply.redirect(back ? `/bookings?done=restored` : `/bookings/${id}?done=restored`, 303);
      }
      return reply.redirect(`/bookings/${id}?done=${outcome.reason === 'too_late' ? 'undo_late' : 'undo_taken'}`, 303);
    },
  );
}

/** What a page shows right after a cancellation: the Undo form while it is offered. */
export function undoOffer(row: BookingRow, now: number, back: 'list' | '') {
  const offered =
    row.status === 'cancelled' && row.cancelledAt !== null && now - row.cancelledAt <= UNDO_SECONDS * 1000;
  return offered ? { id: row.id, seconds: UNDO_SECONDS, back } : null;
}

/** Why an undo was refused, for the booking's page; null when none was. */
export function undoRefusal(
  request: FastifyRequest,
  row: BookingRow,
  done: string | undefined,
  app: FastifyInstance,
): string | null {
  if (done === 'undo_late') return request.t('cancel.undo.late', { seconds: UNDO_SECONDS });
  if (done !== 'undo_taken') return null;
  const ctx = { t: request.t, lang: request.lang, inventory: app.services.inventory.get() };
  return request.t('cancel.undo.taken', { when: bookingView(row, ctx).when });
}
