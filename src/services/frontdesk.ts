// The front desk: the board of a day (desks by zone, rooms and halls, visitors, occupancy
// against the safety capacities), the evacuation headcount, and the lobby screen of a kiosk
// link (no names). Three reads per board: the day's bookings, its visitors, the no-shows.
import type { Db } from '../db/connection.js';
import type { ZoneRow } from '../db/inventory.js';
import { frontDeskQueries, type DeskBookingRow } from '../db/frontdesk.js';
import {
  capacityLevel,
  deskState,
  foldName,
  headcountNow,
  isLive,
  matchesQuery,
  occupancy,
  personOf,
  roomNow,
  type BoardBooking,
  type BoardVisitor,
  type CapacityLevel,
  type DeskState,
  type HeadcountEntry,
  type RoomNow,
} from '../domain/board.js';
import type { Clock } from '../domain/clock.js';
import type { LocalDate } from '../domain/local-date.js';
import { localDateOf, localDayRange } from '../domain/zoned-time.js';
import type { ResourceView } from '../db/inventory.js';
import { authorize, type Actor } from './authz.js';
import type { Inventory, InventorySnapshot } from './inventory.js';
import type { KioskGrant } from './kiosks.js';

/** A zone as the board shows it (name, English name, safety capacity). */
export type Zone = ZoneRow;

const DAY_MS = 24 * 3600_000;
/** No-shows are counted over this many days back. */
export const NO_SHOW_DAYS = 30;

export interface BoardBookingLine extends BoardBooking {
  /** No-shows of the booking's member over the last NO_SHOW_DAYS days (0 on another day's board). */
  noShows: number;
  /** Today's, confirmed, not checked in and not over: the desk may check it in. */
  checkable: boolean;
}

export interface Presence {
  present: number;
  capacity: number | null;
  level: CapacityLevel;
}

export interface DeskLine {
  resource: ResourceView;
  state: DeskState;
  bookings: BoardBookingLine[];
}

export interface ZoneBoard {
  zone: ZoneRow | null;
  desks: DeskLine[];
  counts: { total: number; booked: number; checkedIn: number; free: number };
}

export interface RoomLine {
  resource: ResourceView;
  /** The state at the clock's now; null for another day. */
  now: RoomNow | null;
  /** The day's live bookings. */
  bookings: BoardBookingLine[];
}

export interface Board {
  date: LocalDate;
  /** The clock's instant when the date is today, else null. */
  now: number | null;
  query: string;
  desks: ZoneBoard[];
  rooms: RoomLine[];
  visitors: BoardVisitor[];
  site: Presence;
  /** Every zone's people present now against its safety capacity. */
  zones: { zone: ZoneRow; presence: Presence }[];
}

/** A zone of the lobby screen: how many desks are free now, and each room's state. */
export interface LobbyZone {
  zone: ZoneRow | null;
  desksFree: number;
  desksTotal: number;
  rooms: { resource: ResourceView; now: RoomNow }[];
}

/** What the desk and room lines of one board share. */
interface LineView {
  ofResource: Map<number, BoardBooking[]>;
  now: number | null;
  line: (b: BoardBooking) => BoardBookingLine;
  /** Whether a booking matches the search; null when there is none. */
  shown: ((b: BoardBooking) => boolean) | null;
}

