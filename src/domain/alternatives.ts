// Suggestions for a refused request: the same resource at the nearest free times of the
// same length, and equivalent resources at the requested time. Every suggestion is checked
// by evaluateBooking, the one source of truth; this file only proposes candidates, ranks
// them, and stops early, so the cost stays bounded (a few hundred evaluations at most). A
// start that is refused for certain (it meets another booking of an exclusive resource) is
// left out before evaluation: it could never be suggested.

import type { Instant, Resource } from './types.js';
import { isActive, type BookingContext, type BookingRequest } from './booking-request.js';
import { evaluateBooking } from './rules.js';
import { MINUTE_MS } from './interval.js';
import { addDays, type LocalDate } from './local-date.js';
import { effectivePeriods, openIntervalsOfDate } from './opening-hours.js';
import { halfDaySlotsOfDate } from './half-day.js';
import { localDateOf, wallClockMsOfDay } from './zoned-time.js';

export interface Suggestion {
  kind: 'same_resource' | 'equivalent_resource';
  resourceId: number;
  resourceName: string;
  start: Instant;
  end: Instant;
  localDate: LocalDate;
  /** 0 on the requested day, 1 the day after... */
  dayOffset: number;
  /** |suggested start - requested start| */
  distanceMinutes: number;
}

/** Another resource and the context its rules need (its own bookings, closures, hours). */
export interface AlternativeCandidate {
  resource: Resource;
  context: BookingContext;
}

export interface AlternativesOptions {
  /** At most this many suggestions (5). */
  limit?: number;
  /** Days searched from the requested one, that day included (7). */
  searchDays?: number;
  /** At most this many other resources, so later times of the same one still show (3). */
  maxEquivalent?: number;
  /** Hard bound on evaluateBooking calls (300). */
  maxEvaluations?: number;
}

/** Same kind, room for the group, and at least the requested one's equipment and accessibility. */
export function isEquivalentResource(requested: Resource, candidate: Resource, headcount: number): boolean {
  return (
    candidate.id !== requested.id &&
    candidate.kind === requested.kind &&
    candidate.capacity >= headcount &&
    requested.equipment.every((e) => candidate.equipment.includes(e)) &&
    requested.accessibility.every((a) => candidate.accessibility.includes(a))
  );
}

interface Candidate {
  suggestion: Suggestion;
  /** Distance between wall-clock times of day: on later days, 10:00 is nearest to a refused 10:00. */
  timeOfDayDistance: number;
  request: BookingRequest;
  context: BookingContext;
}

/** Start instants of the same length on the resource's grid, within each opening of the date. */
export function startsOnDate(request: BookingRequest, context: BookingContext, date: LocalDate): Instant[] {
  const periods = effectivePeriods(context.sitePeriods, context.resourceOverridePeriods);
  const rules = request.resource.rules;
  const length = request.end - request.start;
  if (rules.shape === 'half_day') {
    return halfDaySlotsOfDate(periods, date, context.zone, rules.halfDaySplit)
      .filter((slot) => slot.end - slot.start === length)
      .map((slot) => slot.start);
  }
  const stepMs = Math.max(1, rules.slotStepMinutes) * MINUTE_MS;
  const starts: Instant[] = [];
  for (const open of openIntervalsOfDate(periods, date, context.zone)) {
    const offGrid = wallClockMsOfDay(open.start, context.zone) % stepMs;
    for (let start = open.start + (offGrid ? stepMs - offGrid : 0); start + length <= open.end; start += stepMs) {
      starts.push(start);
    }
  }
  return starts;
}

/** Same day first, then the nearest time of day, earlier first on ties. */
function rank(a: Candidate, b: Candidate): number {
  const x = a.suggestion;
  const y = b.suggestion;
  return (
    x.dayOffset - y.dayOffset ||
    a.timeOfDayDistance - b.timeOfDayDistance ||
    (x.kind === y.kind ? 0 : x.kind === 'same_resource' ? -1 : 1) ||
    x.start - y.start ||
    x.resourceId - y.resourceId
  );
}

