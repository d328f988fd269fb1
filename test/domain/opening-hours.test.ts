import { describe, expect, it } from 'vitest';
import {
  nextOpenDate,
  effectivePeriods,
  isWithinOpeningHours,
  localPeriodsOfDate,
  openIntervalsInRange,
  openIntervalsOfDate,
  parseOpeningPeriod,
} from '../../src/domain/opening-hours.js';
import { EVENT_SPACE_PERIODS, EVERY_DAY, HOUR, SITE_PERIODS, ZONE, at, utc, week } from './fixtures.js';

describe('effective periods', () => {
  it('a non-empty override replaces the site week; an empty one does not', () => {
    expect(effectivePeriods(SITE_PERIODS, EVENT_SPACE_PERIODS)).toBe(EVENT_SPACE_PERIODS);
    expect(effectivePeriods(SITE_PERIODS, [])).toBe(SITE_PERIODS);
    expect(effectivePeriods(SITE_PERIODS, undefined)).toBe(SITE_PERIODS);
  });
});

describe('open intervals of a local day', () => {
  it.each([
    ['Tuesday in winter', '2026-03-03', SITE_PERIODS, [['2026-03-03T07:30:00Z', '2026-03-03T18:00:00Z']]],
    ['Friday before spring forward', '2026-03-27', SITE_PERIODS, [['2026-03-27T07:30:00Z', '2026-03-27T18:00:00Z']]],
    ['Monday after spring forward', '2026-03-30', SITE_PERIODS, [['2026-03-30T06:30:00Z', '2026-03-30T17:00:00Z']]],
    ['Monday after fall back', '2026-10-26', SITE_PERIODS, [['2026-10-26T07:30:00Z', '2026-10-26T18:00:00Z']]],
    ['Saturday', '2026-03-07', SITE_PERIODS, []],
    ['spring-forward Sunday, site closed', '2026-03-29', SITE_PERIODS, []],
    [
      'spring-forward Sunday, open daily',
      '2026-03-29',
      week('08:30', '19:00', EVERY_DAY),
      [['2026-03-29T06:30:00Z', '2026-03-29T17:00:00Z']],
    ],
    [
      'fall-back Sunday, open daily',
      '2026-10-25',
      week('08:30', '19:00', EVERY_DAY),
      [['2026-10-25T07:30:00Z', '2026-10-25T18:00:00Z']],
    ],
    ['event space evening', '2026-03-03', EVENT_SPACE_PERIODS, [['2026-03-03T07:30:00Z', '2026-03-03T22:00:00Z']]],
    [
      'lunch break, touching periods merged',
      '2026-03-03',
      [
        { weekday: 2, opens: '14:00', closes: '19:00' },
        { weekday: 2, opens: '08:30', closes: '12:00' },
        { weekday: 2, opens: '12:00', closes: '12:30' },
      ],
      [
        ['2026-03-03T07:30:00Z', '2026-03-03T11:30:00Z'],
        ['2026-03-03T13:00:00Z', '2026-03-03T18:00:00Z'],
      ],
    ],
  ] as const)('%s', (_, date, periods, expected) => {
    expect(openIntervalsOfDate(periods, date, ZONE).map((o) => [o.start, o.end])).toEqual(
      expected.map(([start, end]) => [utc(start), utc(end)]),
    );
  });

  it.each([
    ['2026-03-29', 23],
    ['2026-10-25', 25],
    ['2027-03-28', 23],
    ['2027-10-31', 25],
    ['2026-06-14', 24],
  ])('open round the clock on %s: %d h', (date, hours) => {
    const [open] = openIntervalsOfDate(week('00:00', '24:00', EVERY_DAY), date, ZONE);
    expect(open && (open.end - open.start) / HOUR).toBe(hours);
    expect(open && [open.opens, open.closes]).toEqual(['00:00', '24:00']);
  });

  it('an opening time skipped by spring forward opens when the clock jumps', () => {
    const [open] = openIntervalsOfDate(week('02:30', '05:00', EVERY_DAY), '2026-03-29', ZONE);
    expect(open?.start).toBe(utc('2026-03-29T01:00:00Z'));
    expect(open?.end).toBe(utc('2026-03-29T03:00:00Z'));
  });

  it('local strings of a date, for messages', () => {
    expect(localPeriodsOfDate(SITE_PERIODS, '2026-03-03')).toEqual([{ opens: '08:30', closes: '19:00' }]);
    expect(localPeriodsOfDate(SITE_PERIODS, '2026-03-07')).toEqual([]);
  });

  it('over a range of instants, cut to it', () => {
    const range = { start: at('2026-03-06T12:00'), end: at('2026-03-09T10:00') };
    expect(openIntervalsInRange(SITE_PERIODS, range, ZONE)).toEqual([
      { start: at('2026-03-06T12:00'), end: at('2026-03-06T19:00') },
      { start: at('2026-03-09T08:30'), end: at('2026-03-09T10:00') },
    ]);
  });
});

