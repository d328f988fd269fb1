import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { helmetHeaders } from '../../src/web/plugins/security-headers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const cardCount = (html: string) => (html.match(/<li class="card">/g) ?? []).length;

describe('home page', () => {
  it('presents the space in French by default, with the inventory counts', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toMatch(/<span class="count">64<\/span> postes de travail/);
    expect(res.body).toMatch(/<span class="count">8<\/span> salles de réunion/);
    expect(res.body).toMatch(/<span class="count">1<\/span> espace événementiel/);
    expect(res.body).toMatch(/<span class="count">1<\/span> studio numérique/);
    expect(res.body).toMatch(/<span class="count">1<\/span> studio de réalité virtuelle/);
    expect(res.body).toMatch(/<span class="count">1<\/span> salle de sport/);
    expect(res.body).toContain('Du lundi au vendredi : 08:30–19:00');
    // The next closure after Monday 7 December 2026 is Christmas.
    expect(res.body).toContain('vendredi 25 décembre 2026 – Noël');
    expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('follows Accept-Language for visitors, and the language cookie over it', async () => {
    const english = await get('/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toMatch(/<span class="count">64<\/span> desks/);
    expect(english.body).toContain('Friday, 25 December 2026 – Christmas Day');
    const cookieWins = await get('/', { 'accept-language': 'en', cookie: 'lang=fr' });
    expect(cookieWins.body).toContain('<html lang="fr">');
    const unsupported = await get('/', { 'accept-language': 'de-DE' });
    expect(unsupported.body).toContain('<html lang="fr">');
  });

  it('switches language with a plain link that remembers the choice and goes back', async () => {
    const res = await get('/language/en?next=/resources%3Fkind%3Ddesk');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/resources?kind=desk');
    expect(String(res.headers['set-cookie'])).toMatch(/^lang=en;.*HttpOnly.*SameSite=Lax/i);
    const offsite = await get('/language/en?next=//evil.example.org/');
    expect(offsite.headers.location).toBe('/');
    expect((await get('/language/de')).statusCode).toBe(404);
  });
});

describe('catalogue', () => {
  it('lists every resource, grouped by kind', async () => {
    const res = await get('/resources');
    expect(res.statusCode).toBe(200);
    expect(cardCount(res.body)).toBe(76);
    expect(res.body).toContain('76 espaces correspondent.');
    expect(res.headers.vary).toContain('HX-Request');
  });

  it.each([
    ['kind=desk', 64],
    ['kind=meeting_room', 8],
    ['kind=meeting_room&capacity=10', 4],
    ['kind=meeting_room&equipment=video_conference', 4],
    ['kind=meeting_room&equipment=video_conference&equipment=whiteboard', 2],
    ['kind=desk&accessibility=wheelchair_accessible', 4],
    ['kind=desk&accessibility=adjustable_height_desk', 6],
    ['capacity=100', 1],
    ['kind=sports_hall', 1],
  ])('filters with ?%s (%i results) without JavaScript', async (query, count) => {
    const res = await get(`/resources?${query}`);
    expect(res.statusCode).toBe(200);
    expect(cardCount(res.body)).toBe(count);
    expect(res.body).toContain('<form class="filters" method="get" action="/resources"');
  });

  it('filters by zone', async () => {
    const page = await get('/resources');
    const quiet = page.body.match(/<option value="(\d+)">Zone calme<\/option>/);
    expect(quiet).not.toBeNull();
    const res = await get(`/resources?zone=${quiet![1]}`);
    expect(cardCount(res.body)).toBe(12);
    expect(res.body).toMatch(new RegExp(`<option value="${quiet![1]}" selected>Zone calme</option>`));
  });

  it('answers htmx with the list fragment only', async () => {
    const res = await get('/resources?kind=meeting_room', { 'hx-request': 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.body.trimStart().startsWith('<section id="resource-list"')).toBe(true);
    expect(res.body).not.toContain('<html');
    expect(cardCount(res.body)).toBe(8);
    expect(res.headers.vary).toContain('HX-Request');
  });

  it('says which filter is wrong instead of ignoring it', async () => {
    const res = await get('/resources?capacity=lots&equipment=jacuzzi');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      'Nombre de personnes (au moins)\u202f: Indiquez un nombre entier de personnes, de 1 à 9999.',
    );
    expect(res.body).toContain('Équipement\u202f: Cochez des équipements de la liste.');
    const en = await get('/resources?kind=castle', { cookie: 'lang=en' });
    expect(en.statusCode).toBe(422);
    expect(en.body).toContain('Kind of space: Choose a kind of space from the list.');
  });

  it('escapes what it echoes', async () => {
    const res = await get('/resources?zone=%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });
});

describe('resource page', () => {
  const idOf = async (name: string) => {
    const res = await get('/resources');
    const match = res.body.match(new RegExp(`<a href="/resources/(\\d+)">${name}</a>`));
    expect(match, name).not.toBeNull();
    return match![1];
  };

  it('shows a desk with its rules in plain language', async () => {
    const res = await get(`/resources/${await idOf('Poste OS-01')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Poste OS-01</h1>');
    expect(res.body).toContain(
      'Réservable par demi-journée (matin ou après-midi) ou pour la journée entière, jusqu’à 2 semaines à l’avance.',
    );
    expect(res.body).toContain(
      'Présentez-vous à l’accueil dans les 2 heures qui suivent le début, sinon la réservation est libérée.',
    );
  });

  it('shows a meeting room in French and English', async () => {
    const id = await idOf('Salle Henry Dunant');
    const fr = await get(`/resources/${id}`);
    expect(fr.body).toContain(
      'Réservable par tranches de 15 minutes, de 15 minutes à 4 heures, jusqu’à 8 semaines à l’avance.',
    );
    expect(fr.body).toContain('Réserver cet espace bloque aussi : Espace événementiel.');
    const en = await get(`/resources/${id}`, { cookie: 'lang=en' });
    expect(en.body).toContain('Bookable in steps of 15 minutes, from 15 minutes to 4 hours, up to 8 weeks ahead.');
    expect(en.body).toContain('Hearing loop');
  });

  it('shows the event space layouts, approval and evening hours', async () => {
    const res = await get(`/resources/${await idOf('Espace événementiel')}`);
    expect(res.body).toContain('Théâtre : 150 personnes');
    expect(res.body).toContain('Chaque demande est validée par l’équipe de 21.');
    expect(res.body).toContain('Du lundi au vendredi : 08:30–23:00');
  });

  it.each(['999999', 'abc', '1e3', '-1'])('answers 404 for /resources/%s', async (id) => {
    const res = await get(`/resources/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page introuvable');
  });
});

describe('plumbing', () => {
  it('GET /healthz checks the database', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /livez answers without the database', async () => {
    const res = await get('/livez');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves htmx from our own origin, pinned, and our stylesheet', async () => {
    const home = await get('/');
    const src = home.body.match(/<script src="(\/assets\/vendor\/htmx-[\d.]+\.min\.js)"/)?.[1];
    expect(src).toBeDefined();
    const js = await get(src!);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.body.length).toBeGreaterThan(10_000);
    expect((await get('/assets/app.css')).statusCode).toBe(200);
  });

  it('sends a strict Content-Security-Policy, a request id, and no server internals on 404', async () => {
    const res = await get('/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same security headers on every kind of response, and HSTS only over HTTPS', async () => {
    const names = [
      'content-security-policy',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'x-dns-prefetch-control',
      'x-permitted-cross-domain-policies',
    ];
    const responses = [
      await get('/'),
      await get('/livez'),
      await get('/nowhere'),
      await get('/assets/app.css'),
      await t.app.inject({
        method: 'POST',
        url: '/bookings',
        payload: 'x=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ];
    const first = responses[0]!;
    for (const name of names) expect(first.headers[name], name).toBeTruthy();
    expect(first.headers['content-security-policy']).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'self';object-src 'none'",
    );
    expect(first.headers['x-frame-options']).toBe('SAMEORIGIN');
    for (const res of responses.slice(1)) {
      for (const name of names) expect(res.headers[name], `${name} on ${res.statusCode}`).toBe(first.headers[name]);
    }
    // The test app's base URL is http://: no Strict-Transport-Security (it would pin localhost to HTTPS).
    expect(first.headers['strict-transport-security']).toBeUndefined();
    expect(helmetHeaders({ strictTransportSecurity: true })['strict-transport-security']).toMatch(
      /^max-age=\d+; includeSubDomains$/,
    );
  });
});
