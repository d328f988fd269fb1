// Every reason the core can give for refusing something, as data.
// The web layer matches on `code` and writes a specific, translated message from the
// other fields; nothing here is prose meant for a person.

import type { Instant, ResourceKind } from './types.js';
import type { LocalDate } from './local-date.js';

export const VIOLATION_CODES = [
  'invalid_interval',
  'invalid_headcount',
  'invalid_local_time',
  'nonexistent_local_time',
  'outside_opening_hours',
  'closed',
  'slot_misaligned',
  'invalid_half_day',
  'too_short',
  'too_long',
  'too_late_to_book',
  'beyond_horizon',
  'conflict',
  'buffer',
  'capacity_full',
  'over_capacity',
  'linked_resource_busy',
  'already_booked_elsewhere',
  'quota_exceeded',
  'induction_required',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** An opening period as shown to a person, local wall-clock "HH:mm". */
export interface LocalPeriod {
  opens: string;
  closes: string;
}

export type HalfDayPart = 'morning' | 'afternoon' | 'full_day';

export type Violation =
  | { code: 'invalid_interval'; start: Instant; end: Instant }
  | { code: 'invalid_headcount'; headcount: number }
  /** Text that is not a strict "YYYY-MM-DDTHH:mm" (or "HH:mm"), or names a day that does not exist. */
  | { code: 'invalid_local_time'; input: string }
  /** A wall-clock time skipped by a spring-forward change; refused, never shifted. */
  | { code: 'nonexistent_local_time'; local: string; zone: string }
  /** `periods` are the opening periods of `localDate` (the request's first day); empty when closed all day. */
  | { code: 'outside_opening_hours'; localDate: LocalDate; zone: string; periods: LocalPeriod[] }
  | { code: 'closed'; closureId: number; reason: string; start: Instant; end: Instant; siteWide: boolean }
  | { code: 'slot_misaligned'; stepMinutes: number }
  /** `allowed` lists the half-day slots of that local day. */
  | { code: 'invalid_half_day'; localDate: LocalDate; allowed: { part: HalfDayPart; start: string; end: string }[] }
  | { code: 'too_short'; limitMinutes: number; requestedMinutes: number }
  | { code: 'too_long'; limitMinutes: number; requestedMinutes: number }
  /** `earliestStart` = now + notice: the first instant a booking may start. */
  | { code: 'too_late_to_book'; minNoticeMinutes: number; earliestStart: Instant }
  /** A booking must start before `horizonEnd`, the end of local day `lastBookableDate`. */
  | { code: 'beyond_horizon'; horizonDays: number; lastBookableDate: LocalDate; horizonEnd: Instant }
  | { code: 'conflict'; bookingId: number; start: Instant; end: Instant }
  | {
      code: 'buffer';
      bookingId: number;
      start: Instant;
      end: Instant;
      bufferBeforeMinutes: number;
      bufferAfterMinutes: number;
    }
  /** `placesLeft`: places still free at the busiest instant of the request (0 when already full). */
  | { code: 'capacity_full'; placesLeft: number; sharedPlaces: number; headcount: number }
  | { code: 'over_capacity'; capacity: number; headcount: number }
  | {
      code: 'linked_resource_busy';
      resourceId: number;
      resourceName: string;
      bookingId: number;
      start: Instant;
      end: Instant;
    }
  | {
      code: 'already_booked_elsewhere';
      bookingId: number;
      resourceId: number;
      resourceName: string;
      start: Instant;
      end: Instant;
    }
  /** Amounts are in `unit`: minutes, or half-days. */
  | { code: 'quota_exceeded'; unit: QuotaUnit; limit: number; used: number; requested: number }
  | { code: 'induction_required'; resourceId: number; kind: ResourceKind };

export type QuotaUnit = 'minutes' | 'half_days';

/** The variant of a given code, e.g. `ViolationOf<'conflict'>`. */
export type ViolationOf<C extends ViolationCode> = Extract<Violation, { code: C }>;

const CODES: ReadonlySet<string> = new Set(VIOLATION_CODES);

export function isViolationCode(value: unknown): value is ViolationCode {
  return typeof value === 'string' && CODES.has(value);
}

export function isViolation(value: unknown): value is Violation {
  return typeof value === 'object' && value !== null && isViolationCode((value as { code?: unknown }).code);
}
