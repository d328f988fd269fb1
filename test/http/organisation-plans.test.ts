// Organisation plans with their history, over HTTP: an admin adds a plan from a date, the
// quota check reads the plan in force for the booking's month (from the plan's month on, not
// before), the page shows the history, a bad form answers 422 and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

let t: TestApp;
let admin: Session;
let org: number;
let zoe: number;

// Paris is UTC+1 in December and January.
const paris = (year: number, month: number, day: number, hour: number) => Date.UTC(year, month - 1, day, hour - 1);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  org = createOrganisation(t.db, { name: 'Atelier Solidaire', quotaRoomMinutes: 60, quotaDeskHalfDays: null });
  zoe = createMember(t.db, { name: 'Zoé', organisationId: org });
});
afterAll(() => t.close());

function post(url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: admin.csrf, ...fields }),
  });
}

const plans = () =>
  t.db.$client
    .prepare(
      'SELECT name, starts_on AS startsOn, room_minutes_per_month AS rooms FROM organisation_plans WHERE organisation_id = ? ORDER BY id',
    )
    .all(org);

/** Zoé books a room for two hours; the codes of the refusal, or [] when booked. */
function twoHours(year: number, month: number, day: number): string[] {
  const outcome = t.app.services.bookings.create(actorOf(t.db, zoe), {
    resourceId: resourceId(t.db, 'salle-appia'),
    start: paris(year, month, day, 10),
    end: paris(year, month, day, 12),
  });
  return outcome.ok ? [] : outcome.violations.map((v) => v.code);
}

describe('a plan from a date', () => {
  it('changes the quota from its month on, not before', async () => {
    const res = await post(`/admin/organisations/${org}/plans`, {
      name: 'Incubation renforcée',
      startsOn: '2027-01-15',
      roomHours: '3',
      deskHalfDays: '10',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/organisations/${org}?done=planAdded`);
    expect(plans()).toEqual([
      { name: '', startsOn: '2026-01-01', rooms: 60 },
      { name: 'Incubation renforcée', startsOn: '2027-01-15', rooms: 180 },
    ]);
    // December 2026 keeps its hour; January 2027 has three, from its first day.
    expect(twoHours(2026, 12, 15)).toEqual(['quota_exceeded']);
    expect(twoHours(2027, 1, 5)).toEqual([]);
    expect(twoHours(2027, 1, 6)).toEqual(['quota_exceeded']);
    const audit = t.db.$client
      .prepare("SELECT action, details FROM audit_log WHERE action = 'organisation.plan_added' AND subject_id = ?")
      .get(org) as { action: string; details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ name: 'Incubation renforcée', roomMinutesPerMonth: 180 });
  });

  it('shows the history, the latest first, with the plan in force this month marked', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/admin/organisations/${org}?done=planAdded`,
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('L’offre est ajoutée.');
    expect(body.indexOf('Incubation renforcée')).toBeLessThan(body.indexOf('Offre d’origine'));
    expect(body).toMatch(/Offre d’origine <span class="tag">en vigueur ce mois-ci<\/span>/);
    expect(body).toContain('vendredi 15 janvier 2027');
    expect(body).toContain('<td>3</td>');
    // This month's use counts against December's plan: one hour.
    expect(body).not.toContain('name="quotaRoomHours"');
  });

  it('refuses a bad form with 422, every reason next to its field, and writes nothing', async () => {
    const before = plans().length;
    const res = await post(`/admin/organisations/${org}/plans`, {
      name: ' ',
      startsOn: '2027-02-30',
      roomHours: '-2',
      deskHalfDays: '1.5',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Donnez un nom à l’offre.');
    expect(res.body).toContain('Indiquez une date de début valide');
    expect(res.body).toContain('Indiquez un nombre d’heures positif ou nul');
    expect(res.body).toContain('Indiquez un nombre entier de demi-journées');
    expect(res.body).toContain('href="#plan-starts"');
    expect(res.body).toContain('value="1.5"');
    expect(plans()).toHaveLength(before);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const res = await post('/admin/organisations/999999/plans', { name: 'X', startsOn: '2027-01-01' });
    expect(res.statusCode).toBe(404);
  });

  it('gives a new organisation its first plan from its start, with the quotas typed', async () => {
    const res = await post('/admin/organisations/new', {
      name: 'Nouvelle Asso',
      kind: 'association',
      programme: 'coworking',
      startsOn: '2026-12-01',
      quotaRoomHours: '7,5',
      quotaDeskHalfDays: '4',
    });
    expect(res.statusCode).toBe(303);
    const id = Number(/\/admin\/organisations\/(\d+)/.exec(String(res.headers.location))![1]);
    expect(
      t.db.$client
        .prepare(
          'SELECT name, starts_on AS s, room_minutes_per_month AS r, desk_half_days_per_month AS d FROM organisation_plans WHERE organisation_id = ?',
        )
        .all(id),
    ).toEqual([{ name: '', s: '2026-12-01', r: 450, d: 4 }]);
  });
});
