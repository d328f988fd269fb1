// Recurring bookings: a series row plus one booking row per occurrence, each with its own
// state. The rule is expanded in the site's wall-clock time by the domain, every
// occurrence is judged by evaluateBooking (earlier accepted ones count as taken), and the
// person chooses: book the free dates and skip the others, or all or nothing. The whole
// series is written in one immediate transaction.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import type { BookingRow } from '../db/bookings.js';
import { insertSeries, seriesQueries } from '../db/series.js';
import { addDays } from '../domain/local-date.js';
import {
  expandSeries,
  recurrenceRuleProblems,
  type Expansion,
  type Occurrence,
  type SeriesRule,
} from '../domain/recurrence.js';
import {
  decideSeries,
  planSeries,
  seriesEvaluator,
  type OccurrencePlan,
  type SeriesPolicy,
} from '../domain/series-plan.js';
import type { Violation } from '../domain/violations.js';
import { localDateOf, localTimeOnDate, startOfLocalDate } from '../domain/zoned-time.js';
import { authorize, NotFound, type Actor } from './authz.js';
import { organisationFor } from './booking-context.js';
import type { Clock } from '../domain/clock.js';
import type { BookingService } from './bookings.js';

export interface SeriesInput {
  resourceId: number;
  /** First start, "YYYY-MM-DDTHH:mm" on the site's wall clock. */
  firstStart: string;
  durationMinutes: number;
  rule: SeriesRule;
  headcount?: number;
  title?: string;
  forMemberId?: number;
  organisationId?: number | null;
  idempotencyKey?: string | null;
}

export type SeriesPreview =
  | { ok: true; plans: OccurrencePlan[]; stoppedBy: Expansion['stoppedBy'] }
  | { ok: false; problems: string[]; violations: Violation[] };

export type SeriesOutcome =
  | { ok: true; seriesId: number; booked: BookingRow[]; refused: OccurrencePlan[]; replayed: boolean }
  | { ok: false; plans: OccurrencePlan[]; problems: string[]; violations: Violation[] };

/** What a new series is announced with, inside its transaction (the summary mail). */
export interface SeriesCreated {
  seriesId: number;
  resourceId: number;
  memberId: number;
  actorId: number;
  title: string;
  booked: readonly BookingRow[];
  /** The dates skipped (skip_conflicts), each with why. */
  refused: readonly OccurrencePlan[];
}

export type SeriesListener = (tx: Db, event: SeriesCreated) => void;

