// A signed-in person's home: their next booking, today's and the next ones (with the check-in
// deadline of today's), their usual desk ready to book again, the bookings of the teams they
// lead today, and what to know (closures in the next 14 days, requests awaiting approval).
// A handful of indexed reads in one read transaction, so the parts agree with each other.
import type { Db } from '../db/connection.js';
import { readTransaction } from '../db/connection.js';
import { homeQueries, type TeamBookingRow } from '../db/home.js';
import type { Clock } from '../domain/clock.js';
import type { HalfDaySlot } from '../domain/half-day.js';
import { isLocalDate, type LocalDate } from '../domain/local-date.js';
import { effectivePeriods } from '../domain/opening-hours.js';
import { halfDayPartOf, nextHalfDays, type HalfDayCalendar } from '../domain/usual-desk.js';
import type { HalfDayPart, Violation } from '../domain/violations.js';
import { localDateOf, localDayRange } from '../domain/zoned-time.js';
import { authorize, type Actor } from './authz.js';
import type { AvailabilityService } from './availability.js';
import type { BookingListRow, BookingRow, BookingService } from './bookings.js';
import type { CheckInService } from './check-in.js';
import type { InventorySnapshot, Inventory } from './inventory.js';
import type { ClosureView, ResourceView } from '../db/inventory.js';

export type { TeamBookingRow };

const DAY_MS = 24 * 3600_000;
/** Closures are announced this many days ahead. */
export const CLOSURES_AHEAD_DAYS = 14;
/** The later bookings shown after today's. */
const LATER_SHOWN = 5;
/** A member's bookings read for the page: today's, the next ones and the pending among them. */
const UPCOMING_READ = 50;

export interface UsualDesk {
  zoneId: number | null;
  /** A desk of that zone, for its zone's name in either language. */
  sample: ResourceView;
  part: HalfDayPart;
  date: LocalDate;
  slot: HalfDaySlot;
  /** Desks of the zone nobody holds in that half-day. */
  free: number;
}

export interface HomeOverview {
  now: number;
  next: BookingListRow | null;
  today: (BookingListRow & { checkInDeadline: number | null })[];
  later: BookingListRow[];
  pending: BookingListRow[];
  closures: ClosureView[];
  /** Null when the person leads no team. */
  team: TeamBookingRow[] | null;
  usualDesk: UsualDesk | null;
}

export interface UsualDeskRequest {
  zoneId: number;
  date: string;
  part: string;
  idempotencyKey: string | null;
}

export type UsualDeskOutcome =
  | { kind: 'booked'; booking: BookingRow }
  | { kind: 'none_free'; date: LocalDate; part: HalfDayPart }
  | { kind: 'refused'; violations: Violation[]; resource: ResourceView; start: number }
  | { kind: 'invalid' };

const PARTS: readonly HalfDayPart[] = ['morning', 'afternoon', 'full_day'];
const isActive = (b: { status: string }) => b.status === 'confirmed' || b.status === 'pending';
/** Refusals that only say another booking holds that desk: the next desk of the zone may be free. */
const TAKEN = new Set(['conflict', 'buffer', 'linked_resource_busy']);

