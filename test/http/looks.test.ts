// 21's look in the served pages: the header's wordmark and its name, a space's photo with its
// alt text (or the drawing of its kind, decorative), icons beside the words of equipment and
// accessibility, and the drawn assets served from /assets/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
});
afterAll(() => t.close());

const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const spacePage = async (slug: string, cookie = '') => {
  const res = await get(`/resources/${resourceId(t.db, slug)}`, cookie);
  expect(res.statusCode).toBe(200);
  return res.body;
};

/** Each icon's symbol and the words right after it, in page order. */
const iconsWithWords = (html: string) =>
  Array.from(
    html.matchAll(
      /<svg class="icon" aria-hidden="true" focusable="false"[^>]*><use href="\/assets\/icons\.svg#([\w-]+)"><\/use><\/svg> ([^<]+)</g,
    ),
    (m) => [m[1], m[2]!.trim()],
  );

describe('the header', () => {
  it('shows the 21 wordmark, named "21", before the words of the home link', async () => {
    const fr = (await get('/')).body;
    expect(fr).toMatch(
      /<a class="brand" href="\/"><svg class="logo" [^>]*role="img" aria-label="21"[^>]*>[\s\S]*?<\/svg>\s*<span class="brand-name">Réservations<\/span><\/a>/,
    );
    expect((await get('/', 'lang=en')).body).toContain('<span class="brand-name">Bookings</span></a>');
  });
});

describe('a space’s picture', () => {
  it('is the drawing of its kind, decorative, when it has no photo', async () => {
    const html = await spacePage('salle-dodu');
    expect(html).toContain('<img src="/assets/spaces/meeting_room.svg" alt="" width="320" height="200">');
    const drawing = await get('/assets/spaces/meeting_room.svg');
    expect(drawing.statusCode).toBe(200);
    expect(drawing.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('is its photo, with alt text naming the space in the reader’s language, when an admin set one', async () => {
    t.db.$client.prepare("UPDATE resources SET photo = '/photos/dodu.jpg' WHERE slug = 'salle-dodu'").run();
    try {
      expect(await spacePage('salle-dodu')).toContain(
        '<img src="/assets/photos/dodu.jpg" alt="Photo de l’espace Salle Juliette Dodu" width="640" height="400">',
      );
      expect(await spacePage('salle-dodu', 'lang=en')).toContain('alt="Photo of ');
    } finally {
      t.db.$client.prepare("UPDATE resources SET photo = NULL WHERE slug = 'salle-dodu'").run();
    }
  });
});

describe('icons', () => {
  it('stand beside the words of each equipment and accessibility feature on a space’s page', async () => {
    expect(iconsWithWords(await spacePage('salle-dodu'))).toEqual([
      ['equipment-whiteboard', 'Tableau blanc'],
      ['accessibility-quiet', 'Espace calme'],
    ]);
    expect(iconsWithWords(await spacePage('salle-dodu', 'lang=en')).map(([, words]) => words)).toEqual([
      'Whiteboard',
      'Quiet space',
    ]);
  });

  it('label the filters of the catalogue and the rooms, and the desks of the desk page', async () => {
    const catalogue = iconsWithWords((await get('/resources')).body);
    expect(catalogue).toContainEqual(['equipment-projector', 'Vidéoprojecteur']);
    expect(catalogue).toContainEqual(['accessibility-wheelchair_accessible', 'Accessible en fauteuil roulant']);
    const rooms = iconsWithWords((await get('/book/rooms', camille.cookie)).body);
    expect(rooms).toContainEqual(['equipment-whiteboard', 'Tableau blanc']);
    const desks = iconsWithWords((await get('/book/desk', camille.cookie)).body);
    expect(desks).toContainEqual(['equipment-docking_station', 'Station d’accueil']);
  });

  it('come from one sprite served as SVG', async () => {
    const sprite = await get('/assets/icons.svg');
    expect(sprite.statusCode).toBe(200);
    expect(sprite.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(sprite.body).toContain('<symbol id="accessibility-step_free"');
  });
});