export class SeriesService {
  private readonly queries;
  private readonly createdListeners: SeriesListener[] = [];
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingService,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
    this.queries = seriesQueries(db);
  }

  /** Registers work that commits or rolls back with each new series (one mail for all its dates). */
  onCreated(listener: SeriesListener): void {
    this.createdListeners.push(listener);
  }

  /** The dates a series would take and, for each, why it cannot be booked (if so). Writes nothing. */
  preview(actor: Actor, input: SeriesInput): SeriesPreview {
    return this.plan(actor, input, this.clock.now());
  }

  create(actor: Actor, input: SeriesInput, policy: SeriesPolicy): SeriesOutcome {
    const key = input.idempotencyKey || null;
    return immediate(this.db, (tx): SeriesOutcome => {
      if (key) {
        const existing = this.queries.idByIdempotencyKey(actor.id, key);
        if (existing !== undefined)
          return {
            ok: true,
            seriesId: existing,
            booked: this.bookings.loader.queries.bySeries(existing),
            refused: [],
            replayed: true,
          };
      }
      const now = this.clock.now();
      const planned = this.plan(actor, input, now);
      if (!planned.ok) return { ok: false, plans: [], problems: planned.problems, violations: planned.violations };
      const decision = decideSeries(planned.plans, policy);
      if (decision.book.length === 0) return { ok: false, plans: planned.plans, problems: [], violations: [] };
      const resource = this.bookings.inventory.resource(input.resourceId)!;
      const person = this.bookings.loader.loadPerson(input.forMemberId ?? actor.id)!;
      const organisationId = organisationFor(person, input.organisationId);
      const seriesId = insertSeries(tx, {
        resourceId: resource.id,
        memberId: person.id,
        bookedById: actor.id,
        organisationId,
        rule: input.rule,
        firstStartLocal: input.firstStart,
        durationMinutes: input.durationMinutes,
        title: (input.title ?? '').trim().slice(0, 200),
        idempotencyKey: key,
        createdAt: now,
        updatedAt: now,
      });
      const queries = this.bookings.loader.queries;
      const booked = decision.book.map((plan) => {
        return queries.insert({
          resourceId: resource.id,
          seriesId,
          originalStartsAt: plan.start,
          memberId: person.id,
          bookedById: actor.id,
          organisationId,
          startsAt: plan.start!,
          endsAt: plan.end!,
          headcount: input.headcount ?? 1,
          status: resource.rules.approvalRequired ? 'pending' : 'confirmed',
          title: (input.title ?? '').trim().slice(0, 200),
          guestName: null,
          guestOrganisation: null,
          idempotencyKey: null,
          now,
        });
      });
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'series.create',
        subjectType: 'series',
        subjectId: seriesId,
        details: {
          resourceId: resource.id,
          policy,
          booked: booked.length,
          skipped: decision.refused.map((p) => p.localDate),
        },
      });
      for (const booking of booked) this.bookings.notify(tx, { type: 'created', booking, actorId: actor.id });
      const created: SeriesCreated = {
        seriesId,
        resourceId: resource.id,
        memberId: person.id,
        actorId: actor.id,
        title: (input.title ?? '').trim().slice(0, 200),
        booked,
        refused: decision.refused,
      };
      for (const listener of this.createdListeners) listener(tx, created);
      return { ok: true, seriesId, booked, refused: decision.refused, replayed: false };
    });
  }

  /**
   * Moves a date of a series and the following ones to another time of day (and length, and
   * resource), each on its own local date: all or nothing. The dates being moved do not stand
   * in each other's way; every new time is judged by the engine.
   */
  moveFrom(
    actor: Actor,
    bookingId: number,
    change: { startTime: string; durationMinutes: number; resourceId?: number },
  ): { ok: true; moved: BookingRow[] } | { ok: false; plans: OccurrencePlan[] } {
    return immediate(this.db, (tx) => {
      const queries = this.bookings.loader.queries;
      const first = queries.byId(bookingId);
      if (!first || first.seriesId === null) throw new NotFound();
      authorize(actor, 'booking.change', first);
      const moving = queries
        .bySeries(first.seriesId)
        .filter((b) => b.startsAt >= first.startsAt && (b.status === 'confirmed' || b.status === 'pending'));
      const resource = this.bookings.inventory.resource(change.resourceId ?? first.resourceId);
      if (!resource || !resource.active) throw new NotFound();
      const person = this.bookings.loader.loadPerson(first.memberId ?? actor.id);
      if (!person) throw new NotFound();
      const zone = this.bookings.inventory.get().site.timezone;
      const now = this.clock.now();
      const occurrences: Occurrence[] = moving.map((b, index) => {
        const localDate = localDateOf(b.startsAt, zone);
        const base = { index, localDate, localStart: `${localDate}T${change.startTime}` };
        const start = localTimeOnDate(localDate, change.startTime, zone);
        return start.ok
          ? { ...base, ok: true, start: start.instant, end: start.instant + change.durationMinutes * 60_000 }
          : { ...base, ok: false, violation: start.violation };
      });
      const times = occurrences.flatMap((o) => (o.ok ? [o.start, o.end] : []));
      const window =
        times.length > 0 ? { start: Math.min(...times), end: Math.max(...times) } : { start: now, end: now + 1 };
      const exclude = moving.map((b) => b.id);
      const context = this.bookings.loader.contextFor(resource, person, window, now, {
        organisationId: first.organisationId,
        exclude,
      });
      const request = {
        resource,
        memberId: person.id,
        headcount: first.headcount,
        organisationId: first.organisationId,
      };
      const plans = planSeries(
        occurrences,
        seriesEvaluator(request, context, this.bookings.loader.quotaOfMonth(resource, first.organisationId, exclude)),
      );
      if (plans.some((p) => p.violations.length > 0)) return { ok: false as const, plans };
      const moved = moving.map((previous, i) => {
        const plan = plans[i]!;
        const booking = queries.update(previous.id, {
          resourceId: resource.id,
          startsAt: plan.start!,
          endsAt: plan.end!,
          status: resource.rules.approvalRequired ? 'pending' : previous.status,
          now,
          cancelledAt: null,
        })!;
        this.bookings.notify(tx, { type: 'changed', booking, previous, actorId: actor.id });
        return booking;
      });
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'series.move_from',
        subjectType: 'series',
        subjectId: first.seriesId,
        details: {
          from: first.startsAt,
          startTime: change.startTime,
          durationMinutes: change.durationMinutes,
          resourceId: resource.id,
          moved: moved.map((b) => b.id),
        },
      });
      return { ok: true as const, moved };
    });
  }

  /** Cancels every active occurrence of a series that starts at or after `from`. */
  cancelFrom(actor: Actor, seriesId: number, from: number, reason = ''): BookingRow[] {
    return immediate(this.db, (tx) => {
      const queries = this.bookings.loader.queries;
      const occurrences = queries.bySeries(seriesId);
      if (occurrences.length === 0) throw new NotFound();
      authorize(actor, 'booking.cancel', occurrences[0]!);
      const now = this.clock.now();
      const cancelled: BookingRow[] = [];
      for (const occurrence of occurrences) {
        if (occurrence.startsAt < from || (occurrence.status !== 'confirmed' && occurrence.status !== 'pending'))
          continue;
        const booking = queries.update(occurrence.id, {
          resourceId: occurrence.resourceId,
          startsAt: occurrence.startsAt,
          endsAt: occurrence.endsAt,
          status: 'cancelled',
          now,
          cancelledAt: now,
        })!;
        cancelled.push(booking);
        this.bookings.notify(tx, { type: 'cancelled', booking, previous: occurrence, actorId: actor.id });
      }
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'series.cancel_from',
        subjectType: 'series',
        subjectId: seriesId,
        details: { from, cancelled: cancelled.map((b) => b.id), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      return cancelled;
    });
  }

  private plan(actor: Actor, input: SeriesInput, now: number): SeriesPreview {
    const forMemberId = input.forMemberId ?? actor.id;
    authorize(actor, 'booking.createOnBehalf', { memberId: forMemberId });
    const resource = this.bookings.inventory.resource(input.resourceId);
    if (!resource || !resource.active) throw new NotFound();
    const problems = recurrenceRuleProblems(input.rule);
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes <= 0) problems.push('count');
    if (problems.length > 0) return { ok: false, problems, violations: [] };
    const zone = this.bookings.inventory.get().site.timezone;
    const horizon = startOfLocalDate(addDays(localDateOf(now, zone), resource.rules.horizonDays + 1), zone);
    const expanded = expandSeries(input.rule, input.firstStart, input.durationMinutes, { zone, horizon });
    if (!expanded.ok) return { ok: false, problems: [], violations: [expanded.violation] };
    const person = this.bookings.loader.loadPerson(forMemberId);
    if (!person) throw new NotFound();
    const organisationId = organisationFor(person, input.organisationId);
    const times = expanded.expansion.occurrences.flatMap((o) => (o.ok ? [o.start, o.end] : []));
    const window =
      times.length > 0 ? { start: Math.min(...times), end: Math.max(...times) } : { start: now, end: now + 1 };
    const context = this.bookings.loader.contextFor(resource, person, window, now, { organisationId });
    const request = { resource, memberId: person.id, headcount: input.headcount ?? 1, organisationId };
    const evaluate = seriesEvaluator(request, context, this.bookings.loader.quotaOfMonth(resource, organisationId));
    return {
      ok: true,
      plans: planSeries(expanded.expansion.occurrences, evaluate),
      stoppedBy: expanded.expansion.stoppedBy,
    };
  }
}
