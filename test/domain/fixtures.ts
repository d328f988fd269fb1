// Test data shaped like the seed's defaults (site Europe/Paris, Mon-Fri 08:30-19:00), and
// helpers to read local times. Local times go through luxon directly, not the code under
// test, so the tests do not grade the domain with its own answers.

import { DateTime } from 'luxon';
import type { BookingContext, BookingRequest } from '../../src/domain/booking-request.js';
import type { BookingRules, ExistingBooking, OpeningPeriod, Resource, Weekday } from '../../src/domain/types.js';

export const ZONE = 'Europe/Paris';
export const MIN = 60_000;
export const HOUR = 3_600_000;

/** A Paris wall time that is neither skipped nor repeated, as an instant. */
export function at(local: string, zone = ZONE): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local) throw new Error(`bad fixture time ${local}`);
  return dt.toMillis();
}

export const utc = (iso: string): number => Date.parse(iso);

export function week(opens: string, closes: string, weekdays: Weekday[] = [1, 2, 3, 4, 5]): OpeningPeriod[] {
  return weekdays.map((weekday) => ({ weekday, opens, closes }));
}

export const SITE_PERIODS = week('08:30', '19:00');
export const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

const BASE_RULES: BookingRules = {
  shape: 'steps',
  slotStepMinutes: 15,
  minDurationMinutes: 15,
  maxDurationMinutes: 240,
  horizonDays: 56,
  minNoticeMinutes: 0,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  approvalRequired: false,
  checkInGraceMinutes: null,
  capacityModel: 'exclusive',
  sharedPlaces: null,
  inductionRequired: false,
  halfDaySplit: '13:00',
};

function resource(
  id: number,
  kind: Resource['kind'],
  rules: Partial<BookingRules>,
  extra: Partial<Resource> = {},
): Resource {
  return {
    id,
    siteId: 1,
    kind,
    name: `${kind} ${id}`,
    zoneId: null,
    capacity: 1,
    equipment: [],
    accessibility: [],
    linkedResourceIds: [],
    ...extra,
    rules: { ...BASE_RULES, ...rules },
  };
}

export function desk(id: number, extra: Partial<Resource> = {}, rules: Partial<BookingRules> = {}): Resource {
  return resource(
    id,
    'desk',
    {
      shape: 'half_day',
      slotStepMinutes: 30,
      minDurationMinutes: 270,
      maxDurationMinutes: 630,
      horizonDays: 14,
      checkInGraceMinutes: 30,
      ...rules,
    },
    { zoneId: 1, ...extra },
  );
}

export function meetingRoom(id: number, extra: Partial<Resource> = {}, rules: Partial<BookingRules> = {}): Resource {
  return resource(id, 'meeting_room', rules, { capacity: 8, equipment: ['screen', 'whiteboard'], ...extra });
}

export function studio(id: number, extra: Partial<Resource> = {}, rules: Partial<BookingRules> = {}): Resource {
  return resource(
    id,
    'digital_studio',
    { slotStepMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 240, inductionRequired: true, ...rules },
    { capacity: 4, ...extra },
  );
}

export function sportsHall(id: number, extra: Partial<Resource> = {}, rules: Partial<BookingRules> = {}): Resource {
  return resource(
    id,
    'sports_hall',
    {
      slotStepMinutes: 60,
      minDurationMinutes: 60,
      maxDurationMinutes: 240,
      capacityModel: 'shared',
      sharedPlaces: 20,
      ...rules,
    },
    { capacity: 20, ...extra },
  );
}

export function eventSpace(id: number, extra: Partial<Resource> = {}, rules: Partial<BookingRules> = {}): Resource {
  return resource(
    id,
    'event_space',
    {
      slotStepMinutes: 30,
      minDurationMinutes: 30,
      maxDurationMinutes: 900,
      approvalRequired: true,
      bufferBeforeMinutes: 60,
      bufferAfterMinutes: 60,
      ...rules,
    },
    { capacity: 150, ...extra },
  );
}

export const EVENT_SPACE_PERIODS = week('08:30', '23:00');

let nextBookingId = 1000;
export function booking(
  resourceId: number,
  startLocal: string,
  endLocal: string,
  extra: Partial<ExistingBooking> = {},
): ExistingBooking {
  nextBookingId += 1;
  return {
    id: nextBookingId,
    resourceId,
    memberId: 99,
    start: at(startLocal),
    end: at(endLocal),
    headcount: 1,
    status: 'confirmed',
    ...extra,
  };
}

/** Monday 2 March 2026, 07:00 Paris: before opening on the first day of a plain week. */
export const NOW = at('2026-03-02T07:00');

export function context(resources: Resource[], extra: Partial<BookingContext> = {}): BookingContext {
  return {
    now: NOW,
    zone: ZONE,
    sitePeriods: SITE_PERIODS,
    resourceOverridePeriods: [],
    closures: [],
    existingBookings: [],
    resourcesById: new Map(resources.map((r) => [r.id, r])),
    quota: null,
    hasInduction: false,
    ...extra,
  };
}

export function request(
  resource: Resource,
  startLocal: string,
  endLocal: string,
  extra: Partial<BookingRequest> = {},
): BookingRequest {
  return { resource, start: at(startLocal), end: at(endLocal), memberId: 7, headcount: 1, ...extra };
}
