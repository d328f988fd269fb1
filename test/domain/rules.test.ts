import { describe, expect, it } from 'vitest';
import { evaluateBooking } from '../../src/domain/rules.js';
import { VIOLATION_CODES, isViolation, isViolationCode, type Violation } from '../../src/domain/violations.js';
import type { Closure } from '../../src/domain/types.js';
import {
  EVENT_SPACE_PERIODS,
  EVERY_DAY,
  MIN,
  NOW,
  ZONE,
  at,
  booking,
  context,
  desk,
  eventSpace,
  meetingRoom,
  request,
  sportsHall,
  studio,
  utc,
  week,
} from './fixtures.js';

const codes = (violations: Violation[]) => violations.map((v) => v.code);

// Tuesday 3 March 2026 is a plain working day; NOW is Monday 2 March 07:00.
const room = meetingRoom(10);
const TUE = '2026-03-03';

describe('violation codes', () => {
  it('are listed once and recognised by the guards', () => {
    expect(new Set(VIOLATION_CODES).size).toBe(VIOLATION_CODES.length);
    expect(isViolationCode('conflict')).toBe(true);
    expect(isViolationCode('nope')).toBe(false);
    expect(isViolation({ code: 'closed', closureId: 1 })).toBe(true);
    expect(isViolation(null)).toBe(false);
  });
});

describe('a plain valid request', () => {
  it('has no violation', () => {
    expect(evaluateBooking(request(room, `${TUE}T10:00`, `${TUE}T11:00`), context([room]))).toEqual([]);
  });
});

describe('invalid_interval', () => {
  it.each([
    ['empty', `${TUE}T10:00`, `${TUE}T10:00`],
    ['reversed', `${TUE}T11:00`, `${TUE}T10:00`],
  ])('%s: only the interval is reported, not the noise that follows from it', (_, start, end) => {
    expect(codes(evaluateBooking(request(room, start, end), context([room])))).toEqual(['invalid_interval']);
  });

  it('NaN times are invalid too', () => {
    expect(
      codes(evaluateBooking({ ...request(room, `${TUE}T10:00`, `${TUE}T11:00`), end: Number.NaN }, context([room]))),
    ).toEqual(['invalid_interval']);
  });
});

describe('outside_opening_hours', () => {
  it.each([
    ['starts at opening', '08:30', '09:30', true],
    ['starts before opening', '08:15', '09:15', false],
    ['ends at closing', '18:00', '19:00', true],
    ['ends after closing', '18:30', '19:15', false],
    ['all after closing', '19:00', '20:00', false],
  ])('%s', (_, start, end, allowed) => {
    const found = evaluateBooking(request(room, `${TUE}T${start}`, `${TUE}T${end}`), context([room]));
    expect(codes(found).includes('outside_opening_hours')).toBe(!allowed);
  });

  it('says which periods the day has', () => {
    expect(evaluateBooking(request(room, `${TUE}T18:30`, `${TUE}T19:15`), context([room]))).toContainEqual({
      code: 'outside_opening_hours',
      localDate: TUE,
      zone: ZONE,
      periods: [{ opens: '08:30', closes: '19:00' }],
    });
    expect(evaluateBooking(request(room, '2026-03-07T10:00', '2026-03-07T11:00'), context([room]))).toContainEqual({
      code: 'outside_opening_hours',
      localDate: '2026-03-07',
      zone: ZONE,
      periods: [],
    });
  });

  it('the event space override opens the evening for it alone', () => {
    const space = eventSpace(30);
    const evening = request(space, `${TUE}T19:00`, `${TUE}T22:00`);
    expect(evaluateBooking(evening, context([space], { resourceOverridePeriods: EVENT_SPACE_PERIODS }))).toEqual([]);
    expect(codes(evaluateBooking(evening, context([space])))).toEqual(['outside_opening_hours']);
  });
});

