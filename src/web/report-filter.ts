// The filter of the reports page, read from the query: a period of local dates (this month by
// default), a resource kind, a zone, an organisation, a programme, and for a CSV the table.
import { RESOURCE_KINDS } from '../domain/types.js';
import { daysBetween, isAcceptedYear, isLocalDate, parseLocalDate, daysInMonth, pad2 } from '../domain/local-date.js';
import { localDateOf } from '../domain/zoned-time.js';
import { PROGRAMMES } from '../services/organisations.js';
import { REPORT_MAX_DAYS, type ReportFilter } from '../services/reports.js';

export const REPORT_TABLES = [
  'occupancy',
  'usage',
  'quotas',
  'impact_organisations',
  'impact_programmes',
  'rentals',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export interface ReportValues {
  from: string;
  to: string;
  kind: string;
  zone: string;
  organisation: string;
  programme: string;
}

export type ReportErrors = Partial<Record<keyof ReportValues | 'table', 'invalid' | 'order' | 'range'>>;

export type ParsedReport =
  | { ok: true; filter: ReportFilter; values: ReportValues; table: ReportTable | null }
  | { ok: false; values: ReportValues; errors: ReportErrors };

const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 40) : '');
const validDate = (v: string) => isLocalDate(v) && isAcceptedYear(parseLocalDate(v)!.year);

/** The first and last dates of the local month holding `now`. */
function thisMonth(now: number, zone: string): { from: string; to: string } {
  const { year, month } = parseLocalDate(localDateOf(now, zone))!;
  return { from: `${year}-${pad2(month)}-01`, to: `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}` };
}

export function parseReportQuery(
  query: Record<string, unknown>,
  now: number,
  zone: string,
  zoneExists: (id: number) => boolean,
): ParsedReport {
  const month = thisMonth(now, zone);
  const values: ReportValues = {
    from: text(query.from) || month.from,
    to: text(query.to) || month.to,
    kind: text(query.kind),
    zone: text(query.zone),
    organisation: text(query.organisation),
    programme: text(query.programme),
  };
  const errors: ReportErrors = {};
  if (!validDate(values.from)) errors.from = 'invalid';
  if (!validDate(values.to)) errors.to = 'invalid';
  if (!errors.from && !errors.to) {
    const days = daysBetween(values.from, values.to);
    if (days < 0) errors.to = 'order';
    else if (days + 1 > REPORT_MAX_DAYS) errors.to = 'range';
  }
  if (values.kind && !(RESOURCE_KINDS as readonly string[]).includes(values.kind)) errors.kind = 'invalid';
  const zoneId = /^[1-9]\d{0,8}$/.test(values.zone) ? Number(values.zone) : null;
  if (values.zone && (zoneId === null || !zoneExists(zoneId))) errors.zone = 'invalid';
  const organisationId = /^[1-9]\d{0,8}$/.test(values.organisation) ? Number(values.organisation) : null;
  if (values.organisation && organisationId === null) errors.organisation = 'invalid';
  if (values.programme && !(PROGRAMMES as readonly string[]).includes(values.programme)) errors.programme = 'invalid';
  const tableText = text(query.table);
  const table = (REPORT_TABLES as readonly string[]).includes(tableText) ? (tableText as ReportTable) : null;
  if (query.format === 'csv' && !table) errors.table = 'invalid';
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    table,
    filter: {
      from: values.from,
      to: values.to,
      kind: (values.kind || undefined) as ReportFilter['kind'],
      zoneId: zoneId ?? undefined,
      organisationId: organisationId ?? undefined,
      programme: values.programme || undefined,
    },
  };
}
