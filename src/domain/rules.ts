// The one place that decides whether a booking is allowed. Every rule runs and every
// violation is returned, so a person learns all that is wrong at once; an empty list
// means allowed. Services, alternatives and series planning all ask this function.

import type { BookingContext, BookingRequest } from './booking-request.js';
import type { Violation } from './violations.js';
import { quotaAmount } from './quota.js';
import {
  checkClosures,
  checkDuration,
  checkHorizon,
  checkNotice,
  checkOpeningHours,
  checkShape,
} from './time-rules.js';
import {
  checkExclusiveOccupancy,
  checkLinkedResources,
  checkOneDeskPerMember,
  checkOverCapacity,
  checkSharedCapacity,
} from './occupancy-rules.js';

export type { BookingContext, BookingRequest, QuotaState } from './booking-request.js';

type Rule = (request: BookingRequest, context: BookingContext) => Violation[];

function checkHeadcount(request: BookingRequest): Violation[] {
  return Number.isInteger(request.headcount) && request.headcount >= 1
    ? []
    : [{ code: 'invalid_headcount', headcount: request.headcount }];
}

/** The whole request counts, even a part that falls in next month: quotas are never split to let one through. */
function checkQuota(request: BookingRequest, context: BookingContext): Violation[] {
  const quota = context.quota;
  if (!quota) return [];
  const requested = quotaAmount(request, quota.unit, context.zone, request.resource.rules.halfDaySplit);
  if (quota.usedMinutes + requested <= quota.limitMinutes) return [];
  return [{ code: 'quota_exceeded', unit: quota.unit, limit: quota.limitMinutes, used: quota.usedMinutes, requested }];
}

function checkInduction(request: BookingRequest, context: BookingContext): Violation[] {
  return request.resource.rules.inductionRequired && !context.hasInduction
    ? [{ code: 'induction_required', resourceId: request.resource.id, kind: request.resource.kind }]
    : [];
}

/** Rules that need a real interval; an empty or reversed one would only produce noise. */
const TIME_RULES: readonly Rule[] = [
  checkOpeningHours,
  checkClosures,
  checkShape,
  checkDuration,
  checkNotice,
  checkHorizon,
  checkExclusiveOccupancy,
  checkSharedCapacity,
  checkLinkedResources,
  checkOneDeskPerMember,
  checkQuota,
];

/** Rules that hold whatever the times. */
const STANDING_RULES: readonly Rule[] = [checkHeadcount, checkOverCapacity, checkInduction];

export function evaluateBooking(request: BookingRequest, context: BookingContext): Violation[] {
  const standing = STANDING_RULES.flatMap((rule) => rule(request, context));
  const validInterval = Number.isFinite(request.start) && Number.isFinite(request.end) && request.end > request.start;
  if (!validInterval) {
    return [{ code: 'invalid_interval', start: request.start, end: request.end }, ...standing];
  }
  return [...TIME_RULES.flatMap((rule) => rule(request, context)), ...standing];
}
