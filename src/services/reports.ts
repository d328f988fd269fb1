// Usage reports: occupancy by weekday and hour, booked against used, quota use and the hours
// given to organisations valued at the public rates. Admins see everything; an organisation's
// lead sees only their own organisations' figures (any other organisation is "not found").
import { readTransaction, type Db } from '../db/connection.js';
import {
  publicRateHistory,
  reportIntervals,
  rentalRevenue,
  reportOrganisations,
  usageByKind,
  type RentalRevenueRow,
  type ReportOrganisation,
  type ReportScope,
  type ResourceKind,
  type UsageRow,
} from '../db/reports.js';
import type { Clock } from '../domain/clock.js';
import { pad2, parseLocalDate, type LocalDate } from '../domain/local-date.js';
import { calendarMonthOf, type QuotaMonth } from '../domain/quota.js';
import { occupancyGrid, type OccupancyGrid } from '../domain/report-occupancy.js';
import { givenByOrganisation, noShowPercent, type GivenBooking } from '../domain/report-valuation.js';
import type { QuotaState } from '../domain/rules.js';
import { localDateOf, localDayRange } from '../domain/zoned-time.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { BookingContextLoader } from './booking-context.js';
import type { Inventory } from './inventory.js';

export interface ReportFilter {
  from: LocalDate;
  to: LocalDate;
  kind?: ResourceKind;
  zoneId?: number;
  organisationId?: number;
  programme?: string;
}

export interface UsageLine extends UsageRow {
  noShowPercent: number | null;
}

export interface QuotaLine {
  organisationId: number;
  name: string;
  month: string;
  rooms: QuotaState | null;
  desks: QuotaState | null;
}

export interface ImpactLine {
  minutes: number;
  valueCents: number;
  unratedMinutes: number;
}

export interface Report {
  /** The organisations the reader may pick (a lead: their own). */
  organisations: ReportOrganisation[];
  /** True when the figures are limited to the reader's own organisations. */
  scoped: boolean;
  occupancy: OccupancyGrid;
  usage: UsageLine[];
  usageTotal: UsageLine;
  quotas: QuotaLine[];
  impactByOrganisation: (ImpactLine & ReportOrganisation)[];
  impactByProgramme: (ImpactLine & { programme: string })[];
  impactTotal: ImpactLine;
  /** Rentals of the event space confirmed or held in the period, with their quotes (admins only). */
  rentals: (RentalRevenueRow & { date: LocalDate })[];
}

/** The longest period a report covers. */
export const REPORT_MAX_DAYS = 366;

