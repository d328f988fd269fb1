// Staff's side of rentals over HTTP: quote, accept, option, confirm, decline, cancel, re-quote
// and ask for changes, the hold they write as an ordinary booking, and competing requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, visitor, type Session } from '../helpers/auth.js';
import { post, requestRental, type SentRental } from '../helpers/rentals.js';

let t: TestApp;
let admin: Session;
beforeEach(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
});
afterEach(() => t.close());

interface Row {
  id: number;
  status: string;
  booking_id: number | null;
  quote_number: string | null;
  quote: string | null;
  option_until: number | null;
}
const rental = (id: number) => t.db.$client.prepare('SELECT * FROM rental_requests WHERE id = ?').get(id) as Row;
const booking = (id: number) =>
  t.db.$client
    .prepare(
      'SELECT status, member_id, guest_organisation, title, is_public, starts_at, ends_at FROM bookings WHERE id = ?',
    )
    .get(id) as {
    status: string;
    member_id: number | null;
    guest_organisation: string;
    title: string;
    is_public: number;
    starts_at: number;
    ends_at: number;
  };
const mails = (kind: string) =>
  t.db.$client.prepare('SELECT count(*) FROM outbox WHERE kind = ?').pluck().get(kind) as number;
const idOf = () => t.db.$client.prepare('SELECT max(id) FROM rental_requests').pluck().get() as number;

async function requested(fields: Record<string, string> = {}): Promise<SentRental & { id: number }> {
  const sent = await requestRental(t.app, fields);
  return { ...sent, id: idOf() };
}

async function staff(id: number, action: string, fields: Record<string, string> = {}) {
  return post(t.app, admin, `/admin/rentals/${id}/${action}`, fields);
}

