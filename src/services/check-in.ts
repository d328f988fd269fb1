// Check-in, check-out and no-show release use cases. Each judges the booking with the
// domain's rules and writes in ONE immediate transaction, with its audit entry and the
// booking listeners (mail) in it. Owner or staff may check a booking in or out; anyone else
// is told "not found". The release job calls releaseDue() with no actor.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import type { BookingRow } from '../db/bookings.js';
import { checkInQueries } from '../db/check-in.js';
import {
  isDueForRelease,
  judgeCheckIn,
  judgeCheckOut,
  releaseDeadline,
  type CheckInVerdict,
  type CheckInViolation,
} from '../domain/check-in.js';
import type { Clock } from '../domain/clock.js';
import { localDayRange, localDateOf } from '../domain/zoned-time.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { BookingService } from './bookings.js';
import type { Inventory, InventorySnapshot } from './inventory.js';

const MINUTE_MS = 60_000;
/** How far back the release job looks beyond the longest grace: bookings missed while the app was down. */
const CATCH_UP_MS = 24 * 3600_000;

export type CheckInOutcome =
  { ok: true; booking: BookingRow; changed: boolean } | { ok: false; booking: BookingRow; violation: CheckInViolation };

/** What the page a door's QR code opens shows: the actor's booking of that resource now, if any. */
export interface CurrentCheckIn {
  booking: BookingRow | null;
  /** How a check-in of `booking` would be judged now; null without a booking. */
  verdict: CheckInVerdict | null;
}

export class CheckInService {
  private readonly queries;
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingService,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.queries = checkInQueries(db);
    this.audit = auditLogWriter(db);
  }

  /** Checks a booking in now; a second check-in changes nothing and is no error. */
  checkIn(actor: Actor, bookingId: number): CheckInOutcome {
    return immediate(this.db, (tx): CheckInOutcome => {
      const previous = this.load(actor, bookingId);
      const now = this.clock.now();
      const policy = this.inventory.get().checkInPolicies.get(this.resourceOf(previous).kind);
      const verdict = judgeCheckIn(previous, policy, now);
      if (!verdict.ok) return { ok: false, booking: previous, violation: verdict.violation };
      if (verdict.alreadyCheckedIn) return { ok: true, booking: previous, changed: false };
      const booking = this.queries.checkIn(bookingId, actor.id, now)!;
      this.record(tx, 'checkedIn', booking, previous, actor.id, now, { byStaff: booking.memberId !== actor.id });
      return { ok: true, booking, changed: true };
    });
  }

  /** Ends a checked-in booking now (at the next whole step), so the rest is free at once. */
  checkOut(actor: Actor, bookingId: number): CheckInOutcome {
    return immediate(this.db, (tx): CheckInOutcome => {
      const previous = this.load(actor, bookingId);
      const now = this.clock.now();
      const inventory = this.inventory.get();
      const verdict = judgeCheckOut(previous, this.resourceOf(previous, inventory), inventory.site.timezone, now);
      if (!verdict.ok) return { ok: false, booking: previous, violation: verdict.violation };
      const booking = this.queries.checkOut(bookingId, verdict.endsAt, now)!;
      this.record(tx, 'checkedOut', booking, previous, actor.id, now, { from: previous.endsAt, to: booking.endsAt });
      return { ok: true, booking, changed: true };
    });
  }

  /**
   * The actor's booking of a resource that matters now: the first of theirs that has not
   * ended and starts today (site zone), with how a check-in would be judged.
   */
  currentFor(actor: Actor, resourceId: number): CurrentCheckIn {
    const inventory = this.inventory.get();
    const resource = inventory.resourcesById.get(resourceId);
    if (!resource || !resource.active) throw new NotFound();
    const now = this.clock.now();
    const today = localDayRange(localDateOf(now, inventory.site.timezone), inventory.site.timezone);
    const rows = this.queries.memberBookingsOf(actor.id, resourceId, now, today.end);
    // An active booking wins over one released earlier today.
    const booking = rows.find((b) => b.status !== 'released') ?? rows[0] ?? null;
    if (!booking) return { booking: null, verdict: null };
    return { booking, verdict: judgeCheckIn(booking, inventory.checkInPolicies.get(resource.kind), now) };
  }

  /** When a booking not checked in is released (its member's access needs counted), or null if never. */
  deadlineOf(
    booking: Pick<BookingRow, 'resourceId' | 'memberId' | 'startsAt' | 'endsAt'>,
    inventory: InventorySnapshot = this.inventory.get(),
  ): number | null {
    const resource = inventory.resourcesById.get(booking.resourceId);
    if (!resource) return null;
    const needs = this.queries.accessNeedsOf(booking.memberId);
    return releaseDeadline(booking, resource, inventory.checkInPolicies.get(resource.kind), needs);
  }

  /**
   * Releases every booking due at now, in one immediate transaction: each UPDATE is guarded
   * by "confirmed and not checked in", so a booking is released once, whichever process runs.
   */
  releaseDue(): BookingRow[] {
    return immediate(this.db, (tx) => {
      const now = this.clock.now();
      const inventory = this.inventory.get();
      const from = now - this.longestGraceMs(inventory) - CATCH_UP_MS;
      const released: BookingRow[] = [];
      for (const { booking, accessNeeds } of this.queries.releaseCandidates(from, now)) {
        const resource = inventory.resourcesById.get(booking.resourceId);
        if (!resource) continue;
        const policy = inventory.checkInPolicies.get(resource.kind);
        const deadline = releaseDeadline(booking, resource, policy, accessNeeds ?? []);
        if (!isDueForRelease(booking, deadline, now)) continue;
        const row = this.queries.release(booking.id, now);
        if (!row) continue;
        this.record(tx, 'released', row, booking, null, now, { deadline });
        released.push(row);
      }
      return released;
    });
  }

  /** The longest grace any booking may have (a resource's own, plus an access need's extra). */
  private longestGraceMs(inventory: InventorySnapshot): number {
    let longest = 0;
    for (const resource of inventory.resources) {
      const policy = inventory.checkInPolicies.get(resource.kind);
      if (!policy || resource.rules.checkInGraceMinutes === null) continue;
      const extra = Math.max(0, policy.accessNeedGraceMinutes - policy.graceMinutes);
      longest = Math.max(longest, resource.rules.checkInGraceMinutes + extra);
    }
    return longest * MINUTE_MS;
  }

  private load(actor: Actor, bookingId: number): BookingRow {
    const booking = this.bookings.loader.queries.byId(bookingId);
    if (!booking) throw new NotFound();
    authorize(actor, 'booking.checkIn', booking);
    return booking;
  }

  private resourceOf(booking: BookingRow, inventory = this.inventory.get()) {
    const resource = inventory.resourcesById.get(booking.resourceId);
    if (!resource) throw new NotFound();
    return resource;
  }

  private record(
    tx: Db,
    type: 'checkedIn' | 'checkedOut' | 'released',
    booking: BookingRow,
    previous: BookingRow,
    actorId: number | null,
    now: number,
    details: Record<string, unknown>,
  ): void {
    const action = { checkedIn: 'booking.checkIn', checkedOut: 'booking.checkOut', released: 'booking.release' }[type];
    this.audit({ at: now, actorId, action, subjectType: 'booking', subjectId: booking.id, details });
    this.bookings.notify(tx, { type, booking, previous, actorId });
  }
}
