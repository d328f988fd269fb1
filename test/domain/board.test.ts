import { describe, expect, it } from 'vitest';
import {
  capacityLevel,
  deskState,
  foldName,
  headcountNow,
  matchesQuery,
  occupancy,
  personOf,
  roomNow,
  type BoardBooking,
  type BoardVisitor,
} from '../../src/domain/board.js';

const H = 3600_000;
let ids = 0;
function booking(over: Partial<BoardBooking> = {}): BoardBooking {
  ids += 1;
  return {
    id: ids,
    resourceId: 1,
    memberId: 1,
    start: 9 * H,
    end: 12 * H,
    status: 'confirmed',
    headcount: 1,
    checkedInAt: null,
    checkedOutAt: null,
    person: 'P',
    ...over,
  };
}
function visitor(over: Partial<BoardVisitor> = {}): BoardVisitor {
  return {
    id: 1,
    name: 'V',
    organisation: '',
    hostName: 'H',
    expectedAt: 9 * H,
    arrivedAt: null,
    leftAt: null,
    ...over,
  };
}

describe('personOf', () => {
  it.each([
    ['the member', { memberName: 'Zoé', guestName: 'G', guestOrganisation: 'O', organisationName: 'Org' }, 'Zoé'],
    [
      'a day guest and their organisation',
      { memberName: null, guestName: 'G', guestOrganisation: 'O', organisationName: 'Org' },
      'G (O)',
    ],
    ['a day guest alone', { memberName: null, guestName: 'G', guestOrganisation: null, organisationName: null }, 'G'],
    [
      'the organisation',
      { memberName: null, guestName: null, guestOrganisation: null, organisationName: 'Org' },
      'Org',
    ],
    ['nobody', { memberName: null, guestName: null, guestOrganisation: null, organisationName: null }, null],
  ])('%s', (_, row, expected) => {
    expect(personOf(row)).toBe(expected);
  });
});

describe('deskState', () => {
  it.each([
    ['no booking', [], 10 * H, 'free'],
    ['booked, running, not checked in', [booking()], 10 * H, 'booked'],
    ['booked later that day', [booking({ start: 14 * H, end: 18 * H })], 10 * H, 'booked'],
    ['checked in', [booking({ checkedInAt: 9 * H })], 10 * H, 'checked_in'],
    ['checked in, then out', [booking({ checkedInAt: 9 * H, checkedOutAt: 9.5 * H, end: 9.5 * H })], 10 * H, 'free'],
    ['over', [booking({ checkedInAt: 9 * H })], 12 * H, 'free'],
    ['released', [booking({ status: 'released' })], 10 * H, 'free'],
    ['cancelled', [booking({ status: 'cancelled' })], 10 * H, 'free'],
    ['another day, booked', [booking()], null, 'booked'],
    ['another day, only released', [booking({ status: 'released' })], null, 'free'],
  ] as const)('%s', (_, bookings, now, expected) => {
    expect(deskState(bookings, now)).toBe(expected);
  });
});

describe('roomNow', () => {
  it('free now, with the next booking', () => {
    const next = booking({ start: 14 * H, end: 15 * H });
    expect(roomNow([next], 10 * H)).toEqual({ current: null, until: null, next });
  });
  it('in use until the end of back-to-back bookings, then what comes after the gap', () => {
    const a = booking({ start: 9 * H, end: 10.5 * H });
    const b = booking({ start: 10.5 * H, end: 11 * H });
    const c = booking({ start: 13 * H, end: 14 * H });
    expect(roomNow([c, b, a], 10 * H)).toEqual({ current: a, until: 11 * H, next: c });
  });
  it('ignores released and cancelled bookings', () => {
    expect(roomNow([booking({ status: 'released' }), booking({ status: 'cancelled' })], 10 * H)).toEqual({
      current: null,
      until: null,
      next: null,
    });
  });
  it('a booking ending now leaves the room free', () => {
    expect(roomNow([booking({ end: 10 * H })], 10 * H).current).toBeNull();
  });
});

describe('occupancy and capacity', () => {
  it('counts checked-in headcounts per zone and arrived visitors on the site', () => {
    const zoneOf = (id: number) => (id === 1 ? 10 : id === 2 ? 20 : null);
    const result = occupancy(
      [
        booking({ resourceId: 1, checkedInAt: 9 * H }),
        booking({ resourceId: 2, checkedInAt: 9 * H, headcount: 6 }),
        booking({ resourceId: 2, headcount: 4 }),
        booking({ resourceId: 3, checkedInAt: 9 * H, headcount: 2 }),
      ],
      [visitor({ arrivedAt: 9 * H }), visitor({ arrivedAt: 9 * H, leftAt: 9.5 * H }), visitor()],
      zoneOf,
      10 * H,
    );
    expect(result.site).toBe(1 + 6 + 2 + 1);
    expect([...result.byZone]).toEqual([
      [10, 1],
      [20, 6],
    ]);
  });
  it.each([
    [0, null, 'none'],
    [5, 0, 'none'],
    [0, 10, 'ok'],
    [8, 10, 'ok'],
    [9, 10, 'near'],
    [10, 10, 'near'],
    [11, 10, 'over'],
  ] as const)('%i present of %s: %s', (present, capacity, expected) => {
    expect(capacityLevel(present, capacity)).toBe(expected);
  });
});

describe('headcountNow', () => {
  const resources = new Map([
    [1, { kind: 'desk' as const, name: 'Desk' }],
    [2, { kind: 'event_space' as const, name: 'Events' }],
  ]);
  it('lists people checked in, running confirmed events and visitors in', () => {
    const { entries, total } = headcountNow(
      [
        booking({ resourceId: 1, checkedInAt: 9 * H, person: 'Zoé' }),
        booking({ resourceId: 1, person: 'Not in' }),
        booking({ resourceId: 2, headcount: 40, person: 'Org' }),
        booking({ resourceId: 2, headcount: 99, status: 'pending', person: 'Pending event' }),
      ],
      [visitor({ name: 'Victor', arrivedAt: 9 * H })],
      (id) => resources.get(id),
      10 * H,
    );
    expect(entries).toEqual([
      { kind: 'member', name: 'Zoé', where: 'Desk', count: 1 },
      { kind: 'event', name: 'Org', where: 'Events', count: 40 },
      { kind: 'visitor', name: 'Victor', where: 'H', count: 1 },
    ]);
    expect(total).toBe(42);
  });
});

describe('name search', () => {
  it.each([
    ['Zoé Ärnström', 'zoe', true],
    ['Zoé Ärnström', 'ARN', true],
    ['Zoé Ärnström', 'yann', false],
    [null, 'x', false],
    ['anything', '', true],
  ] as const)('%s contains %s: %s', (text, query, expected) => {
    expect(matchesQuery(foldName(query), text)).toBe(expected);
  });
});
