// Cancelling the bookings a change to the space falls on, inside the change's transaction:
// each is audited and goes through the booking listeners, so its member is told (with the reason).
import type { Db } from '../db/connection.js';
import type { NewAuditEntry } from '../db/audit.js';
import type { BookingService } from './bookings.js';

export interface SpaceReason {
  fr: string;
  en: string | null;
}

export function cancelAffected(
  tx: Db,
  bookings: BookingService,
  audit: (entry: NewAuditEntry) => void,
  affected: readonly { id: number }[],
  actorId: number,
  now: number,
  reason: SpaceReason,
): number {
  const queries = bookings.loader.queries;
  let cancelled = 0;
  for (const { id } of affected) {
    const previous = queries.byId(id);
    if (!previous || (previous.status !== 'confirmed' && previous.status !== 'pending')) continue;
    const booking = queries.update(id, {
      resourceId: previous.resourceId,
      startsAt: previous.startsAt,
      endsAt: previous.endsAt,
      status: 'cancelled',
      now,
      cancelledAt: now,
    })!;
    audit({
      at: now,
      actorId,
      action: 'booking.cancel',
      subjectType: 'booking',
      subjectId: id,
      details: { reason: 'space_change', text: reason.fr },
    });
    bookings.notify(tx, { type: 'cancelled', booking, previous, actorId, reason });
    cancelled += 1;
  }
  return cancelled;
}
