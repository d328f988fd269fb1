// The event space's month, for staff (front desk and admins; members get "not found"):
//   GET /admin/event-space[?month=YYYY-MM]
// A grid of the month's days with the pending (option) and confirmed bookings of the event
// space(s), rentals included (they hold the space with bookings too). A month that is not one
// answers 422 with the reason and the month picker.
import type { FastifyInstance } from 'fastify';
import { monthDates, parseLocalMonth } from '../../domain/month-grid.js';
import { localDateOf, startOfLocalDate } from '../../domain/zoned-time.js';
import { eventSpaceMonthView } from '../event-space-views.js';
import { requirePermission } from '../plugins/session.js';

export default async function adminEventSpaceRoutes(app: FastifyInstance) {
  const { approvals, inventory } = app.services;

  app.get<{ Querystring: { month?: string } }>(
    '/admin/event-space',
    { preHandler: requirePermission('eventSpace.view') },
    async (request, reply) => {
      const t = request.t;
      const zone = inventory.get().site.timezone;
      const asked = request.query.month;
      const current = localDateOf(app.deps.clock.now(), zone).slice(0, 7);
      const parts = parseLocalMonth(typeof asked === 'string' && asked !== '' ? asked : current);
      if (!parts)
        return reply.page({
          page: 'pages/admin/event-space',
          status: 422,
          title: t('eventSpace.title'),
          data: {
            month: null,
            value: typeof asked === 'string' ? asked : '',
            errors: { month: t('eventSpace.error.month') },
            ids: { month: 'event-space-month' },
          },
        });
      const { first, next } = monthDates(parts);
      const bookings = approvals.eventSpace(
        request.member!,
        startOfLocalDate(first, zone),
        startOfLocalDate(next, zone),
      );
      const spaces = inventory.get().resources.filter((r) => r.kind === 'event_space').length;
      const month = eventSpaceMonthView(parts, bookings, { t, lang: request.lang, zone, multipleSpaces: spaces > 1 });
      return reply.page({
        page: 'pages/admin/event-space',
        title: `${t('eventSpace.title')} – ${month.caption}`,
        data: { month, value: month.month, errors: {}, ids: { month: 'event-space-month' } },
      });
    },
  );
}
