// The audit log as people read it: one sentence per event with names, Paris time in the
// reader's language, the raw detail in a <details>; an unknown action falls back to a sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
import { AUDIT_ACTIONS } from '../../src/services/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { resourceId } from '../helpers/people.js';

let t: TestApp;
let admin: Session;

async function post(session: Session, url: string, fields: Record<string, string | number>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: session.csrf, ...fields }),
  });
}

const auditPage = async () =>
  (await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: admin.cookie } })).body;
const setAdminLanguage = (lang: 'fr' | 'en') =>
  t.db.$client.prepare("UPDATE members SET language = ? WHERE email LIKE 'admin@%'").run(lang);

beforeAll(async () => {
  t = await createTestApp();
  const camille = await signInAs(t.app, 'member');
  const desk = await signInAs(t.app, 'frontdesk');
  admin = await signInAs(t.app, 'admin');
  const made = await post(camille, '/bookings', {
    resource: resourceId(t.db, 'salle-dunant'),
    start: '2026-12-09T10:00',
    end: '2026-12-09T11:00',
  });
  const id = /\/bookings\/(\d+)/.exec(made.headers.location as string)![1]!;
  const cancelled = await post(desk, `/bookings/${id}/cancel`, {});
  expect(cancelled.statusCode).toBe(303);
  // An action the catalogue has no sentence for (written by some future feature).
  t.db.$client
    .prepare("INSERT INTO audit_log (at, actor_id, action, details) VALUES (?, NULL, 'space.teleported', '{}')")
    .run(t.clock.now());
});
afterAll(() => t.close());

describe('the audit log in sentences', () => {
  it('reads in French with names, Paris time and the raw detail one click away', async () => {
    setAdminLanguage('fr');
    const body = await auditPage();
    expect(body).toContain(
      'Fatou Accueil a annulé la réservation de Camille Membre pour la salle Henry Dunant le mercredi 9 décembre, 10:00–11:00.',
    );
    expect(body).toContain(
      'Camille Membre a réservé la salle Henry Dunant pour Camille Membre le mercredi 9 décembre, 10:00–11:00.',
    );
    expect(body).toContain('Alex Admin a ouvert une session.');
    expect(body).toMatch(/<details>\s*<summary>Détail brut/);
    expect(body).toContain('&quot;resourceId&quot;');
    expect(body).toContain('Système : space.teleported.');
    // The instant in Paris time: the test clock is 10:00 in Paris (09:00 UTC).
    expect(body).toMatch(/<time datetime="2026-12-07T09:00:00.000Z">[^<]*10:00<\/time>/);
  });

  it('reads in English for an English-speaking admin', async () => {
    setAdminLanguage('en');
    const body = await auditPage();
    expect(body).toContain(
      'Fatou Accueil cancelled the booking of Camille Membre for Henry Dunant room on Wednesday 9 December, 10:00–11:00.',
    );
    expect(body).toContain('Alex Admin signed in.');
    expect(body).toContain('System: space.teleported.');
    expect(body).toMatch(/<summary>Raw detail/);
    setAdminLanguage('fr');
  });
});

describe('coverage', () => {
  it('has a sentence for every action the log labels and every action written in src/', () => {
    const keys = Object.keys(fr);
    const labelled = keys.filter((k) => k.startsWith('audit.action.')).map((k) => k.slice('audit.action.'.length));
    const source = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(`src/${f}`, 'utf8'))
      .join('\n');
    const written = [...source.matchAll(/action: '([a-z_]+\.[a-zA-Z_]+)'/g)].map((m) => m[1]!);
    expect(written).toContain('booking.cancel');
    const missing = [...new Set([...labelled, ...written, ...AUDIT_ACTIONS])].filter(
      (a) => !keys.some((k) => k === `audit.sentence.${a}` || k.startsWith(`audit.sentence.${a}.`)),
    );
    // Permission names (member.setRole...) appear as `action:` in accounts.ts but are not audit actions.
    expect(missing.filter((a) => !['member.setRole'].includes(a))).toEqual([]);
  });
});
