import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillPlaceholders } from 'drizzle-orm';
import { bookingStatements, MAX_BOOKING_MS } from '../../src/db/bookings.js';
import { NotFound } from '../../src/services/authz.js';
import type { BookingService } from '../../src/services/bookings.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

// Monday 7 December 2026, 10:00 Paris; Paris is UTC+1 in December.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let bookings: BookingService;
let org: number;
let alice: number;
let bob: number;
let desk: number;
let room: number;

beforeEach(async () => {
  t = await createTestApp();
  bookings = t.app.services.bookings;
  org = createOrganisation(t.db, { quotaRoomMinutes: 600, quotaDeskHalfDays: 20 });
  alice = createMember(t.db, { name: 'Alice', organisationId: org });
  bob = createMember(t.db, { name: 'Bob', organisationId: org });
  desk = resourceId(t.db, 'poste-os-01');
  room = resourceId(t.db, 'salle-appia');
});
afterEach(async () => {
  await t.close();
});

const rows = (sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params);

describe('create', () => {
  it('books a free room, confirmed, version 0, with an audit row', () => {
    const outcome = bookings.create(actorOf(t.db, alice), {
      resourceId: room,
      start: paris(8, 10),
      end: paris(8, 11),
      headcount: 4,
      title: 'Point équipe',
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.booking).toMatchObject({
      resourceId: room,
      memberId: alice,
      bookedById: alice,
      organisationId: org,
      status: 'confirmed',
      version: 0,
      headcount: 4,
      title: 'Point équipe',
    });
    expect(rows("SELECT action, actor_id AS actor FROM audit_log WHERE subject_type = 'booking'")).toEqual([
      { action: 'booking.create', actor: alice },
    ]);
  });

  it('allows back-to-back bookings and refuses an overlap with the reason and free alternatives', () => {
    const a = actorOf(t.db, alice);
    const b = actorOf(t.db, bob);
    expect(bookings.create(a, { resourceId: room, start: paris(8, 10), end: paris(8, 11) }).ok).toBe(true);
    expect(bookings.create(b, { resourceId: room, start: paris(8, 11), end: paris(8, 12) }).ok).toBe(true);
    const refused = bookings.create(b, { resourceId: room, start: paris(8, 10, 30), end: paris(8, 11, 30) });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.violations.map((v) => v.code)).toContain('conflict');
    expect(refused.alternatives.length).toBeGreaterThan(0);
    expect(refused.alternatives.length).toBeLessThanOrEqual(5);
    for (const s of refused.alternatives) {
      const taken = bookings.create(actorOf(t.db, createMember(t.db, { organisationId: org })), {
        resourceId: s.resourceId,
        start: s.start,
        end: s.end,
      });
      expect(taken.ok, JSON.stringify(s)).toBe(true);
    }
  });

  it('makes one booking from the same form sent twice (idempotency key)', () => {
    const a = actorOf(t.db, alice);
    const first = bookings.create(a, {
      resourceId: room,
      start: paris(8, 14),
      end: paris(8, 15),
      idempotencyKey: 'form-123',
    });
    const second = bookings.create(a, {
      resourceId: room,
      start: paris(8, 14),
      end: paris(8, 15),
      idempotencyKey: 'form-123',
    });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.booking.id).toBe(first.booking.id);
    expect(second.replayed).toBe(true);
    expect(rows('SELECT id FROM bookings')).toHaveLength(1);
  });

  it('gives a desk by half-day and refuses a second desk at the same time', () => {
    const a = actorOf(t.db, alice);
    expect(bookings.create(a, { resourceId: desk, start: paris(8, 8, 30), end: paris(8, 13) }).ok).toBe(true);
    const other = bookings.create(a, {
      resourceId: resourceId(t.db, 'poste-os-02'),
      start: paris(8, 8, 30),
      end: paris(8, 19),
    });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.violations.map((v) => v.code)).toEqual(['already_booked_elsewhere']);
    const bad = bookings.create(a, {
      resourceId: resourceId(t.db, 'poste-os-03'),
      start: paris(9, 9),
      end: paris(9, 12),
    });
    if (!bad.ok) expect(bad.violations.map((v) => v.code)).toContain('invalid_half_day');
    else expect.fail('a 09:00-12:00 desk booking must be refused');
  });

  it('enforces the organisation quota for the calendar month', () => {
    const a = actorOf(t.db, alice);
    // 600 minutes a month: two 4-hour bookings use 480, a third of 3 hours is refused.
    expect(bookings.create(a, { resourceId: room, start: paris(8, 9), end: paris(8, 13) }).ok).toBe(true);
    expect(bookings.create(actorOf(t.db, bob), { resourceId: room, start: paris(9, 9), end: paris(9, 13) }).ok).toBe(
      true,
    );
    const refused = bookings.create(a, { resourceId: room, start: paris(10, 9), end: paris(10, 12) });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.violations).toContainEqual({
        code: 'quota_exceeded',
        unit: 'minutes',
        limit: 600,
        used: 480,
        requested: 180,
      });
  });

  it("tells each of a member's plans how much of this month is used, as the rules count it", () => {
    const a = actorOf(t.db, alice);
    const other = createOrganisation(t.db, { name: 'Sans limite', quotaRoomMinutes: null, quotaDeskHalfDays: null });
    const both = createMember(t.db, { organisationId: org });
    t.db.$client
      .prepare('INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, 0)')
      .run(both, other);
    expect(bookings.create(a, { resourceId: room, start: paris(8, 9), end: paris(8, 13) }).ok).toBe(true);
    expect(
      bookings.create(actorOf(t.db, bob), { resourceId: room, start: paris(9, 9), end: paris(9, 10, 30) }).ok,
    ).toBe(true);
    expect(bookings.create(a, { resourceId: desk, start: paris(8, 8, 30), end: paris(8, 19) }).ok).toBe(true);
    const cancelled = bookings.create(a, { resourceId: room, start: paris(10, 9), end: paris(10, 10) });
    if (cancelled.ok) bookings.cancel(a, cancelled.booking.id);
    expect(bookings.monthQuotas(actorOf(t.db, both))).toEqual([
      {
        name: expect.any(String),
        rooms: { limitMinutes: 600, usedMinutes: 330, unit: 'minutes' },
        desks: { limitMinutes: 20, usedMinutes: 2, unit: 'half_days' },
      },
      { name: 'Sans limite', rooms: null, desks: null },
    ]);
  });

  it('needs an induction for the studios', () => {
    const studio = resourceId(t.db, 'studio-numerique');
    const refused = bookings.create(actorOf(t.db, alice), {
      resourceId: studio,
      start: paris(8, 10),
      end: paris(8, 11),
    });
    expect(!refused.ok && refused.violations.map((v) => v.code)).toEqual(['induction_required']);
    const trained = createMember(t.db, { organisationId: org, inductions: ['digital_studio'] });
    expect(
      bookings.create(actorOf(t.db, trained), { resourceId: studio, start: paris(8, 10), end: paris(8, 11) }).ok,
    ).toBe(true);
  });

  it('puts event-space bookings in the approval queue (pending holds the slot)', () => {
    const space = resourceId(t.db, 'espace-evenementiel');
    const outcome = bookings.create(actorOf(t.db, alice), {
      resourceId: space,
      start: paris(15, 18),
      end: paris(15, 21),
      headcount: 80,
    });
    expect(outcome.ok && outcome.booking.status).toBe('pending');
    // The linked meeting room is blocked by it.
    const linked = bookings.create(actorOf(t.db, bob), {
      resourceId: resourceId(t.db, 'salle-dunant'),
      start: paris(15, 18),
      end: paris(15, 19),
    });
    expect(!linked.ok && linked.violations.map((v) => v.code)).toContain('linked_resource_busy');
  });

  it('lets front desk book on behalf of a member, and nobody else', () => {
    const frontdesk = createMember(t.db, { role: 'frontdesk' });
    const onBehalf = bookings.create(actorOf(t.db, frontdesk), {
      resourceId: room,
      start: paris(8, 16),
      end: paris(8, 17),
      forMemberId: alice,
    });
    expect(onBehalf.ok && onBehalf.booking).toMatchObject({
      memberId: alice,
      bookedById: frontdesk,
      organisationId: org,
    });
    expect(() =>
      bookings.create(actorOf(t.db, bob), {
        resourceId: room,
        start: paris(8, 17),
        end: paris(8, 18),
        forMemberId: alice,
      }),
    ).toThrow(NotFound);
  });

  it('refuses a local time skipped by the spring change, and reads an ambiguous one as its first occurrence', () => {
    const skipped = bookings.resolveLocal('2027-03-28T02:30', '2027-03-28T03:30');
    expect(skipped.ok).toBe(false);
    if (!skipped.ok)
      expect(skipped.violations[0]).toMatchObject({ code: 'nonexistent_local_time', local: '2027-03-28T02:30' });
    const ambiguous = bookings.resolveLocal('2026-10-25T02:30', '2026-10-25T03:30');
    expect(ambiguous.ok && ambiguous.start).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });
});

