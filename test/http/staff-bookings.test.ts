import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';

let t: TestApp;
let desk: Session;
let camille: Session;
let room: number;
let other: number;
let memberId: number;

/** A booking written straight into the table (this file tests reading them, not booking rules). */
function insert(b: {
  resource: number;
  start: number;
  minutes?: number;
  memberId?: number | null;
  bookedById?: number | null;
  organisationId?: number | null;
  status?: string;
  guestName?: string | null;
  guestOrganisation?: string | null;
  checkedInAt?: number | null;
  title?: string;
}): number {
  const row = t.db.$client
    .prepare(
      `INSERT INTO bookings (resource_id, member_id, booked_by_id, organisation_id, starts_at, ends_at, status, title,
         guest_name, guest_organisation, checked_in_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id`,
    )
    .get(
      b.resource,
      b.memberId === undefined ? memberId : b.memberId,
      b.bookedById === undefined ? (b.memberId === undefined ? memberId : b.memberId) : b.bookedById,
      b.organisationId ?? null,
      b.start,
      b.start + (b.minutes ?? 10) * 60_000,
      b.status ?? 'confirmed',
      b.title ?? '',
      b.guestName ?? null,
      b.guestOrganisation ?? null,
      b.checkedInAt ?? null,
    ) as { id: number };
  return row.id;
}

