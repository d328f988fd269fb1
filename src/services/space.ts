// Space management, closures: admins list, add, change and remove closures (site-wide or of
// one resource, one-off or repeating). A change that falls on active bookings first returns
// them to be confirmed; on confirmation, in the same immediate transaction as the write, they
// are cancelled (each member told, in their language, with the reason) or kept.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import {
  activeBookingsBetween,
  closureRow,
  deleteClosure,
  insertClosure,
  listClosureRows,
  updateClosure,
  type AffectedBookingRow,
  type ClosureListRow,
  type ClosureRow,
  type NewClosure,
} from '../db/space.js';
import type { Clock } from '../domain/clock.js';
import {
  bookingsFallingOn,
  closureLastEnd,
  closureOccurrences,
  closureSpan,
  validateClosure,
  type ClosureError,
  type ClosureField,
  type ClosureForm,
  type ClosurePlan,
  type ClosureRule,
} from '../domain/space-closures.js';
import type { Interval } from '../domain/types.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { BookingService } from './bookings.js';
import type { Inventory } from './inventory.js';
import { cancelAffected } from './space-cancel.js';

export type { AffectedBookingRow, ClosureRow };

/** What the admin chose for the bookings a change falls on. */
export interface AffectedChoice {
  /** The admin saw the list and confirmed. */
  confirm: boolean;
  /** Cancel them (true) or keep them (false). */
  cancel: boolean;
}

export type SpaceChangeOutcome =
  | { kind: 'saved'; id: number; cancelled: number }
  | { kind: 'invalid'; errors: Partial<Record<ClosureField, ClosureError>> }
  | { kind: 'confirm'; affected: AffectedBookingRow[] };

/** A closure as the admin page lists it, with its occurrences' last end (for ahead/past). */
export interface ClosureListItem extends ClosureListRow {
  lastEnd: number;
}

export class SpaceService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly bookings: BookingService,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  /** Every closure of the site, latest first. */
  listClosures(actor: Actor | null): ClosureListItem[] {
    authorize(actor, 'space.manage');
    const zone = this.inventory.get().site.timezone;
    const site = this.inventory.get().site.id;
    return listClosureRows(this.db, site).map((c) => ({ ...c, lastEnd: closureLastEnd(ruleOf(c), zone) }));
  }

  closure(actor: Actor | null, id: number): ClosureRow {
    authorize(actor, 'space.manage');
    const row = closureRow(this.db, id);
    if (!row || row.siteId !== this.inventory.get().site.id) throw new NotFound();
    return row;
  }

  /**
   * Adds (id null) or changes a closure. Bookings already under the closure before a change
   * were dealt with then: only those it newly falls on are listed and acted on.
   */
  saveClosure(
    actor: Actor | null,
    id: number | null,
    form: ClosureForm,
    choice: AffectedChoice,
    ip: string | null = null,
  ): SpaceChangeOutcome {
    authorize(actor, 'space.manage');
    return immediate(this.db, (tx) => {
      const inventory = this.inventory.get();
      const previous = id === null ? null : closureRow(tx, id);
      if (id !== null && (!previous || previous.siteId !== inventory.site.id)) throw new NotFound();
      // A closure may name any resource, retired ones included (its history stays readable).
      const known = new Set(this.allResourceIds(previous?.resourceId ?? null));
      const checked = validateClosure(form, known);
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
      const zone = inventory.site.timezone;
      const values = closureValues(checked.plan, inventory.site.id, zone);
      const occurrences = closureOccurrences(ruleOf(values), zone);
      const before = previous ? closureOccurrences(ruleOf(previous), zone) : [];
      const affected = this.affected(tx, checked.plan.resourceId, occurrences).filter(
        (b) =>
          !(
            previous &&
            (previous.resourceId === null || previous.resourceId === b.resourceId) &&
            overlapsAny(b, before)
          ),
      );
      if (affected.length > 0 && !choice.confirm) return { kind: 'confirm', affected };
      const now = this.clock.now();
      const closureId = id ?? insertClosure(tx, values);
      if (id !== null) updateClosure(tx, id, values);
      const reason = { fr: values.reason, en: values.reasonEn };
      const cancelled = choice.cancel
        ? cancelAffected(tx, this.bookings, this.audit, affected, actor.id, now, reason)
        : 0;
      this.audit({
        at: now,
        actorId: actor.id,
        action: id === null ? 'closure.create' : 'closure.change',
        subjectType: 'closure',
        subjectId: closureId,
        details: { ...values, affected: affected.map((b) => b.id), cancelled: choice.cancel ? cancelled : 0 },
        ip,
      });
      return { kind: 'saved', id: closureId, cancelled };
    });
  }

  removeClosure(actor: Actor | null, id: number, ip: string | null = null): void {
    authorize(actor, 'space.manage');
    immediate(this.db, (tx) => {
      const row = closureRow(tx, id);
      if (!row || row.siteId !== this.inventory.get().site.id) throw new NotFound();
      deleteClosure(tx, id);
      this.audit({
        at: this.clock.now(),
        actorId: actor.id,
        action: 'closure.delete',
        subjectType: 'closure',
        subjectId: id,
        details: { resourceId: row.resourceId, start: row.startsAt, end: row.endsAt, reason: row.reason },
        ip,
      });
    });
  }

  /** Resource ids a form may name: every resource of the site, active or retired. */
  private allResourceIds(extra: number | null): number[] {
    const ids = this.inventory.get().resources.map((r) => r.id);
    return extra === null ? ids : [...ids, extra];
  }

  private affected(tx: Db, resourceId: number | null, occurrences: readonly Interval[]): AffectedBookingRow[] {
    if (occurrences.length === 0) return [];
    const from = occurrences[0]!.start;
    const to = occurrences[occurrences.length - 1]!.end;
    return bookingsFallingOn(activeBookingsBetween(tx, resourceId, from, to), resourceId, occurrences);
  }
}

function ruleOf(c: Pick<ClosureRow, 'startsAt' | 'endsAt' | 'repeat' | 'repeatUntil'>): ClosureRule {
  return { start: c.startsAt, end: c.endsAt, repeat: c.repeat, repeatUntil: c.repeatUntil };
}

function overlapsAny(b: { start: number; end: number }, intervals: readonly Interval[]): boolean {
  return intervals.some((o) => o.start < b.end && o.end > b.start);
}

function closureValues(plan: ClosurePlan, siteId: number, zone: string): NewClosure {
  const span = closureSpan(plan, zone);
  return {
    siteId,
    resourceId: plan.resourceId,
    startsAt: span.start,
    endsAt: span.end,
    kind: plan.kind,
    reason: plan.reason,
    reasonEn: plan.reasonEn,
    repeat: plan.repeat,
    repeatUntil: plan.repeatUntil,
  };
}
