// The quota reads of bookings on a real file: the minutes summed by SQLite (each active booking
// of the kind clipped to the window) and the half-days' bookings; cancelled ones, other kinds,
// other organisations and left-out ones not counted.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bookingQueries, type NewBooking } from '../../src/db/bookings.js';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { seedInventory } from '../../seed/seed.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'bookings.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const from = Date.UTC(2026, 11, 1);
const to = Date.UTC(2027, 0, 1);
seedInventory(db, from);
const org = createOrganisation(db);
const other = createOrganisation(db);
const member = createMember(db, { organisationId: org });
const appia = resourceId(db, 'salle-appia');
const desk = resourceId(db, 'poste-os-01');
const queries = bookingQueries(db);
const book = (fields: Partial<NewBooking> & Pick<NewBooking, 'startsAt' | 'endsAt'>) =>
  queries.insert({
    resourceId: appia,
    seriesId: null,
    originalStartsAt: null,
    memberId: member,
    bookedById: member,
    organisationId: org,
    headcount: 1,
    status: 'confirmed',
    title: '',
    idempotencyKey: null,
    guestName: null,
    guestOrganisation: null,
    now: from,
    ...fields,
  }).id;

const across = book({ startsAt: from - HOUR, endsAt: from + 2 * HOUR }); // 2 h inside
const inside = book({ startsAt: from + 5 * HOUR, endsAt: from + 6 * HOUR }); // 1 h
book({ startsAt: to - HOUR / 2, endsAt: to + HOUR }); // 0.5 h inside
book({ startsAt: from + 8 * HOUR, endsAt: from + 9 * HOUR, status: 'pending' }); // 1 h, pending counts
book({ startsAt: from + 10 * HOUR, endsAt: from + 11 * HOUR, status: 'cancelled' });
book({ startsAt: from + 12 * HOUR, endsAt: from + 13 * HOUR, organisationId: other });
book({ startsAt: from + 14 * HOUR, endsAt: from + 20 * HOUR, resourceId: desk });
book({ startsAt: from - 3 * HOUR, endsAt: from - HOUR }); // ends before the window

describe('the minutes quota sum', () => {
  it('adds the active bookings of the kind, each clipped to the window', () => {
    expect(queries.organisationActiveMs(org, 'meeting_room', from, to, []) / HOUR).toBe(4.5);
    expect(queries.organisationActiveMs(org, 'desk', from, to, []) / HOUR).toBe(6);
  });

  it('leaves out the bookings being moved, and is 0 with nothing to count', () => {
    expect(queries.organisationActiveMs(org, 'meeting_room', from, to, [across, inside]) / HOUR).toBe(1.5);
    expect(queries.organisationActiveMs(other, 'desk', from, to, [])).toBe(0);
  });
});

describe("the half-days quota's bookings", () => {
  it('are the active bookings of the kind that overlap the window, unclipped, but those left out', () => {
    const starts = (kind: string, exclude: number[]) =>
      queries
        .organisationIntervals(org, kind, from, to, exclude)
        .map((b) => (b.start - from) / HOUR)
        .sort((a, b) => a - b);
    expect(queries.organisationIntervals(org, 'desk', from, to, [])).toEqual([
      { start: from + 14 * HOUR, end: from + 20 * HOUR },
    ]);
    expect(starts('meeting_room', [])).toEqual([-1, 5, 8, (to - from) / HOUR - 0.5]);
    expect(starts('meeting_room', [across, inside])).toEqual([8, (to - from) / HOUR - 0.5]);
    expect(queries.organisationIntervals(other, 'desk', from, to, [])).toEqual([]);
  });
});
