import { describe, expect, it } from 'vitest';
import {
  checkInWindow,
  checkOutEnd,
  graceMinutes,
  isDueForRelease,
  judgeCheckIn,
  judgeCheckOut,
  releaseDeadline,
  type CheckInSubject,
} from '../../src/domain/check-in.js';
import type { BookingRules, CheckInPolicy } from '../../src/domain/types.js';
import { at, MIN, ZONE } from './fixtures.js';

const DESK_POLICY: CheckInPolicy = {
  kind: 'desk',
  graceMinutes: 120,
  accessNeedGraceMinutes: 180,
  opensBeforeMinutes: 30,
};
const ROOM_POLICY: CheckInPolicy = {
  kind: 'meeting_room',
  graceMinutes: 15,
  accessNeedGraceMinutes: 30,
  opensBeforeMinutes: 15,
};

const rules = (extra: Partial<BookingRules>) => ({
  rules: {
    shape: 'steps',
    slotStepMinutes: 15,
    checkInGraceMinutes: 15,
    halfDaySplit: '13:00',
    ...extra,
  } as BookingRules,
});
const room = rules({ shape: 'steps', slotStepMinutes: 15, checkInGraceMinutes: 15 });
const desk = rules({ shape: 'half_day', slotStepMinutes: 30, checkInGraceMinutes: 120 });

/** A confirmed room booking on Monday 7 December 2026, 10:00–12:00 Paris. */
const booking = (extra: Partial<CheckInSubject> = {}): CheckInSubject => ({
  startsAt: at('2026-12-07T10:00'),
  endsAt: at('2026-12-07T12:00'),
  status: 'confirmed',
  checkedInAt: null,
  checkedOutAt: null,
  ...extra,
});

describe('check-in window', () => {
  it('opens the kind’s minutes before the start and closes at the end', () => {
    expect(checkInWindow(booking(), ROOM_POLICY)).toEqual({
      start: at('2026-12-07T09:45'),
      end: at('2026-12-07T12:00'),
    });
    expect(checkInWindow(booking(), DESK_POLICY).start).toBe(at('2026-12-07T09:30'));
    // A kind without a policy: 30 minutes, the schema's default.
    expect(checkInWindow(booking(), undefined).start).toBe(at('2026-12-07T09:30'));
  });
});

describe('judging a check-in', () => {
  it.each([
    ['09:44', { ok: false, violation: { code: 'check_in_not_open_yet', opensAt: at('2026-12-07T09:45') } }],
    ['09:45', { ok: true, alreadyCheckedIn: false }],
    ['10:05', { ok: true, alreadyCheckedIn: false }],
    ['11:59', { ok: true, alreadyCheckedIn: false }],
    ['12:00', { ok: false, violation: { code: 'check_in_over', endedAt: at('2026-12-07T12:00') } }],
  ])('at %s', (time, expected) => {
    expect(judgeCheckIn(booking(), ROOM_POLICY, at(`2026-12-07T${time}`))).toEqual(expected);
  });

  it('opens one millisecond exactly at the window’s start, not before', () => {
    const opens = at('2026-12-07T09:45');
    expect(judgeCheckIn(booking(), ROOM_POLICY, opens - 1).ok).toBe(false);
    expect(judgeCheckIn(booking(), ROOM_POLICY, opens).ok).toBe(true);
  });

  it.each(['cancelled', 'released', 'rejected', 'pending'] as const)('refuses a %s booking', (status) => {
    expect(judgeCheckIn(booking({ status }), ROOM_POLICY, at('2026-12-07T10:00'))).toEqual({
      ok: false,
      violation: { code: 'booking_not_active', status },
    });
  });

  it('accepts a second check-in and says it changes nothing, even after the end', () => {
    const checkedIn = booking({ checkedInAt: at('2026-12-07T10:02') });
    expect(judgeCheckIn(checkedIn, ROOM_POLICY, at('2026-12-07T10:30'))).toEqual({ ok: true, alreadyCheckedIn: true });
    expect(judgeCheckIn(checkedIn, ROOM_POLICY, at('2026-12-07T13:00'))).toEqual({ ok: true, alreadyCheckedIn: true });
  });
});

