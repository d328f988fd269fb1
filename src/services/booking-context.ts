// Loads what the booking rules look at, inside the caller's transaction: bookings that may
// interact, closures, opening weeks, the organisation's quota and the person's inductions.
// Every read is bounded to the window in question.
import type { Db } from '../db/connection.js';
import { bookingQueries, MAX_BOOKING_MS, type BookingQueries } from '../db/bookings.js';
import { bookingPersonQuery, type BookingPersonRow } from '../db/members.js';
import { planInForceQuery, type OrganisationPlan } from '../db/organisation-plans.js';
import type { BookingContext, QuotaState } from '../domain/rules.js';
import { calendarMonthOf, planCutoff, usageWithin, type QuotaMonth } from '../domain/quota.js';
import type { ExistingBooking, Interval, Resource } from '../domain/types.js';
import { closuresOf, overridePeriodsOf, type Inventory, type InventorySnapshot } from './inventory.js';
import { NotFound, type InductionKind } from './authz.js';

const MINUTE = 60_000;

/** What the rules need to know about the person a booking is for. */
export type BookingPerson = Readonly<BookingPersonRow>;

/**
 * A day guest as the rules see them: no organisation (no quota), no induction (no studio),
 * and no member (id 0 matches no row, so they hold no desk the one-desk rule would count).
 */
export const DAY_GUEST: BookingPerson = { id: 0, organisationIds: [], inductions: [] };

/** The organisation a booking counts against: the one asked for (it must be the person's), else their first. */
export function organisationFor(person: BookingPerson, requested: number | null | undefined): number | null {
  if (requested != null) {
    if (!person.organisationIds.includes(requested)) throw new NotFound();
    return requested;
  }
  return person.organisationIds[0] ?? null;
}

export interface ContextOptions {
  organisationId: number | null;
  /** Bookings being moved: they do not stand in their own way. */
  exclude?: readonly number[];
  /** The instant whose month the quota counts (default: the window's start). */
  quotaAt?: number;
  /** Quotas already read for other contexts of the same request. */
  quotaMemo?: Map<string, QuotaState | null>;
  /** The inventory the caller has already read in its transaction (read again when absent). */
  inventory?: InventorySnapshot;
}

export class BookingContextLoader {
  readonly queries: BookingQueries;
  /** An active member as the rules see them, or undefined. */
  readonly loadPerson: (memberId: number) => BookingPerson | undefined;
  /** An organisation's plan in force for a month (monthly quotas; null = unlimited). */
  readonly organisationPlan: (organisationId: number, month: Pick<QuotaMonth, 'month'>) => OrganisationPlan | undefined;

  constructor(
    readonly db: Db,
    readonly inventory: Inventory,
  ) {
    this.queries = bookingQueries(db);
    this.loadPerson = bookingPersonQuery(db);
    const planInForce = planInForceQuery(db);
    this.organisationPlan = (organisationId, month) => planInForce(organisationId, planCutoff(month));
  }

  /** The quota of `organisationId` that applies to `resource`'s kind, as a function of the site-zone month. */
  quotaOfMonth(
    resource: Resource,
    organisationId: number | null,
    exclude: readonly number[] = [],
  ): ((month: QuotaMonth) => QuotaState | null) | undefined {
    return this.quotaIn(this.inventory.get().site.timezone, resource, organisationId, exclude);
  }

  /**
   * quotaOfMonth in a zone the caller has read; each month reads the plan in force for it,
   * unless the caller has read the plan already (for that month).
   */
  quotaIn(
    zone: string,
    resource: Resource,
    organisationId: number | null,
    exclude: readonly number[] = [],
    plan: OrganisationPlan | undefined = undefined,
  ): ((month: QuotaMonth) => QuotaState | null) | undefined {
    if (organisationId === null) return undefined;
    const unit = resource.kind === 'meeting_room' ? 'minutes' : resource.kind === 'desk' ? 'half_days' : null;
    if (!unit) return undefined;
    return (month) => {
      const { roomMinutes, deskHalfDays } = plan ?? this.organisationPlan(organisationId, month) ?? {};
      const limit = unit === 'minutes' ? roomMinutes : deskHalfDays;
      if (limit === null || limit === undefined) return null;
      // Minutes add up: SQLite sums the clipped lengths (what usageWithin computes) without
      // handing over a row per booking; a busy organisation has hundreds a month.
      if (unit === 'minutes')
        return {
          limitMinutes: limit,
          usedMinutes:
            this.queries.organisationActiveMs(organisationId, resource.kind, month.start, month.end, exclude) / MINUTE,
          unit,
        };
      const used = this.queries.organisationIntervals(organisationId, resource.kind, month.start, month.end, exclude);
      return {
        limitMinutes: limit,
        usedMinutes: usageWithin(used, month, unit, zone, resource.rules.halfDaySplit),
        unit,
      };
    };
  }

