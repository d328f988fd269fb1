// The front desk's board as pure computations: the state of a desk or a room at an instant
// (or over a day, for another date), who is on site now, and occupancy against the safety
// capacities. `now` is always a parameter; null means "a day seen from elsewhere", so the
// day's bookings are shown instead of a state at an instant.
import type { BookingStatus, Instant, ResourceKind } from './types.js';

/** A booking as the board needs it; `person` is already the name to show, or null. */
export interface BoardBooking {
  id: number;
  resourceId: number;
  memberId: number | null;
  start: Instant;
  end: Instant;
  status: BookingStatus;
  headcount: number;
  checkedInAt: Instant | null;
  checkedOutAt: Instant | null;
  person: string | null;
}

export interface BoardVisitor {
  id: number;
  name: string;
  organisation: string;
  hostName: string;
  expectedAt: Instant;
  arrivedAt: Instant | null;
  leftAt: Instant | null;
}

/** Whose a booking is, as people say it: the member, the day guest (and their organisation), else the organisation. */
export function personOf(row: {
  memberName: string | null;
  guestName: string | null;
  guestOrganisation: string | null;
  organisationName: string | null;
}): string | null {
  if (row.memberName) return row.memberName;
  if (row.guestName) return row.guestOrganisation ? `${row.guestName} (${row.guestOrganisation})` : row.guestName;
  return row.organisationName ?? null;
}

/** A booking that still holds its resource (not cancelled, rejected or released). */
export function isLive(b: { status: BookingStatus }): boolean {
  return b.status === 'pending' || b.status === 'confirmed';
}

/** Running at `now`: begun and not ended (a check-out brings the end back). */
export function isRunning(b: BoardBooking, now: Instant): boolean {
  return isLive(b) && b.start <= now && now < b.end;
}

/** Someone is there for this booking: checked in, not checked out, and it has not ended. */
export function isPresent(b: BoardBooking, now: Instant): boolean {
  return (
    b.status === 'confirmed' && b.checkedInAt !== null && b.checkedInAt <= now && b.checkedOutAt === null && now < b.end
  );
}

export type DeskState = 'free' | 'booked' | 'checked_in';

/**
 * A desk now: checked in when someone is at it, booked while a live booking is running or
 * still to come that day, else free. For another day: booked when it has any live booking.
 */
export function deskState(bookings: readonly BoardBooking[], now: Instant | null): DeskState {
  if (now === null) return bookings.some(isLive) ? 'booked' : 'free';
  if (bookings.some((b) => isPresent(b, now))) return 'checked_in';
  return bookings.some((b) => isLive(b) && b.end > now) ? 'booked' : 'free';
}

export interface RoomNow {
  /** The booking running now, or null when the room is free. */
  current: BoardBooking | null;
  /** When the room becomes free: the end of back-to-back bookings from the current one. */
  until: Instant | null;
  /** The next booking starting once the room is free (or now, when free). */
  next: BoardBooking | null;
}

/** A room, studio or hall at `now`: in use until when, and what comes next. */
export function roomNow(bookings: readonly BoardBooking[], now: Instant): RoomNow {
  const live = bookings.filter(isLive).sort((a, b) => a.start - b.start || a.id - b.id);
  const current = live.find((b) => b.start <= now && now < b.end) ?? null;
  let until: Instant | null = null;
  if (current) {
    until = current.end;
    // Back-to-back bookings keep the room in use: the first gap is when it is free.
    for (const b of live) if (b.start <= until && b.end > until) until = b.end;
  }
  const freeFrom = until ?? now;
  const next = live.find((b) => b.start >= freeFrom) ?? null;
  return { current, until, next };
}

/** People present now in each zone (by the resource's zone) and on the whole site. */
export interface Occupancy {
  site: number;
  byZone: Map<number, number>;
}

/** Visitors in the building: arrived, not left. */
export function isVisitorIn(v: BoardVisitor, now: Instant): boolean {
  return v.arrivedAt !== null && v.arrivedAt <= now && (v.leftAt === null || v.leftAt > now);
}

/**
 * People present now: the declared headcount of checked-in bookings, in their resource's
 * zone, plus visitors arrived and not left (on the site, in no zone).
 */
export function occupancy(
  bookings: readonly BoardBooking[],
  visitors: readonly BoardVisitor[],
  zoneOf: (resourceId: number) => number | null,
  now: Instant,
): Occupancy {
  const byZone = new Map<number, number>();
  let site = 0;
  for (const b of bookings) {
    if (!isPresent(b, now)) continue;
    site += b.headcount;
    const zone = zoneOf(b.resourceId);
    if (zone !== null) byZone.set(zone, (byZone.get(zone) ?? 0) + b.headcount);
  }
  for (const v of visitors) if (isVisitorIn(v, now)) site += 1;
  return { site, byZone };
}

export type CapacityLevel = 'none' | 'ok' | 'near' | 'over';

/** Near from 90 % of the safety capacity, over above it; 'none' when no capacity is set. */
export function capacityLevel(present: number, capacity: number | null): CapacityLevel {
  if (capacity === null || capacity <= 0) return 'none';
  if (present > capacity) return 'over';
  return present * 10 >= capacity * 9 ? 'near' : 'ok';
}

/** One line of the evacuation list. */
export interface HeadcountEntry {
  kind: 'member' | 'visitor' | 'event';
  /** The person (or organisation of an event); null when unknown. */
  name: string | null;
  /** The resource (members, events) or the host (visitors). */
  where: string;
  count: number;
}

/**
 * Everyone on site now: people checked in and not out (their declared headcount), visitors
 * arrived and not left, and the declared headcount of event-space bookings confirmed and running.
 */
export function headcountNow(
  bookings: readonly BoardBooking[],
  visitors: readonly BoardVisitor[],
  resourceOf: (id: number) => { kind: ResourceKind; name: string } | undefined,
  now: Instant,
): { entries: HeadcountEntry[]; total: number } {
  const entries: HeadcountEntry[] = [];
  for (const b of bookings) {
    const resource = resourceOf(b.resourceId);
    if (!resource) continue;
    if (resource.kind === 'event_space') {
      if (b.status === 'confirmed' && isRunning(b, now))
        entries.push({ kind: 'event', name: b.person, where: resource.name, count: b.headcount });
    } else if (isPresent(b, now)) {
      entries.push({ kind: 'member', name: b.person, where: resource.name, count: b.headcount });
    }
  }
  for (const v of visitors)
    if (isVisitorIn(v, now)) entries.push({ kind: 'visitor', name: v.name, where: v.hostName, count: 1 });
  return { entries, total: entries.reduce((sum, e) => sum + e.count, 0) };
}

/** Letters without accents or case, so « Zoé » is found by "zoe". */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');
}

/** Does any of `texts` contain the search `query` (already folded)? An empty query matches all. */
export function matchesQuery(folded: string, ...texts: (string | null)[]): boolean {
  if (folded === '') return true;
  return texts.some((t) => t !== null && foldName(t).includes(folded));
}
