// Staff decisions on bookings that need approval (resources with approval_required): the
// queue of pending bookings, approve or decline with a message, and the event space's month.
// Each decision is one immediate transaction that re-reads the booking, so two admins
// deciding at once cannot both win; the member is told through the outbox (the booking
// listeners run inside the transaction) and the version rises, so feeds show the change.
import { heldBookings, isRentalHold, pendingBookings, type StaffViewBooking } from '../db/approvals.js';
import { auditLogWriter } from '../db/audit.js';
import type { Db } from '../db/connection.js';
import { immediate, readTransaction } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';
import type { BookingStatus } from '../domain/types.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { BookingRow, BookingService } from './bookings.js';
import type { Inventory } from './inventory.js';

export type { StaffViewBooking };

export const DECISION_MESSAGE_MAX = 1000;

export type Decision = 'approve' | 'decline';

export type DecisionError = 'required' | 'too_long';

export type DecisionOutcome =
  | { ok: true; booking: BookingRow }
  | { ok: false; reason: 'invalid'; error: DecisionError }
  | { ok: false; reason: 'not_pending'; status: BookingStatus };

/** The staff message: trimmed; a decline must say why, neither may be longer than the limit. */
export function checkDecisionMessage(decision: Decision, raw: unknown): { ok: true; message: string } | DecisionError {
  const message = typeof raw === 'string' ? raw.trim() : '';
  if (decision === 'decline' && message === '') return 'required';
  if (message.length > DECISION_MESSAGE_MAX) return 'too_long';
  return { ok: true, message };
}

export class ApprovalService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingService,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  /** Every booking awaiting a decision, the oldest request first. */
  pending(actor: Actor): StaffViewBooking[] {
    authorize(actor, 'approval.view');
    return pendingBookings(this.db);
  }

  /** Pending and confirmed bookings of the event space(s) overlapping [from, to). */
  eventSpace(actor: Actor, from: number, to: number): StaffViewBooking[] {
    authorize(actor, 'eventSpace.view');
    const ids = this.inventory
      .get()
      .resources.filter((r) => r.kind === 'event_space')
      .map((r) => r.id);
    return readTransaction(this.db, () => heldBookings(this.db, ids, from, to));
  }

  decide(actor: Actor, id: number, decision: Decision, rawMessage: unknown): DecisionOutcome {
    authorize(actor, 'approval.decide');
    const checked = checkDecisionMessage(decision, rawMessage);
    if (typeof checked === 'string') {
      // A missing booking is a 404, one decided already a 409, before either is a bad form.
      const current = this.bookings.loader.queries.byId(id);
      if (!current || isRentalHold(this.db, id)) throw new NotFound();
      if (current.status !== 'pending') return { ok: false, reason: 'not_pending', status: current.status };
      return { ok: false, reason: 'invalid', error: checked };
    }
    const { message } = checked;
    return immediate(this.db, (tx): DecisionOutcome => {
      const queries = this.bookings.loader.queries;
      const previous = queries.byId(id);
      // A rental's hold is decided with its request (quote, option, confirmation), not here.
      if (!previous || isRentalHold(tx, id)) throw new NotFound();
      if (previous.status !== 'pending') return { ok: false, reason: 'not_pending', status: previous.status };
      const now = this.clock.now();
      const approved = decision === 'approve';
      const booking = queries.update(id, {
        resourceId: previous.resourceId,
        startsAt: previous.startsAt,
        endsAt: previous.endsAt,
        status: approved ? 'confirmed' : 'rejected',
        cancelledAt: approved ? null : now,
        now,
      })!;
      this.audit({
        at: now,
        actorId: actor.id,
        action: approved ? 'booking.approve' : 'booking.decline',
        subjectType: 'booking',
        subjectId: id,
        details: { memberId: previous.memberId, resourceId: previous.resourceId, message },
      });
      this.bookings.notify(tx, {
        type: approved ? 'approved' : 'declined',
        booking,
        previous,
        actorId: actor.id,
        message: message || undefined,
      });
      return { ok: true, booking };
    });
  }
}