export function suggestAlternatives(
  request: BookingRequest,
  context: BookingContext,
  equivalents: readonly AlternativeCandidate[],
  options: AlternativesOptions = {},
): Suggestion[] {
  const { limit = 5, searchDays = 7, maxEquivalent = 3, maxEvaluations = 300 } = options;
  const length = request.end - request.start;
  if (!(length > 0)) return [];
  const requestedDate = localDateOf(request.start, context.zone);
  const requestedTimeOfDay = wallClockMsOfDay(request.start, context.zone);
  // The date of each start is the date it was generated for (starts never cross midnight):
  // a few hundred candidates need no date arithmetic of their own.
  const candidate = (
    resource: Resource,
    start: Instant,
    date: { localDate: LocalDate; dayOffset: number },
    kind: Suggestion['kind'],
    evaluated: Pick<Candidate, 'request' | 'context'>,
  ): Candidate => ({
    suggestion: {
      kind,
      resourceId: resource.id,
      resourceName: resource.name,
      start,
      end: start + length,
      ...date,
      distanceMinutes: Math.abs(start - request.start) / MINUTE_MS,
    },
    timeOfDayDistance: Math.abs(wallClockMsOfDay(start, context.zone) - requestedTimeOfDay),
    ...evaluated,
  });

  // Candidates rank by day first, so each day is generated, ranked and tried in turn, and
  // the search stops as soon as enough are found: later days are never even built.
  const found: Suggestion[] = [];
  let equivalentCount = 0;
  let evaluations = 0;
  // A booking can only matter to a start within the resource's largest buffer of it.
  const margin =
    Math.max(request.resource.rules.bufferBeforeMinutes, request.resource.rules.bufferAfterMinutes) * MINUTE_MS;
  for (let day = 0; day < searchDays; day += 1) {
    if (found.length >= limit || evaluations >= maxEvaluations) break;
    const localDate = addDays(requestedDate, day);
    const starts = startsOnDate(request, context, localDate).filter(
      (start) => start !== request.start && start >= context.now,
    );
    // The refused time itself, and times already past, cannot be the answer.
    const candidates: Candidate[] = [];
    if (starts.length > 0) {
      // The same rules over only the bookings near this day's starts: a booking further away
      // cannot touch any of them, so every verdict is the one the whole window would give.
      const from = Math.min(...starts) - margin;
      const to = Math.max(...starts) + length + margin;
      const dayContext: BookingContext = {
        ...context,
        existingBookings: context.existingBookings.filter((b) => b.start < to && b.end > from),
      };
      // On an exclusive resource, a start whose time (widened by the buffers) meets another
      // active booking is refused for certain (a conflict or a buffer): it is left out before
      // the rules are asked. A full day then costs a scan, not an evaluation per start.
      const rules = request.resource.rules;
      const blocking =
        rules.capacityModel === 'exclusive'
          ? dayContext.existingBookings.filter(
              (b) => b.resourceId === request.resource.id && isActive(b) && b.id !== request.excludeBookingId,
            )
          : [];
      const before = rules.bufferBeforeMinutes * MINUTE_MS;
      const after = rules.bufferAfterMinutes * MINUTE_MS;
      for (const start of starts) {
        if (blocking.some((b) => b.start < start + length + after && b.end > start - before)) continue;
        candidates.push(
          candidate(request.resource, start, { localDate, dayOffset: day }, 'same_resource', {
            request: { ...request, start, end: start + length },
            context: dayContext,
          }),
        );
      }
    }
    if (day === 0) {
      for (const other of equivalents) {
        if (!isEquivalentResource(request.resource, other.resource, request.headcount)) continue;
        candidates.push(
          candidate(other.resource, request.start, { localDate: requestedDate, dayOffset: 0 }, 'equivalent_resource', {
            // A moved booking stays excluded: moving a desk booking to another desk is not "booked elsewhere".
            request: { ...request, resource: other.resource },
            context: other.context,
          }),
        );
      }
    }
    candidates.sort(rank);
    for (const c of candidates) {
      if (found.length >= limit || evaluations >= maxEvaluations) break;
      const isEquivalent = c.suggestion.kind === 'equivalent_resource';
      if (isEquivalent && equivalentCount >= maxEquivalent) continue;
      evaluations += 1;
      if (evaluateBooking(c.request, c.context).length > 0) continue;
      found.push(c.suggestion);
      if (isEquivalent) equivalentCount += 1;
    }
  }
  return found;
}
