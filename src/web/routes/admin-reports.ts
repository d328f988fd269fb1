// GET /admin/reports: how the space is used, for admins (everything) and organisation leads
// (their own organisations' figures). Each table also downloads as CSV:
// ?format=csv&table=occupancy|usage|quotas|impact_organisations|impact_programmes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RESOURCE_KINDS } from '../../domain/types.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { localDateRange } from '../../i18n/dates.js';
import { PROGRAMMES } from '../../services/organisations.js';
import type { Report } from '../../services/reports.js';
import { csvDocument } from '../csv.js';
import { requirePermission } from '../plugins/session.js';
import { parseReportQuery, REPORT_TABLES, type ReportErrors, type ReportValues } from '../report-filter.js';
import { cellFormatter, csvValue, reportTables, type TableSpec } from '../report-tables.js';
import { heatMap } from '../report-heat-map.js';

type Query = { Querystring: Record<string, string | undefined> };

const FIELD_IDS = {
  from: 'rp-from',
  to: 'rp-to',
  kind: 'rp-kind',
  zone: 'rp-zone',
  organisation: 'rp-organisation',
  programme: 'rp-programme',
  table: 'rp-from',
};

function errorMessages(t: Translate, errors: ReportErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(errors)) out[field] = t(`reports.error.${field}.${code}` as MessageKey);
  return out;
}

function href(values: ReportValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  return `/admin/reports?${params.toString()}`;
}

export default async function adminReportRoutes(app: FastifyInstance) {
  const { reports, inventory } = app.services;

  function options(request: FastifyRequest, report: Report | null) {
    const t = request.t;
    const snapshot = inventory.get();
    return {
      kinds: RESOURCE_KINDS.map((k) => ({ value: k, label: t(`kind.heading.${k}` as MessageKey) })),
      zones: snapshot.zones.map((z) => ({
        value: String(z.id),
        label: request.lang === 'en' && z.nameEn ? z.nameEn : z.name,
      })),
      organisations: (report?.organisations ?? []).map((o) => ({ value: String(o.id), label: o.name })),
      programmes: PROGRAMMES.map((p) => ({ value: p, label: t(`programme.${p}` as MessageKey) })),
    };
  }

  function csv(reply: FastifyReply, table: TableSpec, values: ReportValues) {
    const header = table.columns.map((c) => c.label);
    const rows = table.rows.map((row) => row.map((raw, i) => csvValue(table.columns[i]!.type, raw)));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="report-${table.name}-${values.from}-${values.to}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(csvDocument(header, rows));
  }

  app.get<Query>('/admin/reports', { preHandler: requirePermission('reports.view') }, async (request, reply) => {
    const t = request.t;
    const zone = inventory.get().site.timezone;
    const parsed = parseReportQuery(request.query, app.deps.clock.now(), zone, (id) =>
      inventory.get().zones.some((z) => z.id === id),
    );
    const title = t('reports.title');
    if (!parsed.ok) {
      // The organisations the reader may pick, read without figures (an empty period).
      const picker = reports.organisations(request.member);
      return reply.page({
        page: 'pages/admin/reports',
        status: 422,
        title,
        data: {
          ids: FIELD_IDS,
          values: parsed.values,
          errors: errorMessages(t, parsed.errors),
          options: {
            ...options(request, null),
            organisations: picker.map((o) => ({ value: String(o.id), label: o.name })),
          },
          report: null,
        },
      });
    }
    const report = reports.report(request.member, parsed.filter);
    const tables = reportTables(t, report);
    if (request.query.format === 'csv') return csv(reply, tables[parsed.table!], parsed.values);
    const format = cellFormatter(request.lang, t);
    const html = Object.fromEntries(
      REPORT_TABLES.map((name) => {
        const spec = tables[name];
        return [
          name,
          {
            name,
            columns: spec.columns,
            total: spec.total,
            rows: spec.rows.map((row) => row.map((raw, i) => format(spec.columns[i]!.type, raw))),
            csvHref: href(parsed.values, { format: 'csv', table: name }),
          },
        ];
      }),
    );
    return reply.page({
      page: 'pages/admin/reports',
      title,
      data: {
        ids: FIELD_IDS,
        values: parsed.values,
        errors: {},
        options: options(request, report),
        report,
        tables: html,
        heatMap: heatMap(t, report.occupancy),
        period: t('reports.period', localDateRange(parsed.values.from, parsed.values.to, request.lang)),
      },
    });
  });
}