export class HomeService {
  private readonly queries;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly bookings: BookingService,
    private readonly checkIn: CheckInService,
    private readonly availability: AvailabilityService,
    private readonly clock: Clock,
  ) {
    this.queries = homeQueries(db);
  }

  overview(actor: Actor, snapshot: InventorySnapshot = this.inventory.get()): HomeOverview {
    const now = this.clock.now();
    const zone = snapshot.site.timezone;
    const today = localDayRange(localDateOf(now, zone), zone);
    return readTransaction(this.db, () => {
      const upcoming = this.bookings.listForMember(actor, { limit: UPCOMING_READ }).filter(isActive);
      const todays = upcoming.filter((b) => b.startsAt < today.end);
      const closuresEnd = now + CLOSURES_AHEAD_DAYS * DAY_MS;
      return {
        now,
        next: upcoming[0] ?? null,
        today: todays.map((b) => ({ ...b, checkInDeadline: this.checkIn.deadlineOf(b, snapshot) })),
        // The next booking is already at the top of the page.
        later: upcoming.filter((b) => b.startsAt >= today.end && b !== upcoming[0]).slice(0, LATER_SHOWN),
        pending: upcoming.filter((b) => b.status === 'pending'),
        closures: snapshot.closures.filter((c) => c.end > now && c.start < closuresEnd),
        team: this.teamToday(actor, today),
        usualDesk: this.usualDesk(actor, snapshot, now),
      };
    });
  }

  /** The bookings of the teams the person leads that touch today; null for someone who leads none. */
  private teamToday(actor: Actor, today: { start: number; end: number }): TeamBookingRow[] | null {
    if (actor.leadOf.length === 0) return null;
    for (const id of actor.leadOf) authorize(actor, 'team.view', { id });
    return this.queries.teamBookings(actor.leadOf, today.start, today.end);
  }

  /** The zone and part of day of the person's last desk, on the next such half-day they hold no desk in. */
  usualDesk(actor: Actor, snapshot: InventorySnapshot, now: number): UsualDesk | null {
    const last = this.queries.lastDesk(actor.id);
    const lastDesk = last && snapshot.resourcesById.get(last.resourceId);
    if (!last || !lastDesk) return null;
    const desks = this.zoneDesks(snapshot, lastDesk.zoneId);
    const sample = desks[0];
    if (!sample) return null;
    const calendar = this.calendarOf(snapshot, sample);
    const part = halfDayPartOf({ start: last.startsAt, end: last.endsAt }, calendar);
    const slots = nextHalfDays(part, calendar, now, sample.rules.horizonDays + 1);
    if (slots.length === 0) return null;
    // One read for the whole window: the person sits at one desk at a time, so a half-day they hold is skipped.
    const held = this.bookings.loader.queries.memberActiveDesks(actor.id, slots[0]!.start, slots.at(-1)!.end);
    const slot = slots.find((s) => !held.some((b) => b.start < s.end && b.end > s.start));
    if (!slot) return null;
    return {
      zoneId: lastDesk.zoneId,
      sample,
      part,
      date: slot.date,
      slot,
      free: this.freeDesks(snapshot, desks, slot.date, slot).length,
    };
  }

  /**
   * Books a free desk of the zone for that half-day. Each try is one booking transaction (the
   * engine judges it); a desk taken meanwhile sends it to the next free desk of the zone.
   */
  bookUsualDesk(actor: Actor, input: UsualDeskRequest): UsualDeskOutcome {
    authorize(actor, 'booking.create');
    const snapshot = this.inventory.get();
    const desks = this.zoneDesks(snapshot, input.zoneId);
    const part = PARTS.find((p) => p === input.part);
    if (desks.length === 0 || !part || !isLocalDate(input.date)) return { kind: 'invalid' };
    const calendar = this.calendarOf(snapshot, desks[0]!);
    const slot = nextHalfDays(part, calendar, this.clock.now(), desks[0]!.rules.horizonDays + 1).find(
      (s) => s.date === input.date,
    );
    if (!slot) return { kind: 'invalid' };
    for (const desk of this.freeDesks(snapshot, desks, slot.date, slot)) {
      const outcome = this.bookings.create(actor, {
        resourceId: desk.id,
        start: slot.start,
        end: slot.end,
        idempotencyKey: input.idempotencyKey,
      });
      if (outcome.ok) return { kind: 'booked', booking: outcome.booking };
      if (!outcome.violations.every((v) => TAKEN.has(v.code)))
        return { kind: 'refused', violations: outcome.violations, resource: desk, start: slot.start };
    }
    return { kind: 'none_free', date: slot.date, part };
  }

  private zoneDesks(snapshot: InventorySnapshot, zoneId: number | null): ResourceView[] {
    return snapshot.resources.filter((r) => r.kind === 'desk' && r.active && r.zoneId === zoneId);
  }

  private calendarOf(snapshot: InventorySnapshot, desk: ResourceView): HalfDayCalendar {
    return {
      periods: effectivePeriods(snapshot.sitePeriods, snapshot.overridePeriods.get(desk.id)),
      closures: snapshot.closures,
      zone: snapshot.site.timezone,
      halfDaySplit: desk.rules.halfDaySplit,
    };
  }

  private freeDesks(
    snapshot: InventorySnapshot,
    desks: readonly ResourceView[],
    date: LocalDate,
    slot: { start: number; end: number },
  ): ResourceView[] {
    return this.availability
      .range(snapshot, desks, date, date)
      .filter((d) => !d.busy.some((b) => b.start < slot.end && b.end > slot.start))
      .map((d) => d.resource);
  }
}
