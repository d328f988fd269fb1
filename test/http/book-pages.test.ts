import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  // Salle Louis Appia booked 10:00–11:00 on Tuesday 8 December.
  const res = await t.app.inject({
    method: 'POST',
    url: '/bookings',
    headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      resource: resourceId(t.db, 'salle-appia'),
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
      _csrf: camille.csrf,
    }),
  });
  expect(res.statusCode).toBe(303);
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, htmx = false, who: Session | null = camille) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(htmx ? { 'hx-request': 'true' } : {}) },
  });

describe('/book', () => {
  it('offers desks, rooms, a time finder, studios and the hall, to members only', async () => {
    const res = await get('/book');
    expect(res.statusCode).toBe(200);
    for (const href of ['/book/desk', '/book/rooms', '/find', '/book/rooms?group=studios', '/book/rooms?group=hall'])
      expect(res.body).toContain(`href="${href}"`);
    expect((await get('/book', false, null)).statusCode).toBe(303);
  });
});

describe('/book/desk', () => {
  it('shows each zone with its free desks for the half-day and one-click forms', async () => {
    const res = await get('/book/desk?date=2026-12-08&part=morning');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Matin (08:30–13:00)');
    expect(res.body).toContain('40 postes libres sur 40');
    expect(res.body).toContain('Prendre un poste libre dans la zone Open space');
    expect(res.body).toContain('name="start" value="2026-12-08T08:30"');
    expect(res.body).toContain('name="end" value="2026-12-08T13:00"');
    expect(res.headers.vary).toContain('HX-Request');
  });

  it('says the site is closed on a holiday, with the reason', async () => {
    const res = await get('/book/desk?date=2026-12-25');
    expect(res.body).toContain('Le site est fermé ce jour-là : Noël.');
    expect(res.body).not.toContain('Prendre un poste libre');
  });

  it('defaults to the next open day, and reports a malformed date', async () => {
    expect((await get('/book/desk')).body).toContain('lundi 7 décembre 2026');
    const bad = await get('/book/desk?date=2026-02-30');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="d-date"[^>]*aria-invalid="true"/);
  });

  it("books from one form per zone: a button per desk, each desk its own intent under the form's key", async () => {
    const page = (await get('/book/desk?date=2026-12-11&part=morning')).body;
    const zone = page.match(
      /<section class="zone" aria-labelledby="zone-\d+">\s*<h3[^>]*>Zone calme<\/h3>[\s\S]*?<\/section>/,
    )![0];
    expect(zone.match(/<form /g)).toHaveLength(1);
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(zone)![1]!;
    const desks = [
      ...zone.matchAll(
        /<button type="submit" name="resource" value="(\d+)" class="secondary">Réserver ([^<]+)<\/button>/g,
      ),
    ].map((m) => ({ id: m[1]!, name: m[2]! }));
    expect(desks.length).toBeGreaterThan(3);
    const any = 'Prendre un poste libre dans la zone Zone calme';
    expect(zone).toContain(`<button type="submit" name="resource" value="${desks[0]!.id}">${any}</button>`);
    const send = (resource: string) =>
      t.app.inject({
        method: 'POST',
        url: '/bookings',
        headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          _csrf: value('_csrf'),
          idempotency_key: value('idempotency_key'),
          start: value('start'),
          end: value('end'),
          resource,
        }),
      });
    const first = await send(desks[1]!.id);
    const again = await send(desks[1]!.id);
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    // Back on the same page, another desk: a new request, judged (one desk a half-day: refused),
    // not the first one replayed.
    const other = await send(desks[2]!.id);
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain(`Vous avez déjà un poste à ce moment-là : ${desks[1]!.name}, de 08:30 à 13:00.`);
  });

  it('answers htmx with the results fragment', async () => {
    const res = await get('/book/desk?date=2026-12-08&part=afternoon', true);
    expect(res.body.trimStart().startsWith('<section id="desk-results"')).toBe(true);
    expect(res.body).toContain('Après-midi (13:00–19:00)');
  });
});

