import { describe, expect, it } from 'vitest';
import {
  deskAvailabilityByZone,
  deskZonesOf,
  resourceAvailability,
  type AvailabilityInput,
} from '../../src/domain/availability.js';
import type { Resource } from '../../src/domain/types.js';
import {
  EVERY_DAY,
  HOUR,
  SITE_PERIODS,
  ZONE,
  at,
  booking,
  desk,
  meetingRoom,
  sportsHall,
  utc,
  week,
} from './fixtures.js';

const TUE = '2026-03-03';
const span = (start: string, end: string) => ({ start: at(`${TUE}T${start}`), end: at(`${TUE}T${end}`) });

function input(resources: Resource[], extra: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    resources,
    zone: ZONE,
    sitePeriods: SITE_PERIODS,
    overridePeriods: new Map(),
    closures: [],
    bookings: [],
    from: TUE,
    to: TUE,
    ...extra,
  };
}

describe('free and busy of one resource on one day', () => {
  it('bookings and closures are busy with their reasons; the rest of the opening is free', () => {
    const room = meetingRoom(10);
    const b = booking(10, `${TUE}T10:00`, `${TUE}T11:00`, { id: 1 });
    const cancelled = booking(10, `${TUE}T16:00`, `${TUE}T17:00`, { status: 'cancelled' });
    const closure = {
      id: 2,
      resourceId: null,
      start: at(`${TUE}T14:00`),
      end: at(`${TUE}T15:00`),
      reason: 'Fire drill',
    };
    const [found] = resourceAvailability(input([room], { bookings: [b, cancelled], closures: [closure] }));
    expect(found?.busy).toEqual([
      { ...span('10:00', '11:00'), reason: 'booking', bookingId: 1 },
      { ...span('14:00', '15:00'), reason: 'closure', closureId: 2, text: 'Fire drill' },
    ]);
    expect(found?.free).toEqual([span('08:30', '10:00'), span('11:00', '14:00'), span('15:00', '19:00')]);
  });

  it('busy time is cut to the opening hours', () => {
    const room = meetingRoom(10);
    const closure = { id: 3, resourceId: 10, start: at('2026-03-02T12:00'), end: at(`${TUE}T09:00`), reason: 'Works' };
    const [found] = resourceAvailability(input([room], { closures: [closure] }));
    expect(found?.busy).toEqual([{ ...span('08:30', '09:00'), reason: 'closure', closureId: 3, text: 'Works' }]);
  });

  it('buffers of an exclusive resource are busy too', () => {
    const room = meetingRoom(10, {}, { bufferBeforeMinutes: 15, bufferAfterMinutes: 30 });
    const [found] = resourceAvailability(
      input([room], { bookings: [booking(10, `${TUE}T10:00`, `${TUE}T11:00`, { id: 4 })] }),
    );
    expect(found?.free).toEqual([span('08:30', '09:30'), span('11:30', '19:00')]);
    expect(found?.busy.map((b) => b.reason)).toEqual(['buffer', 'booking', 'buffer']);
  });

  it('a booking of a linked resource blocks this one', () => {
    const a = meetingRoom(21, { linkedResourceIds: [22] });
    const b = meetingRoom(22);
    const found = resourceAvailability(
      input([a, b], { bookings: [booking(21, `${TUE}T10:00`, `${TUE}T11:00`, { id: 5 })] }),
    );
    expect(found[1]?.busy).toEqual([
      { ...span('10:00', '11:00'), reason: 'linked_booking', bookingId: 5, resourceId: 21 },
    ]);
  });

  it('a shared resource is busy only when full, and shows its occupancy', () => {
    const hall = sportsHall(40, {}, { sharedPlaces: 10 });
    const bookings = [
      booking(40, `${TUE}T10:00`, `${TUE}T12:00`, { headcount: 6 }),
      booking(40, `${TUE}T11:00`, `${TUE}T13:00`, { headcount: 4 }),
    ];
    const [found] = resourceAvailability(input([hall], { bookings }));
    expect(found?.busy).toEqual([{ ...span('11:00', '12:00'), reason: 'full' }]);
    expect(found?.occupancy.map((o) => [o.used, o.placesLeft])).toEqual([
      [0, 10],
      [6, 4],
      [10, 0],
      [4, 6],
      [0, 10],
    ]);
  });

  it('a closed day has nothing open, free or busy', () => {
    const [found] = resourceAvailability(input([meetingRoom(10)], { from: '2026-03-07', to: '2026-03-08' }));
    expect(found).toMatchObject({ open: [], busy: [], free: [] });
  });
});

