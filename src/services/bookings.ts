// Booking use cases: create, change, cancel, read. Each write loads its context, asks the
// domain's evaluateBooking (the only judge), and writes in ONE synchronous IMMEDIATE
// transaction, so two clicks at the same moment are serialised and only one wins.
// Authorisation is checked here, by owner or role; "not yours" is thrown as NotFound.
import type { Db } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';
import { immediate, readTransaction } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import type { BookingListRow, BookingRow } from '../db/bookings.js';
import {
  isEquivalentResource,
  suggestAlternatives,
  type AlternativeCandidate,
  type Suggestion,
} from '../domain/alternatives.js';
import { addDays } from '../domain/local-date.js';
import { calendarMonthOf } from '../domain/quota.js';
import type { Resource } from '../domain/types.js';
import { evaluateBooking, type BookingRequest, type QuotaState } from '../domain/rules.js';
import type { Violation } from '../domain/violations.js';
import { localDateOf, localDateTimeToInstant, startOfLocalDate } from '../domain/zoned-time.js';
import { authorize, NotFound, type Actor } from './authz.js';
import { BookingContextLoader, DAY_GUEST, organisationFor, type BookingPerson } from './booking-context.js';
import type { Inventory, InventorySnapshot } from './inventory.js';

/** What a member's own page shows: their next bookings, their last ones, their plans' use this month. */
export interface MemberOverview {
  upcoming: BookingListRow[];
  past: BookingListRow[];
  quotas: OrganisationQuotas[];
}

/** An organisation's plan as used this month: minutes of rooms, half-days of desks (null: no limit). */
export interface OrganisationQuotas {
  name: string;
  rooms: QuotaState | null;
  desks: QuotaState | null;
}

export type { BookingListRow, BookingRow };

export interface CreateBooking {
  resourceId: number;
  start: number;
  end: number;
  headcount?: number;
  title?: string;
  /** Staff may book for someone else; defaults to the actor. */
  forMemberId?: number;
  /** Staff may book for a day guest instead of a member (forMemberId is then ignored). */
  guest?: DayGuest | null;
  /** One of the person's organisations (for quotas); defaults to their first. */
  organisationId?: number | null;
  /** The same key from the same person makes one booking, however often it is sent. */
  idempotencyKey?: string | null;
}

/** Someone who is no member, booked for by staff for the day: their name and organisation. */
export interface DayGuest {
  name: string;
  organisation: string;
}

export const GUEST_NAME_MAX = 100;
export const GUEST_ORGANISATION_MAX = 100;

export type BookingOutcome =
  | { ok: true; booking: BookingRow; replayed: boolean }
  | { ok: false; violations: Violation[]; alternatives: Suggestion[] };

/** What happens in the same transaction as a booking change (mail into the outbox, ...). */
export interface BookingListener {
  (tx: Db, event: BookingEvent): void;
}

/** A change of a booking; `actorId` is null for the no-show release job. */
export interface BookingEvent {
  type: 'created' | 'changed' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'released' | 'approved' | 'declined';
  booking: BookingRow;
  previous?: BookingRow;
  actorId: number | null;
  /** What staff wrote to the member with an approval or a decline. */
  message?: string;
  /** Why staff cancelled it (e.g. a closure), told to the member in their language. */
  reason?: { fr: string; en: string | null };
}

const SEARCH_DAYS = 7;

/** How long "Undo" is offered after a cancellation. */
export const UNDO_SECONDS = 10;
/** The server accepts an undo a little longer than it is offered: the click may be on its way. */
const UNDO_ACCEPTED_MS = (UNDO_SECONDS + 5) * 1000;

export type RestoreOutcome =
  { ok: true; booking: BookingRow } | { ok: false; reason: 'too_late' | 'taken'; violations: Violation[] };

