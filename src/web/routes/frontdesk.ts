// The front desk (staff): the board of a day, which polls itself with htmx and swaps only its
// data regions (morphed, so focus and the reader's place stay), and the evacuation headcount
// as a page, a print view and a CSV file.
//   GET /frontdesk?date=YYYY-MM-DD&q=name&poll=seconds
//   GET /frontdesk/headcount[?format=csv]
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocalDate } from '../../domain/local-date.js';
import { formatInstantLocal, startOfLocalDate } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import { csvDocument } from '../csv.js';
import { boardView, headcountRows } from '../frontdesk-views.js';
import { requirePermission } from '../plugins/session.js';

/** Poll every this many seconds, unless ?poll= asks for another value within the bounds. */
export const POLL_SECONDS = { default: 20, min: 2, max: 300 } as const;
/** The longest name one may search for. */
export const SEARCH_MAX = 100;

function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function pollSeconds(raw: string): number {
  if (!/^\d{1,3}$/.test(raw)) return POLL_SECONDS.default;
  return Math.min(POLL_SECONDS.max, Math.max(POLL_SECONDS.min, Number(raw)));
}

export default async function frontDeskRoutes(app: FastifyInstance) {
  const { frontDesk, inventory } = app.services;
  const zoneOf = () => inventory.get().site.timezone;

  app.get<{ Querystring: Record<string, unknown> }>(
    '/frontdesk',
    { preHandler: requirePermission('frontdesk.view') },
    async (request, reply) => {
      const t = request.t;
      const rawDate = single(request.query.date);
      const rawQuery = single(request.query.q);
      const errors: Record<string, string> = {};
      if (rawDate !== '' && !isLocalDate(rawDate)) errors.date = t('frontdesk.error.date');
      if (rawQuery.length > SEARCH_MAX) errors.q = t('frontdesk.error.search', { max: SEARCH_MAX });
      const today = frontDesk.today();
      const date = rawDate !== '' && !errors.date ? rawDate : today;
      const query = errors.q ? '' : rawQuery.trim();
      const board = frontDesk.board(request.member, date, query);
      const clockNow = app.deps.clock.now();
      return reply.page({
        page: 'pages/frontdesk',
        fragment: 'partials/frontdesk-board',
        status: Object.keys(errors).length > 0 ? 422 : 200,
        title: t('frontdesk.title'),
        data: {
          date,
          today,
          isToday: date === today,
          dateLabel: dateFormatter(request.lang, zoneOf()).date(startOfLocalDate(date, zoneOf())),
          values: { date: rawDate === '' ? date : rawDate, q: rawQuery },
          query,
          errors,
          ids: { date: 'fd-date', q: 'fd-q' },
          poll: pollSeconds(single(request.query.poll)),
          nextPath: `/frontdesk?date=${date}`,
          board: boardView(t, request.lang, zoneOf(), board, clockNow),
        },
      });
    },
  );

  function headcountOf(request: FastifyRequest) {
    const result = frontDesk.headcount(request.member);
    const dates = dateFormatter(request.lang, zoneOf());
    return { ...result, when: dates.dateTime(result.at), rows: headcountRows(request.t, result.entries) };
  }

  app.get<{ Querystring: Record<string, unknown> }>(
    '/frontdesk/headcount',
    { preHandler: requirePermission('frontdesk.view') },
    async (request, reply) => {
      const t = request.t;
      const headcount = headcountOf(request);
      if (single(request.query.format) === 'csv') {
        const body = csvDocument(
          [t('headcount.col.name'), t('headcount.col.kind'), t('headcount.col.where'), t('headcount.col.count')],
          headcount.rows.map((r) => [r.name, r.kind, r.where, r.count]),
        );
        const stamp = formatInstantLocal(headcount.at, zoneOf()).replace(/[:T]/g, '-');
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${t('headcount.file')}-${stamp}.csv"`)
          .header('Cache-Control', 'no-store')
          .send(body);
      }
      reply.header('Cache-Control', 'no-store');
      return reply.page({
        page: 'pages/headcount',
        title: t('headcount.title'),
        data: { headcount },
      });
    },
  );
}
