// Rules about WHO ELSE holds the place: conflicts and buffers on an exclusive resource,
// places on a shared one, linked resources, and one desk per person at a time.

import type { ExistingBooking, Interval, Resource } from './types.js';
import { type BookingContext, type BookingRequest, isActive } from './booking-request.js';
import type { Violation } from './violations.js';
import { MINUTE_MS, extend, intersect, overlaps } from './interval.js';

/** Active bookings that still count, leaving out the booking being moved. */
function others(request: BookingRequest, context: BookingContext): ExistingBooking[] {
  return context.existingBookings.filter((b) => isActive(b) && b.id !== request.excludeBookingId);
}

/**
 * Back-to-back is allowed; buffers then demand a gap. Both sides are widened by THIS
 * resource's buffers, so the gap needed between two bookings is max(before, after).
 */
export function checkExclusiveOccupancy(request: BookingRequest, context: BookingContext): Violation[] {
  const { capacityModel, bufferBeforeMinutes, bufferAfterMinutes } = request.resource.rules;
  if (capacityModel !== 'exclusive') return [];
  const before = bufferBeforeMinutes * MINUTE_MS;
  const after = bufferAfterMinutes * MINUTE_MS;
  const widened = extend(request, before, after);
  const violations: Violation[] = [];
  for (const b of others(request, context)) {
    if (b.resourceId !== request.resource.id) continue;
    if (overlaps(b, request)) {
      violations.push({ code: 'conflict', bookingId: b.id, start: b.start, end: b.end });
    } else if (overlaps(widened, b) || overlaps(extend(b, before, after), request)) {
      violations.push({
        code: 'buffer',
        bookingId: b.id,
        start: b.start,
        end: b.end,
        bufferBeforeMinutes,
        bufferAfterMinutes,
      });
    }
  }
  return violations;
}

/** The highest sum of headcounts at any instant of `window`, by a sweep over start/end events. */
function peakHeadcount(bookings: readonly (Interval & { headcount: number })[], window: Interval): number {
  const events: [number, number][] = [];
  for (const b of bookings) {
    const part = intersect(b, window);
    if (part) events.push([part.start, b.headcount], [part.end, -b.headcount]);
  }
  // At equal instants, ends before starts: back-to-back groups never add up.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** The number of places of a shared resource; a missing setting falls back to its capacity. */
export function sharedPlacesOf(resource: Resource): number {
  return resource.rules.sharedPlaces ?? resource.capacity;
}

export function checkSharedCapacity(request: BookingRequest, context: BookingContext): Violation[] {
  if (request.resource.rules.capacityModel !== 'shared') return [];
  const sharedPlaces = sharedPlacesOf(request.resource);
  const sameResource = others(request, context).filter((b) => b.resourceId === request.resource.id);
  const peak = peakHeadcount(sameResource, request);
  if (peak + request.headcount <= sharedPlaces) return [];
  return [
    { code: 'capacity_full', placesLeft: Math.max(0, sharedPlaces - peak), sharedPlaces, headcount: request.headcount },
  ];
}

/** Links are symmetric: either side may list the other. */
export function linkedResourceIds(resource: Resource, resourcesById: ReadonlyMap<number, Resource>): Set<number> {
  const linked = new Set(resource.linkedResourceIds);
  for (const other of resourcesById.values()) {
    if (other.linkedResourceIds.includes(resource.id)) linked.add(other.id);
  }
  linked.delete(resource.id);
  return linked;
}

function nameOf(resourceId: number, context: BookingContext): string {
  return context.resourcesById.get(resourceId)?.name ?? `#${resourceId}`;
}

export function checkLinkedResources(request: BookingRequest, context: BookingContext): Violation[] {
  // Only another resource's booking at the same time can be a linked one: without any, the
  // links need not be looked up (suggestions ask this a few hundred times per refusal).
  const elsewhere = others(request, context).filter(
    (b) => b.resourceId !== request.resource.id && overlaps(b, request),
  );
  if (elsewhere.length === 0) return [];
  const linked = linkedResourceIds(request.resource, context.resourcesById);
  if (linked.size === 0) return [];
  return elsewhere
    .filter((b) => linked.has(b.resourceId))
    .map((b) => ({
      code: 'linked_resource_busy',
      resourceId: b.resourceId,
      resourceName: nameOf(b.resourceId, context),
      bookingId: b.id,
      start: b.start,
      end: b.end,
    }));
}

/** A person sits at one desk at a time; the same desk is already a conflict. */
export function checkOneDeskPerMember(request: BookingRequest, context: BookingContext): Violation[] {
  if (request.resource.kind !== 'desk' || request.memberId === null) return [];
  return others(request, context)
    .filter(
      (b) =>
        b.memberId === request.memberId &&
        b.resourceId !== request.resource.id &&
        context.resourcesById.get(b.resourceId)?.kind === 'desk' &&
        overlaps(b, request),
    )
    .map((b) => ({
      code: 'already_booked_elsewhere',
      bookingId: b.id,
      resourceId: b.resourceId,
      resourceName: nameOf(b.resourceId, context),
      start: b.start,
      end: b.end,
    }));
}

export function checkOverCapacity(request: BookingRequest): Violation[] {
  const { capacity } = request.resource;
  return request.headcount > capacity ? [{ code: 'over_capacity', capacity, headcount: request.headcount }] : [];
}
