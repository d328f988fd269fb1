// Expected visitors: a member registers their own (staff any member's), the host or staff
// cancel, staff record the arrival (the host is told by e-mail, through the outbox) and the
// departure. "Not yours" is NotFound. The audit log names visitors by id only: their details
// are erased after 30 days (src/jobs/visitor-erasure.ts) and must not outlive them there.
import { auditLogWriter } from '../db/audit.js';
import { immediate, type Db } from '../db/connection.js';
import { memberById } from '../db/members.js';
import {
  insertVisitor,
  upcomingVisitors,
  updateVisitor,
  VISITOR_ARRIVED_MAIL,
  visitorById,
  visitorsExpectedBetween,
  type VisitorListRow,
  type VisitorRow,
} from '../db/visitors.js';
import type { Clock } from '../domain/clock.js';
import { checkVisitor, type VisitorErrors, type VisitorInput } from '../domain/visitors.js';
import { startOfLocalDay } from '../domain/zoned-time.js';
import { addressIn } from '../i18n/address.js';
import { formatInstant } from '../i18n/dates.js';
import { enqueueMail, renderMail, type OutboxKick } from '../mail/outbox.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { Inventory } from './inventory.js';

export type { VisitorListRow, VisitorRow };

/** Upcoming visitors a page lists at most. */
const LISTED = 200;

export type RegisterOutcome =
  { ok: true; visitor: VisitorRow } | { ok: false; errors: VisitorErrors & { host?: 'invalid' } };

export class VisitorService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
    private readonly outbox: OutboxKick,
  ) {
    this.audit = auditLogWriter(db);
  }

  /** Registers a visitor expected by `hostId` (the actor by default; staff may name any active member). */
  register(actor: Actor | null, input: VisitorInput & { hostId?: number }): RegisterOutcome {
    const hostId = input.hostId ?? actor?.id ?? -1;
    authorize(actor, 'visitor.register', { hostMemberId: hostId });
    return immediate(this.db, (tx): RegisterOutcome => {
      const now = this.clock.now();
      const snapshot = this.inventory.get();
      const checked = checkVisitor(input, {
        now,
        zone: snapshot.site.timezone,
        periods: snapshot.sitePeriods,
        closures: snapshot.closures,
      });
      const host = memberById(tx, hostId);
      const hostProblem = !host || !host.active ? { host: 'invalid' as const } : {};
      if (!checked.ok) return { ok: false, errors: { ...checked.errors, ...hostProblem } };
      if (!host || !host.active) return { ok: false, errors: hostProblem };
      const visitor = insertVisitor(tx, {
        siteId: snapshot.site.id,
        hostMemberId: host.id,
        name: checked.visitor.name,
        organisation: checked.visitor.organisation,
        expectedAt: checked.visitor.expectedAt,
        createdById: actor.id,
        createdAt: now,
      });
      this.record(actor.id, 'visitor.registered', visitor.id, now, { hostMemberId: host.id });
      return { ok: true, visitor };
    });
  }

  /** The actor's upcoming visitors (from the start of today); staff see everyone's. */
  upcoming(actor: Actor | null, all = false): VisitorListRow[] {
    authorize(actor, 'visitor.register', { hostMemberId: actor?.id ?? -1 });
    if (all) authorize(actor, 'visitor.manage');
    const from = startOfLocalDay(this.clock.now(), this.inventory.get().site.timezone);
    return upcomingVisitors(this.db, from, all ? null : actor.id, LISTED);
  }

  /** Visitors expected in [from, to): the board's list of the day (staff only). */
  expectedBetween(actor: Actor | null, from: number, to: number): VisitorListRow[] {
    authorize(actor, 'visitor.manage');
    return visitorsExpectedBetween(this.db, from, to);
  }

  cancel(actor: Actor | null, id: number): VisitorRow {
    return immediate(this.db, (tx) => {
      const visitor = visitorById(tx, id);
      if (!visitor) throw new NotFound();
      authorize(actor, 'visitor.cancel', visitor);
      if (visitor.cancelledAt !== null || visitor.arrivedAt !== null) return visitor;
      const now = this.clock.now();
      this.record(actor.id, 'visitor.cancelled', id, now);
      return updateVisitor(tx, id, { cancelledAt: now })!;
    });
  }

  /** Records the arrival (once) and writes the host's mail in the same transaction. */
  arrive(actor: Actor | null, id: number): VisitorRow {
    const result = immediate(this.db, (tx) => {
      authorize(actor, 'visitor.manage');
      const visitor = visitorById(tx, id);
      if (!visitor || visitor.cancelledAt !== null) throw new NotFound();
      if (visitor.arrivedAt !== null) return { visitor, mailed: false };
      const now = this.clock.now();
      const arrived = updateVisitor(tx, id, { arrivedAt: now, arrivalRecordedById: actor.id })!;
      this.record(actor.id, 'visitor.arrived', id, now);
      const host = memberById(tx, visitor.hostMemberId);
      if (!host || !host.active) return { visitor: arrived, mailed: false };
      const snapshot = this.inventory.get();
      const mail = renderMail(VISITOR_ARRIVED_MAIL, host.language, {
        name: host.name,
        visitor: visitor.name,
        organisation: visitor.organisation,
        time: formatInstant(now, host.language, snapshot.site.timezone, 'time'),
        address: addressIn(snapshot.site.address, host.language),
      });
      enqueueMail(tx, { kind: VISITOR_ARRIVED_MAIL, to: host.email, ...mail }, now);
      return { visitor: arrived, mailed: true };
    });
    if (result.mailed) this.outbox.kick();
    return result.visitor;
  }

  /** Records the departure of a visitor who arrived (once). */
  leave(actor: Actor | null, id: number): VisitorRow {
    return immediate(this.db, (tx) => {
      authorize(actor, 'visitor.manage');
      const visitor = visitorById(tx, id);
      if (!visitor || visitor.cancelledAt !== null) throw new NotFound();
      if (visitor.arrivedAt === null || visitor.leftAt !== null) return visitor;
      const now = this.clock.now();
      this.record(actor.id, 'visitor.left', id, now);
      return updateVisitor(tx, id, { leftAt: now })!;
    });
  }

  /** An audit entry naming the visitor by id only. */
  private record(actorId: number, action: string, id: number, at: number, details: Record<string, unknown> = {}) {
    this.audit({ at, actorId, action, subjectType: 'visitor', subjectId: id, details });
  }
}
