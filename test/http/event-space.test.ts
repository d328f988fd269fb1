// The event space's month over HTTP: the grid (caption, weekday headers, each day's bookings
// with their status in words, times and who), rentals' holds without a member, the months
// of the clock changes, the months around, a bad month, and who may see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTimeToInstant } from '../../src/domain/zoned-time.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

let t: TestApp;
let desk: Session;
let admin: Session;
let member: Session;

const paris = (local: string) => {
  const r = localDateTimeToInstant(local, 'Europe/Paris');
  if (!r.ok) throw new Error(local);
  return r.instant;
};

beforeAll(async () => {
  t = await createTestApp();
  desk = await signInAs(t.app, 'frontdesk');
  admin = await signInAs(t.app, 'admin');
  member = await signInAs(t.app, 'member');
  const space = resourceId(t.db, 'espace-evenementiel');
  const org = createOrganisation(t.db, { name: 'Association Lumière' });
  const zoe = createMember(t.db, { name: 'Zoé Martin', organisationId: org });
  const adminId = t.db.$client.prepare("SELECT id FROM members WHERE email LIKE 'admin@%'").pluck().get() as number;
  const book = (start: string, end: string, title: string) => {
    const made = t.app.services.bookings.create(actorOf(t.db, zoe), {
      resourceId: space,
      start: paris(start),
      end: paris(end),
      headcount: 30,
      title,
    });
    if (!made.ok) throw new Error(JSON.stringify(made.violations));
    return made.booking.id;
  };
  // March 2027: clocks go forward on Sunday 28 March; October 2027: back on Sunday 31 October.
  const approved = book('2027-03-26T18:00', '2027-03-26T22:00', 'Soirée des lauréats');
  t.app.services.approvals.decide(actorOf(t.db, adminId), approved, 'approve', '');
  book('2027-03-30T09:00', '2027-03-30T12:00', 'Atelier du mardi');
  book('2027-04-01T09:00', '2027-04-01T12:00', 'Avril');
  const cancelled = book('2027-03-31T09:00', '2027-03-31T12:00', 'Annulé');
  t.app.services.bookings.cancel(actorOf(t.db, zoe), cancelled);
  book('2027-10-29T20:00', '2027-10-29T23:00', 'Nuit du 21');
  // A rental holds the space with a booking without a member.
  t.db.$client
    .prepare(
      `INSERT INTO bookings (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title,
         guest_name, guest_organisation, created_at, updated_at)
       VALUES (?, NULL, NULL, ?, ?, 'pending', 'Colloque', 'Léa Durand', 'Mairie de Montrouge', 0, 0)`,
    )
    .run(space, paris('2027-11-02T08:30'), paris('2027-11-02T17:00'));
});
afterAll(() => t.close());

function get(session: Session | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

/** The text of a day's cell, tags removed and spaces collapsed. */
function cell(body: string, date: string): string {
  const found = new RegExp(`<time datetime="${date}">[\\s\\S]*?</td>`).exec(body);
  if (!found) throw new Error(`no cell for ${date}`);
  return found[0]
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the month grid', () => {
  it('shows March 2027 (spring forward) with times on the Paris wall clock and status in words', async () => {
    const res = await get(desk, '/admin/event-space?month=2027-03');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<caption>Réservations de l’espace événementiel, mars 2027</caption>');
    expect(body).toContain('<th scope="col">lundi</th>');
    expect(body).toContain('<th scope="col">dimanche</th>');
    expect(cell(body, '2027-03-26')).toBe(
      '26 vendredi 26 mars 18:00–22:00 Confirmée Zoé Martin, Association Lumière Soirée des lauréats',
    );
    // After the clocks went forward (UTC+2): still 09:00 on the wall.
    expect(cell(body, '2027-03-30')).toBe(
      '30 mardi 30 mars 09:00–12:00 Option, à valider Zoé Martin, Association Lumière Atelier du mardi',
    );
    // A cancelled booking holds nothing; April's is not March's.
    expect(cell(body, '2027-03-31')).toBe('31 mercredi 31 mars');
    expect(body).not.toContain('Avril');
    expect(body).toContain('2 réservations ce mois-ci.');
    expect(body).toContain('href="/admin/event-space?month=2027-02"');
    expect(body).toContain('href="/admin/event-space?month=2027-04"');
  });

  it('shows October 2027 (fall back) and a rental’s hold without a member', async () => {
    const october = await get(admin, '/admin/event-space?month=2027-10');
    expect(october.statusCode).toBe(200);
    expect(cell(october.body, '2027-10-29')).toContain('20:00–23:00 Option, à valider Zoé Martin');
    const november = await get(admin, '/admin/event-space?month=2027-11');
    expect(cell(november.body, '2027-11-02')).toBe(
      '2 mardi 2 novembre 08:30–17:00 Option, à valider Léa Durand (invité·e), Mairie de Montrouge Colloque',
    );
  });

  it('opens on the current month of the site and crosses years', async () => {
    const res = await get(desk, '/admin/event-space');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('décembre 2026</caption>');
    expect(res.body).toContain('href="/admin/event-space?month=2027-01"');
    expect(res.body).toContain('href="/admin/event-space?month=2026-11"');
  });

  it('refuses a month that is not one with 422 and the reason', async () => {
    for (const month of ['2027-13', 'mars', '2027-3', '1800-01']) {
      const res = await get(desk, `/admin/event-space?month=${encodeURIComponent(month)}`);
      expect(res.statusCode, month).toBe(422);
      expect(res.body).toContain('Indiquez un mois sous la forme AAAA-MM');
      expect(res.body).not.toContain('<table');
    }
  });

  it('is for staff: members get 404, visitors are sent to sign in', async () => {
    expect((await get(member, '/admin/event-space?month=2027-03')).statusCode).toBe(404);
    const visitor = await get(null, '/admin/event-space?month=2027-03');
    expect(visitor.statusCode).toBe(303);
    expect(String(visitor.headers.location)).toMatch(/^\/login/);
  });
});
