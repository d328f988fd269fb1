// Shared vocabulary of the booking core. Pure data: no I/O, no clocks.
// Instants are UTC epoch milliseconds; intervals are half-open [start, end).

export type Instant = number;

export interface Interval {
  start: Instant;
  end: Instant;
}

export const RESOURCE_KINDS = [
  'desk',
  'meeting_room',
  'event_space',
  'digital_studio',
  'vr_studio',
  'sports_hall',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const EQUIPMENT = [
  'screen',
  'video_conference',
  'whiteboard',
  'sound_system',
  'projector',
  'camera',
  'microphone',
  'lighting',
  'vr_headsets',
  'dual_monitor',
  'docking_station',
] as const;
export type Equipment = (typeof EQUIPMENT)[number];

export const ACCESSIBILITY = [
  'step_free',
  'adjustable_height_desk',
  'wheelchair_accessible',
  'hearing_loop',
  'quiet',
] as const;
export type Accessibility = (typeof ACCESSIBILITY)[number];

/** How the start and end of a booking may be placed. */
export type BookingShape =
  | 'half_day' // desks: morning, afternoon or full day around `halfDaySplit`
  | 'steps'; // rooms, studios, hall: any multiple of `slotStepMinutes`

export type CapacityModel = 'exclusive' | 'shared';

/** Booking rules of one resource: data edited by admins, never code. */
export interface BookingRules {
  shape: BookingShape;
  slotStepMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  horizonDays: number;
  minNoticeMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  approvalRequired: boolean;
  /** Minutes after the start by which the booker must check in, or null when no check-in is needed. */
  checkInGraceMinutes: number | null;
  capacityModel: CapacityModel;
  /** Places at any instant for a shared resource; ignored for exclusive ones. */
  sharedPlaces: number | null;
  inductionRequired: boolean;
  /** Local wall-clock time ("HH:mm") that separates morning from afternoon for half-day shapes. */
  halfDaySplit: string;
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening period of a weekday, in local wall-clock "HH:mm". */
export interface OpeningPeriod {
  weekday: Weekday;
  opens: string;
  closes: string;
}

/** Check-in for one resource kind (data edited by admins). */
export interface CheckInPolicy {
  kind: ResourceKind;
  /** Minutes after the start by which a booking must be checked in, or it is released. */
  graceMinutes: number;
  /** The same, for a member whose profile records an access need. */
  accessNeedGraceMinutes: number;
  /** Minutes before the start from which one may check in. */
  opensBeforeMinutes: number;
}

export interface Site {
  id: number;
  name: string;
  /** IANA zone, e.g. "Europe/Paris". */
  timezone: string;
}

export interface Resource {
  id: number;
  siteId: number;
  kind: ResourceKind;
  name: string;
  zoneId: number | null;
  capacity: number;
  equipment: Equipment[];
  accessibility: Accessibility[];
  rules: BookingRules;
  /** Resources that a booking of this one blocks too (e.g. a shared partition). Symmetric. */
  linkedResourceIds: number[];
}

export interface Closure {
  id: number;
  /** null: the whole site. */
  resourceId: number | null;
  start: Instant;
  end: Instant;
  reason: string;
}

export const ACTIVE_BOOKING_STATUSES = ['pending', 'confirmed'] as const;
export type BookingStatus = 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';

/** A booking as the rules see it. */
export interface ExistingBooking {
  id: number;
  resourceId: number;
  memberId: number | null;
  start: Instant;
  end: Instant;
  headcount: number;
  status: BookingStatus;
}
