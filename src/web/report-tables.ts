// The tables of the reports page, built once from a report and rendered twice: as HTML (numbers
// in the reader's language) and as CSV (plain numbers: hours and euros with a decimal point).
import type { Language, MessageKey, Translate } from '../i18n/index.js';
import { formatLocalDate } from '../i18n/dates.js';
import { occupancyPercent, WEEKDAYS } from '../domain/report-occupancy.js';
import type { Report } from '../services/reports.js';
import type { ReportTable } from './report-filter.js';

/** 'month' is "YYYY-MM": kept so in CSV, in words on the page. */
export type CellType = 'text' | 'month' | 'int' | 'hours' | 'percent' | 'euros';
type Raw = string | number | null;

export interface TableSpec {
  name: ReportTable;
  columns: { label: string; type: CellType }[];
  /** Raw values: minutes for hours, cents for euros, whole percent. */
  rows: Raw[][];
  /** The last row is a total (shown in bold, exported too). */
  total: boolean;
}

/** One cell as CSV wants it: no thousands separator, a decimal point. */
export function csvValue(type: CellType, raw: Raw): string | number | null {
  if (raw === null || typeof raw === 'string') return raw;
  if (type === 'hours') return Math.round((raw / 60) * 100) / 100;
  if (type === 'euros') return (raw / 100).toFixed(2);
  return raw;
}

/** The HTML text of a cell in the reader's language. */
export function cellFormatter(lang: Language, t: Translate): (type: CellType, raw: Raw) => string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const integer = new Intl.NumberFormat(locale);
  return (type, raw) => {
    if (raw === null) return t('reports.none');
    if (type === 'month') return formatLocalDate(String(raw), lang, 'month');
    if (typeof raw === 'string') return raw;
    if (type === 'hours') return t('reports.hours', { hours: hours.format(raw / 60) });
    if (type === 'euros') return euros.format(raw / 100);
    if (type === 'percent') return t('reports.percent', { value: integer.format(raw) });
    return integer.format(raw);
  };
}

const kindLabel = (t: Translate, kind: string) =>
  kind === 'total' ? t('reports.total') : t(`kind.heading.${kind}` as MessageKey);

export function reportTables(t: Translate, report: Report): Record<ReportTable, TableSpec> {
  const col = (key: string, type: CellType) => ({ label: t(`reports.col.${key}` as MessageKey), type });
  const grid = report.occupancy;
  const occupancy: TableSpec = {
    name: 'occupancy',
    columns: [
      col('hour', 'text'),
      ...WEEKDAYS.map((d) => ({ label: t(`weekday.${d}` as MessageKey), type: 'percent' as const })),
    ],
    rows: grid.hours.map((hour) => [
      t('reports.hourRange', { from: String(hour).padStart(2, '0'), to: String((hour + 1) % 24).padStart(2, '0') }),
      ...grid.cells.get(hour)!.map((c) => occupancyPercent(c, grid.resources)),
    ]),
    total: false,
  };
  const usageRow = (u: Report['usageTotal']) => [
    kindLabel(t, u.kind),
    u.held,
    u.heldMinutes,
    u.checkedIn,
    u.noShows,
    u.noShowPercent,
  ];
  const usage: TableSpec = {
    name: 'usage',
    columns: [
      col('kind', 'text'),
      col('held', 'int'),
      col('heldHours', 'hours'),
      col('checkedIn', 'int'),
      col('noShows', 'int'),
      col('noShowRate', 'percent'),
    ],
    rows: [...report.usage.map(usageRow), usageRow(report.usageTotal)],
    total: true,
  };
  const quotas: TableSpec = {
    name: 'quotas',
    columns: [
      col('organisation', 'text'),
      col('month', 'month'),
      col('roomsUsed', 'hours'),
      col('roomsLimit', 'hours'),
      col('desksUsed', 'int'),
      col('desksLimit', 'int'),
    ],
    rows: report.quotas.map((q) => [
      q.name,
      q.month,
      q.rooms?.usedMinutes ?? null,
      q.rooms?.limitMinutes ?? null,
      q.desks?.usedMinutes ?? null,
      q.desks?.limitMinutes ?? null,
    ]),
    total: false,
  };
  const impactCols = [col('given', 'hours'), col('value', 'euros'), col('unrated', 'hours')];
  const impactOrganisations: TableSpec = {
    name: 'impact_organisations',
    columns: [col('organisation', 'text'), col('programme', 'text'), ...impactCols],
    rows: [
      ...report.impactByOrganisation.map((o) => [
        o.name,
        t(`programme.${o.programme}` as MessageKey),
        o.minutes,
        o.valueCents,
        o.unratedMinutes,
      ]),
      [
        t('reports.total'),
        '',
        report.impactTotal.minutes,
        report.impactTotal.valueCents,
        report.impactTotal.unratedMinutes,
      ],
    ],
    total: true,
  };
  const impactProgrammes: TableSpec = {
    name: 'impact_programmes',
    columns: [col('programme', 'text'), ...impactCols],
    rows: [
      ...report.impactByProgramme.map((p) => [
        t(`programme.${p.programme}` as MessageKey),
        p.minutes,
        p.valueCents,
        p.unratedMinutes,
      ]),
      [
        t('reports.total'),
        report.impactTotal.minutes,
        report.impactTotal.valueCents,
        report.impactTotal.unratedMinutes,
      ],
    ],
    total: true,
  };
  return {
    occupancy,
    usage,
    quotas,
    impact_organisations: impactOrganisations,
    impact_programmes: impactProgrammes,
    rentals: rentalsTable(t, report, col),
  };
}

function rentalsTable(
  t: Translate,
  report: Report,
  col: (key: string, type: CellType) => { label: string; type: CellType },
): TableSpec {
  const sum = (pick: (r: Report['rentals'][number]) => number) => report.rentals.reduce((s, r) => s + pick(r), 0);
  return {
    name: 'rentals',
    columns: [
      col('date', 'text'),
      col('organisation', 'text'),
      col('quoteNumber', 'text'),
      col('net', 'euros'),
      col('vat', 'euros'),
      col('gross', 'euros'),
    ],
    rows: [
      ...report.rentals.map((r) => [r.date, r.organisation, r.quoteNumber ?? '', r.netCents, r.vatCents, r.grossCents]),
      [t('reports.total'), '', '', sum((r) => r.netCents), sum((r) => r.vatCents), sum((r) => r.grossCents)],
    ],
    total: true,
  };
}