const get = (who: Session | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

/** Monday 7 December 2026 at hh:mm in Paris (UTC+1). */
const at = (h: number, m = 0) => Date.UTC(2026, 11, 7, h - 1, m);

beforeAll(async () => {
  t = await createTestApp();
  desk = await signInAs(t.app, 'frontdesk');
  camille = await signInAs(t.app, 'member');
  room = resourceId(t.db, 'salle-appia');
  other = resourceId(t.db, 'studio-numerique');
  const org = createOrganisation(t.db, { name: 'Les Amis du Quartier' });
  memberId = createMember(t.db, { name: 'Zoé Quintal', organisationId: org });
  const staffId = (t.db.$client.prepare("SELECT id FROM members WHERE role = 'frontdesk'").get() as { id: number }).id;
  // 55 bookings on Monday (two pages), one checked in, one made by the front desk, one for a guest.
  for (let i = 0; i < 52; i += 1) insert({ resource: room, start: at(8) + i * 10 * 60_000, organisationId: org });
  insert({ resource: other, start: at(9), checkedInAt: at(9, 5), organisationId: org, title: '=HYPERLINK("x")' });
  insert({ resource: other, start: at(11), bookedById: staffId, organisationId: org });
  insert({
    resource: other,
    start: at(17),
    memberId: null,
    bookedById: staffId,
    guestName: 'Hugo Invité',
    guestOrganisation: '+Partenaire; "SAS"',
  });
  // Tuesday: outside Monday's list.
  insert({ resource: room, start: Date.UTC(2026, 11, 8, 9), title: 'mardi' });
});
afterAll(async () => {
  await t.close();
});

describe('GET /frontdesk/bookings', () => {
  it('sends signed-out visitors to sign in and answers members 404', async () => {
    const anonymous = await get(null, '/frontdesk/bookings');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Ffrontdesk%2Fbookings');
    const member = await get(camille, '/frontdesk/bookings');
    expect(member.statusCode).toBe(404);
    expect(member.body).not.toContain('Zoé Quintal');
    const csv = await get(camille, '/frontdesk/bookings?format=csv');
    expect(csv.statusCode).toBe(404);
  });

  it('lists today’s bookings with names, check-in and who booked, 50 a page, with a count', async () => {
    const res = await get(desk, '/frontdesk/bookings');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('55 réservations.');
    expect(res.body).toContain('Page 1 sur 2.');
    expect(res.body.match(/<tr>/g)!.length).toBe(51); // header + 50
    expect(res.body).toContain('Zoé Quintal');
    expect(res.body).toContain('Les Amis du Quartier');
    expect(res.body).not.toContain('Hugo Invité'); // 17:00 is on page 2
    expect(res.body).toContain('<td>Fatou Accueil</td>'); // booked by the front desk
    expect(res.body).toContain('rel="next"');
    const next = /href="([^"]*page=2[^"]*)" rel="next"/.exec(res.body)![1]!.replace(/&amp;/g, '&');
    const two = await get(desk, next);
    expect(two.body).toContain('Page 2 sur 2.');
    expect(two.body.match(/<tr>/g)!.length).toBe(6);
    expect(two.body).toContain('Hugo Invité (invité·e)');
    expect(two.body).toContain('rel="prev"');
  });

  it('shows check-in times and filters by person, guest, organisation and resource', async () => {
    const studio = await get(desk, `/frontdesk/bookings?date=2026-12-07&resource=${other}`);
    expect(studio.body).toContain('3 réservations.');
    expect(studio.body).toContain('Arrivé·e à 09:05');
    const guest = await get(desk, '/frontdesk/bookings?person=hugo');
    expect(guest.body).toContain('1 réservation.');
    expect(guest.body).toContain('Hugo Invité');
    const person = await get(desk, '/frontdesk/bookings?person=QUINTAL&resource=' + other);
    expect(person.body).toContain('2 réservations.');
    const organisation = await get(desk, '/frontdesk/bookings?organisation=partenaire');
    expect(organisation.body).toContain('1 réservation.');
    const range = await get(desk, '/frontdesk/bookings?from=2026-12-07&to=2026-12-08&person=quintal');
    expect(range.body).toContain('55 réservations.');
    t.db.$client.prepare("UPDATE bookings SET status = 'released' WHERE title = 'mardi'").run();
    const tuesday = await get(desk, '/frontdesk/bookings?date=2026-12-08');
    expect(tuesday.body).toContain('Libérée (pas de présence)');
    expect(tuesday.body).not.toContain('Pas encore arrivé·e');
    expect(tuesday.body).toContain('1 réservation.');
  });

  it('exports the same filter as CSV: every page, BOM, attachment, Paris time, formulas disarmed', async () => {
    const res = await get(desk, '/frontdesk/bookings?from=2026-12-07&to=2026-12-07&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bookings-2026-12-07.csv"');
    expect(res.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(56);
    expect(lines[0]).toBe(
      'N°,Début (heure de Paris),Fin (heure de Paris),Ressource,Pour,Organisation,État,Arrivée,Départ,Réservé par,Objet',
    );
    expect(lines[1]).toContain(
      ',2026-12-07 08:00,2026-12-07 08:10,Salle Louis Appia,Zoé Quintal,Les Amis du Quartier,',
    );
    expect(res.body).toContain(`'=HYPERLINK(""x"")`);
    expect(res.body).toContain('2026-12-07 09:05');
    expect(res.body).toContain(`"'+Partenaire; ""SAS"""`);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
  });

  it('refuses a malformed filter with 422 and says what is wrong, in French and in English', async () => {
    const fr = await get(desk, '/frontdesk/bookings?from=2026-12-09&to=2026-12-01');
    expect(fr.statusCode).toBe(422);
    expect(fr.body).toContain('La date de fin doit suivre la date de début, sur 366 jours au plus.');
    expect(fr.body).toMatch(/id="sb-to"[^>]*aria-invalid="true"/);
    const bad = await get(desk, '/frontdesk/bookings?date=7/12/2026&resource=abc');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Indiquez le jour sous la forme AAAA-MM-JJ.');
    expect(bad.body).toContain('Choisissez une ressource de la liste.');
    const csv = await get(desk, '/frontdesk/bookings?date=nope&format=csv');
    expect(csv.statusCode).toBe(422);
    const english = await signInAs(t.app, 'admin');
    await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: english.headers,
      payload: 'lang=en&next=/',
    });
    const en = await get(english, `/frontdesk/bookings?person=${'x'.repeat(101)}`);
    expect(en.statusCode).toBe(422);
    expect(en.body).toContain('The name searched for must be at most 100 characters long.');
  });
});
