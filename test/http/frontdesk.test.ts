// The front desk over HTTP: who may open the board and the headcount, the day's bookings
// with names, another date, the name search, occupancy against the safety capacities, the
// staff actions' forms, and the headcount's CSV file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { insertBooking, insertVisitor, paris } from '../helpers/frontdesk.js';
import { createMember, createOrganisation, resourceId } from '../helpers/people.js';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function get(url: string, who?: Session) {
  return t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
}

/** A day with distinctive names: Monday 7 December 2026, the test clock standing at 10:00 Paris. */
function busyDay() {
  const org = createOrganisation(t.db, { name: 'Coopérative Zèbre' });
  const zoe = createMember(t.db, { name: 'Zoé Ärnström', organisationId: org });
  const yann = createMember(t.db, { name: 'Yann Quelquepart', organisationId: org });
  const host = createMember(t.db, { name: 'Hélène Hôte', organisationId: org });
  const desk = resourceId(t.db, 'poste-os-01');
  const desk2 = resourceId(t.db, 'poste-os-02');
  const room = resourceId(t.db, 'salle-appia');
  const zoeDesk = insertBooking(t.db, {
    resourceId: desk,
    memberId: zoe,
    start: paris(7, 8, 30),
    end: paris(7, 13),
    checkedInAt: paris(7, 8, 45),
  });
  const yannDesk = insertBooking(t.db, {
    resourceId: desk2,
    memberId: yann,
    start: paris(7, 8, 30),
    end: paris(7, 19),
  });
  const guestRoom = insertBooking(t.db, {
    resourceId: room,
    start: paris(7, 9, 30),
    end: paris(7, 11),
    headcount: 6,
    guestName: 'Gaston Invité',
    guestOrganisation: 'Mairie de Montrouge',
    checkedInAt: paris(7, 9, 35),
  });
  const nextRoom = insertBooking(t.db, { resourceId: room, memberId: yann, start: paris(7, 14), end: paris(7, 15) });
  const tomorrow = insertBooking(t.db, { resourceId: desk, memberId: yann, start: paris(8, 8, 30), end: paris(8, 13) });
  const visitor = insertVisitor(t.db, {
    hostId: host,
    name: 'Victor Visiteur',
    organisation: 'ACME',
    expectedAt: paris(7, 11),
  });
  insertVisitor(t.db, { hostId: host, name: 'Valentine Arrivée', expectedAt: paris(7, 9), arrivedAt: paris(7, 9, 5) });
  return { org, zoe, yann, host, desk, desk2, room, zoeDesk, yannDesk, guestRoom, nextRoom, tomorrow, visitor };
}

const NAMES = ['Zoé Ärnström', 'Yann Quelquepart', 'Gaston Invité', 'Victor Visiteur', 'Valentine Arrivée'];

describe('who may open the board', () => {
  it('front desk and admin get it; a member gets the 404 of a missing page; signed out goes to sign-in', async () => {
    busyDay();
    const desk = await signInAs(t.app, 'frontdesk');
    const admin = await signInAs(t.app, 'admin');
    const member = await signInAs(t.app, 'member');
    expect((await get('/frontdesk', desk)).statusCode).toBe(200);
    expect((await get('/frontdesk', admin)).statusCode).toBe(200);
    const missing = await get('/no-such-page', member);
    for (const url of [
      '/frontdesk',
      '/frontdesk?date=2026-12-08',
      '/frontdesk/headcount',
      '/frontdesk/headcount?format=csv',
    ]) {
      const res = await get(url, member);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe(missing.headers['content-type']);
      const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0];
      expect(main(res.body)).toBe(main(missing.body));
      for (const name of NAMES) expect(res.body).not.toContain(name);
    }
    const out = await get('/frontdesk');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?next=%2Ffrontdesk');
  });

  it('the staff menu links to the board and the headcount; kiosks only for admins; not for members', async () => {
    const desk = await get('/profile', await signInAs(t.app, 'frontdesk'));
    expect(desk.body).toContain('href="/frontdesk"');
    expect(desk.body).toContain('href="/frontdesk/headcount"');
    expect(desk.body).not.toContain('href="/admin/kiosks"');
    const admin = await get('/profile', await signInAs(t.app, 'admin'));
    expect(admin.body).toContain('href="/admin/kiosks"');
    const member = await get('/profile', await signInAs(t.app, 'member'));
    expect(member.body).not.toContain('href="/frontdesk"');
  });
});