export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
    private readonly loader: BookingContextLoader,
  ) {}

  /** The organisations the reader may pick in the filter (a lead: their own). */
  organisations(actor: Actor | null): ReportOrganisation[] {
    authorize(actor, 'reports.view');
    return reportOrganisations(this.db, { ids: actor.role === 'admin' ? undefined : actor.leadOf });
  }

  report(actor: Actor | null, filter: ReportFilter): Report {
    authorize(actor, 'reports.view');
    const organisationIds = this.organisationScope(actor, filter.organisationId);
    const snapshot = this.inventory.get();
    const zone = snapshot.site.timezone;
    const window = { start: localDayRange(filter.from, zone).start, end: localDayRange(filter.to, zone).end };
    const scope: ReportScope = {
      from: window.start,
      to: window.end,
      kind: filter.kind,
      zoneId: filter.zoneId,
      organisationIds,
      programme: filter.programme,
    };
    const resources = snapshot.resources.filter(
      (r) =>
        r.active &&
        (!filter.kind || r.kind === filter.kind) &&
        (filter.zoneId === undefined || r.zoneId === filter.zoneId),
    );
    return readTransaction(this.db, () => {
      const intervals = reportIntervals(this.db, scope);
      const usage = usageByKind(this.db, scope, Math.min(window.end, this.clock.now())).map(withRate);
      const pickable = this.organisations(actor);
      const inScope = reportOrganisations(this.db, { ids: organisationIds, programme: filter.programme });
      const given = givenByOrganisation(
        intervals.filter((b): b is GivenBooking & (typeof intervals)[number] => b.organisationId !== null),
        window,
        publicRateHistory(this.db),
        zone,
      );
      const impactByOrganisation = inScope.flatMap((o) => {
        const line = given.find((g) => g.organisationId === o.id);
        return line ? [{ ...o, ...line }] : [];
      });
      return {
        organisations: pickable,
        scoped: actor.role !== 'admin',
        occupancy: occupancyGrid(
          intervals,
          { from: filter.from, to: filter.to },
          zone,
          resources.length,
          snapshot.closures.filter((c) => c.resourceId === null),
        ),
        usage,
        usageTotal: withRate(sumUsage(usage)),
        // A plan covers rooms and desks whatever the kind or zone filtered on.
        quotas: this.quotaLines(
          inScope,
          filter,
          zone,
          snapshot.resources.filter((r) => r.active),
        ),
        impactByOrganisation,
        impactByProgramme: byProgramme(impactByOrganisation),
        impactTotal: sumImpact(impactByOrganisation),
        // Renters are outside organisations: a lead's scope, or a filter on members' organisations, has none.
        rentals:
          actor.role !== 'admin' || filter.organisationId !== undefined || filter.programme !== undefined
            ? []
            : rentalRevenue(
                this.db,
                resources.filter((r) => r.kind === 'event_space').map((r) => r.id),
                window.start,
                window.end,
              ).map((r) => ({ ...r, date: localDateOf(r.startsAt, zone) })),
      };
    });
  }

  /** The organisations whose bookings count: a lead's own (a filter outside them is not found), or the filter's. */
  private organisationScope(actor: Actor, organisationId: number | undefined): readonly number[] | undefined {
    if (actor.role === 'admin') return organisationId === undefined ? undefined : [organisationId];
    if (organisationId === undefined) return actor.leadOf;
    if (!actor.leadOf.includes(organisationId)) throw new NotFound();
    return [organisationId];
  }

  /** Each organisation's plan use per month of the period, as the booking rules count it. */
  private quotaLines(
    organisations: readonly ReportOrganisation[],
    filter: ReportFilter,
    zone: string,
    resources: ReturnType<Inventory['get']>['resources'],
  ): QuotaLine[] {
    const room = resources.find((r) => r.kind === 'meeting_room');
    const desk = resources.find((r) => r.kind === 'desk');
    const months = monthsOf(filter.from, filter.to, zone);
    return organisations.flatMap((o) => {
      return months.flatMap((month) => {
        const use = (resource: typeof room) => (resource && this.loader.quotaIn(zone, resource, o.id)?.(month)) ?? null;
        const line = { organisationId: o.id, name: o.name, month: month.month, rooms: use(room), desks: use(desk) };
        return line.rooms || line.desks ? [line] : [];
      });
    });
  }
}

function withRate(row: UsageRow): UsageLine {
  return { ...row, noShowPercent: noShowPercent(row.held, row.noShows) };
}

function sumUsage(rows: readonly UsageRow[]): UsageRow {
  return rows.reduce(
    (s, r) => ({
      kind: 'total',
      held: s.held + r.held,
      checkedIn: s.checkedIn + r.checkedIn,
      noShows: s.noShows + r.noShows,
      heldMinutes: s.heldMinutes + r.heldMinutes,
    }),
    { kind: 'total', held: 0, checkedIn: 0, noShows: 0, heldMinutes: 0 },
  );
}

function sumImpact(lines: readonly ImpactLine[]): ImpactLine {
  return lines.reduce(
    (s, l) => ({
      minutes: s.minutes + l.minutes,
      valueCents: s.valueCents + l.valueCents,
      unratedMinutes: s.unratedMinutes + l.unratedMinutes,
    }),
    { minutes: 0, valueCents: 0, unratedMinutes: 0 },
  );
}

function byProgramme(lines: readonly (ImpactLine & { programme: string })[]): (ImpactLine & { programme: string })[] {
  const groups = new Map<string, ImpactLine[]>();
  for (const l of lines) groups.set(l.programme, [...(groups.get(l.programme) ?? []), l]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([programme, ls]) => ({ programme, ...sumImpact(ls) }));
}

/** The site-zone calendar months that the period touches. */
function monthsOf(from: LocalDate, to: LocalDate, zone: string): QuotaMonth[] {
  const months: QuotaMonth[] = [];
  for (let date = from; date <= to;) {
    const month = calendarMonthOf(localDayRange(date, zone).start, zone);
    months.push(month);
    const { year, month: m } = parseLocalDate(date)!;
    date = m === 12 ? `${year + 1}-01-01` : `${year}-${pad2(m + 1)}-01`;
  }
  return months;
}