describe('closed', () => {
  const drill: Closure = {
    id: 5,
    resourceId: null,
    start: at(`${TUE}T12:00`),
    end: at(`${TUE}T14:00`),
    reason: 'Fire drill',
  };
  const otherRoom: Closure = { ...drill, id: 6, resourceId: 11, reason: 'Painting' };
  const thisRoom: Closure = { ...drill, id: 7, resourceId: 10, reason: 'Repairs' };
  it.each([
    ['before', '10:00', '11:00', []],
    ['touching before', '11:00', '12:00', []],
    ['overlapping', '11:30', '12:30', [5]],
    ['same', '12:00', '14:00', [5]],
    ['inside', '12:30', '13:00', [5]],
    ['around', '11:00', '15:00', [5]],
    ['touching after', '14:00', '15:00', []],
  ])('site-wide closure, %s', (_, start, end, closureIds) => {
    const found = evaluateBooking(
      request(room, `${TUE}T${start}`, `${TUE}T${end}`),
      context([room], { closures: [drill] }),
    );
    expect(found.flatMap((v) => (v.code === 'closed' ? [v.closureId] : []))).toEqual(closureIds);
  });

  it('another resource’s closure is ignored, this one’s counts, and the data explains it', () => {
    const found = evaluateBooking(
      request(room, `${TUE}T12:00`, `${TUE}T13:00`),
      context([room], { closures: [otherRoom, thisRoom] }),
    );
    expect(found).toEqual([
      { code: 'closed', closureId: 7, reason: 'Repairs', start: drill.start, end: drill.end, siteWide: false },
    ]);
  });
});

describe('slot_misaligned (steps on the local wall clock)', () => {
  it.each([
    ['on the grid', room, '10:00', '11:00', true],
    ['quarter past', room, '10:15', '10:30', true],
    ['start off the grid', room, '10:05', '11:00', false],
    ['end off the grid', room, '10:00', '10:50', false],
    ['studio on the hour', studio(20), '10:00', '11:00', true],
    ['studio on the half hour', studio(20), '10:30', '11:30', false],
  ])('%s', (_, resource, start, end, allowed) => {
    const found = evaluateBooking(
      request(resource, `${TUE}T${start}`, `${TUE}T${end}`),
      context([resource], { hasInduction: true }),
    );
    expect(codes(found)).toEqual(allowed ? [] : ['slot_misaligned']);
  });

  it('counts from LOCAL midnight: 10:00 in Kolkata (+05:30) is on an hour grid, 04:00 UTC is not', () => {
    const hourly = studio(20);
    const ctx = context([hourly], { zone: 'Asia/Kolkata', hasInduction: true });
    const tenLocal = utc('2026-03-03T04:30:00Z');
    const evaluate = (start: number) =>
      codes(evaluateBooking({ ...request(hourly, `${TUE}T10:00`, `${TUE}T11:00`), start, end: start + 60 * MIN }, ctx));
    expect(evaluate(tenLocal)).toEqual([]);
    expect(evaluate(utc('2026-03-03T04:00:00Z'))).toEqual(['slot_misaligned']);
  });
});

describe('invalid_half_day (desks)', () => {
  const d = desk(1);
  it.each([
    ['morning', '08:30', '13:00', []],
    ['afternoon', '13:00', '19:00', []],
    ['full day', '08:30', '19:00', []],
    ['late morning', '09:00', '13:00', ['invalid_half_day', 'too_short']],
    ['short morning', '08:30', '12:00', ['invalid_half_day', 'too_short']],
    ['afternoon ending early', '13:00', '18:30', ['invalid_half_day']],
    ['across the split', '10:00', '16:00', ['invalid_half_day']],
  ])('%s', (_, start, end, expected) => {
    expect(codes(evaluateBooking(request(d, `${TUE}T${start}`, `${TUE}T${end}`), context([d])))).toEqual(expected);
  });

  it('lists the slots of the day', () => {
    expect(evaluateBooking(request(d, `${TUE}T10:00`, `${TUE}T16:00`), context([d]))).toContainEqual({
      code: 'invalid_half_day',
      localDate: TUE,
      allowed: [
        { part: 'morning', start: '08:30', end: '13:00' },
        { part: 'afternoon', start: '13:00', end: '19:00' },
        { part: 'full_day', start: '08:30', end: '19:00' },
      ],
    });
  });
});