function toBoardBooking(row: DeskBookingRow): BoardBooking {
  return {
    id: row.id,
    resourceId: row.resourceId,
    memberId: row.memberId,
    start: row.startsAt,
    end: row.endsAt,
    status: row.status,
    headcount: row.headcount,
    checkedInAt: row.checkedInAt,
    checkedOutAt: row.checkedOutAt,
    person: personOf(row),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The zones in their order, then resources without a zone. */
function byZone<T>(
  snapshot: InventorySnapshot,
  resources: readonly ResourceView[],
  build: (zone: ZoneRow | null, items: ResourceView[]) => T,
): T[] {
  const out: T[] = [];
  for (const zone of snapshot.zones) {
    const items = resources.filter((r) => r.zoneId === zone.id);
    if (items.length > 0) out.push(build(zone, items));
  }
  const loose = resources.filter((r) => r.zoneId === null);
  if (loose.length > 0) out.push(build(null, loose));
  return out;
}

export class FrontDeskService {
  private readonly queries;

  constructor(
    db: Db,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.queries = frontDeskQueries(db);
  }

  /** Today's date in the site's zone. */
  today(): LocalDate {
    return localDateOf(this.clock.now(), this.inventory.get().site.timezone);
  }

  /** The board of `date`; `query` keeps only the bookings and visitors whose names hold it. */
  board(actor: Actor | null, date: LocalDate, query = ''): Board {
    authorize(actor, 'frontdesk.view');
    const snapshot = this.inventory.get();
    const zone = snapshot.site.timezone;
    const clockNow = this.clock.now();
    const now = localDateOf(clockNow, zone) === date ? clockNow : null;
    const day = localDayRange(date, zone);
    // Only this site's resources: other sites' bookings share the table and the index.
    const all = this.queries
      .bookingsBetween(day.start, day.end)
      .filter((r) => snapshot.resourcesById.has(r.resourceId))
      .map(toBoardBooking);
    const visitors = this.queries.visitorsBetween(snapshot.site.id, day.start, day.end);
    // No-shows are for greeting people today: another day's board does not read them.
    const memberIds = now === null ? [] : [...new Set(all.flatMap((b) => (b.memberId === null ? [] : [b.memberId])))];
    const noShows = this.queries.noShowsBetween(memberIds, clockNow - NO_SHOW_DAYS * DAY_MS, clockNow);
    const line = (b: BoardBooking): BoardBookingLine => ({
      ...b,
      noShows: b.memberId === null ? 0 : (noShows.get(b.memberId) ?? 0),
      // Only on the day itself: nobody checks in for another day.
      checkable: now !== null && b.status === 'confirmed' && b.checkedInAt === null && b.end > now,
    });
    const ofResource = groupBy(all, (b) => b.resourceId);
    const presence = occupancy(all, visitors, (id) => snapshot.resourcesById.get(id)?.zoneId ?? null, now ?? clockNow);
    const folded = foldName(query.trim());
    const shown = (b: BoardBooking) => matchesQuery(folded, b.person);
    const view = { ofResource, now, line, shown: folded === '' ? null : shown };
    const desks = this.deskZones(snapshot, view);
    const rooms = this.roomLines(snapshot, view);
    return {
      date,
      now,
      query: query.trim(),
      desks,
      rooms,
      visitors: visitors.filter((v) => matchesQuery(folded, v.name, v.organisation, v.hostName)),
      site: this.presence(presence.site, snapshot.site.safetyCapacity),
      zones: snapshot.zones.map((z) => ({
        zone: z,
        presence: this.presence(presence.byZone.get(z.id) ?? 0, z.safetyCapacity),
      })),
    };
  }

  /** Everyone on site at the clock's now, for an evacuation: one line per person or group. */
  headcount(actor: Actor | null): { at: number; entries: HeadcountEntry[]; total: number } {
    authorize(actor, 'frontdesk.view');
    const snapshot = this.inventory.get();
    const now = this.clock.now();
    // The bookings running at `now` are those overlapping [now, now + 1 ms).
    const bookings = this.queries.bookingsBetween(now, now + 1).map(toBoardBooking);
    const day = localDayRange(localDateOf(now, snapshot.site.timezone), snapshot.site.timezone);
    const visitors = this.queries.visitorsBetween(snapshot.site.id, day.start, day.end);
    const { entries, total } = headcountNow(bookings, visitors, (id) => snapshot.resourcesById.get(id), now);
    return { at: now, entries, total };
  }

  /** The lobby screen of a kiosk link: free desks and rooms now, per zone, without any name. */
  lobby(_grant: KioskGrant): { at: number; zones: LobbyZone[] } {
    const snapshot = this.inventory.get();
    const now = this.clock.now();
    const day = localDayRange(localDateOf(now, snapshot.site.timezone), snapshot.site.timezone);
    const ofResource = groupBy(
      // A lobby screen shows no names: they are dropped here, before any template sees them.
      this.queries
        .bookingsBetween(now, Math.max(day.end, now + 1))
        .map((r) => ({ ...toBoardBooking(r), person: null })),
      (b) => b.resourceId,
    );
    const zones = byZone(snapshot, snapshot.resources, (zone, items) => {
      const desks = items.filter((r) => r.kind === 'desk');
      return {
        zone,
        desksTotal: desks.length,
        desksFree: desks.filter((d) => deskState(ofResource.get(d.id) ?? [], now) === 'free').length,
        rooms: items
          .filter((r) => r.kind !== 'desk')
          .map((resource) => ({ resource, now: roomNow(ofResource.get(resource.id) ?? [], now) })),
      };
    });
    return { at: now, zones };
  }

  /** Desks by zone: each desk's state and bookings, and the zone's counts (of every desk, search or not). */
  private deskZones(snapshot: InventorySnapshot, view: LineView): ZoneBoard[] {
    const desks = snapshot.resources.filter((r) => r.kind === 'desk');
    return byZone(snapshot, desks, (zone, items) => {
      const lines = items.map((resource) => {
        const bookings = view.ofResource.get(resource.id) ?? [];
        return { resource, state: deskState(bookings, view.now), bookings: bookings.filter(isLive).map(view.line) };
      });
      const counted = (state: DeskState) => lines.filter((l) => l.state === state).length;
      return {
        zone,
        desks: view.shown ? lines.filter((l) => l.bookings.some(view.shown!)) : lines,
        counts: {
          total: lines.length,
          booked: counted('booked'),
          checkedIn: counted('checked_in'),
          free: counted('free'),
        },
      };
    });
  }

  /** Rooms, studios, the event space and the hall: now (today) and the day's bookings. */
  private roomLines(snapshot: InventorySnapshot, view: LineView): RoomLine[] {
    return snapshot.resources
      .filter((r) => r.kind !== 'desk')
      .map((resource) => {
        const bookings = view.ofResource.get(resource.id) ?? [];
        const now = view.now === null ? null : roomNow(bookings, view.now);
        return { resource, now, bookings: bookings.filter(isLive).map(view.line) };
      })
      .filter((r) => !view.shown || r.bookings.some(view.shown));
  }

  private presence(present: number, capacity: number | null): Presence {
    return { present, capacity, level: capacityLevel(present, capacity) };
  }
}
