import { describe, expect, it } from 'vitest';
import { isEquivalentResource, suggestAlternatives } from '../../src/domain/alternatives.js';
import { evaluateBooking } from '../../src/domain/rules.js';
import type { BookingContext, BookingRequest } from '../../src/domain/booking-request.js';
import type { Resource } from '../../src/domain/types.js';
import { at, booking, context, desk, meetingRoom, sportsHall } from './fixtures.js';

const TUE = '2026-03-03';
const room = meetingRoom(10, { capacity: 8, equipment: ['screen', 'video_conference'], accessibility: ['step_free'] });
const twin = meetingRoom(11, {
  capacity: 10,
  equipment: ['screen', 'video_conference', 'whiteboard'],
  accessibility: ['step_free'],
});
const noVideo = meetingRoom(12, { capacity: 10, equipment: ['screen'], accessibility: ['step_free'] });
const tiny = meetingRoom(13, { capacity: 2, equipment: ['screen', 'video_conference'], accessibility: ['step_free'] });
const stairs = meetingRoom(14, { capacity: 10, equipment: ['screen', 'video_conference'], accessibility: [] });
const all = [room, twin, noVideo, tiny, stairs];

function allFree(
  suggestions: ReturnType<typeof suggestAlternatives>,
  req: BookingRequest,
  contexts: Map<number, BookingContext>,
) {
  for (const s of suggestions) {
    const resource = all.find((r) => r.id === s.resourceId) ?? req.resource;
    expect(evaluateBooking({ ...req, resource, start: s.start, end: s.end }, contexts.get(s.resourceId)!)).toEqual([]);
  }
}

describe('equivalent resources', () => {
  it.each([
    ['more equipment and room', twin, true],
    ['missing video conference', noVideo, false],
    ['too small for the group', tiny, false],
    ['not step-free', stairs, false],
    ['itself', room, false],
    [
      'another kind',
      desk(1, { capacity: 10, equipment: ['screen', 'video_conference'], accessibility: ['step_free'] }),
      false,
    ],
  ])('%s', (_, candidate, expected) => {
    expect(isEquivalentResource(room, candidate as Resource, 4)).toBe(expected);
  });
});

describe('suggestions for a taken room', () => {
  const taken = booking(10, `${TUE}T10:00`, `${TUE}T11:00`);
  const ctx = context(all, { existingBookings: [taken] });
  const req: BookingRequest = {
    resource: room,
    start: at(`${TUE}T10:00`),
    end: at(`${TUE}T11:00`),
    memberId: 7,
    headcount: 4,
  };

  it('offers the nearest free times the same day, earlier first on ties', () => {
    expect(evaluateBooking(req, ctx).length).toBeGreaterThan(0);
    const found = suggestAlternatives(req, ctx, []);
    expect(found.map((s) => s.start)).toEqual(
      ['09:00', '11:00', '08:45', '11:15', '08:30'].map((t) => at(`${TUE}T${t}`)),
    );
    expect(found.every((s) => s.kind === 'same_resource' && s.dayOffset === 0 && s.end - s.start === 3_600_000)).toBe(
      true,
    );
    allFree(found, req, new Map([[10, ctx]]));
  });

  it('puts an equivalent room at the requested time first, and only equivalent ones', () => {
    const others = [twin, noVideo, tiny, stairs].map((resource) => ({ resource, context: ctx }));
    const found = suggestAlternatives(req, ctx, others);
    expect(found).toHaveLength(5);
    expect(found[0]).toMatchObject({
      kind: 'equivalent_resource',
      resourceId: 11,
      start: req.start,
      distanceMinutes: 0,
    });
    expect(found.slice(1).every((s) => s.resourceId === 10)).toBe(true);
    allFree(
      found,
      req,
      new Map([
        [10, ctx],
        [11, ctx],
      ]),
    );
  });

  it('an equivalent room that is busy then is not offered', () => {
    const busyTwin = context(all, { existingBookings: [taken, booking(11, `${TUE}T09:30`, `${TUE}T10:30`)] });
    const found = suggestAlternatives(req, ctx, [{ resource: twin, context: busyTwin }]);
    expect(found.some((s) => s.resourceId === 11)).toBe(false);
  });

  it('honours buffers and closures around the taken slot', () => {
    const buffered = meetingRoom(10, { ...room }, { bufferBeforeMinutes: 30, bufferAfterMinutes: 30 });
    const closure = { id: 1, resourceId: null, start: at(`${TUE}T08:30`), end: at(`${TUE}T09:30`), reason: 'Cleaning' };
    const bctx = context([buffered], { existingBookings: [taken], closures: [closure] });
    const breq = { ...req, resource: buffered };
    const found = suggestAlternatives(breq, bctx, []);
    expect(found.map((s) => s.start)).toEqual(
      ['11:30', '11:45', '12:00', '12:15', '12:30'].map((t) => at(`${TUE}T${t}`)),
    );
    for (const s of found) expect(evaluateBooking({ ...breq, start: s.start, end: s.end }, bctx)).toEqual([]);
  });
});

