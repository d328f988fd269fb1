// GET /admin/audit: the audit log for admins, newest first, filterable by event, person
// (actor or subject, name or e-mail) and local dates of the site. htmx swaps only the list.
// Each entry reads as one sentence with names, in the reader's language and the site's time;
// the raw detail stays one click away.
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { isLocalDate } from '../../domain/local-date.js';
import { dateFormatter } from '../../i18n/dates.js';
import { catalogues, type MessageKey } from '../../i18n/index.js';
import type { AuditFilter } from '../../services/audit.js';
import { auditSentence } from '../audit-sentences.js';
import { requirePermission } from '../plugins/session.js';

type Query = { Querystring: { action?: string; who?: string; from?: string; to?: string; page?: string } };

function localDay(value: unknown, zone: string): DateTime | null {
  if (typeof value !== 'string' || !isLocalDate(value)) return null;
  return DateTime.fromISO(value, { zone }).startOf('day');
}

export default async function adminAuditRoutes(app: FastifyInstance) {
  const { audit } = app.services;

  app.get<Query>('/admin/audit', { preHandler: requirePermission('audit.view') }, async (request, reply) => {
    const t = request.t;
    const q = request.query;
    const zone = app.services.inventory.get().site.timezone;
    const actions = audit.actions(request.member);
    const from = localDay(q.from, zone);
    const to = localDay(q.to, zone);
    const page = typeof q.page === 'string' && /^[1-9]\d{0,4}$/.test(q.page) ? Number(q.page) : 1;
    const filter: AuditFilter = {
      action: typeof q.action === 'string' && actions.includes(q.action) ? q.action : undefined,
      who: typeof q.who === 'string' && q.who.trim() !== '' ? q.who.trim().slice(0, 100) : undefined,
      from: from?.toMillis(),
      // "to" is inclusive: up to the start of the next local day.
      to: to?.plus({ days: 1 }).toMillis(),
      page,
    };
    const { rows, hasMore } = audit.list(request.member, filter);
    const dates = dateFormatter(request.lang, zone);
    const sentenceContext = {
      t,
      lang: request.lang,
      dates,
      resources: app.services.inventory.get().resourcesById,
      names: audit.names(request.member, rows),
    };
    const label = (action: string) =>
      `audit.action.${action}` in catalogues.fr ? t(`audit.action.${action}` as MessageKey) : action;
    const params = (p: number) =>
      new URLSearchParams({
        action: filter.action ?? '',
        who: filter.who ?? '',
        from: from?.toISODate() ?? '',
        to: to?.toISODate() ?? '',
        page: String(p),
      }).toString();
    return reply.page({
      page: 'pages/admin/audit',
      fragment: 'partials/audit-list',
      title: t('audit.title'),
      data: {
        filter: {
          action: filter.action ?? '',
          who: filter.who ?? '',
          from: from?.toISODate() ?? '',
          to: to?.toISODate() ?? '',
        },
        actions: actions.map((a) => ({ value: a, label: label(a) })),
        rows: rows.map((r) => ({
          ...r,
          when: `${dates.date(r.at)} ${dates.time(r.at)}`,
          iso: new Date(r.at).toISOString(),
          label: label(r.action),
          actor: r.actorName ? `${r.actorName} (${r.actorEmail})` : null,
          subject: r.subjectName ?? (r.subjectType && r.subjectId !== null ? `${r.subjectType} #${r.subjectId}` : ''),
          raw: JSON.stringify(r.details, null, 1),
          sentence: auditSentence(sentenceContext, r),
        })),
        nextHref: hasMore ? `/admin/audit?${params(page + 1)}` : null,
        previousHref: page > 1 ? `/admin/audit?${params(page - 1)}` : null,
      },
    });
  });
}
