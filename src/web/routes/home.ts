// GET /: presents the space, what it holds, when it is open and its next closures.
import type { FastifyInstance } from 'fastify';
import { dateFormatter } from '../../i18n/dates.js';
import { openingLines } from '../presenters.js';

export default async function homeRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    const service = app.services.catalogue;
    const { site, resources } = service.catalogue();
    const t = request.t;
    const dates = dateFormatter(request.lang, site.timezone);
    const closures = service.upcomingClosures(site.id, app.deps.clock.now(), 5).map((c) => ({
      date: dates.date(c.start),
      reason: request.lang === 'en' ? (c.reasonEn ?? c.reason) : c.reason,
    }));
    return reply.page({
      page: 'pages/home',
      title: t('home.title'),
      data: {
        site,
        counts: service.countsByKind(resources),
        hours: openingLines(t, service.openingWeek(site.id).site),
        closures,
      },
    });
  });
}