describe('same day first, then the following days', () => {
  it('a room taken all Friday is offered on Monday (the weekend is closed)', () => {
    const fri = '2026-03-06';
    const ctx = context([room], { existingBookings: [booking(10, `${fri}T08:30`, `${fri}T19:00`)] });
    const req: BookingRequest = {
      resource: room,
      start: at(`${fri}T10:00`),
      end: at(`${fri}T11:00`),
      memberId: 7,
      headcount: 2,
    };
    const found = suggestAlternatives(req, ctx, []);
    expect(found[0]).toMatchObject({ localDate: '2026-03-09', dayOffset: 3, start: at('2026-03-09T10:00') });
    expect(found.map((s) => s.dayOffset)).toEqual([...found.map((s) => s.dayOffset)].sort((a, b) => a - b));
    allFree(found, req, new Map([[10, ctx]]));
  });

  it('never suggests a time in the past or beyond the horizon', () => {
    const now = at(`${TUE}T10:20`);
    const ctx = context([room], { now, existingBookings: [booking(10, `${TUE}T10:30`, `${TUE}T11:30`)] });
    const req: BookingRequest = {
      resource: room,
      start: at(`${TUE}T10:30`),
      end: at(`${TUE}T11:30`),
      memberId: 7,
      headcount: 2,
    };
    const found = suggestAlternatives(req, ctx, []);
    expect(found.length).toBe(5);
    expect(found.every((s) => s.start >= now)).toBe(true);
    allFree(found, req, new Map([[10, ctx]]));

    const lastDay = '2026-04-27';
    const late = context([room], { existingBookings: [booking(10, `${lastDay}T08:30`, `${lastDay}T19:00`)] });
    const farReq = { ...req, start: at(`${lastDay}T10:00`), end: at(`${lastDay}T11:00`) };
    expect(suggestAlternatives(farReq, late, [])).toEqual([]);
  });

  it('desks: the same half-day on other desks, then on the next days', () => {
    const d1 = desk(1);
    const d2 = desk(2);
    const morning = (date: string) => ({ start: at(`${date}T08:30`), end: at(`${date}T13:00`) });
    const ctx = context([d1, d2], { existingBookings: [booking(1, `${TUE}T08:30`, `${TUE}T13:00`)] });
    const req: BookingRequest = { resource: d1, ...morning(TUE), memberId: 7, headcount: 1 };
    const found = suggestAlternatives(req, ctx, [{ resource: d2, context: ctx }]);
    expect(found.map((s) => [s.resourceId, s.localDate])).toEqual([
      [2, TUE],
      [1, '2026-03-04'],
      [1, '2026-03-05'],
      [1, '2026-03-06'],
      [1, '2026-03-09'],
    ]);
    expect(found.every((s) => s.end - s.start === morning(TUE).end - morning(TUE).start)).toBe(true);
  });
});

describe('bounded cost', () => {
  it('a week with no free slot anywhere ends with nothing', () => {
    const busy = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'].map((d) =>
      booking(10, `${d}T08:30`, `${d}T19:00`),
    );
    const ctx = context([room], { existingBookings: busy });
    const req: BookingRequest = {
      resource: room,
      start: at(`${TUE}T10:00`),
      end: at(`${TUE}T11:00`),
      memberId: 7,
      headcount: 2,
    };
    expect(suggestAlternatives(req, ctx, [])).toEqual([]);
  });

  it('asks the rules at most maxEvaluations times: a free time ranked after the budget is not found', () => {
    // A shared hall, full every day but for Monday 18:00–19:00: every start is asked and refused.
    const hall = sportsHall(20);
    const days = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const full = days.map((d) => booking(20, `${d}T08:30`, `${d}T19:00`, { headcount: 20 }));
    const ctx = context([hall], {
      existingBookings: [...full, booking(20, '2026-03-09T08:30', '2026-03-09T18:00', { headcount: 20 })],
    });
    const req: BookingRequest = {
      resource: hall,
      start: at(`${TUE}T10:00`),
      end: at(`${TUE}T11:00`),
      memberId: 7,
      headcount: 5,
    };
    // Hourly starts from 09:00 to 18:00: 9 on Tuesday (not the refused 10:00), 10 on each later
    // open day; Monday's 18:00 is the furthest from 10:00, so the last of its day to be tried.
    const before = 9 + 10 + 10 + 10 + 9;
    expect(suggestAlternatives(req, ctx, [], { maxEvaluations: before })).toEqual([]);
    const found = suggestAlternatives(req, ctx, [], { maxEvaluations: before + 1 });
    expect(found.map((s) => s.start)).toEqual([at('2026-03-09T18:00')]);
  });

  it('leaves out times that meet another booking before asking the rules: they spend none of the budget', () => {
    const full = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d) =>
      booking(10, `${d}T08:30`, `${d}T19:00`),
    );
    // Monday: taken but for 17:30–19:00; with a 15-minute buffer on each side, an hour fits from
    // 17:45 or 18:00 (closing needs no buffer).
    const buffered = meetingRoom(10, {}, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
    const ctx = context([buffered], {
      existingBookings: [...full, booking(10, '2026-03-09T08:30', '2026-03-09T17:30')],
    });
    const req: BookingRequest = {
      resource: buffered,
      start: at(`${TUE}T10:00`),
      end: at(`${TUE}T11:00`),
      memberId: 7,
      headcount: 2,
    };
    const found = suggestAlternatives(req, ctx, [], { maxEvaluations: 2 });
    expect(found.map((s) => s.start)).toEqual([at('2026-03-09T17:45'), at('2026-03-09T18:00')]);
    allFree(found, req, new Map([[10, ctx]]));
  });

  it('an invalid request gets no suggestion', () => {
    const ctx = context([room]);
    expect(suggestAlternatives({ resource: room, start: 10, end: 10, memberId: 7, headcount: 1 }, ctx, [])).toEqual([]);
  });
});
