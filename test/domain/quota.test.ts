import { describe, expect, it } from 'vitest';
import { calendarMonthOf, countHalfDays, planCutoff, quotaAmount, usageWithin } from '../../src/domain/quota.js';
import { HOUR, ZONE, at, utc } from './fixtures.js';

describe('calendar month in the site zone', () => {
  it.each([
    // 00:30 Paris on 1 March is still February in UTC.
    ['2026-02-28T23:30:00Z', '2026-03', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', 31 * 24 - 1],
    ['2026-03-31T21:59:59Z', '2026-03', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', 31 * 24 - 1],
    ['2026-03-31T22:00:00Z', '2026-04', '2026-03-31T22:00:00Z', '2026-04-30T22:00:00Z', 30 * 24],
    ['2026-10-15T12:00:00Z', '2026-10', '2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z', 31 * 24 + 1],
    ['2026-12-31T23:30:00Z', '2027-01', '2026-12-31T23:00:00Z', '2027-01-31T23:00:00Z', 31 * 24],
  ])('%s is in %s', (iso, month, start, end, hours) => {
    const found = calendarMonthOf(utc(iso), ZONE);
    expect(found).toEqual({ month, start: utc(start), end: utc(end) });
    expect((found.end - found.start) / HOUR).toBe(hours);
  });
});

describe('half-days', () => {
  it.each([
    ['morning', '2026-03-03T08:30', '2026-03-03T13:00', 1],
    ['afternoon', '2026-03-03T13:00', '2026-03-03T19:00', 1],
    ['full day', '2026-03-03T08:30', '2026-03-03T19:00', 2],
    ['an hour either side of the split', '2026-03-03T12:00', '2026-03-03T14:00', 2],
    ['two full days', '2026-03-03T08:30', '2026-03-04T19:00', 4],
    ['a morning on the 25 h day', '2026-10-25T08:30', '2026-10-25T13:00', 1],
    ['an afternoon up to midnight', '2026-03-03T13:00', '2026-03-04T00:00', 1],
    ['an evening to the next morning', '2026-03-03T20:00', '2026-03-04T09:00', 2],
    ['across the 23 h day', '2026-03-28T20:00', '2026-03-30T09:00', 4],
  ])('%s counts %d', (_, start, end, expected) => {
    expect(countHalfDays({ start: at(start), end: at(end) }, ZONE, '13:00')).toBe(expected);
  });

  it('amount in minutes is the length', () => {
    expect(quotaAmount({ start: at('2026-03-03T10:00'), end: at('2026-03-03T11:30') }, 'minutes', ZONE, '13:00')).toBe(
      90,
    );
  });
});

describe('usage within a month', () => {
  const march = calendarMonthOf(at('2026-03-10T12:00'), ZONE);
  const bookings = [
    { start: at('2026-03-03T10:00'), end: at('2026-03-03T11:00') },
    { start: at('2026-03-03T10:30'), end: at('2026-03-03T11:00') },
    // crosses into April: only the March part counts
    { start: at('2026-03-31T23:00'), end: at('2026-04-01T01:00') },
    { start: at('2026-02-27T10:00'), end: at('2026-02-27T11:00') },
    { start: at('2026-04-02T10:00'), end: at('2026-04-02T11:00') },
  ];
  it('in minutes: clipped to the month, overlapping bookings each count', () => {
    expect(usageWithin(bookings, march, 'minutes', ZONE, '13:00')).toBe(60 + 30 + 60);
  });
  it('in half-days', () => {
    const desks = [
      { start: at('2026-03-03T08:30'), end: at('2026-03-03T19:00') },
      { start: at('2026-03-04T13:00'), end: at('2026-03-04T19:00') },
      { start: at('2026-04-01T08:30'), end: at('2026-04-01T13:00') },
    ];
    expect(usageWithin(desks, march, 'half_days', ZONE, '13:00')).toBe(3);
  });
});

describe('the plan of a month', () => {
  it.each([
    ['2027-01', '2027-02-01'],
    ['2027-02', '2027-03-01'],
    ['2028-02', '2028-03-01'],
    ['2026-12', '2027-01-01'],
  ])('plans starting before the cutoff govern %s: %s', (month, cutoff) => {
    expect(planCutoff({ month })).toBe(cutoff);
  });
});
