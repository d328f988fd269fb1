// The staff queue of bookings that need approval, over HTTP: approve and decline (with the
// member's mail received by a real SMTP server and their feed), permissions, a booking no
// longer pending, a bad message, CSRF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs, type Session } from '../helpers/auth.js';
import { readCalendar } from '../helpers/ical.js';
import { parseMime } from '../helpers/mime.js';
import { resourceId } from '../helpers/people.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let camille: Session;
let admin: Session;

beforeEach(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  t.app.outbox.kick = () => {};
  camille = await signInAs(t.app, 'member');
  admin = await signInAs(t.app, 'admin');
});
afterEach(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

/** Camille asks for the event space on Thursday 10 December (or `day`), 14:00-16:00 Paris: it waits for approval. */
async function requestEventSpace(title = 'Atelier « impact »', day = 10): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/bookings',
    headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      _csrf: camille.csrf,
      resource: resourceId(t.db, 'espace-evenementiel'),
      start: `2026-12-${day}T14:00`,
      end: `2026-12-${day}T16:00`,
      headcount: 40,
      title,
    }),
  });
  expect(res.statusCode).toBe(303);
  const id = Number(/\/bookings\/(\d+)/.exec(String(res.headers.location))![1]);
  expect(statusOf(id)).toBe('pending');
  return id;
}

function statusOf(id: number): string {
  return t.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').pluck().get(id) as string;
}

function versionOf(id: number): number {
  return t.db.$client.prepare('SELECT version FROM bookings WHERE id = ?').pluck().get(id) as number;
}

function post(session: Session, url: string, fields: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: session.csrf, ...fields }),
  });
}

function get(session: Session | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

function auditActions(id: number): string[] {
  return t.db.$client
    .prepare("SELECT action FROM audit_log WHERE subject_type = 'booking' AND subject_id = ? ORDER BY id")
    .pluck()
    .all(id) as string[];
}

/** The mails Camille received, decoded: subject, text and the invitation's method. */
async function mailsToCamille(count: number) {
  await worker.runOnce();
  const received = await smtp.waitFor(count);
  return received
    .filter((m) => m.to.includes(DEMO_ACCOUNTS.member.email))
    .map((m) => {
      const { headers, parts } = parseMime(m.raw);
      const calendar = parts.find((p) => p.contentType === 'text/calendar');
      return {
        subject: headers.get('subject') ?? '',
        text: parts.find((p) => p.contentType === 'text/plain')?.body ?? '',
        method: calendar?.params.get('method') ?? null,
        ics: calendar?.body ?? '',
      };
    });
}

describe('the queue', () => {
  it('lists every pending booking, oldest first, with member, organisation, date in words, headcount, title and age', async () => {
    const first = await requestEventSpace('Première demande');
    t.clock.advance(3 * 3600_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/bookings',
      headers: { cookie: camille.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: camille.csrf,
        resource: resourceId(t.db, 'espace-evenementiel'),
        start: '2026-12-11T09:00',
        end: '2026-12-11T11:00',
        headcount: 12,
        title: 'Seconde demande',
      }),
    });
    expect(res.statusCode).toBe(303);
    const page = await get(admin, '/admin/approvals');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('2 réservations attendent une décision.');
    expect(body.indexOf('Première demande')).toBeLessThan(body.indexOf('Seconde demande'));
    expect(body).toContain('jeudi 10 décembre 2026, 14:00–16:00');
    expect(body).toContain('Camille');
    expect(body).toContain('il y a 3 heures');
    expect(body).toContain('<dd>40</dd>');
    expect(body).toContain(`action="/admin/approvals/${first}/approve"`);
    expect(body).toContain(`formaction="/admin/approvals/${first}/decline"`);
  });

  it('is read-only for the front desk and not found for members', async () => {
    const id = await requestEventSpace();
    const desk = await signInAs(t.app, 'frontdesk');
    const page = await get(desk, '/admin/approvals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Seuls les administrateurs');
    expect(page.body).not.toContain(`/admin/approvals/${id}/approve`);
    expect((await post(desk, `/admin/approvals/${id}/approve`)).statusCode).toBe(404);
    expect((await post(camille, `/admin/approvals/${id}/approve`)).statusCode).toBe(404);
    expect((await post(camille, `/admin/approvals/${id}/decline`, { message: 'non' })).statusCode).toBe(404);
    expect((await get(camille, '/admin/approvals')).statusCode).toBe(404);
    expect((await get(null, '/admin/approvals')).statusCode).toBe(303);
    expect(statusOf(id)).toBe('pending');
  });

  it('speaks each reader’s language: the queue to an English admin, the mail to an English member', async () => {
    const id = await requestEventSpace();
    await worker.runOnce();
    t.db.$client
      .prepare("UPDATE members SET language = 'en' WHERE email IN (?, ?)")
      .run(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.member.email);
    const page = await get(admin, '/admin/approvals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 booking is waiting for a decision.');
    expect(page.body).toContain('Thursday, 10 December 2026, 14:00–16:00');
    await post(admin, `/admin/approvals/${id}/decline`, { message: 'Closed for works.' });
    const mails = await mailsToCamille(2);
    expect(mails[1]!.subject).toBe('Booking request declined: Event space, Thursday, 10 December 2026');
    expect(mails[1]!.text).toContain('Message from the team:');
    expect(mails[1]!.text).toContain('Closed for works.');
  });
});