describe('change and cancel', () => {
  it('moves a booking (version rises), refuses a move onto another, and allows one overlapping itself', () => {
    const a = actorOf(t.db, alice);
    const first = bookings.create(a, { resourceId: room, start: paris(8, 10), end: paris(8, 11) });
    bookings.create(actorOf(t.db, bob), { resourceId: room, start: paris(8, 12), end: paris(8, 13) });
    if (!first.ok) return expect.fail('setup');
    const moved = bookings.change(a, first.booking.id, { start: paris(8, 10, 30), end: paris(8, 11, 30) });
    expect(moved.ok && moved.booking.version).toBe(1);
    const clash = bookings.change(a, first.booking.id, { start: paris(8, 11, 30), end: paris(8, 12, 30) });
    expect(!clash.ok && clash.violations.map((v) => v.code)).toContain('conflict');
    expect(bookings.get(a, first.booking.id)).toMatchObject({ startsAt: paris(8, 10, 30), version: 1 });
  });

  it("answers a member touching another member's booking exactly like a missing one", () => {
    const mine = bookings.create(actorOf(t.db, alice), { resourceId: room, start: paris(8, 10), end: paris(8, 11) });
    if (!mine.ok) return expect.fail('setup');
    const stranger = actorOf(t.db, createMember(t.db, {}));
    for (const attempt of [
      () => bookings.get(stranger, mine.booking.id),
      () => bookings.cancel(stranger, mine.booking.id),
      () => bookings.change(stranger, mine.booking.id, { start: paris(8, 14), end: paris(8, 15) }),
      () => bookings.cancel(stranger, 999_999),
    ]) {
      expect(attempt).toThrow(NotFound);
    }
    expect(bookings.get(actorOf(t.db, alice), mine.booking.id).status).toBe('confirmed');
  });

  it('cancels (version rises, slot freed, audit), and a second cancel changes nothing', () => {
    const a = actorOf(t.db, alice);
    const booked = bookings.create(a, { resourceId: room, start: paris(8, 10), end: paris(8, 11) });
    if (!booked.ok) return expect.fail('setup');
    const cancelled = bookings.cancel(a, booked.booking.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 1, cancelledAt: t.clock.now() });
    expect(bookings.cancel(a, booked.booking.id).version).toBe(1);
    expect(bookings.create(actorOf(t.db, bob), { resourceId: room, start: paris(8, 10), end: paris(8, 11) }).ok).toBe(
      true,
    );
    expect(
      rows(
        "SELECT action FROM audit_log WHERE subject_id = ? AND subject_type = 'booking' ORDER BY id",
        booked.booking.id,
      ),
    ).toEqual([{ action: 'booking.create' }, { action: 'booking.cancel' }]);
  });
});