describe('the board of a day', () => {
  it('shows today’s bookings with the person, the day guest and the visitors, and what the desk may do', async () => {
    const d = busyDay();
    const res = await get('/frontdesk', await signInAs(t.app, 'frontdesk'));
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Zoé Ärnström');
    expect(html).toContain('Yann Quelquepart');
    expect(html).toContain('Gaston Invité (Mairie de Montrouge)');
    expect(html).toContain('Victor Visiteur (ACME), attendu à 11:00, reçu par Hélène Hôte');
    // Zoé is checked in: no check-in form for her; Yann is not: one that comes back to the board.
    expect(html).not.toContain(`action="/bookings/${d.zoeDesk}/check-in"`);
    expect(html).toContain(`form="board-action" formaction="/bookings/${d.yannDesk}/check-in"`);
    expect(html).toContain('<form id="board-action" class="no-print" method="post" action="/frontdesk">');
    expect(html).toMatch(
      /name="_csrf" value="[^"]+"><input type="hidden" name="next" value="\/frontdesk\?date=2026-12-07">/,
    );
    expect(html).toContain(`form="board-action" formaction="/visitors/${d.visitor}/arrival"`);
    expect(html).toContain(`href="/bookings/new?resource=${d.desk2}&amp;on_behalf=1"`);
    // The room is in use by the guest until 11:00, then Yann at 14:00.
    expect(html).toContain('Occupée jusqu’à 11:00 par Gaston Invité (Mairie de Montrouge)');
    expect(html).toContain('Ensuite à 14:00 : Yann Quelquepart');
    // Tomorrow's booking is not on today's board.
    expect(html).not.toContain(`id="booking-${d.tomorrow}"`);
    // The poll asks for the board again, every 20 s by default, and morphs it in place.
    expect(html).toContain('hx-trigger="every 20s"');
    expect(html).toContain('hx-swap="innerMorph"');
  });

  it('counts desks and people present against the zone’s and the site’s safety capacity', async () => {
    busyDay();
    const html = (await get('/frontdesk', await signInAs(t.app, 'frontdesk'))).body;
    // Open space: Zoé checked in (1 of 50); 2 of 40 desks taken (one in use, one booked).
    expect(html).toContain('Réservés : 1 · occupés : 1 · libres : 38 · total : 40 postes');
    expect(html).toContain(
      'data-summary="Sur le site : 8 · postes occupés : 1 · postes réservés : 1 · visiteurs attendus : 2."',
    );
    expect(html).toMatch(/Open space<\/span> <span>Présents maintenant : 1 sur 50 \(capacité de sécurité\)/);
    // Meeting rooms: the guest's 6 people.
    expect(html).toMatch(/Salles de réunion<\/span> <span>Présents maintenant : 6 sur 80 \(capacité de sécurité\)/);
    // The site: 1 + 6 + one visitor arrived.
    expect(html).toContain('Présents maintenant : 8 sur 300 (capacité de sécurité)');
  });

  it('warns in words when a zone is near or over its safety capacity', async () => {
    const room = resourceId(t.db, 'poste-zc-01');
    insertBooking(t.db, {
      resourceId: room,
      start: paris(7, 8, 30),
      end: paris(7, 13),
      headcount: 16,
      checkedInAt: paris(7, 9),
      guestName: 'Groupe',
    });
    const html = (await get('/frontdesk', await signInAs(t.app, 'frontdesk'))).body;
    expect(html).toContain('Présents maintenant : 16 sur 15 (capacité de sécurité)');
    expect(html).toContain('Alerte : au-delà de la capacité de sécurité.');
  });

  it('?date= shows that day’s bookings, with no "now" state and no check-in for a day not begun', async () => {
    const d = busyDay();
    const res = await get('/frontdesk?date=2026-12-08', await signInAs(t.app, 'frontdesk'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`id="booking-${d.tomorrow}"`);
    expect(res.body).not.toContain('/check-in"');
    expect(res.body).not.toContain('Zoé Ärnström');
    expect(res.body).toContain('mardi 8 décembre 2026');
    expect(res.body).not.toContain('Libre maintenant');
    expect(res.body).not.toContain('Présents maintenant');
    expect(res.body).toContain('data-summary="Postes réservés : 1 · visiteurs attendus : 0."');
  });

  it('a malformed date answers 422 with the reason, and today’s board', async () => {
    busyDay();
    for (const bad of ['2026-13-01', 'demain', '2026-02-30']) {
      const res = await get(`/frontdesk?date=${encodeURIComponent(bad)}`, await signInAs(t.app, 'frontdesk'));
      expect(res.statusCode, bad).toBe(422);
      expect(res.body).toContain('La date doit être un jour du calendrier au format AAAA-MM-JJ.');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('Zoé Ärnström');
    }
  });

  it('the search keeps the people whose name holds it, accents and case aside; too long is 422', async () => {
    busyDay();
    const desk = await signInAs(t.app, 'frontdesk');
    const res = await get('/frontdesk?q=zoe', desk);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Zoé Ärnström');
    expect(res.body).not.toContain('Yann Quelquepart');
    expect(res.body).not.toContain('Victor Visiteur');
    const visitor = await get('/frontdesk?q=ACME', desk);
    expect(visitor.body).toContain('Victor Visiteur');
    expect(visitor.body).not.toContain('Zoé Ärnström');
    const long = await get(`/frontdesk?q=${'x'.repeat(101)}`, desk);
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Le nom recherché ne doit pas dépasser 100 caractères.');
  });

  it('answers a poll (HX-Request) with the data regions only, and speaks English to an English reader', async () => {
    busyDay();
    const desk = await signInAs(t.app, 'frontdesk');
    const res = await t.app.inject({
      method: 'GET',
      url: '/frontdesk?date=2026-12-07&q=',
      headers: { cookie: desk.cookie, 'hx-request': 'true' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<html');
    expect(res.body).not.toContain('id="fd-date"');
    expect(res.body).toContain('id="board-desks"');
    expect(res.headers.vary).toContain('HX-Request');
    await t.app.inject({ method: 'POST', url: '/profile/language', headers: desk.headers, payload: 'lang=en&next=/' });
    const en = await get('/frontdesk', desk);
    expect(en.body).toContain('In use until 11:00 by Gaston Invité (Mairie de Montrouge)');
    expect(en.body).toContain('Present now: 8 of 300 (safety capacity)');
  });

  it('the poll interval may be asked for, within bounds', async () => {
    const desk = await signInAs(t.app, 'frontdesk');
    expect((await get('/frontdesk?poll=3', desk)).body).toContain('hx-trigger="every 3s"');
    expect((await get('/frontdesk?poll=0', desk)).body).toContain('hx-trigger="every 2s"');
    expect((await get('/frontdesk?poll=999', desk)).body).toContain('hx-trigger="every 300s"');
    expect((await get('/frontdesk?poll=abc', desk)).body).toContain('hx-trigger="every 20s"');
  });

  it('shows a member’s no-shows of the last 30 days on today’s board', async () => {
    const d = busyDay();
    insertBooking(t.db, {
      resourceId: d.desk2,
      memberId: d.yann,
      start: paris(2, 8, 30),
      end: paris(2, 13),
      status: 'released',
    });
    insertBooking(t.db, {
      resourceId: d.desk2,
      memberId: d.yann,
      start: paris(3, 8, 30),
      end: paris(3, 13),
      status: 'released',
    });
    const html = (await get('/frontdesk', await signInAs(t.app, 'frontdesk'))).body;
    expect(html).toContain('2 absences en 30 jours');
    // Another day's board (Yann books tomorrow too) does not read them.
    const tomorrow = (await get('/frontdesk?date=2026-12-08', await signInAs(t.app, 'frontdesk'))).body;
    expect(tomorrow).toContain('Yann Quelquepart');
    expect(tomorrow).not.toContain('absences');
  });
});

describe('the headcount', () => {
  it('lists everyone on site now: checked in, visitors arrived, running events', async () => {
    const d = busyDay();
    const events = resourceId(t.db, 'espace-evenementiel');
    insertBooking(t.db, {
      resourceId: events,
      organisationId: d.org,
      start: paris(7, 9),
      end: paris(7, 12),
      headcount: 40,
    });
    // Checked out: not there any more.
    insertBooking(t.db, {
      resourceId: resourceId(t.db, 'poste-os-03'),
      memberId: d.host,
      start: paris(7, 8, 30),
      end: paris(7, 13),
      checkedInAt: paris(7, 8, 40),
      checkedOutAt: paris(7, 9, 30),
    });
    const res = await get('/frontdesk/headcount', await signInAs(t.app, 'frontdesk'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('48 personnes sur le site');
    expect(res.body).toContain('Zoé Ärnström');
    expect(res.body).toContain('Valentine Arrivée');
    expect(res.body).toContain('Coopérative Zèbre');
    expect(res.body).not.toContain('Yann Quelquepart');
    expect(res.body).not.toContain('Victor Visiteur');
  });

  it('downloads as CSV: UTF-8 with BOM, attachment, quotes where needed, formulas disarmed', async () => {
    const d = busyDay();
    insertBooking(t.db, {
      resourceId: resourceId(t.db, 'poste-os-04'),
      start: paris(7, 8, 30),
      end: paris(7, 13),
      checkedInAt: paris(7, 8, 40),
      guestName: '=HYPERLINK("http://evil")',
      guestOrganisation: '+Org "quoted"',
    });
    insertVisitor(t.db, { hostId: d.host, name: '@SUM(1)', expectedAt: paris(7, 9), arrivedAt: paris(7, 9) });
    insertVisitor(t.db, { hostId: d.host, name: '-2+3', expectedAt: paris(7, 9), arrivedAt: paris(7, 9) });
    const res = await get('/frontdesk/headcount?format=csv', await signInAs(t.app, 'frontdesk'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="presents-2026-12-07-10-00\.csv"$/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nom,Type,Lieu ou hôte,Nombre');
    expect(res.body).toContain('\r\nZoé Ärnström,Réservation,Poste OS-01,1\r\n');
    expect(res.body).toContain(`\r\n"'=HYPERLINK(""http://evil"") (+Org ""quoted"")",Réservation,Poste OS-04,1\r\n`);
    expect(res.body).toContain(`\r\n'@SUM(1),Visiteur,Hélène Hôte,1\r\n`);
    expect(res.body).toContain(`\r\n'-2+3,Visiteur`);
    expect(lines.at(-1)).toBe('');
  });
});
