import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const org = createOrganisation(t.db);
  const alice = actorOf(t.db, createMember(t.db, { organisationId: org }));
  const bookings = t.app.services.bookings;
  expect(
    bookings.create(alice, { resourceId: resourceId(t.db, 'salle-appia'), start: paris(8, 10), end: paris(8, 11) }).ok,
  ).toBe(true);
  expect(
    bookings.create(alice, { resourceId: resourceId(t.db, 'poste-os-01'), start: paris(8, 8, 30), end: paris(8, 13) })
      .ok,
  ).toBe(true);
  expect(
    bookings.create(alice, {
      resourceId: resourceId(t.db, 'espace-evenementiel'),
      start: paris(10, 14),
      end: paris(10, 16),
      headcount: 50,
    }).ok,
  ).toBe(true);
});
afterAll(async () => {
  await t.close();
});
const inventory = () => t.app.services.inventory.get();

describe('day views', () => {
  it('gives each meeting room its open, busy and free time for a day', () => {
    const day = t.app.services.availability.day(inventory(), '2026-12-08', ['meeting_room']);
    expect(day.resources).toHaveLength(8);
    const appia = day.resources.find((r) => r.resource.slug === 'salle-appia')!;
    expect(appia.open).toEqual([expect.objectContaining({ start: paris(8, 8, 30), end: paris(8, 19) })]);
    expect(appia.busy).toEqual([
      expect.objectContaining({ start: paris(8, 10), end: paris(8, 11), reason: 'booking' }),
    ]);
    expect(appia.free).toEqual([
      { start: paris(8, 8, 30), end: paris(8, 10) },
      { start: paris(8, 11), end: paris(8, 19) },
    ]);
    const dodu = day.resources.find((r) => r.resource.slug === 'salle-dodu')!;
    expect(dodu.free).toEqual([{ start: paris(8, 8, 30), end: paris(8, 19) }]);
  });

  it('shows a room linked to a booked event space as busy, with the reason', () => {
    const day = t.app.services.availability.day(inventory(), '2026-12-10', ['meeting_room']);
    const dunant = day.resources.find((r) => r.resource.slug === 'salle-dunant')!;
    expect(dunant.busy).toContainEqual(
      expect.objectContaining({ reason: 'linked_booking', start: paris(10, 14), end: paris(10, 16) }),
    );
  });

  it('shows a public holiday as closed all day', () => {
    const day = t.app.services.availability.day(inventory(), '2026-12-25', ['meeting_room']);
    expect(day.resources.every((r) => r.free.length === 0)).toBe(true);
  });

  it('gives each desk its busy time for a day', () => {
    const { resources } = t.app.services.availability.day(inventory(), '2026-12-08', ['desk']);
    expect(resources).toHaveLength(64);
    const booked = resources.filter((d) => d.busy.length > 0);
    expect(booked.map((d) => d.resource.slug)).toEqual(['poste-os-01']);
    expect(booked[0]!.busy).toEqual([
      expect.objectContaining({ start: paris(8, 8, 30), end: paris(8, 13), reason: 'booking' }),
    ]);
    expect(booked[0]!.free).toEqual([{ start: paris(8, 13), end: paris(8, 19) }]);
  });

  it('shows a booking or a cancellation on the next look, whoever wrote it', () => {
    const { availability, bookings } = t.app.services;
    const slug = 'salle-maunoir';
    const busyOf = () =>
      availability.day(inventory(), '2026-12-09', ['meeting_room']).resources.find((r) => r.resource.slug === slug)!
        .busy;
    const deskBusy = () =>
      availability.day(inventory(), '2026-12-09', ['desk']).resources.find((d) => d.resource.slug === 'poste-os-02')!
        .busy;
    expect(busyOf()).toEqual([]);
    expect(deskBusy()).toEqual([]);
    const bob = actorOf(t.db, createMember(t.db, { organisationId: createOrganisation(t.db) }));
    const made = bookings.create(bob, { resourceId: resourceId(t.db, slug), start: paris(9, 14), end: paris(9, 15) });
    expect(made.ok).toBe(true);
    expect(busyOf()).toEqual([expect.objectContaining({ start: paris(9, 14), end: paris(9, 15), reason: 'booking' })]);
    expect(
      bookings.create(bob, { resourceId: resourceId(t.db, 'poste-os-02'), start: paris(9, 8, 30), end: paris(9, 13) })
        .ok,
    ).toBe(true);
    expect(deskBusy()).toHaveLength(1);
    // A write outside the services (plain SQL) is seen too.
    t.db.$client
      .prepare(`UPDATE bookings SET status = 'cancelled' WHERE resource_id = ? AND starts_at = ?`)
      .run(resourceId(t.db, slug), paris(9, 14));
    expect(busyOf()).toEqual([]);
  });
});
