// Cancelling with care over HTTP: the confirmation page (no JavaScript needed) and the reason
// kept in the audit log; a reason too long answered 422 with the form; the Undo offered for 10
// seconds that restores the same booking, refused when the slot was taken meanwhile or when it
// comes too late; the same from the list of my bookings; nobody else's booking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEFAULT_NOW, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { actorOf, resourceId } from '../helpers/people.js';

// Paris is UTC+1 in December 2026; the test clock starts on Monday 7 December, 10:00 Paris.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp;
let camille: Session;
let sami: Session;
let lead: Session;
let camilleId: number;
let samiId: number;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
  sami = await signInAs(t.app, 'member2');
  lead = await signInAs(t.app, 'lead');
  const id = (email: string) =>
    (t.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as { id: number }).id;
  camilleId = id(DEMO_ACCOUNTS.member.email);
  samiId = id(DEMO_ACCOUNTS.member2.email);
});
afterAll(() => t.close());

const get = (who: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: Session, url: string, fields: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
const row = (id: number) => t.app.services.bookings.loader.queries.byId(id)!;

function book(memberId: number, slug: string, day: number, hour: number) {
  const outcome = t.app.services.bookings.create(actorOf(t.db, memberId), {
    resourceId: resourceId(t.db, slug),
    start: paris(day, hour),
    end: paris(day, hour + 1),
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

const auditOf = (id: number) =>
  t.db.$client
    .prepare("SELECT action, details FROM audit_log WHERE subject_type = 'booking' AND subject_id = ? ORDER BY id")
    .all(id) as { action: string; details: string }[];

describe('the confirmation step', () => {
  it('is where the booking’s cancel button leads, and says what will be cancelled, in words', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-appia', 9, 10);
    const page = await get(camille, `/bookings/${b.id}`);
    expect(page.body).toContain(`href="/bookings/${b.id}/cancel"`);
    expect(page.body).not.toContain(`action="/bookings/${b.id}/cancel"`);
    const confirm = await get(camille, `/bookings/${b.id}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Annuler cette réservation ?</h1>');
    expect(confirm.body).toContain('mercredi 9 décembre 2026, 10:00–11:00');
    expect(confirm.body).toContain(`action="/bookings/${b.id}/cancel"`);
    expect(confirm.body).toContain('<label for="cancel-reason">Motif (facultatif)</label>');
    expect(confirm.body).toContain('name="_csrf"');
    expect(confirm.body).toContain(`href="/bookings/${b.id}">Non, garder ma réservation`);
    // Opening the page changes nothing.
    expect(row(b.id).status).toBe('confirmed');
  });

  it('is in English for an English reader', async () => {
    const b = book(camilleId, 'salle-appia', 9, 14);
    await post(camille, '/profile/language', { lang: 'en', next: '/' });
    try {
      const confirm = await get(camille, `/bookings/${b.id}/cancel`);
      expect(confirm.body).toContain('<h1>Cancel this booking?</h1>');
      expect(confirm.body).toContain('Yes, cancel the booking');
      expect(confirm.body).toContain('Reason (optional)');
    } finally {
      await post(camille, '/profile/language', { lang: 'fr', next: '/' });
    }
  });

  it('refuses a reason too long with 422, the form and a summary naming the field; nothing cancelled', async () => {
    const b = book(camilleId, 'salle-appia', 9, 15);
    const res = await post(camille, `/bookings/${b.id}/cancel`, { reason: 'x'.repeat(201) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Le motif compte 201 caractères : raccourcissez-le à 200 caractères au plus.');
    expect(res.body).toContain('href="#cancel-reason"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(row(b.id).status).toBe('confirmed');
  });

  it('is nobody else’s: another member and a lead get the 404 of a missing booking', async () => {
    const b = book(camilleId, 'salle-appia', 9, 16);
    for (const who of [sami, lead]) {
      expect((await get(who, `/bookings/${b.id}/cancel`)).statusCode).toBe(404);
      expect((await post(who, `/bookings/${b.id}/restore`)).statusCode).toBe(404);
    }
  });

  it('sends back to the booking once there is nothing left to cancel', async () => {
    const b = book(camilleId, 'salle-appia', 9, 17);
    await post(camille, `/bookings/${b.id}/cancel`);
    const res = await get(camille, `/bookings/${b.id}/cancel`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/bookings/${b.id}`);
  });
});

describe('cancel, then undo', () => {
  it('keeps the reason in the audit log, offers Undo, and Undo restores the same booking', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-dodu', 10, 10);
    const res = await post(camille, `/bookings/${b.id}/cancel`, { reason: 'Réunion reportée' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/bookings/${b.id}?done=cancelled`);
    expect(row(b.id).status).toBe('cancelled');
    const cancelAudit = auditOf(b.id).find((a) => a.action === 'booking.cancel')!;
    expect(JSON.parse(cancelAudit.details)).toMatchObject({ reason: 'Réunion reportée' });

    t.clock.advance(5_000);
    const page = await get(camille, res.headers.location as string);
    expect(page.body).toContain('Réservation annulée.');
    expect(page.body).toContain(`action="/bookings/${b.id}/restore"`);
    expect(page.body).toContain('Vous pouvez la rétablir pendant 10 secondes.');
    expect(page.body).toMatch(/<button type="submit" autofocus[^>]*>Rétablir la réservation<\/button>/);

    const undo = await post(camille, `/bookings/${b.id}/restore`);
    expect(undo.statusCode).toBe(303);
    expect(undo.headers.location).toBe(`/bookings/${b.id}?done=restored`);
    expect(row(b.id)).toMatchObject({ status: 'confirmed', cancelledAt: null, startsAt: paris(10, 10) });
    expect(row(b.id).version).toBe(b.version + 2);
    expect(auditOf(b.id).map((a) => a.action)).toEqual(['booking.create', 'booking.cancel', 'booking.restore']);
    // The member is told of the booking as it is now: the last intent is a change, not a cancellation.
    const kinds = t.db.$client
      .prepare('SELECT kind FROM outbox WHERE booking_id = ? ORDER BY id')
      .pluck()
      .all(b.id) as string[];
    expect(kinds.at(-1)).toBe('booking-changed');
    const restored = await get(camille, undo.headers.location as string);
    expect(restored.body).toContain('Réservation rétablie.');
    expect(restored.body).not.toContain('/restore"');
  });

  it('refuses an undo once the slot was taken meanwhile, and says so', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-dodu', 10, 14);
    await post(camille, `/bookings/${b.id}/cancel`);
    const taken = book(samiId, 'salle-dodu', 10, 14);
    const undo = await post(camille, `/bookings/${b.id}/restore`);
    expect(undo.headers.location).toBe(`/bookings/${b.id}?done=undo_taken`);
    expect(row(b.id).status).toBe('cancelled');
    expect(row(taken.id).status).toBe('confirmed');
    const page = await get(camille, undo.headers.location as string);
    expect(page.body).toContain(
      'La réservation n’a pas pu être rétablie : le créneau (jeudi 10 décembre 2026, 14:00–15:00) a été pris entre-temps.',
    );
    expect(page.body).toContain('role="alert"');
  });

  it('no longer offers Undo after 10 seconds, and refuses it when it comes too late', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-dodu', 10, 16);
    await post(camille, `/bookings/${b.id}/cancel`);
    t.clock.advance(11_000);
    expect((await get(camille, `/bookings/${b.id}?done=cancelled`)).body).not.toContain('/restore"');
    t.clock.advance(5_000);
    const undo = await post(camille, `/bookings/${b.id}/restore`);
    expect(undo.headers.location).toBe(`/bookings/${b.id}?done=undo_late`);
    expect(row(b.id).status).toBe('cancelled');
    expect((await get(camille, undo.headers.location as string)).body).toContain(
      'Trop tard pour rétablir la réservation',
    );
  });

  it('works from the list of my bookings too, back to the list', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-dodu', 11, 10);
    const list = await get(camille, '/bookings');
    expect(list.body).toContain(`href="/bookings/${b.id}/cancel?back=list"`);
    const confirm = await get(camille, `/bookings/${b.id}/cancel?back=list`);
    expect(confirm.body).toContain('<input type="hidden" name="back" value="list">');
    const res = await post(camille, `/bookings/${b.id}/cancel`, { back: 'list' });
    expect(res.headers.location).toBe(`/bookings?done=cancelled&undo=${b.id}`);
    const page = await get(camille, res.headers.location as string);
    expect(page.body).toContain(`action="/bookings/${b.id}/restore"`);
    const undo = await post(camille, `/bookings/${b.id}/restore`, { back: 'list' });
    expect(undo.headers.location).toBe('/bookings?done=restored');
    expect(row(b.id).status).toBe('confirmed');
    expect((await get(camille, '/bookings?done=restored')).body).toContain('Réservation rétablie.');
    // A stale or foreign id in the address offers no Undo and still shows the list.
    const stale = await get(camille, '/bookings?done=cancelled&undo=999999');
    expect(stale.statusCode).toBe(200);
    expect(stale.body).not.toContain('/restore"');
  });

  it('restores an undone booking only once: a second click changes nothing', async () => {
    t.clock.set(DEFAULT_NOW);
    const b = book(camilleId, 'salle-dodu', 11, 14);
    await post(camille, `/bookings/${b.id}/cancel`);
    await post(camille, `/bookings/${b.id}/restore`);
    const version = row(b.id).version;
    const again = await post(camille, `/bookings/${b.id}/restore`);
    expect(again.headers.location).toBe(`/bookings/${b.id}?done=restored`);
    expect(row(b.id).version).toBe(version);
  });
});