describe('release deadline', () => {
  it.each([
    ['room, no access need', room, ROOM_POLICY, [], '2026-12-07T10:15'],
    ['room, access need', room, ROOM_POLICY, ['step_free'], '2026-12-07T10:30'],
    ['desk', desk, DESK_POLICY, [], '2026-12-07T12:00'],
    // 10:00 + 180 min = 13:00, after the 12:00 end: the end is the deadline.
    ['desk, access need, capped at the end', desk, DESK_POLICY, ['quiet'], '2026-12-07T12:00'],
    [
      'a resource’s own longer grace keeps the extra minutes',
      rules({ checkInGraceMinutes: 45 }),
      ROOM_POLICY,
      ['x'],
      '2026-12-07T11:00',
    ],
  ] as const)('%s', (_name, resource, policy, needs, expected) => {
    expect(releaseDeadline(booking(), resource, policy, needs)).toBe(at(expected));
  });

  it('is null for a kind without a policy, or a resource without grace', () => {
    expect(releaseDeadline(booking(), room, undefined, [])).toBeNull();
    expect(releaseDeadline(booking(), rules({ checkInGraceMinutes: null }), ROOM_POLICY, [])).toBeNull();
    expect(graceMinutes(room, undefined, ['step_free'])).toBeNull();
  });

  it('makes a booking due exactly at the deadline, never when checked in or not confirmed', () => {
    const deadline = at('2026-12-07T10:15');
    expect(isDueForRelease(booking(), deadline, deadline - 1)).toBe(false);
    expect(isDueForRelease(booking(), deadline, deadline)).toBe(true);
    expect(isDueForRelease(booking({ checkedInAt: deadline - MIN }), deadline, deadline + MIN)).toBe(false);
    expect(isDueForRelease(booking({ status: 'pending' }), deadline, deadline)).toBe(false);
    expect(isDueForRelease(booking({ status: 'released' }), deadline, deadline)).toBe(false);
    expect(isDueForRelease(booking(), null, deadline)).toBe(false);
  });
});

describe('check-out', () => {
  const checkedIn = booking({ checkedInAt: at('2026-12-07T09:55') });

  it.each([
    // Rounded up to the next 15-minute step from the start, at least one step.
    ['09:58', '10:15'],
    ['10:00', '10:15'],
    ['10:01', '10:15'],
    ['10:15', '10:15'],
    ['10:16', '10:30'],
    ['11:50', '12:00'],
  ])('of a room at %s ends it at %s', (time, end) => {
    expect(judgeCheckOut(checkedIn, room, ZONE, at(`2026-12-07T${time}`))).toEqual({
      ok: true,
      endsAt: at(`2026-12-07T${end}`),
    });
  });

  it('steps from the start, not from the hour', () => {
    const odd = booking({ startsAt: at('2026-12-07T10:10'), checkedInAt: at('2026-12-07T10:10') });
    expect(checkOutEnd(odd, rules({ slotStepMinutes: 30 }), ZONE, at('2026-12-07T10:41'))).toBe(at('2026-12-07T11:10'));
  });

  it.each([
    // A full-day desk left in the morning ends at the split; the afternoon is free.
    ['08:30', '18:00', '11:00', '13:00'],
    // Left in the afternoon, or a half-day: it ends where it ended.
    ['08:30', '18:00', '14:00', '18:00'],
    ['08:30', '13:00', '10:00', '13:00'],
    ['13:00', '18:00', '15:00', '18:00'],
  ])('of a desk booked %s–%s at %s ends it at %s', (start, end, now, expected) => {
    const day = booking({
      startsAt: at(`2026-12-07T${start}`),
      endsAt: at(`2026-12-07T${end}`),
      checkedInAt: at(`2026-12-07T${start}`),
    });
    expect(checkOutEnd(day, desk, ZONE, at(`2026-12-07T${now}`))).toBe(at(`2026-12-07T${expected}`));
  });

  it.each([
    ['not checked in', booking(), '10:30', { code: 'not_checked_in' }],
    ['ended', checkedIn, '12:00', { code: 'check_out_over', endedAt: at('2026-12-07T12:00') }],
    [
      'already out',
      booking({ checkedInAt: at('2026-12-07T10:00'), checkedOutAt: at('2026-12-07T10:20') }),
      '10:25',
      { code: 'already_checked_out', checkedOutAt: at('2026-12-07T10:20') },
    ],
    [
      'cancelled',
      booking({ status: 'cancelled', checkedInAt: at('2026-12-07T10:00') }),
      '10:30',
      { code: 'booking_not_active', status: 'cancelled' },
    ],
  ] as const)('is refused when %s', (_name, subject, time, violation) => {
    expect(judgeCheckOut(subject, room, ZONE, at(`2026-12-07T${time}`))).toEqual({ ok: false, violation });
  });
});