describe('/book/rooms', () => {
  it('shows a grid of the 8 rooms with states in words and links to the filled-in form', async () => {
    const res = await get('/book/rooms?date=2026-12-08');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption id="timeline-caption">Disponibilités du mardi 8 décembre 2026</caption>');
    expect(res.body.match(/<th scope="row">/g)).toHaveLength(8);
    expect(res.body).toContain('<th scope="col">08:30</th>');
    expect(res.body).toContain('<th scope="col">18:30</th>');
    // Appia is taken 10:00–11:00: one block over those two columns says so in words, and is named.
    const appia = res.body.match(/Salle Louis Appia<\/a>[\s\S]*?<\/tr>/)![0];
    expect(appia.match(/<td class="busy"[^>]*>.*?<\/td>/g)).toEqual([
      '<td class="busy" colspan="2" data-col="3"><span class="visually-hidden">Salle Louis Appia, 10:00–11:00, réservée</span>' +
        '<span class="cell-word" aria-hidden="true">Réservée</span></td>',
    ]);
    expect(appia).toContain(
      '<td data-col="5" data-start="2026-12-08T11:00" data-end="2026-12-08T11:30"><a href="/bookings/new?resource=',
    );
    expect(appia).toContain('<span class="visually-hidden">Salle Louis Appia, 11:00–11:30, libre</span>');
    const appiaId = resourceId(t.db, 'salle-appia');
    const href = `/bookings/new?resource=${appiaId}&amp;start=2026-12-08T11:00&amp;end=2026-12-08T12:00`;
    expect(appia).toContain(`href="${href}"`);
  });

  it('has an equivalent list view', async () => {
    const res = await get('/book/rooms?date=2026-12-08&view=list');
    const appia = res.body.match(/Salle Louis Appia<\/a>[\s\S]*?<\/li>\s*<\/ul>/)![0];
    expect(appia).toContain('08:30–10:00');
    expect(appia).toContain('11:00–19:00');
  });

  it('filters by capacity, equipment and accessibility', async () => {
    const res = await get(
      '/book/rooms?date=2026-12-08&capacity=10&equipment=video_conference&accessibility=wheelchair_accessible',
    );
    expect(res.body.match(/<th scope="row">/g)).toHaveLength(3);
    const bad = await get('/book/rooms?date=2026-12-08&equipment=jacuzzi');
    expect(bad.statusCode).toBe(422);
  });

  it('shows the studios on the hour grid, and the hall', async () => {
    const studios = await get('/book/rooms?group=studios&date=2026-12-08');
    expect(studios.body).toContain('Studio numérique');
    expect(studios.body).toContain('start=2026-12-08T09:00');
    expect(studios.body).not.toContain('start=2026-12-08T08:30');
    const hall = await get('/book/rooms?group=hall&date=2026-12-08', true);
    expect(hall.body.trimStart().startsWith('<section id="rooms-day"')).toBe(true);
    expect(hall.body).toContain('Salle de sport');
  });

  it('says when the day is closed', async () => {
    expect((await get('/book/rooms?date=2026-12-25')).body).toContain('Fermé ce jour-là.');
  });

  it("escapes a room's name in every cell of the grid and in the list", async () => {
    const id = resourceId(t.db, 'salle-dodu');
    t.db.$client.prepare('UPDATE resources SET name = ? WHERE id = ?').run(`Salle <b>"Dodu" & l'autre</b>`, id);
    try {
      for (const view of ['grid', 'list']) {
        const res = await get(`/book/rooms?date=2026-12-08&view=${view}`);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('<b>');
        expect(res.body).toContain(
          view === 'grid'
            ? 'Salle &lt;b&gt;&quot;Dodu&quot; &amp; l&#39;autre&lt;/b&gt;, 08:30–09:00, libre'
            : 'Réserver Salle &lt;b&gt;&quot;Dodu&quot; &amp; l&#39;autre&lt;/b&gt; à 08:30',
        );
      }
      const grid = (await get('/book/rooms?date=2026-12-08')).body;
      expect(
        grid.match(/Salle &lt;b&gt;&quot;Dodu&quot; &amp; l&#39;autre&lt;\/b&gt;, \d\d:\d\d–\d\d:\d\d, libre/g)!.length,
      ).toBeGreaterThan(15);
    } finally {
      t.db.$client.prepare('UPDATE resources SET name = ? WHERE id = ?').run('Salle Juliette Dodu', id);
    }
  });
});

describe('/find', () => {
  it('gives the best matching free options, smallest fitting room first, each one click to book', async () => {
    const res = await get('/find?people=6&duration=60&date=2026-12-08&part=morning&equipment=video_conference');
    expect(res.statusCode).toBe(200);
    const options = [...res.body.matchAll(/<span>([^<]+)<\/span>\s*<button/g)].map((m) => m[1]);
    expect(options.length).toBeGreaterThan(0);
    // Appia (6 people, video) is taken 10:00–11:00, so its options avoid that hour.
    expect(options[0]).toBe('Salle Louis Appia (6 personnes), mardi 8 décembre, 08:30–09:30');
    expect(options.some((o) => o!.includes('Salle Louis Appia') && o!.includes('10:00–11:00'))).toBe(false);
    expect(options.every((o) => !o!.includes('Maunoir') && !o!.includes('Dodu'))).toBe(true);
    expect(res.body).toContain('name="headcount" value="6"');
  });

  it('names a missing or wrong field', async () => {
    const res = await get('/find?people=0&duration=17&date=2026-12-08');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Indiquez le nombre de personnes, de 1 à ');
    expect(res.body).toContain('Choisissez une durée dans la liste, de 30 minutes à 4 heures.');
  });
});

describe('times already begun (the clock stands at 10:00 on Monday 7 December)', () => {
  it('the rooms grid says "past" for them and links nothing there; the list starts at the next step', async () => {
    const res = await get('/book/rooms?date=2026-12-07');
    const dunant = res.body.match(/Salle Henry Dunant<\/a>[\s\S]*?<\/tr>/)![0];
    expect(dunant.match(/<td class="past"[^>]*>.*?<\/td>/g)).toEqual([
      '<td class="past" colspan="3" data-col="0"><span class="visually-hidden">Salle Henry Dunant, 08:30–10:00, passé</span>' +
        '<span class="cell-word" aria-hidden="true">Passé</span></td>',
    ]);
    expect(dunant).toContain('start=2026-12-07T10:00');
    expect(dunant).not.toContain('start=2026-12-07T09');
    const list = (await get('/book/rooms?date=2026-12-07&view=list')).body.match(
      /Salle Henry Dunant<\/a>[\s\S]*?<\/li>\s*<\/ul>/,
    )![0];
    expect(list).toContain('10:00–19:00');
    expect(list).not.toContain('08:30');
  });

  it('the desk page lets a member take the day or the morning under way (desks are booked on arrival)', async () => {
    const byDefault = await get('/book/desk');
    expect(byDefault.body).toContain('lundi 7 décembre 2026 – Journée (08:30–19:00)');
    const morning = await get('/book/desk?date=2026-12-07&part=morning');
    expect(morning.body).toContain('Prendre un poste libre');
    const taken = await t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        resource: resourceId(t.db, 'poste-fe-05'),
        start: '2026-12-07T08:30',
        end: '2026-12-07T13:00',
        _csrf: camille.csrf,
      }),
    });
    expect(taken.statusCode).toBe(303);
  });

  it('after the morning, it offers the afternoon; a half-day that is over is said so', async () => {
    const before = t.clock.now();
    t.clock.set(Date.UTC(2026, 11, 7, 12, 30));
    try {
      expect((await get('/book/desk')).body).toContain('lundi 7 décembre 2026 – Après-midi (13:00–19:00)');
      const over = await get('/book/desk?date=2026-12-07&part=morning');
      expect(over.body).toContain('Ce moment de la journée est terminé');
      expect(over.body).not.toContain('Prendre un poste libre');
    } finally {
      t.clock.set(before);
    }
  });

  it('after the last half-day is over, the desk page opens on the next open day', async () => {
    const before = t.clock.now();
    t.clock.set(Date.UTC(2026, 11, 7, 18, 30));
    try {
      const res = await get('/book/desk');
      expect(res.body).toContain('mardi 8 décembre 2026 – Journée (08:30–19:00)');
    } finally {
      t.clock.set(before);
    }
  });
});

