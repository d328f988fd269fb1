import { describe, expect, it } from 'vitest';
import {
  expandSeries,
  nthWeekdayOfMonth,
  recurrenceRuleProblems,
  type Occurrence,
  type SeriesRule,
} from '../../src/domain/recurrence.js';
import { decideSeries, planSeries, seriesEvaluator } from '../../src/domain/series-plan.js';
import { calendarMonthOf } from '../../src/domain/quota.js';
import { ZONE, at, booking, context, meetingRoom, utc } from './fixtures.js';

const FAR = utc('2030-01-01T00:00:00Z');

function expand(rule: SeriesRule, first: string, duration = 60, horizon = FAR, maxOccurrences?: number) {
  const result = expandSeries(rule, first, duration, {
    zone: ZONE,
    horizon,
    ...(maxOccurrences ? { maxOccurrences } : {}),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.violation));
  return result.expansion;
}
const dates = (occurrences: Occurrence[]) => occurrences.map((o) => o.localDate);
const starts = (occurrences: Occurrence[]) =>
  occurrences.map((o) => (o.ok ? new Date(o.start).toISOString() : o.violation.code));

describe('wall-clock time is kept across DST changes', () => {
  it.each([
    [
      'weekly Monday 09:00 over 2026-03-29',
      { freq: 'weekly', interval: 1, count: 4 },
      '2026-03-16T09:00',
      ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z'],
    ],
    [
      'weekly Monday 09:00 over 2026-10-25',
      { freq: 'weekly', interval: 1, count: 3 },
      '2026-10-19T09:00',
      ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z'],
    ],
    [
      'daily 09:00 over 2027-03-28',
      { freq: 'daily', interval: 1, count: 4 },
      '2027-03-26T09:00',
      ['2027-03-26T08:00:00.000Z', '2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z', '2027-03-29T07:00:00.000Z'],
    ],
    [
      'daily 18:30 over 2027-10-31',
      { freq: 'daily', interval: 1, count: 3 },
      '2027-10-30T18:30',
      ['2027-10-30T16:30:00.000Z', '2027-10-31T17:30:00.000Z', '2027-11-01T17:30:00.000Z'],
    ],
  ] as const)('%s', (_, rule, first, expected) => {
    const { occurrences } = expand(rule as SeriesRule, first);
    expect(starts(occurrences)).toEqual(expected);
    expect(occurrences.every((o) => o.localStart.endsWith(first.slice(10)))).toBe(true);
  });

  it('a time skipped by spring forward is refused on that occurrence only', () => {
    const { occurrences } = expand({ freq: 'daily', interval: 1, count: 3 }, '2026-03-28T02:30');
    expect(starts(occurrences)).toEqual([
      '2026-03-28T01:30:00.000Z',
      'nonexistent_local_time',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(occurrences[1]).toEqual({
      index: 1,
      localDate: '2026-03-29',
      localStart: '2026-03-29T02:30',
      ok: false,
      violation: { code: 'nonexistent_local_time', local: '2026-03-29T02:30', zone: ZONE },
    });
  });

  it('a repeated time means its first occurrence', () => {
    const { occurrences } = expand({ freq: 'daily', interval: 1, count: 3 }, '2026-10-24T02:30');
    expect(starts(occurrences)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('the end is the start plus the duration in real minutes', () => {
    const [o] = expand({ freq: 'daily', interval: 1, count: 1 }, '2026-10-25T01:00', 180).occurrences;
    expect(o?.ok && o.end - o.start).toBe(180 * 60_000);
  });
});

describe('frequencies', () => {
  it.each([
    [
      'every other day',
      { freq: 'daily', interval: 2, count: 3 },
      '2026-03-02T10:00',
      ['2026-03-02', '2026-03-04', '2026-03-06'],
    ],
    [
      'Mon/Wed/Fri every other week, starting on a Wednesday',
      { freq: 'weekly', interval: 2, byWeekday: [5, 1, 3], count: 5 },
      '2026-03-04T10:00',
      ['2026-03-04', '2026-03-06', '2026-03-16', '2026-03-18', '2026-03-20'],
    ],
    [
      'monthly on the 31st skips short months',
      { freq: 'monthly', interval: 1, count: 4 },
      '2026-01-31T10:00',
      ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'],
    ],
    [
      'monthly on 29 February every year only in leap years',
      { freq: 'monthly', interval: 12, count: 2 },
      '2028-02-29T10:00',
      ['2028-02-29', '2032-02-29'],
    ],
    [
      'second Tuesday',
      { freq: 'monthly', interval: 1, monthlyBy: 'nth_weekday', count: 3 },
      '2026-01-13T10:00',
      ['2026-01-13', '2026-02-10', '2026-03-10'],
    ],
    [
      'last Friday',
      { freq: 'monthly', interval: 1, monthlyBy: 'nth_weekday', nth: -1, count: 3 },
      '2026-01-30T10:00',
      ['2026-01-30', '2026-02-27', '2026-03-27'],
    ],
    [
      'fifth Thursday skips months without one',
      { freq: 'monthly', interval: 1, monthlyBy: 'nth_weekday', count: 3 },
      '2026-01-29T10:00',
      ['2026-01-29', '2026-04-30', '2026-07-30'],
    ],
    [
      'until is included',
      { freq: 'weekly', interval: 1, until: '2026-03-16' },
      '2026-03-02T10:00',
      ['2026-03-02', '2026-03-09', '2026-03-16'],
    ],
  ] as const)('%s', (_, rule, first, expected) => {
    expect(dates(expand(rule as SeriesRule, first, 60, utc('2040-01-01T00:00:00Z')).occurrences)).toEqual(expected);
  });

  it.each([
    [2026, 3, 1, 1, '2026-03-02'],
    [2026, 3, 1, -1, '2026-03-30'],
    [2026, 2, 6, -1, '2026-02-28'],
    [2026, 2, 1, 5, null],
  ] as const)('%d-%d weekday %d nth %d', (year, month, weekday, nth, expected) => {
    expect(nthWeekdayOfMonth(year, month, weekday, nth)).toBe(expected);
  });
});

describe('bounds', () => {
  it('stops at the horizon', () => {
    const expansion = expand({ freq: 'weekly', interval: 1 }, '2026-03-02T10:00', 60, at('2026-03-23T10:00'));
    expect(dates(expansion.occurrences)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(expansion.stoppedBy).toBe('horizon');
  });

  it('stops at the hard cap', () => {
    const expansion = expand({ freq: 'daily', interval: 1 }, '2026-03-02T10:00');
    expect(expansion.occurrences).toHaveLength(200);
    expect(expansion.stoppedBy).toBe('cap');
    expect(expand({ freq: 'daily', interval: 1, count: 500 }, '2026-03-02T10:00', 60, FAR, 10).stoppedBy).toBe('cap');
  });

  it('reports count and until as the natural end', () => {
    expect(expand({ freq: 'daily', interval: 1, count: 2 }, '2026-03-02T10:00').stoppedBy).toBe('count');
    expect(expand({ freq: 'monthly', interval: 1, until: '2026-04-30' }, '2026-01-31T10:00').stoppedBy).toBe('until');
  });

  it('refuses a malformed first start', () => {
    expect(expandSeries({ freq: 'daily', interval: 1 }, '2026-03-02 10:00', 60, { zone: ZONE, horizon: FAR })).toEqual({
      ok: false,
      violation: { code: 'invalid_local_time', input: '2026-03-02 10:00' },
    });
  });

  it.each([
    [{ freq: 'daily', interval: 0 }, ['interval']],
    [{ freq: 'weekly', interval: 1, byWeekday: [] }, ['byWeekday']],
    [{ freq: 'weekly', interval: 1, byWeekday: [8] }, ['byWeekday']],
    [{ freq: 'monthly', interval: 1, nth: 0 }, ['nth']],
    [{ freq: 'daily', interval: 1, until: '2026-02-30', count: 0 }, ['until', 'count']],
    [{ freq: 'monthly', interval: 2, nth: -1, count: 3 }, []],
  ])('rule problems of %j', (rule, expected) => {
    expect(recurrenceRuleProblems(rule as SeriesRule)).toEqual(expected);
    if (expected.length > 0) expect(() => expand(rule as SeriesRule, '2026-03-02T10:00')).toThrow(RangeError);
  });
});

describe('planning a series through evaluateBooking', () => {
  const room = meetingRoom(10);
  const now = at('2026-03-02T07:00');
  // Weekly Monday 09:00-10:00 from 16 March, across the change of 29 March.
  const { occurrences } = expand({ freq: 'weekly', interval: 1, count: 4 }, '2026-03-16T09:00', 60);
  const base = { resource: room, memberId: 7, headcount: 2 };

  it('keeps 09:00 on both sides of the change and all are free', () => {
    const plans = planSeries(occurrences, seriesEvaluator(base, context([room], { now })));
    expect(plans.map((p) => p.violations)).toEqual([[], [], [], []]);
    expect(decideSeries(plans, 'all_or_nothing').book).toHaveLength(4);
  });

  it('one taken Monday: skip_conflicts books three, all_or_nothing none', () => {
    const taken = booking(10, '2026-03-30T09:30', '2026-03-30T10:30', { id: 77 });
    const plans = planSeries(occurrences, seriesEvaluator(base, context([room], { now, existingBookings: [taken] })));
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([[], [], ['conflict'], []]);
    expect(decideSeries(plans, 'skip_conflicts')).toMatchObject({
      book: [plans[0], plans[1], plans[3]],
      refused: [plans[2]],
    });
    expect(decideSeries(plans, 'all_or_nothing')).toEqual({ book: [], refused: [plans[2]] });
  });

  it('a nonexistent occurrence is refused with its reason', () => {
    const night = expand({ freq: 'daily', interval: 1, count: 3 }, '2026-03-28T02:30').occurrences;
    const plans = planSeries(night, () => []);
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([[], ['nonexistent_local_time'], []]);
    expect(plans[1]).toMatchObject({ start: null, end: null, localStart: '2026-03-29T02:30' });
  });

  it('occurrences beyond the booking horizon are refused, not silently dropped', () => {
    // The room's horizon is 56 days: the last bookable day is Monday 27 April.
    const weekly = expand({ freq: 'weekly', interval: 1, count: 5 }, '2026-04-13T09:00', 60).occurrences;
    const plans = planSeries(weekly, seriesEvaluator(base, context([room], { now })));
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([
      [],
      [],
      [],
      ['beyond_horizon'],
      ['beyond_horizon'],
    ]);
  });

  it('quota use adds up across the series', () => {
    const quota = { limitMinutes: 180, usedMinutes: 0, unit: 'minutes' as const };
    const plans = planSeries(occurrences, seriesEvaluator(base, context([room], { now, quota })));
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([[], [], [], ['quota_exceeded']]);
  });

  it('with a quota per month, each occurrence is held to its own month', () => {
    const monthly = expand({ freq: 'weekly', interval: 1, count: 4 }, '2026-03-23T09:00', 60).occurrences; // 23, 30 March; 6, 13 April
    const used: Record<string, number> = { '2026-03': 60, '2026-04': 0 };
    const months: string[] = [];
    const evaluate = seriesEvaluator(base, context([room], { now }), (month) => {
      months.push(month.month);
      return { limitMinutes: 120, usedMinutes: used[month.month] ?? 0, unit: 'minutes' };
    });
    const plans = planSeries(monthly, evaluate);
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([[], ['quota_exceeded'], [], []]);
    expect(months).toEqual(['2026-03', '2026-03', '2026-04', '2026-04']);
    expect(calendarMonthOf(plans[2]!.start!, ZONE).month).toBe('2026-04');
  });

  it('a series cannot overlap itself: accepted occurrences count as bookings', () => {
    const first: Occurrence = {
      index: 0,
      localDate: '2026-03-16',
      localStart: '2026-03-16T09:00',
      ok: true,
      start: at('2026-03-16T09:00'),
      end: at('2026-03-16T10:00'),
    };
    const second: Occurrence = {
      ...first,
      index: 1,
      localStart: '2026-03-16T09:30',
      start: at('2026-03-16T09:30'),
      end: at('2026-03-16T10:30'),
    };
    const plans = planSeries([first, second], seriesEvaluator(base, context([room], { now })));
    expect(plans.map((p) => p.violations.map((v) => v.code))).toEqual([[], ['conflict']]);
  });
});