describe('too_short / too_long', () => {
  const longMin = meetingRoom(12, {}, { minDurationMinutes: 30 });
  it.each([
    ['the minimum', room, '10:00', '10:15', []],
    ['below the minimum', longMin, '10:00', '10:15', [{ code: 'too_short', limitMinutes: 30, requestedMinutes: 15 }]],
    ['the maximum', room, '10:00', '14:00', []],
    ['above the maximum', room, '10:00', '14:15', [{ code: 'too_long', limitMinutes: 240, requestedMinutes: 255 }]],
  ])('%s', (_, resource, start, end, expected) => {
    expect(evaluateBooking(request(resource, `${TUE}T${start}`, `${TUE}T${end}`), context([resource]))).toEqual(
      expected,
    );
  });

  it('counts real minutes on a DST day (01:00-03:00 on 29 March 2026 is one hour)', () => {
    const allDay = meetingRoom(13, {}, { slotStepMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 60 });
    const ctx = context([allDay], { sitePeriods: week('00:00', '24:00', EVERY_DAY), now: utc('2026-03-20T00:00:00Z') });
    const springNight = {
      ...request(allDay, `${TUE}T10:00`, `${TUE}T11:00`),
      start: utc('2026-03-29T00:00:00Z'),
      end: utc('2026-03-29T01:00:00Z'),
    };
    expect(evaluateBooking(springNight, ctx)).toEqual([]);
    // 02:00 (first) to 03:00 on 25 October 2026 is two hours.
    const fallNight = { ...springNight, start: utc('2026-10-25T00:00:00Z'), end: utc('2026-10-25T02:00:00Z') };
    expect(evaluateBooking(fallNight, { ...ctx, now: utc('2026-10-20T00:00:00Z') })).toEqual([
      { code: 'too_long', limitMinutes: 60, requestedMinutes: 120 },
    ]);
  });
});

