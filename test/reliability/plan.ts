// What the reliability tests give their client processes (fixtures/booking-client.ts): the
// members to sign in, the slots to book in order, and what each attempt answered.
import { DateTime } from 'luxon';
import type Database from 'better-sqlite3';

export interface Slot {
  resource: number;
  kind: 'desk' | 'meeting_room' | 'sports_hall';
  /** Local "YYYY-MM-DDTHH:mm" in the site's zone, as the booking form takes them. */
  start: string;
  end: string;
  headcount: number;
  /** 1 for an exclusive resource; the places a shared one has. */
  capacity: number;
}

export interface ClientPlan {
  client: number;
  servers: string[];
  members: string[];
  password: string;
  slots: Slot[];
  /** Send a request again while the server is down, rather than count it as an error. */
  retry: boolean;
  /** When this file exists, each member stops after its current attempt. */
  stopFile?: string;
  output: string;
}

export interface Attempt {
  slot: number;
  email: string;
  server: string;
  /** The HTTP status, or 0 when no answer came. */
  status: number;
  /** From the 303's Location when the booking was created. */
  bookingId: number | null;
}

const ZONE = 'Europe/Paris';
export const HALL_HEADCOUNT = 7;

/** Open weekdays from tomorrow within the desks' 14-day horizon, without a site-wide closure. */
export function openDays(db: Database.Database, now: number): string[] {
  const closed = db.prepare('SELECT starts_at AS s, ends_at AS e FROM closures WHERE resource_id IS NULL').all() as {
    s: number;
    e: number;
  }[];
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const days: string[] = [];
  for (let n = 1; n <= 13; n++) {
    const day = today.plus({ days: n });
    const from = day.toMillis();
    const to = day.plus({ days: 1 }).toMillis();
    if (day.weekday <= 5 && !closed.some((c) => c.s < to && c.e > from)) days.push(day.toISODate()!);
  }
  return days;
}

/**
 * Slots of three kinds, interleaved day by day: desk half-days (at most `desks` desks, fewer
 * than the members, so that "one desk per person" cannot leave a desk without a winner),
 * 30-minute room slots, and one-hour slots of the shared sports hall (capacity 20).
 */
export function slotPlan(db: Database.Database, now: number, count: number, desks: number): Slot[] {
  const ids = (kind: string, limit: number) =>
    (
      db
        .prepare(
          "SELECT id, capacity, capacity_model AS model FROM resources WHERE kind = ? AND slug != 'salle-dunant' AND active = 1 ORDER BY id LIMIT ?",
        )
        .all(kind, limit) as { id: number; capacity: number; model: string }[]
    ).map((r) => ({ id: r.id, capacity: r.model === 'shared' ? r.capacity : 1 }));
  const deskIds = ids('desk', desks);
  const rooms = ids('meeting_room', 6);
  const [hall] = ids('sports_hall', 1);
  const slots: Slot[] = [];
  for (const day of openDays(db, now)) {
    const at = (hm: string) => `${day}T${hm}`;
    for (const d of deskIds) {
      slots.push({ resource: d.id, kind: 'desk', start: at('08:30'), end: at('13:00'), headcount: 1, capacity: 1 });
      slots.push({ resource: d.id, kind: 'desk', start: at('13:00'), end: at('19:00'), headcount: 1, capacity: 1 });
    }
    for (let hour = 9; hour < 19; hour++) {
      const h = String(hour).padStart(2, '0');
      if (hall)
        slots.push({
          resource: hall.id,
          kind: 'sports_hall',
          start: at(`${h}:00`),
          end: at(`${String(hour + 1).padStart(2, '0')}:00`),
          headcount: HALL_HEADCOUNT,
          capacity: hall.capacity,
        });
      for (const room of rooms)
        slots.push({
          resource: room.id,
          kind: 'meeting_room',
          start: at(`${h}:00`),
          end: at(`${h}:30`),
          headcount: 1,
          capacity: 1,
        });
    }
  }
  return slots.slice(0, count);
}