/** A guest's details as stored: trimmed and bounded (the form reports what is too long). */
function guestOf(guest: DayGuest): DayGuest {
  const name = guest.name.trim().slice(0, GUEST_NAME_MAX);
  if (name === '') throw new Error('a day guest needs a name');
  const organisation = guest.organisation.trim().slice(0, GUEST_ORGANISATION_MAX);
  return { name, organisation };
}

export class BookingService {
  readonly loader: BookingContextLoader;
  private readonly listeners: BookingListener[] = [];
  private readonly audit;

  constructor(
    private readonly db: Db,
    readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.loader = new BookingContextLoader(db, inventory);
    this.audit = auditLogWriter(db);
  }

  /** Registers work that must commit or roll back with each booking change. */
  onChange(listener: BookingListener): void {
    this.listeners.push(listener);
  }

  /** Runs the listeners inside the transaction of a change (series use it for their occurrences). */
  notify(tx: Db, event: Parameters<BookingListener>[1]): void {
    for (const listener of this.listeners) listener(tx, event);
  }

  /** Local "YYYY-MM-DDTHH:mm" in the site's zone to instants, under the DST policy of the domain. */
  resolveLocal(
    start: string,
    end: string,
    zone = this.inventory.get().site.timezone,
  ): { ok: true; start: number; end: number } | { ok: false; violations: Violation[] } {
    const s = localDateTimeToInstant(start, zone);
    const e = localDateTimeToInstant(end, zone);
    const violations = [s, e].flatMap((r) => (r.ok ? [] : [r.violation]));
    if (!s.ok || !e.ok) return { ok: false, violations };
    return { ok: true, start: s.instant, end: e.instant };
  }

  get(actor: Actor, id: number): BookingRow {
    const booking = this.loader.queries.byId(id);
    if (!booking) throw new NotFound();
    authorize(actor, 'booking.view', booking);
    return booking;
  }

  listForMember(actor: Actor, options: { past?: boolean; limit?: number } = {}): BookingListRow[] {
    return this.loader.queries.forMember(actor.id, this.clock.now(), options.past ?? false, options.limit ?? 100);
  }

  /** The actor's page, read in one transaction: the lists and the quotas agree with each other. */
  overview(
    actor: Actor,
    limits: { upcoming: number; past: number },
    inventory: InventorySnapshot = this.inventory.get(),
  ): MemberOverview {
    return readTransaction(this.db, () => ({
      upcoming: this.listForMember(actor, { limit: limits.upcoming }),
      past: this.listForMember(actor, { past: true, limit: limits.past }),
      quotas: this.monthQuotas(actor, inventory),
    }));
  }

  /**
   * This month's use of the plan of each of the actor's organisations, counted as the rules
   * count it (quotaOfMonth); a kind the plan does not limit is null and costs no query.
   */
  monthQuotas(actor: Actor, snapshot: InventorySnapshot = this.inventory.get()): OrganisationQuotas[] {
    const zone = snapshot.site.timezone;
    const month = calendarMonthOf(this.clock.now(), zone);
    const room = snapshot.resources.find((r) => r.kind === 'meeting_room');
    const desk = snapshot.resources.find((r) => r.kind === 'desk');
    return actor.organisationIds.flatMap((organisationId) => {
      const plan = this.loader.organisationPlan(organisationId, month);
      if (!plan) return [];
      const use = (resource: Resource | undefined) =>
        (resource && this.loader.quotaIn(zone, resource, organisationId, [], plan)?.(month)) ?? null;
      return [{ name: plan.name, rooms: use(room), desks: use(desk) }];
    });
  }

