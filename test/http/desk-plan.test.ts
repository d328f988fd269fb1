// The floor plan of /book/desk: drawn from the seed's coordinates, each desk a control named
// with its state in words (free, taken, mine, my team's), and a free desk on the plan books
// through the same form submission as the zone lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, type Session } from '../helpers/auth.js';
import { actorOf, createMember, resourceId } from '../helpers/people.js';

let t: TestApp;
let camille: Session;
let lea: Session;
const MORNING = { start: Date.UTC(2026, 11, 8, 7, 30), end: Date.UTC(2026, 11, 8, 12) };

function memberId(email: string): number {
  return (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
}

function book(member: number, slug: string) {
  const outcome = t.app.services.bookings.create(actorOf(t.db, member), {
    resourceId: resourceId(t.db, slug),
    ...MORNING,
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  lea = await signInAs(t.app, 'lead');
  // Tuesday 8 December, morning: OS-01 Camille's, OS-02 her team lead's, OS-03 a stranger's.
  book(memberId('camille@demo.21.example.org'), 'poste-os-01');
  book(memberId('responsable@demo.21.example.org'), 'poste-os-02');
  book(createMember(t.db), 'poste-os-03');
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, who: Session) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

/** The control drawn for a desk on the plan (its whole tag and text). */
function deskControl(html: string, name: string): string {
  const match = new RegExp(`<(button|a) [^>]*aria-label="${name}, [^"]*"[^>]*>[^<]*</\\1>`).exec(html);
  if (!match) throw new Error(`no control for ${name}`);
  return match[0];
}

describe('the desk floor plan', () => {
  it('is an inline svg with the zones and spaces, drawn where the seed puts them', async () => {
    const res = await get('/book/desk?date=2026-12-08&part=morning', camille);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg class="plan" viewBox="10 10 980 740" role="group" aria-labelledby="plan-heading"/);
    expect(res.body).toContain('<text class="plan-zone-name" x="30" y="42">Open space</text>');
    expect(res.body).toContain('<div class="plan-space">Salle Henry Dunant</div>');
    expect(res.body).toContain('<div class="plan-space">Espace événementiel</div>');
    expect(res.body.match(/class="plan-desk /g)).toHaveLength(64);
  });

  it('names each desk with its state as this person sees it, and links their own to the booking', async () => {
    const res = await get('/book/desk?date=2026-12-08&part=morning', camille);
    expect(deskControl(res.body, 'Poste OS-01')).toMatch(
      /^<a href="\/bookings\/\d+" class="plan-desk mine" aria-label="Poste OS-01, le vôtre">OS-01<\/a>$/,
    );
    expect(deskControl(res.body, 'Poste OS-02')).toBe(
      '<button type="button" class="plan-desk team" aria-disabled="true" aria-label="Poste OS-02, votre équipe">OS-02</button>',
    );
    expect(deskControl(res.body, 'Poste OS-03')).toBe(
      '<button type="button" class="plan-desk taken" aria-disabled="true" aria-label="Poste OS-03, réservé">OS-03</button>',
    );
    expect(deskControl(res.body, 'Poste FE-12')).toBe(
      `<button type="submit" name="resource" value="${resourceId(t.db, 'poste-fe-12')}" class="plan-desk free" aria-label="Poste FE-12, libre">FE-12</button>`,
    );
    // The lead sees Camille's desk as the team's, and their own as theirs.
    const forLea = await get('/book/desk?date=2026-12-08&part=morning', lea);
    expect(deskControl(forLea.body, 'Poste OS-01')).toContain('class="plan-desk team"');
    expect(deskControl(forLea.body, 'Poste OS-02')).toContain('class="plan-desk mine"');
    // The afternoon is another half-day: every desk is free.
    const afternoon = await get('/book/desk?date=2026-12-08&part=afternoon', camille);
    expect(afternoon.body.match(/class="plan-desk free"/g)).toHaveLength(64);
  });

  it('speaks English in English', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/profile/language',
      headers: { cookie: lea.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ lang: 'en', next: '/', _csrf: lea.csrf }),
    });
    const res = await get('/book/desk?date=2026-12-08&part=morning', lea);
    expect(res.body).toContain('<h3 id="plan-heading">Floor plan</h3>');
    expect(deskControl(res.body, 'Desk OS-03')).toContain('aria-label="Desk OS-03, taken"');
    expect(deskControl(res.body, 'Desk OS-01')).toContain('aria-label="Desk OS-01, your team’s"');
  });

  it('books a free desk through the same form as the zone list: the fields sent are the same', async () => {
    const res = await get('/book/desk?date=2026-12-08&part=afternoon', camille);
    const planForm =
      /<form method="post" action="\/bookings" class="plan-form">([\s\S]*?)<div class="plan-scroll">/.exec(
        res.body,
      )![1]!;
    const listForm = /<form method="post" action="\/bookings">([\s\S]*?)<button/.exec(res.body)![1]!;
    const names = (html: string) => [...html.matchAll(/name="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(names(planForm)).toEqual(names(listForm));
    expect(planForm).toContain('name="start" value="2026-12-08T13:00"');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(planForm)![1]!;
    const booked = await t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: camille.csrf,
        idempotency_key: key,
        start: '2026-12-08T13:00',
        end: '2026-12-08T19:00',
        resource: resourceId(t.db, 'poste-fe-12'),
      }),
    });
    expect(booked.statusCode).toBe(303);
    const after = await get('/book/desk?date=2026-12-08&part=afternoon', camille);
    expect(deskControl(after.body, 'Poste FE-12')).toContain('class="plan-desk mine"');
  });

  it('is not drawn when the half-day cannot be booked', async () => {
    const res = await get('/book/desk?date=2026-12-25', camille);
    expect(res.body).not.toContain('<svg class="plan"');
  });
});
