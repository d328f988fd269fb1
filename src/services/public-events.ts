// Marking an event-space booking as a public event: it then appears, with its title, date
// and place (never who booked it), in the public calendar feed. Staff only (front desk,
// admins); anyone else, or a booking of another resource, gets "not found".
import { auditLogWriter } from '../db/audit.js';
import { bookingVisibility, setBookingPublic } from '../db/bookings.js';
import { immediate, type Db } from '../db/connection.js';
import type { InventorySnapshot } from './inventory.js';
import { NotFound, type Actor } from './authz.js';
import type { Clock } from '../domain/clock.js';

export class PublicEventService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: () => InventorySnapshot,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  private isStaff(actor: Actor | null): boolean {
    return actor !== null && (actor.role === 'frontdesk' || actor.role === 'admin');
  }

  /** Whether the booking can be marked public by `actor`, and whether it is; null when not theirs to mark. */
  state(actor: Actor | null, bookingId: number): { isPublic: boolean } | null {
    if (!this.isStaff(actor)) return null;
    const row = bookingVisibility(this.db, bookingId);
    if (!row || this.inventory().resourcesById.get(row.resourceId)?.kind !== 'event_space') return null;
    return { isPublic: row.isPublic };
  }

  set(actor: Actor, bookingId: number, isPublic: boolean): void {
    immediate(this.db, (tx) => {
      const current = this.state(actor, bookingId);
      if (!current) throw new NotFound();
      if (current.isPublic === isPublic) return;
      const now = this.clock.now();
      setBookingPublic(tx, bookingId, isPublic, now);
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'booking.public',
        subjectType: 'booking',
        subjectId: bookingId,
        details: { isPublic },
      });
    });
  }
}
