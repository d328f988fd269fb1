// The rooms timeline of /book/rooms: an ARIA grid whose cells are named "room, start–end,
// state", a block per booking, free cells carrying the times a selection needs; a phone gets
// the list by default; the enhancement is our own static file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  // Two bookings side by side on Tuesday 8 December: 10:00–11:00 and 11:00–12:00.
  for (const [start, end] of [
    ['10:00', '11:00'],
    ['11:00', '12:00'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        resource: resourceId(t.db, 'salle-moynier'),
        start: `2026-12-08T${start}`,
        end: `2026-12-08T${end}`,
        _csrf: camille.csrf,
      }),
    });
    expect(res.statusCode).toBe(303);
  }
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: camille.cookie } });
const row = (html: string, room: string) => new RegExp(`${room}</a>[\\s\\S]*?</tr>`).exec(html)![0];

describe('the rooms timeline', () => {
  it('is a grid, described by its help, with the day links Page Up and Page Down follow', async () => {
    const res = await get('/book/rooms?date=2026-12-08');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<table class="day-grid timeline" role="grid" aria-labelledby="timeline-caption" ' +
        'aria-describedby="timeline-help timeline-keys" data-previous="/book/rooms?group=rooms&amp;date=2026-12-07" ' +
        'data-next="/book/rooms?group=rooms&amp;date=2026-12-09"',
    );
    expect(res.body).toContain('data-msg-start="Début à {time}. Choisissez la fin sur la même ligne, puis Entrée."');
    expect(res.body).toContain('<script src="/assets/timeline.js" defer></script>');
    // The keys are told only once the script makes them work.
    expect(res.body).toContain('<p id="timeline-keys" hidden>');
  });

  it('draws each booking as a block of its own length, even side by side', async () => {
    const moynier = row((await get('/book/rooms?date=2026-12-08')).body, 'Salle Gustave Moynier');
    const blocks = [
      ...moynier.matchAll(/<td class="busy" colspan="(\d)" data-col="(\d)"><span class="visually-hidden">([^<]+)</g),
    ];
    expect(blocks.map((b) => [b[1], b[2], b[3]])).toEqual([
      ['2', '3', 'Salle Gustave Moynier, 10:00–11:00, réservée'],
      ['2', '5', 'Salle Gustave Moynier, 11:00–12:00, réservée'],
    ]);
    // Every column of the day is there once: 21 half hours from 08:30 to 19:00.
    const columns = [...moynier.matchAll(/<td[^>]*?(?: colspan="(\d+)")? data-col="\d+"/g)];
    expect(columns.reduce((sum, c) => sum + Number(c[1] ?? 1), 0)).toBe(21);
    expect(moynier).toContain(
      '<td data-col="20" data-start="2026-12-08T18:30" data-end="2026-12-08T19:00"><a href="/bookings/new?resource=',
    );
  });

  it('names cells in English in English', async () => {
    const lea = await signInAs(t.app, 'lead');
    await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: { cookie: lea.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ lang: 'en', next: '/', _csrf: lea.csrf }),
    });
    const res = await t.app.inject({ url: '/book/rooms?date=2026-12-08', headers: { cookie: lea.cookie } });
    const moynier = row(res.body, 'Gustave Moynier room');
    expect(moynier).toContain('Gustave Moynier room, 10:00–11:00, booked');
    expect(moynier).toContain('Gustave Moynier room, 08:30–09:00, free');
  });

  it('sends the list too when no view is asked for (a phone shows it), and only the asked view otherwise', async () => {
    const byDefault = (await get('/book/rooms?date=2026-12-08')).body;
    expect(byDefault).toContain('<div class="timeline-block wide-only">');
    expect(byDefault).toContain('<ul class="room-list narrow-only">');
    expect(byDefault).not.toContain('aria-current="true"');
    const grid = (await get('/book/rooms?date=2026-12-08&view=grid')).body;
    expect(grid).toContain('<div class="timeline-block">');
    expect(grid).not.toContain('room-list');
    const list = (await get('/book/rooms?date=2026-12-08&view=list')).body;
    expect(list).toContain('<ul class="room-list">');
    expect(list).not.toContain('role="grid"');
  });

  it('serves its script and stylesheet from our origin', async () => {
    const js = await t.app.inject({ url: '/assets/timeline.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('\'table.timeline[role="grid"]\'');
    const css = await t.app.inject({ url: '/assets/timeline.css' });
    expect(css.statusCode).toBe(200);
  });
});
