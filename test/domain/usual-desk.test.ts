// The pure parts of the members' pages: which half-day a desk booking held, the next
// half-days of a part (not ended, not closed, open days only), the usual length a space's
// page offers, and its next free times on the resource's grid around busy time.
import { describe, expect, it } from 'vitest';
import { nextFreeSlots, usualMinutes } from '../../src/domain/free-slots.js';
import { halfDayPartOf, nextHalfDays, type HalfDayCalendar } from '../../src/domain/usual-desk.js';
import { at, desk, meetingRoom, SITE_PERIODS, ZONE } from './fixtures.js';

const calendar: HalfDayCalendar = { periods: SITE_PERIODS, closures: [], zone: ZONE, halfDaySplit: '13:00' };

describe('halfDayPartOf', () => {
  it.each([
    ['2026-12-07T08:30', '2026-12-07T13:00', 'morning'],
    ['2026-12-07T13:00', '2026-12-07T19:00', 'afternoon'],
    ['2026-12-07T08:30', '2026-12-07T19:00', 'full_day'],
    // Shapes the slots do not match exactly still fall on a side of the split.
    ['2026-12-07T09:00', '2026-12-07T12:00', 'morning'],
    ['2026-12-07T14:00', '2026-12-07T16:00', 'afternoon'],
    ['2026-12-07T12:00', '2026-12-07T14:00', 'full_day'],
  ] as const)('%s–%s is the %s', (start, end, part) => {
    expect(halfDayPartOf({ start: at(start), end: at(end) }, calendar)).toBe(part);
  });
});

describe('nextHalfDays', () => {
  it('starts with the half-day under way, skips the weekend and a closed day', () => {
    const closed = {
      ...calendar,
      closures: [{ id: 1, resourceId: null, start: at('2026-12-08T00:00'), end: at('2026-12-09T00:00'), reason: 'x' }],
    };
    const slots = nextHalfDays('morning', closed, at('2026-12-07T10:00'), 8);
    expect(slots.map((s) => s.date)).toEqual(['2026-12-07', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14']);
  });

  it('leaves out a half-day that has ended', () => {
    expect(nextHalfDays('morning', calendar, at('2026-12-07T13:00'), 2).map((s) => s.date)).toEqual(['2026-12-08']);
  });
});

describe('next free times', () => {
  it('offers an hour when the rules allow it, else the nearest length on the grid', () => {
    expect(usualMinutes(meetingRoom(1).rules)).toBe(60);
    expect(usualMinutes(meetingRoom(1, {}, { minDurationMinutes: 120, slotStepMinutes: 30 }).rules)).toBe(120);
    expect(usualMinutes(meetingRoom(1, {}, { maxDurationMinutes: 45 }).rules)).toBe(45);
    expect(usualMinutes(meetingRoom(1, {}, { slotStepMinutes: 40 }).rules)).toBe(80);
  });

  it('starts on the grid after now and fills each free stretch back to back', () => {
    const free = [
      { start: at('2026-12-07T08:30'), end: at('2026-12-07T11:30') },
      { start: at('2026-12-07T12:30'), end: at('2026-12-07T19:00') },
    ];
    const slots = nextFreeSlots({
      resource: meetingRoom(1, {}, { slotStepMinutes: 15 }),
      free,
      periods: SITE_PERIODS,
      zone: ZONE,
      now: at('2026-12-07T09:07'),
      count: 3,
    });
    expect(slots).toEqual([
      { start: at('2026-12-07T09:15'), end: at('2026-12-07T10:15') },
      { start: at('2026-12-07T10:15'), end: at('2026-12-07T11:15') },
      { start: at('2026-12-07T12:30'), end: at('2026-12-07T13:30') },
    ]);
  });

  it('offers a desk its free half-days, never a whole day', () => {
    const slots = nextFreeSlots({
      resource: desk(1),
      free: [{ start: at('2026-12-07T13:00'), end: at('2026-12-07T19:00') }],
      periods: SITE_PERIODS,
      zone: ZONE,
      now: at('2026-12-07T10:00'),
      count: 5,
    });
    expect(slots).toEqual([{ start: at('2026-12-07T13:00'), end: at('2026-12-07T19:00') }]);
  });
});
