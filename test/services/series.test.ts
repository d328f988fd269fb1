import { afterEach, describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf } from '../../src/domain/zoned-time.js';
import { NotFound } from '../../src/services/authz.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(now: number) {
  t = await createTestApp({ now });
  const org = createOrganisation(t.db);
  const alice = createMember(t.db, { organisationId: org });
  return { app: t.app, db: t.db, alice: actorOf(t.db, alice), room: resourceId(t.db, 'salle-appia'), org };
}

const local = (instant: number) => `${localDateOf(instant, 'Europe/Paris')} ${localTimeOf(instant, 'Europe/Paris')}`;

describe('recurring series', () => {
  it('keeps a weekly 09:00 at 09:00 Paris across the spring change, and skips Easter Monday with its reason', async () => {
    // Monday 1 March 2027: the 8-week horizon reaches past 28 March (clocks go forward).
    const { app, alice, room } = await setup(Date.UTC(2027, 2, 1, 8));
    const input = {
      resourceId: room,
      firstStart: '2027-03-15T09:00',
      durationMinutes: 60,
      rule: { freq: 'weekly' as const, interval: 1, count: 4 },
    };
    const preview = app.services.series.preview(alice, input);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.plans.map((p) => p.localDate)).toEqual(['2027-03-15', '2027-03-22', '2027-03-29', '2027-04-05']);
    const easter = preview.plans[2]!;
    expect(easter.violations).toContainEqual(expect.objectContaining({ code: 'closed', reason: 'Lundi de Pâques' }));

    const outcome = app.services.series.create(alice, input, 'skip_conflicts');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.booked.map((b) => local(b.startsAt))).toEqual([
      '2027-03-15 09:00',
      '2027-03-22 09:00',
      '2027-04-05 09:00',
    ]);
    // 08:00 UTC in winter, 07:00 UTC in summer: the same wall-clock time.
    expect(outcome.booked[0]!.startsAt).toBe(Date.UTC(2027, 2, 15, 8));
    expect(outcome.booked[2]!.startsAt).toBe(Date.UTC(2027, 3, 5, 7));
    expect(outcome.refused.map((p) => p.localDate)).toEqual(['2027-03-29']);
    expect(outcome.booked.every((b) => b.seriesId === outcome.seriesId && b.originalStartsAt === b.startsAt)).toBe(
      true,
    );
  });

  it('books nothing with "all or nothing" when one date is refused', async () => {
    const { app, db, alice, room } = await setup(Date.UTC(2027, 2, 1, 8));
    const outcome = app.services.series.create(
      alice,
      {
        resourceId: room,
        firstStart: '2027-03-15T09:00',
        durationMinutes: 60,
        rule: { freq: 'weekly', interval: 1, count: 4 },
      },
      'all_or_nothing',
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.plans.filter((p) => p.violations.length > 0).map((p) => p.localDate)).toEqual(['2027-03-29']);
    expect(db.$client.prepare('SELECT count(*) AS n FROM bookings').get()).toEqual({ n: 0 });
    expect(db.$client.prepare('SELECT count(*) AS n FROM booking_series').get()).toEqual({ n: 0 });
  });

  it('reports a conflict on one date and books the others', async () => {
    const { app, db, alice, room, org } = await setup(Date.UTC(2026, 11, 7, 9));
    const bob = actorOf(db, createMember(db, { organisationId: org }));
    expect(
      app.services.bookings.create(bob, {
        resourceId: room,
        start: Date.UTC(2026, 11, 16, 9, 30),
        end: Date.UTC(2026, 11, 16, 10, 30),
      }).ok,
    ).toBe(true);
    const outcome = app.services.series.create(
      alice,
      {
        resourceId: room,
        firstStart: '2026-12-09T10:00',
        durationMinutes: 60,
        rule: { freq: 'weekly', interval: 1, byWeekday: [3], until: '2026-12-23' },
      },
      'skip_conflicts',
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.booked.map((b) => localDateOf(b.startsAt, 'Europe/Paris'))).toEqual(['2026-12-09', '2026-12-23']);
    expect(outcome.refused[0]).toMatchObject({ localDate: '2026-12-16' });
    expect(outcome.refused[0]!.violations.map((v) => v.code)).toEqual(['conflict']);
  });

  it('expands monthly by nth weekday and stops at the horizon', async () => {
    const { app, alice, room } = await setup(Date.UTC(2026, 11, 7, 9));
    const preview = app.services.series.preview(alice, {
      resourceId: room,
      firstStart: '2026-12-08T14:00',
      durationMinutes: 90,
      rule: { freq: 'monthly', interval: 1, monthlyBy: 'nth_weekday', nth: 2 },
    });
    expect(preview.ok && preview.plans.map((p) => p.localDate)).toEqual(['2026-12-08', '2027-01-12']);
    expect(preview.ok && preview.stoppedBy).toBe('horizon');
  });

  it('cancels the rest of a series from a date, and one occurrence alone', async () => {
    const { app, db, alice, room } = await setup(Date.UTC(2026, 11, 7, 9));
    const outcome = app.services.series.create(
      alice,
      {
        resourceId: room,
        firstStart: '2027-01-04T11:00',
        durationMinutes: 30,
        rule: { freq: 'daily', interval: 1, count: 5 },
      },
      'skip_conflicts',
    );
    if (!outcome.ok) return expect.fail('setup');
    expect(outcome.booked).toHaveLength(5);
    app.services.bookings.cancel(alice, outcome.booked[1]!.id);
    const cancelled = app.services.series.cancelFrom(alice, outcome.seriesId, outcome.booked[3]!.startsAt);
    expect(cancelled.map((b) => b.id)).toEqual([outcome.booked[3]!.id, outcome.booked[4]!.id]);
    const statuses = db.$client
      .prepare('SELECT status FROM bookings WHERE series_id = ? ORDER BY starts_at')
      .all(outcome.seriesId)
      .map((r) => (r as { status: string }).status);
    expect(statuses).toEqual(['confirmed', 'cancelled', 'confirmed', 'cancelled', 'cancelled']);
    const stranger = actorOf(db, createMember(db, {}));
    expect(() => app.services.series.cancelFrom(stranger, outcome.seriesId, 0)).toThrow(NotFound);
  });

  it('makes one series from the same form sent twice', async () => {
    const { app, db, alice, room } = await setup(Date.UTC(2026, 11, 7, 9));
    const input = {
      resourceId: room,
      firstStart: '2027-01-05T11:00',
      durationMinutes: 30,
      rule: { freq: 'weekly' as const, interval: 1, count: 3 },
      idempotencyKey: 'series-form-1',
    };
    const first = app.services.series.create(alice, input, 'skip_conflicts');
    const second = app.services.series.create(alice, input, 'skip_conflicts');
    expect(first.ok && second.ok && second.replayed && second.seriesId === first.seriesId).toBe(true);
    expect(db.$client.prepare('SELECT count(*) AS n FROM bookings').get()).toEqual({ n: 3 });
  });

  it('keeps 10:00 at 10:00 across the autumn change', async () => {
    const { app, alice, room } = await setup(Date.UTC(2026, 9, 12, 8));
    const outcome = app.services.series.create(
      alice,
      {
        resourceId: room,
        firstStart: '2026-10-20T10:00',
        durationMinutes: 60,
        rule: { freq: 'weekly', interval: 1, count: 2 },
      },
      'skip_conflicts',
    );
    if (!outcome.ok) return expect.fail(JSON.stringify(outcome));
    expect(outcome.booked.map((b) => local(b.startsAt))).toEqual(['2026-10-20 10:00', '2026-10-27 10:00']);
    expect(outcome.booked[1]!.startsAt - outcome.booked[0]!.startsAt).toBe(7 * 24 * 3600_000 + 3600_000);
  });

  it('moves a date and the following ones to another time, all or nothing', async () => {
    const { app, db, alice, room, org } = await setup(Date.UTC(2026, 11, 7, 9));
    const outcome = app.services.series.create(
      alice,
      {
        resourceId: room,
        firstStart: '2027-01-04T11:00',
        durationMinutes: 60,
        rule: { freq: 'daily', interval: 1, count: 5 },
      },
      'skip_conflicts',
    );
    if (!outcome.ok) return expect.fail('setup');
    const bob = actorOf(db, createMember(db, { organisationId: org }));
    // Someone holds 14:00 on the 8th: moving the 3rd to the 5th date to 14:00 is refused as a whole.
    expect(
      app.services.bookings.create(bob, {
        resourceId: room,
        start: Date.UTC(2027, 0, 8, 13),
        end: Date.UTC(2027, 0, 8, 14),
      }).ok,
    ).toBe(true);
    const refused = app.services.series.moveFrom(alice, outcome.booked[2]!.id, {
      startTime: '14:00',
      durationMinutes: 60,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.plans.filter((p) => p.violations.length > 0).map((p) => p.localDate)).toEqual(['2027-01-08']);
    expect(local(app.services.bookings.get(alice, outcome.booked[2]!.id).startsAt)).toBe('2027-01-06 11:00');

    // 10:30–12:00 overlaps the dates' own old times, which is allowed.
    const moved = app.services.series.moveFrom(alice, outcome.booked[2]!.id, {
      startTime: '10:30',
      durationMinutes: 90,
    });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.moved.map((b) => local(b.startsAt))).toEqual([
      '2027-01-06 10:30',
      '2027-01-07 10:30',
      '2027-01-08 10:30',
    ]);
    expect(moved.moved.every((b) => b.version === 1 && b.endsAt - b.startsAt === 90 * 60_000)).toBe(true);
    expect(local(app.services.bookings.get(alice, outcome.booked[1]!.id).startsAt)).toBe('2027-01-05 11:00');
    expect(() =>
      app.services.series.moveFrom(actorOf(db, createMember(db, {})), outcome.booked[0]!.id, {
        startTime: '09:00',
        durationMinutes: 60,
      }),
    ).toThrow(NotFound);
  });
});
