// Random sequences of creates, changes and cancels from many members through the real
// service and a real SQLite file: whatever happens, the database never holds two active
// bookings of an exclusive resource at once, never more people than a shared resource
// holds, never two desks for one person at once, and every refusal says why.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/authz.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

const QUARTER = 15 * 60_000;
// Tuesday 8 December 2026, 08:30 Paris (07:30 UTC), and the day after.
const DAY_STARTS = [Date.UTC(2026, 11, 8, 7, 30), Date.UTC(2026, 11, 9, 7, 30)];

let t: TestApp;
let actors: Actor[];
let rooms: number[];
let hall: number;
let desks: number[];

beforeAll(async () => {
  t = await createTestApp();
  const org = createOrganisation(t.db);
  actors = Array.from({ length: 5 }, () => actorOf(t.db, createMember(t.db, { organisationId: org })));
  // Dunant is linked to the event space and keeps a 15-minute buffer after each booking.
  rooms = [resourceId(t.db, 'salle-appia'), resourceId(t.db, 'salle-dunant'), resourceId(t.db, 'espace-evenementiel')];
  hall = resourceId(t.db, 'salle-de-sport');
  t.db.$client.prepare('UPDATE resources SET shared_places = 3 WHERE id = ?').run(hall);
  desks = [resourceId(t.db, 'poste-os-01'), resourceId(t.db, 'poste-os-02')];
});
afterAll(async () => {
  await t.close();
});

type Op =
  | {
      kind: 'create';
      who: number;
      target: number;
      day: number;
      startQ: number;
      lengthQ: number;
      headcount: number;
      half: number;
    }
  | { kind: 'change'; who: number; pick: number; day: number; startQ: number; lengthQ: number }
  | { kind: 'cancel'; who: number; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      who: fc.nat(4),
      target: fc.nat(5),
      day: fc.nat(1),
      startQ: fc.nat(40),
      lengthQ: fc.integer({ min: 1, max: 8 }),
      headcount: fc.integer({ min: 1, max: 3 }),
      half: fc.nat(2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      who: fc.nat(4),
      pick: fc.nat(),
      day: fc.nat(1),
      startQ: fc.nat(40),
      lengthQ: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(4), pick: fc.nat() }) },
);

interface Row {
  id: number;
  resource_id: number;
  member_id: number;
  starts_at: number;
  ends_at: number;
  headcount: number;
}

function checkInvariants() {
  const active = t.db.$client
    .prepare(
      "SELECT b.id, b.resource_id, b.member_id, b.starts_at, b.ends_at, b.headcount, r.capacity_model AS model, r.kind FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.status IN ('pending', 'confirmed')",
    )
    .all() as (Row & { model: string; kind: string })[];
  const overlap = (a: Row, b: Row) => a.starts_at < b.ends_at && b.starts_at < a.ends_at;
  for (const a of active) {
    for (const b of active) {
      if (a.id >= b.id || !overlap(a, b)) continue;
      if (a.resource_id === b.resource_id && a.model === 'exclusive')
        throw new Error(`double booking ${a.id} / ${b.id}`);
      if (a.kind === 'desk' && b.kind === 'desk' && a.member_id === b.member_id)
        throw new Error(`two desks for member ${a.member_id}: ${a.id} / ${b.id}`);
    }
  }
  // A linked pair (Dunant / event space) is never busy at once.
  const [, dunant, space] = rooms;
  for (const a of active.filter((r) => r.resource_id === dunant))
    for (const b of active.filter((r) => r.resource_id === space))
      if (overlap(a, b)) throw new Error(`linked ${a.id} / ${b.id}`);
  // The hall never holds more than its 3 places at any instant.
  const inHall = active.filter((r) => r.resource_id === hall);
  for (const a of inHall) {
    const used = inHall
      .filter((b) => b.starts_at <= a.starts_at && b.ends_at > a.starts_at)
      .reduce((n, b) => n + b.headcount, 0);
    if (used > 3) throw new Error(`hall holds ${used} at ${a.starts_at}`);
  }
}

describe('the bookings service under random sequences', () => {
  it('keeps every invariant and always says why it refuses', () => {
    const { bookings } = t.app.services;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        t.db.$client.prepare('DELETE FROM outbox').run();
        t.db.$client.prepare('DELETE FROM bookings').run();
        const made: number[] = [];
        for (const o of ops) {
          const actor = actors[o.who]!;
          if (o.kind === 'create') {
            const isDesk = o.target >= 4;
            const resource = isDesk ? desks[o.target - 4]! : o.target === 3 ? hall : rooms[o.target]!;
            // Desks take a half-day or the day; the rest a stretch on the 15-minute grid.
            const dayStart = DAY_STARTS[o.day]!;
            const halves: [number, number][] = [
              [dayStart, dayStart + 18 * QUARTER],
              [dayStart + 18 * QUARTER, dayStart + 42 * QUARTER],
              [dayStart, dayStart + 42 * QUARTER],
            ];
            const [start, end]: [number, number] = isDesk
              ? halves[o.half]!
              : [dayStart + o.startQ * QUARTER, dayStart + (o.startQ + o.lengthQ) * QUARTER];
            const outcome = bookings.create(actor, {
              resourceId: resource,
              start,
              end,
              headcount: resource === hall ? o.headcount : 1,
            });
            if (outcome.ok) made.push(outcome.booking.id);
            else expect(outcome.violations.length).toBeGreaterThan(0);
          } else if (made.length > 0) {
            const id = made[o.pick % made.length]!;
            const owner = t.db.$client
              .prepare('SELECT member_id AS m, resource_id AS r FROM bookings WHERE id = ?')
              .get(id) as { m: number; r: number };
            const mine = actors.find((a) => a.id === owner.m)!;
            if (o.kind === 'cancel') bookings.cancel(mine, id);
            else if (!desks.includes(owner.r)) {
              const dayStart = DAY_STARTS[o.day]!;
              try {
                const outcome = bookings.change(mine, id, {
                  start: dayStart + o.startQ * QUARTER,
                  end: dayStart + (o.startQ + o.lengthQ) * QUARTER,
                });
                if (!outcome.ok) expect(outcome.violations.length).toBeGreaterThan(0);
              } catch (err) {
                // A cancelled booking cannot be changed: it answers "not found".
                expect((err as Error).name).toBe('NotFound');
              }
            }
          }
          checkInvariants();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
