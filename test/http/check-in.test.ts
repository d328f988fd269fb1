// Check-in and check-out over HTTP: who may (owner, staff; others 404; signed-out to sign-in),
// CSRF, refusals outside the booking's time with the reason in the member's language,
// check-out freeing the rest at once, the booking's page and list reading "checked in", the
// page a door's QR code opens, and the printable sheet of QR codes.
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, visitor, type Session } from '../helpers/auth.js';
import { actorOf, resourceId } from '../helpers/people.js';

// Paris is UTC+1 in December 2026; the test clock starts on Monday 7 December, 10:00 Paris.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let camille: Session;
let sami: Session;
let desk: Session;
let camilleId: number;
let samiId: number;
let deskId: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  desk = await signInAs(t.app, 'frontdesk');
  const id = (email: string) =>
    (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
  camilleId = id(DEMO_ACCOUNTS.member.email);
  samiId = id(DEMO_ACCOUNTS.member2.email);
  deskId = id(DEMO_ACCOUNTS.frontdesk.email);
});
afterAll(async () => {
  await t.close();
});

const post = (who: Session, url: string, fields: Record<string, string> = {}, csrf = true) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, ...(csrf ? { _csrf: who.csrf } : {}) }),
  });
const get = (who: Session | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

function book(memberId: number, slug: string, start: number, end: number) {
  t.clock.set(paris(7, 10));
  const outcome = t.app.services.bookings.create(actorOf(t.db, memberId), {
    resourceId: resourceId(t.db, slug),
    start,
    end,
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

const row = (id: number) => t.app.services.bookings.loader.queries.byId(id)!;

describe('POST /bookings/:id/check-in', () => {
  it('checks the owner in: 303 to the booking, which reads "checked in"; a second time changes nothing', async () => {
    const booking = book(camilleId, 'salle-appia', paris(8, 10), paris(8, 11));
    t.clock.set(paris(8, 10, 5));
    const res = await post(camille, `/bookings/${booking.id}/check-in`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/bookings/${booking.id}?done=checkedIn`);
    expect(row(booking.id)).toMatchObject({ checkedInAt: paris(8, 10, 5), checkedInById: camilleId });
    const page = await get(camille, res.headers.location as string);
    expect(page.body).toContain('Arrivée enregistrée.');
    expect(page.body).toContain('<dd class="check-in-state">Arrivée signalée à 10:05</dd>');
    // Checked in: the page offers check-out, no more check-in.
    expect(page.body).toContain(`action="/bookings/${booking.id}/check-out"`);
    expect(page.body).not.toContain(`action="/bookings/${booking.id}/check-in"`);
    const list = await get(camille, '/bookings');
    expect(list.body).toContain('<span class="check-in-state">Arrivée à 10:05</span>');

    t.clock.set(paris(8, 10, 20));
    const again = await post(camille, `/bookings/${booking.id}/check-in`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/bookings/${booking.id}?done=alreadyCheckedIn`);
    expect(row(booking.id)).toMatchObject({ checkedInAt: paris(8, 10, 5), version: booking.version + 1 });
    const audits = t.db.$client
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'booking.checkIn' AND subject_id = ?`)
      .get(booking.id) as { n: number };
    expect(audits.n).toBe(1);
    const admin = await signInAs(t.app, 'admin');
    expect((await get(admin, '/admin/audit')).body).toContain('Arrivée signalée');
  });

  it('lets front desk check someone in and go back to a safe `next`; another member gets 404', async () => {
    const booking = book(camilleId, 'salle-barton', paris(8, 10), paris(8, 11));
    t.clock.set(paris(8, 9, 50));
    const other = await post(sami, `/bookings/${booking.id}/check-in`);
    expect(other.statusCode).toBe(404);
    expect(row(booking.id).checkedInAt).toBeNull();

    const res = await post(desk, `/bookings/${booking.id}/check-in`, { next: '/frontdesk' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/frontdesk');
    expect(row(booking.id)).toMatchObject({ checkedInAt: paris(8, 9, 50), checkedInById: deskId });
    // Another site's address is never followed.
    const evil = await post(desk, `/bookings/${booking.id}/check-in`, { next: '//evil.example/' });
    expect(evil.headers.location).toBe('/');
  });

  it('sends a signed-out visitor to sign in, refuses a post without CSRF token, 404s an unknown booking', async () => {
    const booking = book(camilleId, 'salle-dufour', paris(8, 10), paris(8, 11));
    t.clock.set(paris(8, 10));
    const anonymous = await visitor(t.app);
    const signedOut = await post(anonymous, `/bookings/${booking.id}/check-in`);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toMatch(/^\/login\?next=/);
    const forged = await post(camille, `/bookings/${booking.id}/check-in`, {}, false);
    expect(forged.statusCode).toBe(403);
    expect(row(booking.id).checkedInAt).toBeNull();
    expect((await post(camille, '/bookings/999999/check-in')).statusCode).toBe(404);
    expect((await post(camille, '/bookings/abc/check-in')).statusCode).toBe(404);
  });

  it('refuses too early and too late with the reason, in French and in English (409)', async () => {
    const mine = book(camilleId, 'salle-maunoir', paris(8, 10), paris(8, 11));
    t.clock.set(paris(8, 9, 30));
    const early = await post(camille, `/bookings/${mine.id}/check-in`);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Impossible : trop tôt, l’arrivée peut être signalée à partir de 09:45.');
    expect(early.body).toContain('role="alert"');
    t.clock.set(paris(8, 11));
    const late = await post(camille, `/bookings/${mine.id}/check-in`);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Impossible : trop tard, la réservation s’est terminée à 11:00.');
    expect(row(mine.id).checkedInAt).toBeNull();

    const english = await signInAs(t.app, 'member2');
    await post(english, '/profile/language', { lang: 'en', next: '/' });
    const theirs = book(samiId, 'salle-maunoir', paris(9, 14), paris(9, 15));
    t.clock.set(paris(9, 13));
    const refused = await post(english, `/bookings/${theirs.id}/check-in`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Not possible: too early, check-in opens at 13:45.');
    t.app.services.bookings.cancel(actorOf(t.db, samiId), theirs.id);
    t.clock.set(paris(9, 14));
    const cancelled = await post(english, `/bookings/${theirs.id}/check-in`);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.body).toContain('Not possible: this booking is not active (cancelled).');
    await post(english, '/profile/language', { lang: 'fr', next: '/' });
  });
});

describe('GET /bookings/:id', () => {
  it('announces check-in and its deadline for a kind with a policy, nothing for one without', async () => {
    const room = book(camilleId, 'salle-nightingale', paris(9, 10), paris(9, 11));
    const hall = book(camilleId, 'salle-de-sport', paris(9, 12), paris(9, 13));
    t.clock.set(paris(9, 9));
    const roomPage = await get(camille, `/bookings/${room.id}`);
    expect(roomPage.body).toContain('<dd class="check-in-state">Arrivée pas encore signalée</dd>');
    expect(roomPage.body).toContain('Vous pourrez signaler votre arrivée à partir de 09:45.');
    const hallPage = await get(camille, `/bookings/${hall.id}`);
    expect(hallPage.statusCode).toBe(200);
    expect(hallPage.body).not.toContain('check-in-state');
    expect(hallPage.body).not.toContain('Vous pourrez signaler');
  });
});

describe('POST /bookings/:id/check-out', () => {
  it('ends the booking at the next step and frees the rest at once for anyone', async () => {
    const booking = book(camilleId, 'salle-moynier', paris(10, 10), paris(10, 12));
    t.clock.set(paris(10, 10));
    const notIn = await post(camille, `/bookings/${booking.id}/check-out`);
    expect(notIn.statusCode).toBe(409);
    expect(notIn.body).toContain('Impossible : le départ ne peut être signalé qu’après l’arrivée.');
    await post(camille, `/bookings/${booking.id}/check-in`);
    expect((await post(sami, `/bookings/${booking.id}/check-out`)).statusCode).toBe(404);

    t.clock.set(paris(10, 10, 20));
    const res = await post(camille, `/bookings/${booking.id}/check-out`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/bookings/${booking.id}?done=checkedOut`);
    expect(row(booking.id)).toMatchObject({ endsAt: paris(10, 10, 30), checkedOutAt: paris(10, 10, 20) });
    const page = await get(camille, res.headers.location as string);
    expect(page.body).toContain(
      'Départ enregistré : la réservation se termine désormais à 10:30 et la suite est libérée.',
    );
    expect(page.body).toContain('Départ signalé à 10:20');

    const day = await get(sami, '/book/rooms?date=2026-12-10&view=list');
    const moynier = day.body.match(/Salle Gustave Moynier<\/a>[\s\S]*?<\/li>\s*<\/ul>/)![0];
    expect(moynier).toContain('10:30–19:00');
    const taken = await post(sami, '/bookings', {
      resource: String(booking.resourceId),
      start: '2026-12-10T10:30',
      end: '2026-12-10T12:00',
    });
    expect(taken.statusCode).toBe(303);
  });
});

describe('GET /resources/:id/check-in (the door’s QR code)', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const room = resourceId(t.db, 'salle-appia');
    const res = await get(null, `/resources/${room}/check-in`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/resources/${room}/check-in`)}`);
  });

  it('shows the member’s booking now with a Check in button, when it opens, or that there is none', async () => {
    const booking = book(camilleId, 'salle-dunant', paris(11, 14), paris(11, 15));
    const url = `/resources/${booking.resourceId}/check-in`;
    t.clock.set(paris(11, 9));
    const early = await get(camille, url);
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain('Vous pourrez signaler votre arrivée à partir de 13:45.');
    expect(early.body).not.toContain(`action="/bookings/${booking.id}/check-in"`);

    t.clock.set(paris(11, 14, 2));
    const open = await get(camille, url);
    expect(open.body).toContain(`action="/bookings/${booking.id}/check-in"`);
    expect(open.body).toContain('À signaler avant 14:15, sinon la réservation est libérée.');
    expect((await post(camille, `/bookings/${booking.id}/check-in`)).statusCode).toBe(303);
    expect((await get(camille, url)).body).toContain('Arrivée signalée à 14:02');

    const none = await get(sami, url);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Vous n’avez pas de réservation de Salle Henry Dunant aujourd’hui.');
    expect((await get(camille, '/resources/999999/check-in')).statusCode).toBe(404);
  });
});

describe('GET /frontdesk/qr-codes', () => {
  it('is for staff only', async () => {
    expect((await get(camille, '/frontdesk/qr-codes')).statusCode).toBe(404);
    expect((await get(null, '/frontdesk/qr-codes')).statusCode).toBe(303);
  });

  it('has one named QR code per active resource, encoding its check-in page, grouped by zone', async () => {
    const res = await get(desk, '/frontdesk/qr-codes');
    expect(res.statusCode).toBe(200);
    const resources = t.app.services.inventory.get().resources;
    expect(res.body.match(/class="qr-image" role="img"/g)).toHaveLength(resources.length);
    const desk01 = resources.find((r) => r.name === 'Poste OS-01')!;
    const url = `${t.config.baseUrl}/resources/${desk01.id}/check-in`;
    expect(res.body).toContain('aria-label="Code QR : signaler son arrivée à Poste OS-01"');
    expect(res.body).toContain(`<p class="qr-url">${url}</p>`);
    const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    expect(res.body).toContain(svg);
    expect(res.body).toContain('<h2>Open space</h2>');
    expect(res.body).toContain('<h2>Salles de réunion</h2>');
  });
});