describe('too_late_to_book (notice)', () => {
  const now = at(`${TUE}T10:07`);
  const noticed = meetingRoom(14, {}, { minNoticeMinutes: 53 });
  it.each([
    ['started in the past', room, '10:00', true],
    ['the next quarter', room, '10:15', false],
    ['before notice ends', noticed, '10:45', true],
    ['exactly when notice ends', noticed, '11:00', false],
    ['after notice', noticed, '11:15', false],
  ])('%s', (_, resource, start, refused) => {
    const [h, m] = start.split(':').map(Number) as [number, number];
    const end = `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    const found = evaluateBooking(request(resource, `${TUE}T${start}`, `${TUE}T${end}`), context([resource], { now }));
    expect(codes(found)).toEqual(refused ? ['too_late_to_book'] : []);
  });

  it('gives the earliest start', () => {
    expect(evaluateBooking(request(noticed, `${TUE}T10:45`, `${TUE}T11:45`), context([noticed], { now }))).toEqual([
      { code: 'too_late_to_book', minNoticeMinutes: 53, earliestStart: at(`${TUE}T11:00`) },
    ]);
  });

  it.each([
    ['the morning already begun', '08:30', '13:00', false],
    ['the whole day already begun', '08:30', '19:00', false],
    ['the afternoon to come', '13:00', '19:00', false],
  ])('lets a desk be taken on arrival: %s', (_, start, end, refused) => {
    const d = desk(15);
    const found = evaluateBooking(request(d, `${TUE}T${start}`, `${TUE}T${end}`), context([d], { now }));
    expect(codes(found)).toEqual(refused ? ['too_late_to_book'] : []);
  });

  it('refuses a desk half-day that has ended, and a started one when notice is asked', () => {
    const d = desk(16);
    const afternoon = at(`${TUE}T14:00`);
    expect(
      codes(evaluateBooking(request(d, `${TUE}T08:30`, `${TUE}T13:00`), context([d], { now: afternoon }))),
    ).toEqual(['too_late_to_book']);
    const noticedDesk = desk(17, {}, { minNoticeMinutes: 60 });
    expect(
      codes(evaluateBooking(request(noticedDesk, `${TUE}T08:30`, `${TUE}T13:00`), context([noticedDesk], { now }))),
    ).toEqual(['too_late_to_book']);
  });
});

describe('beyond_horizon (local days)', () => {
  const d = desk(1);
  const evening = at('2026-03-02T18:00');
  it.each([
    ['desk, last day (14 days after today)', d, '2026-03-16T13:00', '2026-03-16T19:00', false],
    ['desk, the day after', d, '2026-03-17T08:30', '2026-03-17T13:00', true],
    ['room, 56th day', room, '2026-04-27T18:00', '2026-04-27T19:00', false],
    ['room, 57th day', room, '2026-04-28T08:30', '2026-04-28T09:30', true],
  ])('%s', (_, resource, start, end, refused) => {
    const found = evaluateBooking(request(resource, start, end), context([resource], { now: evening }));
    expect(codes(found)).toEqual(refused ? ['beyond_horizon'] : []);
  });

  it('ends at local midnight even across spring forward', () => {
    const found = evaluateBooking(
      request(room, '2026-04-28T08:30', '2026-04-28T09:30'),
      context([room], { now: evening }),
    );
    expect(found).toEqual([
      {
        code: 'beyond_horizon',
        horizonDays: 56,
        lastBookableDate: '2026-04-27',
        horizonEnd: utc('2026-04-27T22:00:00Z'),
      },
    ]);
  });
});

describe('conflict (exclusive resource)', () => {
  const existing = booking(10, `${TUE}T10:00`, `${TUE}T11:00`, { id: 1 });
  it.each([
    ['before', '08:30', '09:30', false],
    ['touching before (back-to-back)', '09:00', '10:00', false],
    ['overlapping the start', '09:30', '10:30', true],
    ['same', '10:00', '11:00', true],
    ['inside', '10:15', '10:45', true],
    ['around', '09:00', '12:00', true],
    ['overlapping the end', '10:30', '11:30', true],
    ['touching after (back-to-back)', '11:00', '12:00', false],
    ['after', '12:00', '13:00', false],
  ])('%s', (_, start, end, refused) => {
    const found = evaluateBooking(
      request(room, `${TUE}T${start}`, `${TUE}T${end}`),
      context([room], { existingBookings: [existing] }),
    );
    expect(found).toEqual(
      refused ? [{ code: 'conflict', bookingId: 1, start: existing.start, end: existing.end }] : [],
    );
  });

  it.each([
    ['pending holds the slot', 'pending', true],
    ['confirmed holds the slot', 'confirmed', true],
    ['cancelled frees it', 'cancelled', false],
    ['released frees it', 'released', false],
    ['rejected frees it', 'rejected', false],
  ] as const)('%s', (_, status, refused) => {
    const found = evaluateBooking(
      request(room, `${TUE}T10:00`, `${TUE}T11:00`),
      context([room], { existingBookings: [{ ...existing, status }] }),
    );
    expect(codes(found)).toEqual(refused ? ['conflict'] : []);
  });

  it('a moved booking does not conflict with itself, but still with others', () => {
    const other = booking(10, `${TUE}T11:00`, `${TUE}T12:00`, { id: 2 });
    const move = request(room, `${TUE}T10:30`, `${TUE}T11:30`, { excludeBookingId: 1 });
    expect(evaluateBooking(move, context([room], { existingBookings: [existing, other] }))).toEqual([
      { code: 'conflict', bookingId: 2, start: other.start, end: other.end },
    ]);
  });

  it('a booking of another resource is no conflict', () => {
    const elsewhere = { ...existing, resourceId: 11 };
    expect(
      evaluateBooking(
        request(room, `${TUE}T10:00`, `${TUE}T11:00`),
        context([room], { existingBookings: [elsewhere] }),
      ),
    ).toEqual([]);
  });
});

describe('buffer', () => {
  const buffered = meetingRoom(15, {}, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
  const existing = booking(15, `${TUE}T10:00`, `${TUE}T11:00`, { id: 3 });
  it.each([
    ['gap of the buffer before', '09:00', '09:45', []],
    ['back-to-back before', '09:00', '10:00', ['buffer']],
    ['overlapping: a conflict, not a buffer', '10:30', '11:30', ['conflict']],
    ['back-to-back after', '11:00', '12:00', ['buffer']],
    ['gap of the buffer after', '11:15', '12:00', []],
  ])('%s', (_, start, end, expected) => {
    const found = evaluateBooking(
      request(buffered, `${TUE}T${start}`, `${TUE}T${end}`),
      context([buffered], { existingBookings: [existing] }),
    );
    expect(codes(found)).toEqual(expected);
  });

  it('uneven buffers demand the larger gap on both sides', () => {
    const setup = meetingRoom(16, {}, { bufferBeforeMinutes: 30, bufferAfterMinutes: 0 });
    const b = booking(16, `${TUE}T10:00`, `${TUE}T11:00`, { id: 4 });
    const evaluate = (start: string, end: string) =>
      evaluateBooking(request(setup, `${TUE}T${start}`, `${TUE}T${end}`), context([setup], { existingBookings: [b] }));
    expect(evaluate('11:00', '12:00')).toEqual([
      { code: 'buffer', bookingId: 4, start: b.start, end: b.end, bufferBeforeMinutes: 30, bufferAfterMinutes: 0 },
    ]);
    expect(codes(evaluate('11:30', '12:00'))).toEqual([]);
    expect(codes(evaluate('09:00', '09:45'))).toEqual(['buffer']);
    expect(codes(evaluate('09:00', '09:30'))).toEqual([]);
  });

  it('the event space blocks an hour either side for setup and teardown', () => {
    const space = eventSpace(30);
    const ctx = context([space], {
      resourceOverridePeriods: EVENT_SPACE_PERIODS,
      existingBookings: [booking(30, `${TUE}T14:00`, `${TUE}T17:00`)],
    });
    expect(codes(evaluateBooking(request(space, `${TUE}T17:30`, `${TUE}T20:00`), ctx))).toEqual(['buffer']);
    expect(codes(evaluateBooking(request(space, `${TUE}T18:00`, `${TUE}T20:00`), ctx))).toEqual([]);
  });
});

describe('capacity_full and over_capacity (shared sports hall, 20 places)', () => {
  const hall = sportsHall(40);
  const existing = [
    booking(40, `${TUE}T10:00`, `${TUE}T11:00`, { headcount: 12 }),
    booking(40, `${TUE}T10:30`, `${TUE}T11:30`, { headcount: 5 }),
  ];
  const ctx = context([hall], { existingBookings: existing });
  it.each([
    ['fits the peak exactly', '10:00', '12:00', 3, []],
    [
      'one too many at the peak',
      '10:00',
      '12:00',
      4,
      [{ code: 'capacity_full', placesLeft: 3, sharedPlaces: 20, headcount: 4 }],
    ],
    ['after the big group leaves', '11:00', '12:00', 15, []],
    [
      'after it, one too many',
      '11:00',
      '12:00',
      16,
      [{ code: 'capacity_full', placesLeft: 15, sharedPlaces: 20, headcount: 16 }],
    ],
    ['before everyone', '09:00', '10:00', 20, []],
  ])('%s', (_, start, end, headcount, expected) => {
    expect(evaluateBooking(request(hall, `${TUE}T${start}`, `${TUE}T${end}`, { headcount }), ctx)).toEqual(expected);
  });

  it('back-to-back full groups do not add up', () => {
    const full = context([hall], {
      existingBookings: [booking(40, `${TUE}T10:00`, `${TUE}T11:00`, { headcount: 20 })],
    });
    expect(evaluateBooking(request(hall, `${TUE}T11:00`, `${TUE}T12:00`, { headcount: 20 }), full)).toEqual([]);
    expect(evaluateBooking(request(hall, `${TUE}T09:00`, `${TUE}T10:00`, { headcount: 20 }), full)).toEqual([]);
    expect(codes(evaluateBooking(request(hall, `${TUE}T10:00`, `${TUE}T11:00`, { headcount: 1 }), full))).toEqual([
      'capacity_full',
    ]);
  });

  it('a group bigger than the resource is over capacity', () => {
    expect(
      codes(evaluateBooking(request(room, `${TUE}T10:00`, `${TUE}T11:00`, { headcount: 9 }), context([room]))),
    ).toEqual(['over_capacity']);
    expect(evaluateBooking(request(room, `${TUE}T10:00`, `${TUE}T11:00`, { headcount: 8 }), context([room]))).toEqual(
      [],
    );
  });

  it.each([0, -1, 1.5])('headcount %d is invalid', (headcount) => {
    expect(
      codes(evaluateBooking(request(room, `${TUE}T10:00`, `${TUE}T11:00`, { headcount }), context([room]))),
    ).toEqual(['invalid_headcount']);
  });
});

describe('linked_resource_busy', () => {
  // Room A lists B; links are symmetric, so B is blocked by A as well.
  const a = meetingRoom(21, { linkedResourceIds: [22], name: 'Salle A' });
  const b = meetingRoom(22, { name: 'Salle B' });
  const onB = booking(22, `${TUE}T10:00`, `${TUE}T11:00`, { id: 8 });
  const onA = booking(21, `${TUE}T10:00`, `${TUE}T11:00`, { id: 9 });
  it.each([
    ['touching before', '09:00', '10:00', false],
    ['overlapping', '10:30', '11:30', true],
    ['same', '10:00', '11:00', true],
    ['touching after', '11:00', '12:00', false],
  ])('%s', (_, start, end, refused) => {
    const found = evaluateBooking(
      request(a, `${TUE}T${start}`, `${TUE}T${end}`),
      context([a, b], { existingBookings: [onB] }),
    );
    expect(found).toEqual(
      refused
        ? [
            {
              code: 'linked_resource_busy',
              resourceId: 22,
              resourceName: 'Salle B',
              bookingId: 8,
              start: onB.start,
              end: onB.end,
            },
          ]
        : [],
    );
  });

  it('the other side of the link is blocked too', () => {
    const found = evaluateBooking(
      request(b, `${TUE}T10:00`, `${TUE}T11:00`),
      context([a, b], { existingBookings: [onA] }),
    );
    expect(codes(found)).toEqual(['linked_resource_busy']);
  });
});

describe('already_booked_elsewhere (one desk per person)', () => {
  const d1 = desk(1);
  const d2 = desk(2, { name: 'Desk 2' });
  const mine = booking(2, `${TUE}T08:30`, `${TUE}T13:00`, { id: 11, memberId: 7 });
  it.each([
    ['my morning elsewhere, morning here', '08:30', '13:00', [mine], true],
    ['my morning elsewhere, full day here', '08:30', '19:00', [mine], true],
    ['my morning elsewhere, afternoon here', '13:00', '19:00', [mine], false],
    ['someone else’s morning', '08:30', '13:00', [{ ...mine, memberId: 8 }], false],
    ['my cancelled morning', '08:30', '13:00', [{ ...mine, status: 'cancelled' as const }], false],
    ['my meeting room, not a desk', '08:30', '13:00', [{ ...mine, resourceId: 10 }], false],
  ])('%s', (_, start, end, existing, refused) => {
    const found = evaluateBooking(
      request(d1, `${TUE}T${start}`, `${TUE}T${end}`),
      context([d1, d2, room], { existingBookings: existing }),
    );
    expect(found).toEqual(
      refused
        ? [
            {
              code: 'already_booked_elsewhere',
              bookingId: 11,
              resourceId: 2,
              resourceName: 'Desk 2',
              start: mine.start,
              end: mine.end,
            },
          ]
        : [],
    );
  });

  it('moving my own desk booking to another desk is allowed', () => {
    const move = request(d1, `${TUE}T08:30`, `${TUE}T13:00`, { excludeBookingId: 11 });
    expect(evaluateBooking(move, context([d1, d2], { existingBookings: [mine] }))).toEqual([]);
  });
});

describe('quota_exceeded', () => {
  it.each([
    ['minutes, within', { limitMinutes: 600, usedMinutes: 540, unit: 'minutes' as const }, '10:00', '11:00', null],
    ['minutes, over', { limitMinutes: 600, usedMinutes: 540, unit: 'minutes' as const }, '10:00', '11:15', 75],
  ])('%s', (_, quota, start, end, requested) => {
    const found = evaluateBooking(request(room, `${TUE}T${start}`, `${TUE}T${end}`), context([room], { quota }));
    expect(found).toEqual(
      requested === null ? [] : [{ code: 'quota_exceeded', unit: 'minutes', limit: 600, used: 540, requested }],
    );
  });

  it.each([
    ['morning', '08:30', '13:00', null],
    ['full day', '08:30', '19:00', 2],
  ])('half-days, %s with one left', (_, start, end, requested) => {
    const d = desk(1);
    const found = evaluateBooking(
      request(d, `${TUE}T${start}`, `${TUE}T${end}`),
      context([d], { quota: { limitMinutes: 10, usedMinutes: 9, unit: 'half_days' } }),
    );
    expect(found).toEqual(
      requested === null ? [] : [{ code: 'quota_exceeded', unit: 'half_days', limit: 10, used: 9, requested }],
    );
  });
});

describe('induction_required', () => {
  const s = studio(20);
  it.each([
    ['studio without induction', s, false, ['induction_required']],
    ['studio with induction', s, true, []],
    ['room without induction', room, false, []],
  ])('%s', (_, resource, hasInduction, expected) => {
    expect(
      codes(evaluateBooking(request(resource, `${TUE}T10:00`, `${TUE}T11:00`), context([resource], { hasInduction }))),
    ).toEqual(expected);
  });
});

describe('every violation is collected', () => {
  it('a Saturday studio request, off the grid, too short, for nobody, without induction', () => {
    const s = studio(20);
    const found = evaluateBooking(request(s, '2026-03-07T10:30', '2026-03-07T11:00', { headcount: 0 }), context([s]));
    expect(codes(found).sort()).toEqual(
      ['outside_opening_hours', 'slot_misaligned', 'too_short', 'invalid_headcount', 'induction_required'].sort(),
    );
  });

  it('a taken room, in the past, too long, for too many', () => {
    const existing = booking(10, `${TUE}T10:00`, `${TUE}T11:00`);
    const found = evaluateBooking(
      request(room, `${TUE}T09:00`, `${TUE}T13:15`, { headcount: 9 }),
      context([room], { now: at(`${TUE}T12:00`), existingBookings: [existing] }),
    );
    expect(codes(found).sort()).toEqual(['conflict', 'over_capacity', 'too_late_to_book', 'too_long'].sort());
  });

  it('NOW is a plain Monday morning (fixture sanity)', () => {
    expect(new Date(NOW).toISOString()).toBe('2026-03-02T06:00:00.000Z');
  });
});
