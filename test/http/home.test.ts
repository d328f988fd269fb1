// The signed-in home page over HTTP: the next booking in words, today's bookings with their
// check-in, "book my usual desk" (booked, none free, a tampered form), the team's day for a
// lead only, and the notices (closures ahead, requests awaiting approval). Visitors keep the
// page that presents the space.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { actorOf, createMember, resourceId } from '../helpers/people.js';

// Paris is UTC+1 in December 2026; the test clock starts on Monday 7 December, 10:00 Paris.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let camille: Session;
let sami: Session;
let lead: Session;
let camilleId: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  lead = await signInAs(t.app, 'lead');
  camilleId = (
    t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(DEMO_ACCOUNTS.member.email) as { id: number }
  ).id;
});
afterAll(() => t.close());

const get = (who: Session | null, url = '/') =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
const post = (who: Session, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });

function book(memberId: number, slug: string, start: number, end: number) {
  const outcome = t.app.services.bookings.create(actorOf(t.db, memberId), {
    resourceId: resourceId(t.db, slug),
    start,
    end,
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

/** The usual-desk form's fields as the page renders them. */
function usualDeskFields(html: string): Record<string, string> {
  const formHtml = /<form method="post" action="\/home\/usual-desk">([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!formHtml) throw new Error('no usual-desk form on the page');
  const fields: Record<string, string> = {};
  for (const m of formHtml.matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return fields;
}

describe('GET / for a visitor', () => {
  it('still presents the space, with nothing personal', async () => {
    const res = await get(null);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Réserver un espace à 21');
    expect(res.body).not.toContain('Votre prochaine réservation');
  });
});

describe('GET / signed in', () => {
  it('greets the person and says when nothing is booked', async () => {
    const res = await get(sami);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bonjour Sami Membre');
    expect(res.body).toContain('Vous n’avez aucune réservation à venir.');
    expect(res.body).toContain('Rien de réservé aujourd’hui.');
    expect(res.body).not.toContain('Votre équipe aujourd’hui');
  });

  it('shows the next booking: the resource and the date in words, in French and in English', async () => {
    const booking = book(camilleId, 'salle-appia', paris(9, 10), paris(9, 11));
    const fr = await get(camille);
    expect(fr.body).toMatch(
      /Votre prochaine réservation<\/h2>\s*<p class="lead"><a href="\/bookings\/\d+">Salle Louis Appia, mercredi 9 décembre 2026, 10:00–11:00/,
    );
    expect(fr.body).toContain(`href="/bookings/${booking.id}"`);
    await post(camille, '/profile/language', { lang: 'en', next: '/' });
    try {
      const en = await get(camille);
      expect(en.body).toContain('Your next booking');
      expect(en.body).toContain('Louis Appia room, Wednesday, 9 December 2026, 10:00–11:00');
    } finally {
      await post(camille, '/profile/language', { lang: 'fr', next: '/' });
    }
  });

  it('lists today’s bookings with the check-in button, which comes back home', async () => {
    const desk = book(camilleId, 'poste-zc-03', paris(7, 8, 30), paris(7, 13));
    const res = await get(camille);
    expect(res.body).toContain('Aujourd’hui, lundi 7 décembre 2026');
    expect(res.body).toContain('Poste ZC-03');
    expect(res.body).toContain(`action="/bookings/${desk.id}/check-in"`);
    expect(res.body).toContain('aria-label="Signaler mon arrivée – Poste ZC-03, 08:30–13:00"');
    const checkedIn = await post(camille, `/bookings/${desk.id}/check-in`, { next: '/' });
    expect(checkedIn.statusCode).toBe(303);
    expect(checkedIn.headers.location).toBe('/');
    expect((await get(camille)).body).toContain('Arrivée signalée à 10:00');
  });
});

describe('book my usual desk', () => {
  it('offers the zone and half-day of the last desk, on the next such half-day not held, and books it', async () => {
    // Camille sat in the quiet zone this morning (the test above): tomorrow morning is offered.
    const page = await get(camille);
    expect(page.body).toContain('Zone calme, mardi 8 décembre 2026, le matin (08:30–13:00)');
    expect(page.body).toContain('12 postes libres.');
    const fields = usualDeskFields(page.body);
    expect(fields).toMatchObject({ date: '2026-12-08', part: 'morning' });
    const res = await post(camille, '/home/usual-desk', fields);
    expect(res.statusCode).toBe(303);
    const id = Number(/^\/bookings\/(\d+)\?done=created$/.exec(res.headers.location as string)![1]);
    const row = t.app.services.bookings.loader.queries.byId(id)!;
    expect(row).toMatchObject({ startsAt: paris(8, 8, 30), endsAt: paris(8, 13), status: 'confirmed' });
    expect(t.app.services.inventory.resource(row.resourceId)).toMatchObject({ kind: 'desk', zoneName: 'Zone calme' });
    // The same form sent again makes no second booking.
    const again = await post(camille, '/home/usual-desk', fields);
    expect(again.headers.location).toBe(res.headers.location);
    // Tomorrow morning is now held: the offer moves to the morning after.
    expect((await get(camille)).body).toContain('Zone calme, mercredi 9 décembre 2026, le matin (08:30–13:00)');
  });

  it('says clearly when no desk of the zone is free, and links to the desk page', async () => {
    const page = await get(camille);
    const fields = usualDeskFields(page.body);
    expect(fields.date).toBe('2026-12-09');
    // Others take every quiet-zone desk of Wednesday morning between the page and the click.
    for (let n = 1; n <= 12; n += 1) {
      const other = createMember(t.db, { name: `Voisin ${n}` });
      book(other, `poste-zc-${String(n).padStart(2, '0')}`, paris(9, 8, 30), paris(9, 13));
    }
    const before = t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get();
    const res = await post(camille, '/home/usual-desk', { ...fields, idempotency_key: 'full-zone' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('Aucun poste n’est libre dans cette zone à ce moment-là.');
    expect(res.body).toContain('href="/book/desk?date=2026-12-09&amp;part=morning"');
    expect(t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(before);
    // The page itself says so before any click.
    const after = await get(camille);
    expect(after.body).toContain('Aucun poste libre.');
    expect(after.body).not.toContain('action="/home/usual-desk"');
  });

  it('answers a tampered form with 422 and a sentence, never a booking', async () => {
    const before = t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get();
    for (const fields of [
      { zone: '999999', date: '2026-12-10', part: 'morning' },
      { zone: 'x', date: '2026-12-10', part: 'morning' },
      { zone: '2', date: '2026-13-40', part: 'morning' },
      { zone: '2', date: '2026-12-10', part: 'evening' },
    ]) {
      const res = await post(camille, '/home/usual-desk', fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Ce poste habituel ne peut plus être réservé ainsi.');
    }
    expect(t.db.$client.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(before);
  });

  it('offers nothing to someone who never booked a desk', async () => {
    expect((await get(sami)).body).toContain('Réservez un poste une première fois');
  });
});

describe('the team’s day and the notices', () => {
  it('shows a lead the bookings of their team today, and nobody else’s', async () => {
    const res = await get(lead);
    expect(res.body).toContain('Votre équipe aujourd’hui');
    expect(res.body).toMatch(/<th scope="row">Camille Membre<\/th>\s*<td>Poste ZC-03<\/td>/);
    // A booking of tomorrow is not today's.
    expect(res.body).not.toContain('mardi 8 décembre');
  });

  it('lists closures of the next 14 days and requests awaiting approval', async () => {
    const siteId = t.db.$client.prepare('SELECT id FROM sites').pluck().get();
    t.db.$client
      .prepare(
        `INSERT INTO closures (site_id, resource_id, starts_at, ends_at, kind, reason, reason_en)
         VALUES (?, NULL, ?, ?, 'maintenance', 'Travaux', 'Works'), (?, NULL, ?, ?, 'other', 'Trop loin', 'Too far')`,
      )
      .run(siteId, paris(17, 0), paris(19, 0), siteId, paris(28, 0), paris(29, 0));
    book(camilleId, 'espace-evenementiel', paris(10, 14), paris(10, 16));
    const res = await get(camille);
    expect(res.body).toContain('Fermeture du jeudi 17 décembre 2026 au vendredi 18 décembre 2026 : Travaux');
    expect(res.body).not.toContain('Trop loin');
    expect(res.body).toMatch(
      /En attente de validation : Espace événementiel[^,]*, jeudi 10 décembre 2026, 14:00–16:00/,
    );
  });
});
