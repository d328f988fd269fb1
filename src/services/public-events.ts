// Marking an event-space booking as a public event: it then appears, with its title, date
// and place (never who booked it), in the public calendar feed. Staff only (front desk,
// admins); anyone else, or a booking of another resource, gets "not found".
import { immediate, type Db } from '../db/connection.js';
import type { InventorySnapshot } from './inventory.js';
import { NotFound, type Actor } from './authz.js';
import type { Clock } from '../domain/clock.js';

export class PublicEventService {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly inventory: () => InventorySnapshot,
    private readonly clock: Clock,
  ) {
    const client = db.$client;
    this.statements = {
      get: client.prepare('SELECT resource_id AS resourceId, is_public AS isPublic FROM bookings WHERE id = ?'),
      // Visibility is not a change of the event itself: the version (SEQUENCE) stays, the
      // last change (DTSTAMP, feed validators) moves.
      set: client.prepare('UPDATE bookings SET is_public = ?, updated_at = ? WHERE id = ?'),
      audit: client.prepare(
        `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, details) VALUES (?, ?, 'booking.public', 'booking', ?, ?)`,
      ),
    };
  }

  private isStaff(actor: Actor | null): boolean {
    return actor !== null && (actor.role === 'frontdesk' || actor.role === 'admin');
  }

  /** Whether the booking can be marked public by `actor`, and whether it is; null when not theirs to mark. */
  state(actor: Actor | null, bookingId: number): { isPublic: boolean } | null {
    if (!this.isStaff(actor)) return null;
    const row = this.statements.get.get(bookingId) as { resourceId: number; isPublic: number } | undefined;
    if (!row || this.inventory().resourcesById.get(row.resourceId)?.kind !== 'event_space') return null;
    return { isPublic: row.isPublic === 1 };
  }

  set(actor: Actor, bookingId: number, isPublic: boolean): void {
    immediate(this.db, () => {
      const current = this.state(actor, bookingId);
      if (!current) throw new NotFound();
      if (current.isPublic === isPublic) return;
      const now = this.clock.now();
      this.statements.set.run(isPublic ? 1 : 0, now, bookingId);
      this.statements.audit.run(now, actor.id, bookingId, JSON.stringify({ isPublic }));
    });
  }
}
