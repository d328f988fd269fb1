// The usage reports against tables computed by hand on a fixed data set: October 2026 holds the
// fall-back Sunday (25 October: 02:00–03:00 happens twice), November 2026 two public holidays
// (Sunday 1st, Wednesday 11th). Figures are read back from the CSV of each table.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { createOrganisation, resourceId } from '../helpers/people.js';

const ZONE = 'Europe/Paris';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();

let t: TestApp;
let admin: Session;
let lead: Session;
let member: Session;
let frontdesk: Session;
let orgA: number;
let orgB: number;
let leadOrg: number;
let rooms: number;

function book(
  resource: string,
  organisationId: number,
  start: string,
  end: string,
  status = 'confirmed',
  checkedIn = false,
): void {
  const s = at(start);
  t.db.$client
    .prepare(
      `INSERT INTO bookings (resource_id, organisation_id, starts_at, ends_at, status,
         created_at, updated_at, checked_in_at)
       VALUES (?, ?, ?, ?, ?, 0, 0, ?)`,
    )
    .run(resourceId(t.db, resource), organisationId, s, at(end), status, checkedIn ? s : null);
}

/** A CSV read back: BOM checked and dropped, rows split (no quoted commas in these tables). */
function parseCsv(body: string): string[][] {
  expect(body.charCodeAt(0)).toBe(0xfeff);
  return body
    .slice(1)
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

async function csv(session: Session, query: string): Promise<string[][]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/admin/reports?${query}&format=csv`,
    headers: { cookie: session.cookie },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return parseCsv(res.body);
}

const rowOf = (rows: string[][], first: string) => rows.find((r) => r[0] === first);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  lead = await signInAs(t.app, 'lead');
  member = await signInAs(t.app, 'member');
  frontdesk = await signInAs(t.app, 'frontdesk');
  orgA = createOrganisation(t.db, { name: 'Alpha', quotaRoomMinutes: 600, quotaDeskHalfDays: 20 });
  orgB = createOrganisation(t.db, { name: 'Beta' });
  t.db.$client.prepare("UPDATE organisations SET programme = 'oeth' WHERE id = ?").run(orgB);
  leadOrg = t.db.$client
    .prepare(
      "SELECT organisation_id FROM memberships JOIN members ON members.id = member_id WHERE email LIKE 'responsable@%' AND is_lead = 1",
    )
    .pluck()
    .get() as number;
  rooms = t.db.$client
    .prepare("SELECT count(*) FROM resources WHERE kind = 'meeting_room' AND active = 1")
    .pluck()
    .get() as number;
  // The meeting-room rate rises from 35 € to 40 € an hour on the fall-back Sunday.
  t.db.$client
    .prepare(
      "INSERT INTO public_rates (resource_kind, unit, amount_cents, starts_on, created_at) VALUES ('meeting_room', 'hour', 4000, '2026-10-25', 0)",
    )
    .run();

  // October. Across the clock change: Saturday 23:00 to Sunday 04:00 is six real hours.
  book('salle-dunant', orgA, '2026-10-24T23:00', '2026-10-25T04:00', 'confirmed', true);
  book('salle-dunant', orgA, '2026-10-05T10:00', '2026-10-05T12:00', 'confirmed', true);
  book('salle-barton', orgB, '2026-10-06T14:00', '2026-10-06T15:00', 'released');
  book('salle-barton', orgB, '2026-10-07T09:00', '2026-10-07T10:30');
  book('salle-barton', orgA, '2026-10-08T10:00', '2026-10-08T11:00', 'cancelled');
  book('salle-barton', leadOrg, '2026-10-09T10:00', '2026-10-09T11:00');
  // November: a room on the Wednesday after the 11th, a desk for a whole day.
  book('salle-dunant', orgA, '2026-11-18T10:00', '2026-11-18T11:00');
  book('poste-os-01', orgA, '2026-11-19T09:00', '2026-11-19T17:00');
});
afterAll(() => t.close());

describe('October, with the fall-back Sunday', () => {
  const october = 'from=2026-10-01&to=2026-10-31&kind=meeting_room';

  it('counts the occupancy per hour of the wall clock, 25 hours on the 25th', async () => {
    expect(rooms).toBe(8);
    const rows = await csv(admin, `${october}&table=occupancy`);
    expect(rows[0]).toEqual(['Heure', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
    // Sunday 02:00–03:00 happened five times in October (four Sundays, twice on the 25th):
    // 120 booked minutes of 5 × 8 rooms × 60 = 5 %. Sunday 01:00: 60 / (4 × 8 × 60) = 3 %.
    expect(rowOf(rows, '02 h – 03 h')).toEqual(['02 h – 03 h', '0', '0', '0', '0', '0', '0', '5']);
    expect(rowOf(rows, '01 h – 02 h')?.[7]).toBe('3');
    expect(rowOf(rows, '00 h – 01 h')?.[7]).toBe('3');
    expect(rowOf(rows, '03 h – 04 h')?.[7]).toBe('3');
    // Saturday 23:00: 60 / (5 Saturdays × 8 × 60) = 2.5 %, rounded to 3.
    expect(rowOf(rows, '23 h – 00 h')?.[6]).toBe('3');
    // Monday 10:00 and 11:00 (Alpha), Wednesday 09:00 full and 10:00 half (Beta), Friday 10:00 (the lead's).
    expect(rowOf(rows, '10 h – 11 h')).toEqual(['10 h – 11 h', '3', '0', '2', '0', '3', '0', '0']);
    expect(rowOf(rows, '09 h – 10 h')).toEqual(['09 h – 10 h', '0', '0', '3', '0', '0', '0', '0']);
    // Released and cancelled bookings held nothing: Tuesday 14:00 and Thursday 10:00 stay empty.
    expect(rowOf(rows, '14 h – 15 h')?.[2]).toBe('0');
  });

  it('compares booked with used and gives the no-show rate', async () => {
    const rows = await csv(admin, `${october}&table=usage`);
    expect(rows[0]).toEqual([
      'Type d’espace',
      'Réservations tenues',
      'Heures réservées',
      'Arrivées signalées',
      'Absences',
      'Taux d’absence',
    ]);
    // Held: 6 h + 2 h + 1 h (released) + 1.5 h + 1 h (the lead's) = 11.5 h in 5 bookings; 2 check-ins, 1 no-show.
    expect(rowOf(rows, 'Salles de réunion')).toEqual(['Salles de réunion', '5', '11.5', '2', '1', '20']);
    expect(rowOf(rows, 'Total')).toEqual(['Total', '5', '11.5', '2', '1', '20']);
  });

  it('values the hours given at the rate in force on each day', async () => {
    const rows = await csv(admin, `${october}&table=impact_organisations`);
    // Alpha: 1 h on the 24th at 35 €, 5 h on the 25th at 40 €, 2 h on the 5th at 35 € = 305 €.
    expect(rowOf(rows, 'Alpha')).toEqual(['Alpha', 'Résident du coworking', '8', '305.00', '0']);
    // Beta: 1.5 h at 35 € (the released hour was not given).
    expect(rowOf(rows, 'Beta')).toEqual(['Beta', '21 x OETH', '1.5', '52.50', '0']);
    const programmes = await csv(admin, `${october}&table=impact_programmes`);
    expect(rowOf(programmes, '21 x OETH')).toEqual(['21 x OETH', '1.5', '52.50', '0']);
  });

  it('narrows every table to a programme', async () => {
    const usage = await csv(admin, `${october}&programme=oeth&table=usage`);
    // Beta only: the released hour and the 1.5 h held, one no-show of two.
    expect(rowOf(usage, 'Total')).toEqual(['Total', '2', '2.5', '0', '1', '50']);
    const impact = await csv(admin, `${october}&programme=oeth&table=impact_organisations`);
    expect(impact.slice(1).map((r) => r[0])).toEqual(['Beta', 'Total']);
  });

  it('gives each organisation’s plan use as the booking rules count it', async () => {
    const rows = await csv(admin, `${october}&table=quotas&organisation=${orgA}`);
    // 6 h + 2 h of rooms against a plan of 10 h; desks: 0 of 20 half-days.
    expect(rows.slice(1)).toEqual([['Alpha', '2026-10', '8', '10', '0', '20']]);
  });
});

describe('November, with public holidays', () => {
  it('leaves the holiday out of the hours the rooms could be booked', async () => {
    const rows = await csv(admin, 'from=2026-11-01&to=2026-11-30&kind=meeting_room&table=occupancy');
    // Four Wednesdays, less the 11th (Armistice): 60 / (3 × 8 × 60) = 4 % (3 % if the holiday counted).
    expect(rowOf(rows, '10 h – 11 h')?.[3]).toBe('4');
  });

  it('values a desk per half-day and a room per hour, at the new room rate', async () => {
    const rows = await csv(admin, 'from=2026-11-01&to=2026-11-30&table=impact_organisations');
    // A full desk day is 2 half-days at 15 € and 8 h; the room hour is at 40 €: 9 h, 70 €.
    expect(rowOf(rows, 'Alpha')).toEqual(['Alpha', 'Résident du coworking', '9', '70.00', '0']);
    const quotas = await csv(admin, `from=2026-11-01&to=2026-11-30&table=quotas&organisation=${orgA}`);
    expect(quotas.slice(1)).toEqual([['Alpha', '2026-11', '1', '10', '2', '20']]);
  });
});

describe('who sees what', () => {
  it('shows the page with an accessible heat map and its data table', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/reports?from=2026-10-01&to=2026-10-31&kind=meeting_room',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg class="heat-map" role="img" aria-labelledby="heat-title heat-desc"/);
    expect(res.body).toContain('<td class="num">5 %</td>');
    expect(res.body).toContain('id="report-rentals"');
  });

  it('limits a lead to their own organisation', async () => {
    const rows = await csv(lead, 'from=2026-10-01&to=2026-10-31&table=impact_organisations');
    expect(rows.map((r) => r[0])).not.toContain('Alpha');
    expect(rows.map((r) => r[0])).not.toContain('Beta');
    expect(rows[1]?.[2]).toBe('1');
    const usage = await csv(lead, 'from=2026-10-01&to=2026-10-31&table=usage');
    expect(rowOf(usage, 'Total')?.slice(1, 3)).toEqual(['1', '1']);
    const other = await t.app.inject({
      method: 'GET',
      url: `/admin/reports?organisation=${orgA}`,
      headers: { cookie: lead.cookie },
    });
    expect(other.statusCode).toBe(404);
  });

  it('answers 404 to members and the front desk, and sends visitors to sign in', async () => {
    for (const session of [member, frontdesk]) {
      const res = await t.app.inject({ method: 'GET', url: '/admin/reports', headers: { cookie: session.cookie } });
      expect(res.statusCode).toBe(404);
    }
    const visitor = await t.app.inject({ method: 'GET', url: '/admin/reports?format=csv&table=usage' });
    expect(visitor.statusCode).toBe(303);
  });

  it('refuses a wrong filter with 422 and says why', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/reports?from=2026-10-31&to=2026-10-01&kind=castle',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('La date de fin doit suivre la date de début.');
    expect(res.body).toContain('Choisissez un type d’espace de la liste.');
    const table = await t.app.inject({
      method: 'GET',
      url: '/admin/reports?format=csv&table=nope',
      headers: { cookie: admin.cookie },
    });
    expect(table.statusCode).toBe(422);
  });
});
