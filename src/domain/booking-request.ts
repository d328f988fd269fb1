// What the rules are asked, and everything they may look at. The service layer loads the
// context inside its transaction; the rules themselves never read a clock or a database.

import type { Closure, ExistingBooking, Instant, OpeningPeriod, Resource } from './types.js';
import { ACTIVE_BOOKING_STATUSES } from './types.js';
import type { QuotaUnit } from './violations.js';

export interface BookingRequest {
  resource: Resource;
  start: Instant;
  end: Instant;
  /** The member the booking is for; null for a day guest, who is nobody's desk-holder. */
  memberId: number | null;
  headcount: number;
  organisationId?: number | null;
  /** The booking being moved: it must not conflict with itself. */
  excludeBookingId?: number | null;
}

/**
 * The quota that applies to this request, counted in `unit` (minutes, or half-days when
 * unit is 'half_days', despite the field names). `usedMinutes` must already leave out the
 * booking being moved.
 */
export interface QuotaState {
  limitMinutes: number;
  usedMinutes: number;
  unit: QuotaUnit;
}

export interface BookingContext {
  now: Instant;
  /** IANA zone of the site. */
  zone: string;
  sitePeriods: readonly OpeningPeriod[];
  /** Non-empty: replaces the site's week for this resource. */
  resourceOverridePeriods: readonly OpeningPeriod[];
  /** Site-wide closures and this resource's; others are ignored. */
  closures: readonly Closure[];
  /**
   * Bookings that may interact: same resource, linked resources, the member's other desk
   * bookings. Inactive ones are ignored, so passing a wider list is safe.
   */
  existingBookings: readonly ExistingBooking[];
  resourcesById: ReadonlyMap<number, Resource>;
  quota?: QuotaState | null;
  hasInduction: boolean;
}

const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_BOOKING_STATUSES);

/** Pending bookings hold their slot like confirmed ones: approval must not double-book. */
export function isActive(booking: ExistingBooking): boolean {
  return ACTIVE.has(booking.status);
}