describe('the path of a request', () => {
  it('quote, accept (option), confirm: the space is held by one booking, pending then confirmed', async () => {
    const r = await requested({ is_public: 'on' });
    const detail = await t.app.inject({
      method: 'GET',
      url: `/admin/rentals/${r.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(detail.statusCode).toBe(200);
    // The quote the rates give is shown before it is sent: evening 700 € - 30 % association = 490 € HT.
    expect(detail.body).toContain('Devis selon le tarif en vigueur');
    expect(detail.body).toMatch(/588,00\s€/);

    expect((await staff(r.id, 'quote')).statusCode).toBe(303);
    let row = rental(r.id);
    expect(row.status).toBe('quoted');
    expect(row.quote_number).toBe('2026-0001');
    expect(JSON.parse(row.quote!).grossCents).toBe(58_800);
    expect(row.booking_id).toBeNull();
    expect(mails('rental-quoted')).toBe(1);

    const accept = await post(t.app, r.session, `${r.url}/accept`);
    expect(accept.statusCode).toBe(303);
    row = rental(r.id);
    expect(row.status).toBe('option');
    expect(row.option_until).not.toBeNull();
    const hold = booking(row.booking_id!);
    expect(hold).toMatchObject({
      status: 'pending',
      member_id: null,
      guest_organisation: 'Les Amis du Quartier',
      title: 'Soirée solidaire',
    });
    // The event 18:00-22:00 Paris plus an hour of setup and of teardown (theatre): 16:00-22:00 UTC.
    expect(hold.starts_at).toBe(Date.UTC(2026, 11, 15, 16, 0));
    expect(hold.ends_at).toBe(Date.UTC(2026, 11, 15, 22, 0));

    expect((await staff(r.id, 'confirm')).statusCode).toBe(303);
    row = rental(r.id);
    expect(row.status).toBe('confirmed');
    expect(booking(row.booking_id!)).toMatchObject({ status: 'confirmed', is_public: 1 });
    expect(mails('rental-confirmed')).toBe(1);
    // A public rental appears in the public events feed, with its title and never a name.
    const feed = await t.app.inject({ method: 'GET', url: '/feeds/events.ics' });
    expect(feed.body).toContain('Soirée solidaire');
    expect(feed.body).not.toContain('Nadia');

    const page = await t.app.inject({ method: 'GET', url: r.url });
    expect(page.body).toContain('Confirmée');
    expect(page.body).toContain('2026-0001');
    const history = await t.app.inject({
      method: 'GET',
      url: `/admin/rentals/${r.id}`,
      headers: { cookie: admin.cookie },
    });
    for (const step of ['Demande envoyée', 'Devis envoyé', 'Devis accepté, option posée', 'Location confirmée'])
      expect(history.body).toContain(step);
    const print = await t.app.inject({
      method: 'GET',
      url: `/admin/rentals/${r.id}/quote`,
      headers: { cookie: admin.cookie },
    });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('Devis n° 2026-0001');
    expect(print.body).toContain('Montrouge');
  });

  it('an option is decided on its rental page, not in the queue of bookings awaiting approval', async () => {
    const r = await requested();
    expect((await staff(r.id, 'option', { until: '2026-12-10' })).statusCode).toBe(303);
    const held = rental(r.id).booking_id!;
    expect(booking(held).status).toBe('pending');
    const queue = await t.app.inject({ method: 'GET', url: '/admin/approvals', headers: { cookie: admin.cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).not.toContain(`/admin/approvals/${held}/approve`);
    expect((await post(t.app, admin, `/admin/approvals/${held}/approve`)).statusCode).toBe(404);
    expect(booking(held).status).toBe('pending');
  });

  it('staff put an option until a date, then decline it with a message: the space is free again', async () => {
    const r = await requested();
    expect((await staff(r.id, 'option', { until: '2026-12-20' })).statusCode).toBe(422);
    expect((await staff(r.id, 'option', { until: '2026-12-10' })).statusCode).toBe(303);
    const row = rental(r.id);
    expect(row.status).toBe('option');
    expect(booking(row.booking_id!).status).toBe('pending');
    expect(mails('rental-option')).toBe(1);
    expect((await staff(r.id, 'decline', { message: '' })).statusCode).toBe(422);
    expect((await staff(r.id, 'decline', { message: 'La salle est en travaux.' })).statusCode).toBe(303);
    expect(rental(r.id).status).toBe('declined');
    expect(booking(row.booking_id!).status).toBe('cancelled');
    const page = await t.app.inject({ method: 'GET', url: r.url });
    expect(page.body).toContain('La salle est en travaux.');
    expect(page.body).toContain('Refusée');
  });

  it('the requester cancels an option; staff cancel a confirmed rental with a calendar cancellation', async () => {
    const a = await requested();
    await staff(a.id, 'quote');
    await post(t.app, a.session, `${a.url}/accept`);
    expect((await post(t.app, a.session, `${a.url}/cancel`)).statusCode).toBe(303);
    expect(rental(a.id).status).toBe('cancelled');
    expect(booking(rental(a.id).booking_id!).status).toBe('cancelled');

    const b = await requested({ date: '2026-12-16' });
    await staff(b.id, 'quote');
    await staff(b.id, 'confirm');
    expect(rental(b.id).status).toBe('confirmed');
    // Nine days before the event: too late for the requester, not for staff.
    expect((await post(t.app, b.session, `${b.url}/cancel`)).statusCode).toBe(409);
    expect((await staff(b.id, 'cancel', { message: 'Fermeture exceptionnelle.' })).statusCode).toBe(303);
    expect(rental(b.id).status).toBe('cancelled');
    const cancel = t.db.$client
      .prepare("SELECT message FROM outbox WHERE kind = 'rental-cancelled' ORDER BY id DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(cancel).calendar.method).toBe('CANCEL');
  });

  it('asking for changes sends the request back; a re-quote gets the next number', async () => {
    const r = await requested();
    await staff(r.id, 'quote');
    expect((await staff(r.id, 'changes', { message: 'Combien de tables ?' })).statusCode).toBe(303);
    expect(rental(r.id).status).toBe('requested');
    expect(mails('rental-changes')).toBe(1);
    await post(t.app, r.session, `${r.url}/reply`, { message: 'Dix tables.' });
    expect((await staff(r.id, 'quote')).statusCode).toBe(303);
    expect(rental(r.id)).toMatchObject({ status: 'quoted', quote_number: '2026-0002' });
    // Re-quoting a quoted request replaces the quote.
    await staff(r.id, 'quote');
    expect(rental(r.id).quote_number).toBe('2026-0003');
    const page = await t.app.inject({ method: 'GET', url: r.url });
    expect(page.body).toContain('Combien de tables ?');
    expect(page.body).toContain('Dix tables.');
  });

  it('refuses an action out of its state with 409 and changes nothing', async () => {
    const r = await requested();
    expect((await staff(r.id, 'confirm')).statusCode).toBe(409);
    expect(rental(r.id).status).toBe('requested');
    expect((await staff(999_999, 'quote')).statusCode).toBe(404);
  });

  it('an accepted quote past its validity date is refused', async () => {
    const r = await requested({ date: '2027-03-02' });
    await staff(r.id, 'quote');
    t.clock.advance(31 * 86_400_000);
    // A visitor's session may have ended in a month: the link alone is the credential.
    const res = await post(t.app, await visitor(t.app), `${r.url}/accept`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('n’est plus valable');
    expect(rental(r.id).status).toBe('quoted');
  });
});

describe('competing requests', () => {
  it('coexist while pending; an option on one tells the others with the nearest free dates', async () => {
    const first = await requested();
    const second = await requested({
      organisation: 'Entreprise B',
      kind: 'company',
      email: 'b@b.example',
      start: '19:00',
      end: '21:00',
    });
    const elsewhere = await requested({ date: '2026-12-17', email: 'c@c.example' });
    await staff(first.id, 'quote');
    await post(t.app, first.session, `${first.url}/accept`);
    expect(rental(first.id).status).toBe('option');
    expect(rental(second.id).status).toBe('requested');
    const told = t.db.$client
      .prepare("SELECT to_address, message FROM outbox WHERE kind = 'rental-competing'")
      .all() as { to_address: string; message: string }[];
    expect(told.map((m) => m.to_address)).toEqual(['b@b.example']);
    expect(JSON.parse(told[0]!.message).text).toContain('Dates libres les plus proches');
    // The nearest free dates in words, as the public form gives them (issue 17).
    expect(JSON.parse(told[0]!.message).text).toMatch(/\d+(?:er)? décembre, \d{2}:\d{2} – \d{2}:\d{2}/);
    expect(JSON.parse(told[0]!.message).text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(rental(elsewhere.id).status).toBe('requested');
    // The other one cannot be put on option over the first: the reason is given.
    const refused = await staff(second.id, 'option', { until: '2026-12-12' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('L’espace n’est pas libre');
  });

  it('a member booking the event space over an option is told it is held for an event', async () => {
    const r = await requested();
    await staff(r.id, 'option', { until: '2026-12-10' });
    const member = await signInAs(t.app, 'member');
    const space = t.db.$client.prepare("SELECT id FROM resources WHERE kind = 'event_space'").pluck().get() as number;
    const res = await post(t.app, member, '/bookings', {
      resource: String(space),
      start: '2026-12-15T19:00',
      end: '2026-12-15T20:00',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('réservé pour un événement');
  });
});

describe('rentals in the usage reports', () => {
  it('a confirmed rental shows with its quote in the admin report and its CSV, and never to a lead', async () => {
    const r = await requested({ date: '2026-12-22' });
    expect((await staff(r.id, 'quote')).statusCode).toBe(303);
    expect((await post(t.app, r.session, `${r.url}/accept`)).statusCode).toBe(303);
    expect((await staff(r.id, 'confirm')).statusCode).toBe(303);
    const number = rental(r.id).quote_number!;
    const report = (session: Session, query: string) =>
      t.app.inject({ method: 'GET', url: `/admin/reports?${query}`, headers: { cookie: session.cookie } });
    const csv = await report(admin, 'from=2026-12-22&to=2026-12-22&format=csv&table=rentals');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.body
      .slice(1)
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => l.split(','));
    // Evening 700 € less 30 % for an association: 490 € net, 98 € VAT, 588 € in all.
    expect(rows.slice(1)).toEqual([
      ['2026-12-22', 'Les Amis du Quartier', number, '490.00', '98.00', '588.00'],
      ['Total', '', '', '490.00', '98.00', '588.00'],
    ]);
    const page = await report(admin, 'from=2026-12-22&to=2026-12-22');
    expect(page.body).toContain('id="report-rentals"');
    expect(page.body).toContain(number);
    // Outside the period there is none.
    const other = await report(admin, 'from=2026-12-23&to=2026-12-23&format=csv&table=rentals');
    expect(other.body).not.toContain('Les Amis du Quartier');
    const lead = await signInAs(t.app, 'lead');
    const leadPage = await report(lead, 'from=2026-12-22&to=2026-12-22');
    expect(leadPage.statusCode).toBe(200);
    expect(leadPage.body).not.toContain('id="report-rentals"');
  });
});