describe('DST days', () => {
  const daily = meetingRoom(10);
  it.each([
    ['2026-03-29', '2026-03-29T06:30:00Z', '2026-03-29T17:00:00Z'],
    ['2026-10-25', '2026-10-25T07:30:00Z', '2026-10-25T18:00:00Z'],
    ['2027-03-28', '2027-03-28T06:30:00Z', '2027-03-28T17:00:00Z'],
    ['2027-10-31', '2027-10-31T07:30:00Z', '2027-10-31T18:00:00Z'],
  ])('%s: open 08:30-19:00 local', (date, start, end) => {
    const [found] = resourceAvailability(
      input([daily], { sitePeriods: week('08:30', '19:00', EVERY_DAY), from: date, to: date }),
    );
    expect(found?.free).toEqual([{ start: utc(start), end: utc(end) }]);
  });

  it.each([
    ['2026-03-29', 23],
    ['2026-10-25', 25],
    ['2027-03-28', 23],
    ['2027-10-31', 25],
  ])('%s open round the clock is %d h, and a night booking leaves the right remainder', (date, hours) => {
    const periods = week('00:00', '24:00', EVERY_DAY);
    const night = {
      id: 6,
      resourceId: 10,
      memberId: 1,
      headcount: 1,
      status: 'confirmed' as const,
      start: at(`${date}T00:00`),
      end: at(`${date}T04:00`),
    };
    const [found] = resourceAvailability(
      input([daily], { sitePeriods: periods, from: date, to: date, bookings: [night] }),
    );
    const freeHours = (found?.free ?? []).reduce((sum, f) => sum + (f.end - f.start), 0) / HOUR;
    // 00:00-04:00 local is 3 h when the clock skips an hour and 5 h when it repeats one.
    expect(freeHours).toBe(hours - (hours === 23 ? 3 : 5));
  });

  it('the Friday before and the Monday after spring forward keep 08:30 local', () => {
    const [found] = resourceAvailability(input([daily], { from: '2026-03-27', to: '2026-03-30' }));
    expect(found?.open.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-03-27T07:30:00.000Z',
      '2026-03-30T06:30:00.000Z',
    ]);
  });
});

describe('desks per zone and half-day', () => {
  const desks = [
    desk(1, { zoneId: 1 }),
    desk(2, { zoneId: 1 }),
    desk(3, { zoneId: 1 }),
    desk(4, { zoneId: 2 }),
    desk(5, { zoneId: 2 }),
  ];
  const bookings = [
    booking(1, `${TUE}T08:30`, `${TUE}T13:00`),
    booking(2, `${TUE}T08:30`, `${TUE}T19:00`),
    booking(4, `${TUE}T13:00`, `${TUE}T19:00`),
    booking(5, `${TUE}T13:00`, `${TUE}T19:00`, { status: 'released' }),
  ];

  it('counts free desks in each zone for the morning and the afternoon', () => {
    expect(deskAvailabilityByZone(input([...desks, meetingRoom(10)], { bookings }))).toEqual([
      { localDate: TUE, zoneId: 1, part: 'morning', total: 3, free: 1 },
      { localDate: TUE, zoneId: 1, part: 'afternoon', total: 3, free: 2 },
      { localDate: TUE, zoneId: 2, part: 'morning', total: 2, free: 2 },
      { localDate: TUE, zoneId: 2, part: 'afternoon', total: 2, free: 1 },
    ]);
  });

  it('a desk closed for the afternoon is not free then', () => {
    const closure = { id: 9, resourceId: 3, start: at(`${TUE}T15:00`), end: at(`${TUE}T16:00`), reason: 'Repair' };
    const rows = deskAvailabilityByZone(input(desks, { bookings, closures: [closure] }));
    expect(rows.find((r) => r.zoneId === 1 && r.part === 'afternoon')?.free).toBe(1);
  });

  it('counts the same from desks already computed, with a desk on its own week', () => {
    const own = new Map([[3, week('10:00', '12:00')]]);
    const over = input([...desks, meetingRoom(10)], { bookings, overridePeriods: own, from: TUE, to: '2026-03-05' });
    expect(deskZonesOf(resourceAvailability(over), over)).toEqual(deskAvailabilityByZone(over));
    const zone1Morning = deskAvailabilityByZone(over).find(
      (r) => r.localDate === TUE && r.zoneId === 1 && r.part === 'morning',
    );
    // Desk 3 opens 10:00-12:00, before the 13:00 split: its only slot is the full day.
    expect(zone1Morning).toEqual({ localDate: TUE, zoneId: 1, part: 'morning', total: 2, free: 0 });
  });

  it('covers a range of days and skips closed ones', () => {
    const rows = deskAvailabilityByZone(input(desks, { from: '2026-03-06', to: '2026-03-09' }));
    expect([...new Set(rows.map((r) => r.localDate))]).toEqual(['2026-03-06', '2026-03-09']);
    expect(rows.every((r) => r.free === r.total)).toBe(true);
  });
});