describe('approve', () => {
  it('confirms the booking, audits it, raises its version and mails the member with the message and an invitation', async () => {
    const id = await requestEventSpace();
    // The member was told of the request before staff decide.
    await worker.runOnce();
    const before = versionOf(id);
    const res = await post(admin, `/admin/approvals/${id}/approve`, { message: 'Salle installée en théâtre.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/approvals?done=approved');
    expect(statusOf(id)).toBe('confirmed');
    expect(versionOf(id)).toBe(before + 1);
    expect(auditActions(id)).toEqual(['booking.create', 'booking.approve']);
    const page = await get(admin, '/admin/approvals?done=approved');
    expect(page.body).toContain('Réservation validée');
    expect(page.body).not.toContain(`/admin/approvals/${id}/approve`);

    const mails = await mailsToCamille(2);
    expect(mails.map((m) => m.subject)).toEqual([
      'Demande de réservation reçue : Espace événementiel, jeudi 10 décembre 2026',
      'Réservation validée : Espace événementiel, jeudi 10 décembre 2026',
    ]);
    const approved = mails[1]!;
    expect(approved.text).toContain('Salle installée en théâtre.');
    expect(approved.method).toBe('REQUEST');
    const event = readCalendar(approved.ics).events[0]!;
    expect(event.status).toBe('CONFIRMED');
    expect(event.sequence).toBe(before + 1);
  });

  it('works without a message', async () => {
    const id = await requestEventSpace();
    expect((await post(admin, `/admin/approvals/${id}/approve`)).statusCode).toBe(303);
    expect(statusOf(id)).toBe('confirmed');
  });
});

describe('decline', () => {
  it('rejects the booking, frees the slot, mails the member the message with a cancellation, and the feed shows it cancelled', async () => {
    const id = await requestEventSpace();
    // The member was told of the request before staff decide.
    await worker.runOnce();
    const token = t.app.services.feedTokens.rotate(
      t.db.$client.prepare('SELECT id FROM members WHERE email = ?').pluck().get(DEMO_ACCOUNTS.member.email) as number,
    );
    const res = await post(admin, `/admin/approvals/${id}/decline`, {
      message: 'L’espace est fermé pour travaux ce jour-là.',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/approvals?done=declined');
    expect(statusOf(id)).toBe('rejected');
    expect(auditActions(id)).toEqual(['booking.create', 'booking.decline']);

    const mails = await mailsToCamille(2);
    const declined = mails[1]!;
    expect(declined.subject).toBe('Demande de réservation refusée : Espace événementiel, jeudi 10 décembre 2026');
    expect(declined.text).toContain('L’espace est fermé pour travaux ce jour-là.');
    expect(declined.method).toBe('CANCEL');

    const feed = await get(null, `/feeds/${token}/bookings.ics`);
    expect(feed.statusCode).toBe(200);
    const events = readCalendar(feed.body).events;
    expect(events.map((e) => e.status)).toEqual(['CANCELLED']);

    // The slot is free again: the same request is accepted (and waits for approval once more).
    const again = await requestEventSpace();
    expect(again).not.toBe(id);
  });

  it('requires a message: 422 with the queue and the error, nothing changes', async () => {
    const id = await requestEventSpace();
    const res = await post(admin, `/admin/approvals/${id}/decline`, { message: '   ' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Écrivez au membre pourquoi sa demande est refusée.');
    expect(res.body).toContain(`href="#approval-${id}-message"`);
    expect(res.body).toContain('aria-invalid="true"');
    expect(statusOf(id)).toBe('pending');
    const tooLong = await post(admin, `/admin/approvals/${id}/approve`, { message: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('1000 caractères');
    expect(statusOf(id)).toBe('pending');
  });
});

describe('refusals', () => {
  it('a booking already decided is refused with its state (409) and stays as it is', async () => {
    const id = await requestEventSpace();
    expect((await post(admin, `/admin/approvals/${id}/approve`)).statusCode).toBe(303);
    const again = await post(admin, `/admin/approvals/${id}/decline`, { message: 'Trop tard' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('n’attend plus de validation');
    expect(again.body).toContain('Confirmée');
    expect(statusOf(id)).toBe('confirmed');
    const cancelled = await requestEventSpace('Autre demande', 11);
    await post(camille, `/bookings/${cancelled}/cancel`);
    expect(statusOf(cancelled)).toBe('cancelled');
    expect((await post(admin, `/admin/approvals/${cancelled}/approve`)).statusCode).toBe(409);
    expect(statusOf(cancelled)).toBe('cancelled');
  });

  it('a missing booking is 404', async () => {
    expect((await post(admin, '/admin/approvals/999999/approve')).statusCode).toBe(404);
    expect((await post(admin, '/admin/approvals/999999/decline', { message: '' })).statusCode).toBe(404);
    expect((await post(admin, '/admin/approvals/abc/approve')).statusCode).toBe(404);
  });

  it('a post without the CSRF token is refused and changes nothing', async () => {
    const id = await requestEventSpace();
    const res = await t.app.inject({
      method: 'POST',
      url: `/admin/approvals/${id}/approve`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ message: 'ok' }),
    });
    expect(res.statusCode).toBe(403);
    expect(statusOf(id)).toBe('pending');
  });
});
