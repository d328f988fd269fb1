// Lobby screens over HTTP: the admin page (admins only) creates a link shown once and revokes
// it; the screen shows what is free without any personal name; unknown or revoked links are 404.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
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

async function createLink(admin: Session, label: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/admin/kiosks',
    headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ label, _csrf: admin.csrf }),
  });
  const url = /id="kiosk-fresh-link" href="([^"]+)"/.exec(res.body)?.[1];
  return { res, path: url ? new URL(url).pathname : null };
}

describe('kiosk links', () => {
  it('only admins manage them: front desk and members get 404', async () => {
    const admin = await signInAs(t.app, 'admin');
    expect((await get('/admin/kiosks', admin)).statusCode).toBe(200);
    for (const who of ['frontdesk', 'member'] as const) {
      const s = await signInAs(t.app, who);
      expect((await get('/admin/kiosks', s)).statusCode).toBe(404);
      const post = await t.app.inject({
        method: 'POST',
        url: '/admin/kiosks',
        headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ label: 'Hall', _csrf: s.csrf }),
      });
      expect(post.statusCode).toBe(404);
    }
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM kiosk_tokens').get()).toEqual({ n: 0 });
  });

  it('creates a link shown once, stores only its hash, and a revoked link answers 404', async () => {
    const admin = await signInAs(t.app, 'admin');
    const { res, path } = await createLink(admin, 'Hall d’entrée');
    expect(res.statusCode).toBe(200);
    expect(path).toMatch(/^\/kiosk\/[A-Za-z0-9_-]{43}$/);
    const token = path!.split('/')[2]!;
    const stored = t.db.$client.prepare('SELECT token_hash AS hash, label FROM kiosk_tokens').all() as {
      hash: string;
      label: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.label).toBe('Hall d’entrée');
    expect(stored[0]!.hash).not.toContain(token);
    // The list does not show it again.
    const list = await get('/admin/kiosks', admin);
    expect(list.body).toContain('Hall d’entrée');
    expect(list.body).not.toContain(token);

    expect((await get(path!)).statusCode).toBe(200);
    const id = (t.db.$client.prepare('SELECT id FROM kiosk_tokens').get() as { id: number }).id;
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/admin/kiosks/${id}/revoke`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin.csrf }),
    });
    expect(revoke.statusCode).toBe(303);
    expect(revoke.headers.location).toBe('/admin/kiosks?done=revoked');
    expect((await get(path!)).statusCode).toBe(404);
    expect((await get('/admin/kiosks?done=revoked', admin)).body).toContain('Révoqué le');
  });

  it('refuses an empty or too long label with 422 and the reason, and a post without CSRF token', async () => {
    const admin = await signInAs(t.app, 'admin');
    const empty = await createLink(admin, '  ');
    expect(empty.res.statusCode).toBe(422);
    expect(empty.res.body).toContain('Donnez un nom à l’écran.');
    const long = await createLink(admin, 'x'.repeat(81));
    expect(long.res.statusCode).toBe(422);
    expect(long.res.body).toContain('ne doit pas dépasser 80 caractères');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/admin/kiosks',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ label: 'Hall' }),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM kiosk_tokens').get()).toEqual({ n: 0 });
  });

  it('unknown and malformed tokens answer 404', async () => {
    expect((await get(`/kiosk/${'a'.repeat(43)}`)).statusCode).toBe(404);
    expect((await get('/kiosk/short')).statusCode).toBe(404);
  });
});

describe('the lobby screen', () => {
  it('shows free desks and rooms now and next, without any personal name', async () => {
    const org = createOrganisation(t.db, { name: 'Organisation Zanzibar' });
    const zoe = createMember(t.db, { name: 'Zoé Ärnström', organisationId: org });
    const host = createMember(t.db, { name: 'Hélène Hôte', organisationId: org });
    insertBooking(t.db, {
      resourceId: resourceId(t.db, 'poste-os-01'),
      memberId: zoe,
      start: paris(7, 8, 30),
      end: paris(7, 13),
      checkedInAt: paris(7, 8, 45),
    });
    insertBooking(t.db, {
      resourceId: resourceId(t.db, 'salle-appia'),
      start: paris(7, 9, 30),
      end: paris(7, 11),
      guestName: 'Gaston Invité',
      guestOrganisation: 'Mairie de Montrouge',
    });
    insertBooking(t.db, {
      resourceId: resourceId(t.db, 'salle-barton'),
      organisationId: org,
      start: paris(7, 14),
      end: paris(7, 15),
    });
    insertVisitor(t.db, { hostId: host, name: 'Victor Visiteur', expectedAt: paris(7, 11) });
    const token = t.app.services.kiosks.create(
      { id: 1, role: 'admin', organisationIds: [], leadOf: [], inductions: [] },
      'Hall',
    );
    if (!token.ok) throw new Error('no token');
    const res = await get(`/kiosk/${token.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const name of [
      'Zoé Ärnström',
      'Gaston Invité',
      'Mairie de Montrouge',
      'Organisation Zanzibar',
      'Victor Visiteur',
      'Hélène Hôte',
    ])
      expect(res.body).not.toContain(name);
    expect(res.body).toContain('39 postes libres sur 40');
    expect(res.body).toContain('Salle Louis Appia : Occupée jusqu’à 11:00 – Plus de réservation aujourd’hui');
    expect(res.body).toContain('Salle Clara Barton : Libre maintenant – Réservée à partir de 14:00');
    // No navigation, no form: nothing to do on a lobby screen.
    expect(res.body).not.toContain('<nav');
    expect(res.body).not.toContain('<form');
    expect(res.body).toContain('hx-trigger="every 30s"');
  });
});
