// What each scenario asks the server, as a person would: signed-in members with their
// session cookie, plain HTML forms with the session's CSRF token in `_csrf`.
import type { RequestData } from 'autocannon';
import { form } from '../test/helpers/auth.js';
import type { Fixture, Slot } from './dataset.js';
import type { Load } from './load.js';
import type { SessionHeaders } from './server.js';

export const SCENARIOS = [
  'baseline',
  'rooms_day',
  'desks_day',
  'my_bookings',
  'feed_full',
  'feed_304',
  'create',
  'create_refused',
  'cancel',
  'frontdesk_board',
  'ref_page',
  'ref_write',
  'monday_mix',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Acknowledged {
  /** Bookings the server answered 303 to, with what was asked. */
  created: { id: number; slot: Slot }[];
  refusedWon: number[];
  cancelled: number[];
}

export interface ScenarioContext {
  fixture: Fixture;
  bookers: SessionHeaders[];
  readers: SessionHeaders[];
  /** The front-desk account's session, when the server has the board. */
  frontDesk: SessionHeaders | null;
  /** The feed's URL path and its current ETag, when the server has feeds. */
  feed: { path: string; etag: string } | null;
  acks: Acknowledged;
  /** Tells runs apart in idempotency keys. */
  tag: string;
}

const FORM = 'application/x-www-form-urlencoded';
/** What a browser sends (Chromium over HTTPS); compressing is the reverse proxy's job, not the server's. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

export function get(path: string, session?: SessionHeaders, extra: Record<string, string> = {}): RequestData {
  return {
    method: 'GET',
    path,
    headers: { ...(session ? { cookie: session.cookie } : {}), accept: 'text/html', ...BROWSER, ...extra },
  };
}

export function post(path: string, session: SessionHeaders, fields: Record<string, string | number>): RequestData {
  return {
    method: 'POST',
    path,
    headers: { cookie: session.cookie, 'content-type': FORM, accept: 'text/html', ...BROWSER },
    body: form({ ...fields, _csrf: session.csrf }),
  };
}

export function bookingForm(slot: Slot, key: string): Record<string, string | number> {
  return {
    resource: slot.resourceId,
    start: slot.start,
    end: slot.end,
    headcount: 1,
    title: 'Point bench',
    idempotency_key: key,
  };
}

export function location(headers: Record<string, string | string[] | undefined>): string {
  const value = headers.location ?? headers.Location;
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The loads of the scenarios this server can run; feed scenarios only when it has feeds. */
export function loads(ctx: ScenarioContext): Partial<Record<ScenarioName, Load>> {
  const { fixture, bookers, readers, acks } = ctx;
  const reader = (i: number) => readers[i % readers.length]!;
  const day = fixture.viewDate;
  const slotOf = new WeakMap<RequestData, Slot>();
  const cancelOf = new WeakMap<RequestData, number>();
  const result: Partial<Record<ScenarioName, Load>> = {
    baseline: { expect: [200], request: () => get('/livez') },
    rooms_day: { expect: [200], request: (i) => get(`/book/rooms?date=${day}`, reader(i)) },
    // The references every target is a fraction of, measured in the same run at the same size:
    // the smallest signed-in page (session, layout) and the smallest signed-in write (session,
    // CSRF, one UPDATE, a 303).
    ref_page: { expect: [200], request: (i) => get('/book', reader(i)) },
    ref_write: { expect: [303], request: (i) => post('/profile/language', reader(i), { lang: 'fr', next: '/book' }) },
    desks_day: { expect: [200], request: (i) => get(`/book/desk?date=${day}`, reader(i)) },
    my_bookings: { expect: [200], request: (i) => get('/bookings', reader(i)) },
    create: {
      expect: [303],
      budget: fixture.createSlots.length,
      request(i) {
        const slot = fixture.createSlots[i]!;
        const request = post(
          '/bookings',
          bookers[slot.booker ?? i % bookers.length]!,
          bookingForm(slot, `${ctx.tag}-create-${i}`),
        );
        slotOf.set(request, slot);
        return request;
      },
      response(status, headers, request) {
        const id = /^\/bookings\/(\d+)\?/.exec(location(headers))?.[1];
        if (status === 303 && id) acks.created.push({ id: Number(id), slot: slotOf.get(request)! });
      },
    },
    create_refused: {
      // All ask for the same slot: the first one gets it (303), every other is refused (409).
      expect: [409, 303],
      request: (i) =>
        post('/bookings', bookers[i % bookers.length]!, bookingForm(fixture.refusedSlot, `${ctx.tag}-refused-${i}`)),
      response(status, headers) {
        const id = /^\/bookings\/(\d+)\?/.exec(location(headers))?.[1];
        if (status === 303 && id) acks.refusedWon.push(Number(id));
      },
    },
    cancel: {
      expect: [303],
      budget: fixture.cancellable.length,
      request(i) {
        const { id, booker } = fixture.cancellable[i]!;
        const request = post(`/bookings/${id}/cancel`, bookers[booker]!, { back: 'list' });
        cancelOf.set(request, id);
        return request;
      },
      response(status, _headers, request) {
        if (status === 303) acks.cancelled.push(cancelOf.get(request)!);
      },
    },
  };
  if (ctx.frontDesk) {
    const desk = ctx.frontDesk;
    result.frontdesk_board = { expect: [200], request: () => get(`/frontdesk?date=${fixture.boardDate}`, desk) };
  }
  if (ctx.feed) {
    const { path, etag } = ctx.feed;
    // As calendar clients (Google, Apple, Outlook, Thunderbird) ask: they all say they accept gzip.
    const client = { accept: 'text/calendar', 'accept-encoding': 'gzip' };
    result.feed_full = { expect: [200], request: () => get(path, undefined, client) };
    result.feed_304 = { expect: [304], request: () => get(path, undefined, { ...client, 'if-none-match': etag }) };
  }
  return result;
}