describe('day views are current on every look', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const fieldValues = (body: string, name: string) =>
    [...body.matchAll(new RegExp(`name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1]!);

  it("every desk form carries the asking session's CSRF token and a key of its own, page after page", async () => {
    const sami = await signInAs(t.app, 'member2');
    const pages = [
      { who: camille, res: await get('/book/desk?date=2026-12-09') },
      { who: sami, res: await get('/book/desk?date=2026-12-09', false, sami) },
      { who: camille, res: await get('/book/desk?date=2026-12-09', true) },
      { who: sami, res: await get('/book/desk?date=2026-12-09', true, sami) },
    ];
    const keys: string[] = [];
    for (const { who, res } of pages) {
      expect(res.statusCode).toBe(200);
      const tokens = fieldValues(res.body, '_csrf');
      expect(tokens.length).toBeGreaterThanOrEqual(3);
      expect(new Set(tokens)).toEqual(new Set([who.csrf]));
      keys.push(...fieldValues(res.body, 'idempotency_key'));
    }
    // Around the fragment, each member's own page: their name in the header, their token in <body>.
    expect(pages[0]!.res.body).toContain('aria-label="Mon profil (Camille Membre)"');
    expect(pages[1]!.res.body).toContain('aria-label="Mon profil (Sami Membre)"');
    expect(pages[1]!.res.body).toContain(`hx-headers:inherited="{&quot;X-CSRF-Token&quot;:&quot;${sami.csrf}&quot;}"`);
    expect(pages[1]!.res.body).not.toContain('Camille');
    expect(keys.length).toBeGreaterThanOrEqual(12);
    for (const key of keys) expect(key).toMatch(UUID);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("the rooms page carries each member's own token and name, and nobody else's", async () => {
    const sami = await signInAs(t.app, 'member2');
    for (const [who, other, name, otherName] of [
      [camille, sami, 'Camille Membre', 'Sami Membre'],
      [sami, camille, 'Sami Membre', 'Camille Membre'],
    ] as const) {
      for (const view of ['grid', 'list']) {
        const body = (await get(`/book/rooms?date=2026-12-09&view=${view}`, false, who)).body;
        expect(new Set(fieldValues(body, '_csrf'))).toEqual(new Set([who.csrf]));
        expect(body).toContain(`X-CSRF-Token&quot;:&quot;${who.csrf}&quot;`);
        expect(body).not.toContain(other.csrf);
        expect(body).toContain(`aria-label="Mon profil (${name})"`);
        expect(body).not.toContain(otherName);
      }
    }
  });

  it("a member's new name or language shows on their next look", async () => {
    const lea = await signInAs(t.app, 'lead');
    const rooms = () => get('/book/rooms?date=2026-12-08', false, lea);
    expect((await rooms()).body).toContain('aria-label="Mon profil (Léa Responsable)"');
    const renamed = await t.app.inject({
      method: 'POST',
      url: '/profile',
      headers: { cookie: lea.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: lea.csrf, name: 'Léa Renommée', language: 'en' }),
    });
    expect(renamed.statusCode).toBeLessThan(400);
    const after = (await rooms()).body;
    expect(after).toContain('<html lang="en">');
    expect(after).toContain('Léa Renommée');
    expect(after).toContain('Book a room');
  });

  it('a booking shows on the desk page and on the rooms grid on the next look', async () => {
    const deskPage = () => get('/book/desk?date=2026-12-10&part=morning');
    const roomsGrid = () => get('/book/rooms?date=2026-12-10');
    const dunantAt14 = (body: string) =>
      body.match(/Salle Henry Dunant<\/a>[\s\S]*?<\/tr>/)![0].includes('start=2026-12-10T14:00');
    expect((await deskPage()).body).toContain('40 postes libres sur 40');
    expect(dunantAt14((await roomsGrid()).body)).toBe(true);
    for (const [resource, start, end] of [
      ['poste-os-07', '2026-12-10T08:30', '2026-12-10T13:00'],
      ['salle-dunant', '2026-12-10T14:00', '2026-12-10T15:00'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/bookings',
        headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ resource: resourceId(t.db, resource), start, end, _csrf: camille.csrf }),
      });
      expect(res.statusCode).toBe(303);
    }
    expect((await deskPage()).body).toContain('39 postes libres sur 40');
    expect(dunantAt14((await roomsGrid()).body)).toBe(false);
  });

  it('a booking cancelled from another connection (an admin in sqlite3) frees its time on the next look', async () => {
    const grid = () => get('/book/rooms?date=2026-12-08');
    const appiaAt10 = (body: string) =>
      body.match(/Salle Louis Appia<\/a>[\s\S]*?<\/tr>/)![0].includes('start=2026-12-08T10:00');
    expect(appiaAt10((await grid()).body)).toBe(false);
    const other = new Database(t.config.databasePath);
    try {
      const id = (
        other
          .prepare("SELECT id FROM bookings WHERE resource_id = ? AND status = 'confirmed' ORDER BY starts_at LIMIT 1")
          .get(resourceId(t.db, 'salle-appia')) as { id: number }
      ).id;
      other.prepare("UPDATE bookings SET status = 'cancelled' WHERE id = ?").run(id);
      expect(appiaAt10((await grid()).body)).toBe(true);
      other.prepare("UPDATE bookings SET status = 'confirmed' WHERE id = ?").run(id);
      expect(appiaAt10((await grid()).body)).toBe(false);
    } finally {
      other.close();
    }
  });

  it('a cell turns past the moment its time begins, not a minute later', async () => {
    const before = t.clock.now();
    const dunant = async () =>
      (await get('/book/rooms?date=2026-12-07')).body.match(/Salle Henry Dunant<\/a>[\s\S]*?<\/tr>/)![0];
    try {
      t.clock.set(Date.UTC(2026, 11, 7, 9, 30)); // 10:30 in Paris
      expect(await dunant()).toContain('start=2026-12-07T10:30');
      t.clock.set(Date.UTC(2026, 11, 7, 9, 30, 0, 1));
      const later = await dunant();
      expect(later).not.toContain('start=2026-12-07T10:30');
      expect(later).toContain('start=2026-12-07T11:00');
    } finally {
      t.clock.set(before);
    }
  });
});