  create(actor: Actor, input: CreateBooking): BookingOutcome {
    const guest = input.guest ? guestOf(input.guest) : null;
    const forMemberId = input.forMemberId ?? actor.id;
    if (guest) authorize(actor, 'booking.createForGuest');
    else authorize(actor, 'booking.createOnBehalf', { memberId: forMemberId });
    const key = input.idempotencyKey || null;
    return immediate(this.db, (tx): BookingOutcome => {
      // One read of the inventory for the whole decision, inside the transaction that writes.
      const inventory = this.inventory.get();
      const resource = inventory.resourcesById.get(input.resourceId);
      if (!resource || !resource.active) throw new NotFound();
      if (key) {
        const existing = this.loader.queries.byIdempotencyKey(actor.id, key);
        if (existing) return { ok: true, booking: existing, replayed: true };
      }
      const now = this.clock.now();
      // The rules judge the person the booking is for, whoever clicks.
      const person = guest ? DAY_GUEST : this.person(forMemberId);
      const organisationId = guest ? null : organisationFor(person, input.organisationId);
      const memberId = guest ? null : person.id;
      const request: BookingRequest = {
        resource,
        start: input.start,
        end: input.end,
        memberId,
        headcount: input.headcount ?? 1,
        organisationId,
      };
      // The quota read to judge the request is the one its alternatives are judged against.
      const quotaMemo = new Map<string, QuotaState | null>();
      const context = this.loader.contextFor(resource, person, input, now, { organisationId, quotaMemo, inventory });
      const violations = evaluateBooking(request, context);
      if (violations.length > 0) {
        // Judged in the same transaction: the suggestions come from the state that refused.
        const alternatives = this.alternativesIn(inventory, request, person, now, quotaMemo);
        return { ok: false, violations, alternatives };
      }
      const booking = this.loader.queries.insert({
        resourceId: resource.id,
        seriesId: null,
        originalStartsAt: null,
        memberId,
        bookedById: actor.id,
        organisationId,
        startsAt: input.start,
        endsAt: input.end,
        headcount: request.headcount,
        status: resource.rules.approvalRequired ? 'pending' : 'confirmed',
        title: (input.title ?? '').trim().slice(0, 200),
        idempotencyKey: key,
        guestName: guest?.name ?? null,
        guestOrganisation: guest?.organisation || null,
        now,
      });
      const id = booking.id;
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'booking.create',
        subjectType: 'booking',
        subjectId: id,
        details: {
          resourceId: resource.id,
          start: input.start,
          end: input.end,
          memberId,
          // A guest's name stays in the booking only, not in the audit log.
          guest: guest !== null,
          status: booking.status,
        },
      });
      this.notify(tx, { type: 'created', booking, actorId: actor.id });
      return { ok: true, booking, replayed: false };
    });
  }

  /** Moves a booking to other times and/or another resource; it keeps its id and its version rises. */
  change(actor: Actor, id: number, input: { resourceId?: number; start: number; end: number }): BookingOutcome {
    const quotaMemo = new Map<string, QuotaState | null>();
    const result = immediate(
      this.db,
      (tx): BookingOutcome | { refused: Violation[]; request: BookingRequest; person: BookingPerson; now: number } => {
        const previous = this.loader.queries.byId(id);
        if (!previous) throw new NotFound();
        authorize(actor, 'booking.change', previous);
        if (previous.status !== 'confirmed' && previous.status !== 'pending') throw new NotFound();
        const resource = this.inventory.resource(input.resourceId ?? previous.resourceId);
        if (!resource || !resource.active) throw new NotFound();
        const now = this.clock.now();
        const isGuest = previous.memberId === null && previous.guestName !== null;
        const person = isGuest ? DAY_GUEST : this.person(previous.memberId ?? actor.id);
        const request: BookingRequest = {
          resource,
          start: input.start,
          end: input.end,
          memberId: isGuest ? null : person.id,
          headcount: previous.headcount,
          organisationId: previous.organisationId,
          excludeBookingId: id,
        };
        const context = this.loader.contextFor(resource, person, input, now, {
          organisationId: previous.organisationId,
          exclude: [id],
          quotaMemo,
        });
        const violations = evaluateBooking(request, context);
        if (violations.length > 0) return { refused: violations, request, person, now };
        // Changing a booking that needs approval puts it back in the queue.
        const status = resource.rules.approvalRequired ? 'pending' : previous.status;
        const booking = this.loader.queries.update(id, {
          resourceId: resource.id,
          startsAt: input.start,
          endsAt: input.end,
          status,
          now,
          cancelledAt: null,
        })!;
        this.audit({
          at: now,
          actorId: actor.id,
          action: 'booking.change',
          subjectType: 'booking',
          subjectId: id,
          details: {
            from: { resourceId: previous.resourceId, start: previous.startsAt, end: previous.endsAt },
            to: { resourceId: resource.id, start: input.start, end: input.end },
          },
        });
        this.notify(tx, { type: 'changed', booking, previous, actorId: actor.id });
        return { ok: true, booking, replayed: false };
      },
    );
    if ('refused' in result)
      return {
        ok: false,
        violations: result.refused,
        alternatives: this.alternatives(result.request, result.person, result.now, quotaMemo),
      };
    return result;
  }

  /** A booking the actor may cancel (the confirmation step asks before it is cancelled). */
  getToCancel(actor: Actor, id: number): BookingRow {
    const booking = this.loader.queries.byId(id);
    if (!booking) throw new NotFound();
    authorize(actor, 'booking.cancel', booking);
    return booking;
  }

  /**
   * Cancels an active booking; cancelling one already cancelled changes nothing. The reason the
   * person may give goes to the audit log with the cancellation.
   */
  cancel(actor: Actor, id: number, reason = ''): BookingRow {
    return immediate(this.db, (tx) => {
      const previous = this.loader.queries.byId(id);
      if (!previous) throw new NotFound();
      authorize(actor, 'booking.cancel', previous);
      if (previous.status !== 'confirmed' && previous.status !== 'pending') return previous;
      const now = this.clock.now();
      const booking = this.loader.queries.update(id, {
        resourceId: previous.resourceId,
        startsAt: previous.startsAt,
        endsAt: previous.endsAt,
        status: 'cancelled',
        now,
        cancelledAt: now,
      })!;
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'booking.cancel',
        subjectType: 'booking',
        subjectId: id,
        details: { seriesId: previous.seriesId, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      this.notify(tx, { type: 'cancelled', booking, previous, actorId: actor.id });
      return booking;
    });
  }

  /**
   * Undoes a cancellation made moments ago: the same booking is held again if its slot is
   * still free, judged in one immediate transaction. It is judged as at the instant it was
   * cancelled, so only what others did since (a booking of the slot, the quota used) can
   * refuse it; a booking already under way then may come back.
   */
  restore(actor: Actor, id: number): RestoreOutcome {
    return immediate(this.db, (tx): RestoreOutcome => {
      const previous = this.loader.queries.byId(id);
      if (!previous) throw new NotFound();
      authorize(actor, 'booking.cancel', previous);
      if (previous.status === 'confirmed' || previous.status === 'pending') return { ok: true, booking: previous };
      const now = this.clock.now();
      const cancelledAt = previous.cancelledAt;
      if (previous.status !== 'cancelled' || cancelledAt === null || now - cancelledAt > UNDO_ACCEPTED_MS)
        return { ok: false, reason: 'too_late', violations: [] };
      const resource = this.inventory.resource(previous.resourceId);
      if (!resource || !resource.active) return { ok: false, reason: 'taken', violations: [] };
      const isGuest = previous.memberId === null && previous.guestName !== null;
      const person = isGuest ? DAY_GUEST : this.person(previous.memberId ?? actor.id);
      const request: BookingRequest = {
        resource,
        start: previous.startsAt,
        end: previous.endsAt,
        memberId: isGuest ? null : person.id,
        headcount: previous.headcount,
        organisationId: previous.organisationId,
        excludeBookingId: id,
      };
      const context = this.loader.contextFor(resource, person, request, cancelledAt, {
        organisationId: previous.organisationId,
        exclude: [id],
      });
      const violations = evaluateBooking(request, context).filter((v) => v.code !== 'too_late_to_book');
      if (violations.length > 0) return { ok: false, reason: 'taken', violations };
      const booking = this.loader.queries.update(id, {
        resourceId: previous.resourceId,
        startsAt: previous.startsAt,
        endsAt: previous.endsAt,
        status: resource.rules.approvalRequired ? 'pending' : 'confirmed',
        now,
        cancelledAt: null,
      })!;
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'booking.restore',
        subjectType: 'booking',
        subjectId: id,
        details: { cancelledAt },
      });
      // Told as a change: the cancellation's mail, if still waiting, is superseded by this one.
      this.notify(tx, { type: 'changed', booking, previous, actorId: actor.id });
      return { ok: true, booking };
    });
  }

  /**
   * Cancels every active booking of a member that has not ended yet, inside the caller's
   * transaction (a deactivated member must not keep rooms and desks from others).
   */
  cancelFutureOf(tx: Db, memberId: number, actorId: number, now: number): number {
    const queries = this.loader.queries;
    const held = queries
      .forMember(memberId, now, false, 10_000)
      .filter((b) => b.memberId === memberId && (b.status === 'confirmed' || b.status === 'pending'));
    for (const { id } of held) {
      const previous = queries.byId(id)!;
      const booking = queries.update(id, {
        resourceId: previous.resourceId,
        startsAt: previous.startsAt,
        endsAt: previous.endsAt,
        status: 'cancelled',
        now,
        cancelledAt: now,
      })!;
      this.audit({
        at: now,
        actorId,
        action: 'booking.cancel',
        subjectType: 'booking',
        subjectId: previous.id,
        details: { reason: 'member_deactivated' },
      });
      this.notify(tx, { type: 'cancelled', booking, previous, actorId });
    }
    return held.length;
  }

  /** Up to 5 free choices near a refused request: same resource at the nearest times, then equivalent resources. */
  alternatives(
    request: BookingRequest,
    person: BookingPerson,
    now: number,
    quotaMemo = new Map<string, QuotaState | null>(),
  ): Suggestion[] {
    // One read transaction: the week of the requested resource and the hour of the others come from one state.
    return readTransaction(this.db, () => this.alternativesIn(this.inventory.get(), request, person, now, quotaMemo));
  }

  /** alternatives, inside the caller's transaction, with the inventory it has read. */
  private alternativesIn(
    inventory: InventorySnapshot,
    request: BookingRequest,
    person: BookingPerson,
    now: number,
    quotaMemo: Map<string, QuotaState | null>,
  ): Suggestion[] {
    const zone = inventory.site.timezone;
    const day = localDateOf(request.start, zone);
    const window = { start: startOfLocalDate(day, zone), end: startOfLocalDate(addDays(day, SEARCH_DAYS + 1), zone) };
    const options = {
      organisationId: request.organisationId ?? null,
      exclude: request.excludeBookingId != null ? [request.excludeBookingId] : [],
      quotaAt: request.start,
      quotaMemo,
      inventory,
    };
    const context = this.loader.contextFor(request.resource, person, window, now, options);
    // Only resources that could stand in for the requested one are worth their bookings.
    const others = inventory.resources.filter(
      (r) => r.active && isEquivalentResource(request.resource, r, request.headcount),
    );
    // One read of the bookings of every other resource, not one per resource.
    const contexts = this.loader.contextsFor(others, person, request, now, options);
    const equivalents: AlternativeCandidate[] = others.map((resource, i) => ({ resource, context: contexts[i]! }));
    return suggestAlternatives(request, context, equivalents);
  }

  /**
   * Whether the space is free for an outside organisation's event over [start, end) (setup and
   * teardown included), judged like a day guest's booking; with up to 5 nearest free times if not.
   */
  judgeForRental(
    resourceId: number,
    start: number,
    end: number,
    headcount: number,
    exclude: readonly number[] = [],
  ): { violations: Violation[]; alternatives: Suggestion[] } {
    return readTransaction(this.db, () => {
      const resource = this.inventory.resource(resourceId);
      if (!resource || !resource.active) throw new NotFound();
      const now = this.clock.now();
      const request: BookingRequest = { resource, start, end, memberId: null, headcount, organisationId: null };
      const context = this.loader.contextFor(resource, DAY_GUEST, request, now, { organisationId: null, exclude });
      const violations = evaluateBooking(request, context);
      if (violations.length === 0) return { violations, alternatives: [] };
      const alternatives = this.alternativesIn(this.inventory.get(), request, DAY_GUEST, now, new Map());
      return { violations, alternatives: alternatives.filter((a) => a.resourceId === resourceId) };
    });
  }

  /**
   * Holds a resource for an outside organisation's event inside the caller's transaction (a
   * rental's option or confirmation): no member, the organisation as the guest's organisation.
   * The rules judge it like a day guest's booking; the overlap trigger stands behind them.
   */
  holdForRentalIn(
    tx: Db,
    input: { resourceId: number; start: number; end: number; headcount: number; title: string; organisation: string },
    status: 'pending' | 'confirmed',
    actorId: number | null,
  ): { ok: true; booking: BookingRow } | { ok: false; violations: Violation[] } {
    const resource = this.inventory.resource(input.resourceId);
    if (!resource || !resource.active) throw new NotFound();
    const now = this.clock.now();
    const request: BookingRequest = { ...input, resource, memberId: null, organisationId: null };
    const context = this.loader.contextFor(resource, DAY_GUEST, input, now, { organisationId: null });
    const violations = evaluateBooking(request, context);
    if (violations.length > 0) return { ok: false, violations };
    const booking = this.loader.queries.insert({
      resourceId: resource.id,
      seriesId: null,
      originalStartsAt: null,
      memberId: null,
      bookedById: actorId,
      organisationId: null,
      startsAt: input.start,
      endsAt: input.end,
      headcount: input.headcount,
      status,
      title: input.title.trim().slice(0, 200),
      idempotencyKey: null,
      guestName: null,
      guestOrganisation: input.organisation.trim().slice(0, GUEST_ORGANISATION_MAX) || null,
      now,
    });
    this.audit({
      at: now,
      actorId,
      action: 'booking.create',
      subjectType: 'booking',
      subjectId: booking.id,
      details: { resourceId: resource.id, start: input.start, end: input.end, rental: true, status },
    });
    this.notify(tx, { type: 'created', booking, actorId });
    return { ok: true, booking };
  }

  /** Moves a rental's hold to another status inside the caller's transaction (confirmed, cancelled, released). */
  setRentalHoldStatusIn(
    tx: Db,
    id: number,
    status: 'confirmed' | 'cancelled' | 'released',
    actorId: number | null,
  ): BookingRow | undefined {
    const previous = this.loader.queries.byId(id);
    if (!previous || (previous.status !== 'pending' && previous.status !== 'confirmed')) return previous;
    if (previous.status === status) return previous;
    const now = this.clock.now();
    const ends = status !== 'confirmed';
    const booking = this.loader.queries.update(id, {
      resourceId: previous.resourceId,
      startsAt: previous.startsAt,
      endsAt: previous.endsAt,
      status,
      now,
      cancelledAt: ends ? now : null,
    })!;
    this.audit({
      at: now,
      actorId,
      action: ends ? (status === 'released' ? 'booking.release' : 'booking.cancel') : 'booking.approve',
      subjectType: 'booking',
      subjectId: id,
      details: { rental: true },
    });
    const type = status === 'confirmed' ? 'changed' : status === 'released' ? 'released' : 'cancelled';
    this.notify(tx, { type, booking, previous, actorId });
    return booking;
  }

  private person(memberId: number): BookingPerson {
    const person = this.loader.loadPerson(memberId);
    if (!person) throw new NotFound();
    return person;
  }
}
