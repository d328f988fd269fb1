// The Monday mix: the members of a busy site at the start of a week, signed in, looking at
// the rooms and desks of the next two weeks with the pages' filters, at their own bookings,
// booking free slots and now and then cancelling one. Each request is drawn at random:
//   per 100 requests: 40 rooms day views, 30 desk day views, 24 my bookings, 5 bookings,
//   1 cancellation;
// a day view is of a random open date of the next two weeks, with random filters (group,
// capacity, equipment, accessibility, grid or list; half-day for desks), half of them as
// htmx asks when a filter or the date changes on the page (the fragment), half as whole
// pages. A booking takes the next free slot of the fixture's (a quarter-hour of a room or a
// desk half-day in the next two weeks, booked by nobody else in the run) for its member; a
// cancellation, the next of the members' own bookings set aside for it.
import type { Acknowledged } from './scenarios.js';
import { bookingForm, get, location, post } from './scenarios.js';
import { prng, type Fixture } from './dataset.js';
import type { Job, Jobs } from './drivers.js';
import type { SessionHeaders } from './server.js';

export const MIX_SHARES = { rooms_day: 40, desks_day: 30, my_bookings: 24, book: 5, cancel: 1 } as const;
export type MixType = keyof typeof MIX_SHARES;
const TYPES = Object.keys(MIX_SHARES) as MixType[];

export interface MixContext {
  fixture: Fixture;
  /** Signed-in sessions of fixture.mixMembers, in the same order. */
  members: SessionHeaders[];
  acks: Acknowledged;
  /** Tells runs apart in idempotency keys. */
  tag: string;
  /** How many of the fixture's free slots and bookings to cancel the mix has used so far. */
  used: { slots: number; cancels: number };
}

const GROUPS = ['rooms', 'rooms', 'rooms', 'rooms', 'rooms', 'rooms', 'rooms', 'rooms', 'studios', 'hall'];
const CAPACITIES = [4, 6, 8, 12];
const EQUIPMENT = ['screen', 'video_conference', 'whiteboard', 'projector'];
const ACCESSIBILITY = ['step_free', 'hearing_loop', 'wheelchair_accessible'];
const PARTS = ['morning', 'afternoon', 'full_day'];

/** The mix's requests, drawn with a seeded generator (the same draw in every run). */
export function mondayMix(ctx: MixContext, seed: number): Jobs {
  const { fixture, members, acks, used } = ctx;
  const random = prng(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const htmx = (): Record<string, string> => (chance(0.5) ? { 'hx-request': 'true' } : {});

  function roomsDay(): string {
    const query = new URLSearchParams({ date: pick(fixture.mixDates), group: pick(GROUPS) });
    if (chance(0.4)) query.set('capacity', String(pick(CAPACITIES)));
    if (chance(0.4)) query.append('equipment', pick(EQUIPMENT));
    if (chance(0.1)) query.append('equipment', pick(EQUIPMENT));
    if (chance(0.15)) query.append('accessibility', pick(ACCESSIBILITY));
    if (chance(0.2)) query.set('view', 'list');
    return `/book/rooms?${query.toString()}`;
  }

  function desksDay(): string {
    const query = new URLSearchParams({ date: pick(fixture.mixDates) });
    if (chance(0.6)) query.set('part', pick(PARTS));
    return `/book/desk?${query.toString()}`;
  }

  return (): Job | null => {
    let u = random() * 100;
    const type = TYPES.find((t) => (u -= MIX_SHARES[t]) < 0) ?? 'my_bookings';
    const member = () => members[Math.floor(random() * members.length)]!;
    switch (type) {
      case 'rooms_day':
        return { type, expect: [200], request: get(roomsDay(), member(), htmx()) };
      case 'desks_day':
        return { type, expect: [200], request: get(desksDay(), member(), htmx()) };
      case 'my_bookings':
        return { type, expect: [200], request: get('/bookings', member()) };
      case 'book': {
        const n = used.slots;
        const slot = fixture.mixSlots[n];
        if (!slot) return null;
        used.slots++;
        return {
          type,
          expect: [303],
          request: post('/bookings', members[slot.member]!, bookingForm(slot, `${ctx.tag}-mix-${n}`)),
          answered(status, headers) {
            const id = /^\/bookings\/(\d+)\?/.exec(location(headers))?.[1];
            if (status === 303 && id) acks.created.push({ id: Number(id), slot });
          },
        };
      }
      case 'cancel': {
        const booking = fixture.mixCancellable[used.cancels];
        if (!booking) return null;
        used.cancels++;
        return {
          type,
          expect: [303],
          request: post(`/bookings/${booking.id}/cancel`, members[booking.member]!, { back: 'list' }),
          answered(status) {
            if (status === 303) acks.cancelled.push(booking.id);
          },
        };
      }
    }
  };
}

/** Whether the fixture has enough free slots and bookings to cancel left for `requests` more of the mix. */
export function mixCanAsk(ctx: MixContext, requests: number): boolean {
  const needed = (share: number) => Math.ceil(((requests * share) / 100) * 1.2 + 20);
  return (
    ctx.fixture.mixSlots.length - ctx.used.slots >= needed(MIX_SHARES.book) &&
    ctx.fixture.mixCancellable.length - ctx.used.cancels >= needed(MIX_SHARES.cancel)
  );
}