describe("a member's list", () => {
  it('lists bookings for them and made by them once each, nearest first, to the limit, by index walks', () => {
    // (The second half's index holds only bookings made for someone else: Alice's own history is never walked twice.)
    const frontdesk = createMember(t.db, { name: 'Accueil', role: 'frontdesk' });
    const insert = t.db.$client.prepare(
      `INSERT INTO bookings
         (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'confirmed', ?, 0, 0)`,
    );
    // Past and future, for Alice by herself, for Alice by the front desk, and by Alice for Bob; interleaved in time.
    const expected: { id: number; start: number }[] = [];
    for (let day = 1; day <= 28; day += 1) {
      for (const [hour, member, by] of [
        [9, alice, alice],
        [11, alice, frontdesk],
        [14, bob, alice],
        [16, bob, bob],
      ] as const) {
        const start = Date.UTC(2026, 10, day, hour - 1) + (day > 14 ? 30 * 86_400_000 : 0);
        const id = Number(insert.run(room, member, by, start, start + 3_600_000, `${day}-${hour}`).lastInsertRowid);
        if (member === alice || by === alice) expected.push({ id, start });
      }
    }
    const now = t.clock.now();
    const upcoming = expected.filter((b) => b.start + 3_600_000 > now).sort((a, b) => a.start - b.start);
    const past = expected.filter((b) => b.start + 3_600_000 <= now).sort((a, b) => b.start - a.start);
    const ids = (list: { id: number }[]) => list.map((b) => b.id);
    expect(ids(bookings.listForMember(actorOf(t.db, alice)))).toEqual(ids(upcoming));
    expect(ids(bookings.listForMember(actorOf(t.db, alice), { limit: 5 }))).toEqual(ids(upcoming.slice(0, 5)));
    expect(ids(bookings.listForMember(actorOf(t.db, alice), { past: true, limit: 7 }))).toEqual(ids(past.slice(0, 7)));
    expect(ids(bookings.listForMember(actorOf(t.db, alice), { past: true, limit: 1000 }))).toEqual(ids(past));

    // No sort of the whole history: two ordered index walks, merged by SQLite and stopped by the limit.
    const statements = bookingStatements(t.db);
    const values = { memberId: alice, from: now, lowest: now - MAX_BOOKING_MS, limit: 20 };
    for (const statement of [statements.upcoming, statements.past]) {
      const { sql, params } = statement.getQuery();
      const plan = (
        t.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...fillPlaceholders(params, values)) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX bookings_member_start/);
      expect(plan).toMatch(/USING (COVERING )?INDEX bookings_booked_for_others/);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});

describe('deactivating a member', () => {
  it('cancels the bookings they still hold, in the same transaction, and frees the slots', () => {
    const a = actorOf(t.db, alice);
    const past = bookings.create(a, { resourceId: room, start: paris(7, 10, 30), end: paris(7, 11, 30) });
    const future = bookings.create(a, { resourceId: room, start: paris(9, 10), end: paris(9, 11) });
    if (!past.ok || !future.ok) return expect.fail('setup');
    t.clock.set(paris(8, 9));
    const admin = actorOf(t.db, createMember(t.db, { role: 'admin' }));
    t.app.services.accounts.deactivate(admin, alice, { ip: null, userAgent: null });
    expect(rows('SELECT id, status FROM bookings ORDER BY id')).toEqual([
      { id: past.booking.id, status: 'confirmed' },
      { id: future.booking.id, status: 'cancelled' },
    ]);
    expect(
      rows(
        "SELECT json_extract(details, '$.bookingsCancelled') AS n FROM audit_log WHERE action = 'member.deactivated'",
      ),
    ).toEqual([{ n: 1 }]);
    expect(bookings.create(actorOf(t.db, bob), { resourceId: room, start: paris(9, 10), end: paris(9, 11) }).ok).toBe(
      true,
    );
  });
});

describe('the schema backstop', () => {
  it('refuses an overlapping active booking written with raw SQL, and allows back-to-back and cancelled ones', () => {
    const insert = t.db.$client.prepare(
      `INSERT INTO bookings (resource_id, member_id, starts_at, ends_at, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, 0)`,
    );
    insert.run(room, alice, paris(9, 10), paris(9, 11), 'confirmed');
    expect(() => insert.run(room, bob, paris(9, 10, 30), paris(9, 11, 30), 'confirmed')).toThrow(/booking_overlap/);
    expect(() => insert.run(room, bob, paris(9, 9), paris(9, 12), 'pending')).toThrow(/booking_overlap/);
    expect(() => insert.run(room, bob, paris(9, 11), paris(9, 12), 'confirmed')).not.toThrow();
    expect(() => insert.run(room, bob, paris(9, 10), paris(9, 11), 'cancelled')).not.toThrow();
    // Re-activating the cancelled one is an overlap too.
    expect(() =>
      t.db.$client.prepare("UPDATE bookings SET status = 'confirmed' WHERE status = 'cancelled'").run(),
    ).toThrow(/booking_overlap/);
    // A shared resource takes overlapping bookings.
    const hall = resourceId(t.db, 'salle-de-sport');
    insert.run(hall, alice, paris(9, 10), paris(9, 11), 'confirmed');
    expect(() => insert.run(hall, bob, paris(9, 10), paris(9, 11), 'confirmed')).not.toThrow();
  });
});
