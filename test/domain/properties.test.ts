// Random sequences of requests from many members, with evaluateBooking as the only gate in
// front of an in-memory list: whatever the order, the list never double-books.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateBooking } from '../../src/domain/rules.js';
import { suggestAlternatives } from '../../src/domain/alternatives.js';
import { isViolation } from '../../src/domain/violations.js';
import { overlaps } from '../../src/domain/interval.js';
import type { BookingRequest } from '../../src/domain/booking-request.js';
import type { ExistingBooking, Resource } from '../../src/domain/types.js';
import { MIN, at, context, desk, meetingRoom, sportsHall } from './fixtures.js';

const roomA = meetingRoom(1);
const roomBuffered = meetingRoom(2, {}, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
const roomLinked = meetingRoom(3, { linkedResourceIds: [1] });
const hall = sportsHall(4, { capacity: 5 }, { sharedPlaces: 5 });
const desk5 = desk(5);
const desk6 = desk(6);
const RESOURCES: Resource[] = [roomA, roomBuffered, roomLinked, hall, desk5, desk6];
const NOW = at('2026-03-20T07:00');
// The working days either side of the spring-forward weekend; only two, so requests collide often.
const DATES = ['2026-03-27', '2026-03-30'];

type Action =
  | {
      kind: 'book';
      resource: number;
      date: number;
      startQuarter: number;
      quarters: number;
      part: number;
      headcount: number;
      member: number;
    }
  | { kind: 'cancel'; pick: number };

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      resource: fc.integer({ min: 0, max: RESOURCES.length - 1 }),
      date: fc.integer({ min: 0, max: DATES.length - 1 }),
      startQuarter: fc.integer({ min: 0, max: 46 }), // from 08:00
      quarters: fc.integer({ min: 1, max: 16 }),
      part: fc.integer({ min: 0, max: 2 }),
      headcount: fc.integer({ min: 1, max: 4 }),
      member: fc.integer({ min: 1, max: 6 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

function toRequest(action: Extract<Action, { kind: 'book' }>): BookingRequest {
  const resource = RESOURCES[action.resource]!;
  const date = DATES[action.date]!;
  if (resource.rules.shape === 'half_day') {
    const [start, end] = (
      [
        ['08:30', '13:00'],
        ['13:00', '19:00'],
        ['08:30', '19:00'],
      ] as const
    )[action.part]!;
    return {
      resource,
      start: at(`${date}T${start}`),
      end: at(`${date}T${end}`),
      memberId: action.member,
      headcount: 1,
    };
  }
  // Snap to the resource's grid so that most requests meet the occupancy rules, not the shape ones.
  const unit = resource.rules.slotStepMinutes / 15;
  const start = at(`${date}T08:00`) + Math.floor(action.startQuarter / unit) * unit * 15 * MIN;
  const length = Math.ceil(action.quarters / unit) * unit * 15 * MIN;
  return { resource, start, end: start + length, memberId: action.member, headcount: action.headcount };
}

function run(actions: Action[]) {
  const bookings: ExistingBooking[] = [];
  const refusals: ReturnType<typeof evaluateBooking>[] = [];
  let nextId = 1;
  for (const action of actions) {
    if (action.kind === 'cancel') {
      const active = bookings.filter((b) => b.status === 'confirmed');
      const victim = active[action.pick % Math.max(1, active.length)];
      if (victim) victim.status = 'cancelled';
      continue;
    }
    const request = toRequest(action);
    const violations = evaluateBooking(request, context(RESOURCES, { now: NOW, existingBookings: bookings }));
    if (violations.length === 0) {
      bookings.push({
        id: nextId++,
        resourceId: request.resource.id,
        memberId: request.memberId,
        start: request.start,
        end: request.end,
        headcount: request.headcount,
        status: 'confirmed',
      });
    } else {
      refusals.push(violations);
      // Every reason that names a booking names a real, active one.
      for (const v of violations) {
        expect(isViolation(v)).toBe(true);
        if (
          v.code === 'conflict' ||
          v.code === 'buffer' ||
          v.code === 'linked_resource_busy' ||
          v.code === 'already_booked_elsewhere'
        ) {
          expect(bookings.find((b) => b.id === v.bookingId)?.status).toBe('confirmed');
        }
      }
    }
  }
  return { bookings: bookings.filter((b) => b.status === 'confirmed'), refusals };
}

const pairs = <T>(items: T[]) => items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as const));

describe('evaluateBooking as the only gate (property)', () => {
  it('never lets two bookings collide, whatever the order of requests', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { minLength: 1, maxLength: 60 }), (actions) => {
        const { bookings } = run(actions);
        const on = (id: number) => bookings.filter((b) => b.resourceId === id);

        for (const id of [1, 2, 3, 5, 6]) {
          for (const [a, b] of pairs(on(id))) expect(overlaps(a, b)).toBe(false);
        }
        for (const [a, b] of pairs(on(2))) {
          const gap = Math.max(a.start, b.start) - Math.min(a.end, b.end);
          expect(gap).toBeGreaterThanOrEqual(15 * MIN);
        }
        for (const a of on(1)) for (const b of on(3)) expect(overlaps(a, b)).toBe(false);
        for (const moment of on(4).map((b) => b.start)) {
          const present = on(4).filter((b) => b.start <= moment && moment < b.end);
          expect(present.reduce((sum, b) => sum + b.headcount, 0)).toBeLessThanOrEqual(5);
        }
        const deskBookings = bookings.filter((b) => b.resourceId === 5 || b.resourceId === 6);
        for (const [a, b] of pairs(deskBookings)) {
          if (a.memberId === b.memberId) expect(overlaps(a, b)).toBe(false);
        }
        // Every accepted booking still passes the rules against the final list.
        for (const b of bookings) {
          const resource = RESOURCES.find((r) => r.id === b.resourceId)!;
          const again = {
            resource,
            start: b.start,
            end: b.end,
            memberId: b.memberId!,
            headcount: b.headcount,
            excludeBookingId: b.id,
          };
          expect(evaluateBooking(again, context(RESOURCES, { now: NOW, existingBookings: bookings }))).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('suggestions are free, at most five, same day first', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { minLength: 5, maxLength: 40 }), arbAction, (actions, last) => {
        if (last.kind !== 'book') return;
        const { bookings } = run(actions);
        const request = toRequest(last);
        const ctx = context(RESOURCES, { now: NOW, existingBookings: bookings });
        const equivalents = RESOURCES.map((resource) => ({ resource, context: ctx }));
        const found = suggestAlternatives(request, ctx, equivalents);
        expect(found.length).toBeLessThanOrEqual(5);
        const offsets = found.map((s) => s.dayOffset);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        for (const s of found) {
          const resource = RESOURCES.find((r) => r.id === s.resourceId)!;
          expect(evaluateBooking({ ...request, resource, start: s.start, end: s.end }, ctx)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