describe('within one opening', () => {
  const lunch = [
    { weekday: 2 as const, opens: '08:30', closes: '12:00' },
    { weekday: 2 as const, opens: '14:00', closes: '19:00' },
  ];
  it.each([
    ['starts at opening', '2026-03-03T08:30', '2026-03-03T09:00', SITE_PERIODS, true],
    ['starts before opening', '2026-03-03T08:15', '2026-03-03T09:00', SITE_PERIODS, false],
    ['ends at closing', '2026-03-03T18:30', '2026-03-03T19:00', SITE_PERIODS, true],
    ['ends after closing', '2026-03-03T18:30', '2026-03-03T19:15', SITE_PERIODS, false],
    ['the whole day', '2026-03-03T08:30', '2026-03-03T19:00', SITE_PERIODS, true],
    ['all before opening', '2026-03-03T07:00', '2026-03-03T08:00', SITE_PERIODS, false],
    ['Saturday', '2026-03-07T10:00', '2026-03-07T11:00', SITE_PERIODS, false],
    ['over two days', '2026-03-03T18:00', '2026-03-04T09:00', SITE_PERIODS, false],
    ['across a lunch break', '2026-03-03T11:00', '2026-03-03T15:00', lunch, false],
    ['in the afternoon opening', '2026-03-03T14:00', '2026-03-03T15:00', lunch, true],
    ['event space evening', '2026-03-03T19:00', '2026-03-03T23:00', EVENT_SPACE_PERIODS, true],
  ])('%s', (_, start, end, periods, expected) => {
    expect(isWithinOpeningHours(periods, { start: at(start), end: at(end) }, ZONE)).toBe(expected);
  });
});

describe('period validation', () => {
  it.each([
    [
      { weekday: 1, opens: '08:30', closes: '19:00' },
      { opens: 510, closes: 1140 },
    ],
    [
      { weekday: 7, opens: '00:00', closes: '24:00' },
      { opens: 0, closes: 1440 },
    ],
    [{ weekday: 1, opens: '19:00', closes: '08:30' }, null],
    [{ weekday: 1, opens: '10:00', closes: '10:00' }, null],
    [{ weekday: 1, opens: '8:30', closes: '19:00' }, null],
    [{ weekday: 8, opens: '08:30', closes: '19:00' }, null],
  ] as const)('%j', (period, expected) => {
    expect(parseOpeningPeriod(period as never)).toEqual(expected);
  });

  it('a malformed stored period is a loud error, not a silently closed day', () => {
    expect(() => openIntervalsOfDate([{ weekday: 2, opens: '8h30', closes: '19:00' }], '2026-03-03', ZONE)).toThrow(
      RangeError,
    );
  });
});

describe('nextOpenDate', () => {
  const weekdays = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens: '08:30', closes: '19:00' }));
  const christmas = {
    id: 1,
    resourceId: null,
    start: Date.UTC(2026, 11, 24, 23),
    end: Date.UTC(2026, 11, 25, 23),
    reason: 'Noël',
  };
  it.each([
    ['a Monday morning is that Monday', Date.UTC(2026, 11, 7, 9), '2026-12-07'],
    ['a Friday after closing is the Monday after', Date.UTC(2026, 11, 11, 18, 30), '2026-12-14'],
    ['a Saturday is the Monday after', Date.UTC(2026, 11, 12, 10), '2026-12-14'],
    ['Christmas Eve evening skips the closed Friday 25th to Monday 28th', Date.UTC(2026, 11, 24, 19), '2026-12-28'],
  ])('%s', (_label, now, expected) => {
    expect(nextOpenDate(weekdays, [christmas], now, 'Europe/Paris')).toBe(expected);
  });
});