  /**
   * The context for requests on `resource` by `person` within `window` (the request itself,
   * or a wider stretch for alternatives and series).
   */
  contextFor(
    resource: Resource,
    person: BookingPerson,
    window: Interval,
    now: number,
    options: ContextOptions,
  ): BookingContext {
    const inventory = options.inventory ?? this.inventory.get();
    const { from, to } = this.span(resource, window);
    const existing = this.queries.activeOverlapping(this.inventory.interacting(resource), from, to);
    const desks = resource.kind === 'desk' ? this.queries.memberActiveDesks(person.id, window.start, window.end) : [];
    const month = this.monthOf(inventory, window, options);
    return this.build(inventory, resource, person, window, now, options, existing, desks, month);
  }

  /** The site-zone month whose quota a request in `window` counts against. */
  private monthOf(inventory: InventorySnapshot, window: Interval, options: ContextOptions): QuotaMonth {
    return calendarMonthOf(options.quotaAt ?? window.start, inventory.site.timezone);
  }

  /**
   * The contexts of several resources for the same person and window (the equivalent
   * resources of a refused request), from ONE read of their bookings: each context holds
   * exactly the bookings `contextFor` would have read for it.
   */
  contextsFor(
    resources: readonly Resource[],
    person: BookingPerson,
    window: Interval,
    now: number,
    options: ContextOptions,
  ): BookingContext[] {
    if (resources.length === 0) return [];
    const inventory = options.inventory ?? this.inventory.get();
    const spans = resources.map((resource) => this.span(resource, window));
    const ids = [...new Set(resources.flatMap((resource) => this.inventory.interacting(resource)))];
    const all = this.queries.activeOverlapping(
      ids,
      Math.min(...spans.map((s) => s.from)),
      Math.max(...spans.map((s) => s.to)),
    );
    const desks = resources.some((r) => r.kind === 'desk')
      ? this.queries.memberActiveDesks(person.id, window.start, window.end)
      : [];
    const month = this.monthOf(inventory, window, options);
    return resources.map((resource, i) => {
      const { from, to } = spans[i]!;
      const interacting = this.inventory.interacting(resource);
      // The bounds of activeOverlapping, applied to this resource's span.
      const lowest = from - MAX_BOOKING_MS;
      const existing = all.filter(
        (b) => interacting.includes(b.resourceId) && b.start >= lowest && b.start < to && b.end > from,
      );
      const own = resource.kind === 'desk' ? desks : [];
      return this.build(inventory, resource, person, window, now, options, existing, own, month);
    });
  }

  /** The stretch whose bookings can interact with a request in `window`: widened by the resource's buffers. */
  private span(resource: Resource, window: Interval): { from: number; to: number } {
    const margin = Math.max(resource.rules.bufferBeforeMinutes, resource.rules.bufferAfterMinutes) * MINUTE;
    return { from: window.start - margin, to: window.end + margin };
  }

  private build(
    inventory: InventorySnapshot,
    resource: Resource,
    person: BookingPerson,
    window: Interval,
    now: number,
    options: ContextOptions,
    overlapping: ExistingBooking[],
    desks: readonly ExistingBooking[],
    month: QuotaMonth,
  ): BookingContext {
    const { from, to } = this.span(resource, window);
    let existing = overlapping;
    if (resource.kind === 'desk') {
      const seen = new Set(existing.map((b) => b.id));
      existing = existing.concat(desks.filter((b) => !seen.has(b.id)));
    }
    const exclude = options.exclude ?? [];
    if (exclude.length > 0) existing = existing.filter((b) => !exclude.includes(b.id));
    // A quota depends only on the organisation, the kind (and half-day split), the month and
    // the bookings left out: the contexts of one request's resources of a kind share it.
    const { kind, rules } = resource;
    const key = `${options.organisationId}|${kind}|${rules.halfDaySplit}|${month.start}|${exclude.join(',')}`;
    let quota = options.quotaMemo?.get(key);
    if (quota === undefined) {
      const quotaOfMonth = this.quotaIn(inventory.site.timezone, resource, options.organisationId, exclude);
      quota = quotaOfMonth ? quotaOfMonth(month) : null;
      options.quotaMemo?.set(key, quota);
    }
    return {
      now,
      zone: inventory.site.timezone,
      sitePeriods: inventory.sitePeriods,
      resourceOverridePeriods: overridePeriodsOf(inventory, resource.id),
      closures: closuresOf(inventory, resource.id, from, to),
      existingBookings: existing,
      resourcesById: inventory.resourcesById,
      quota,
      hasInduction: !resource.rules.inductionRequired || person.inductions.includes(resource.kind as InductionKind),
    };
  }
}
