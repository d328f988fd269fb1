import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { immediate } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { enqueueMail } from '../../src/mail/outbox.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, visitor } from '../helpers/auth.js';

let t: TestApp;
let kicks: number;

beforeEach(async () => {
  kicks = 0;
  t = await createTestApp();
  // createTestApp has no worker: count the kicks instead.
  t.app.outbox.kick = () => {
    kicks += 1;
  };
});
afterEach(async () => {
  await t.close();
});

function queue(
  kind: string,
  subject: string,
  extra: Partial<{ text: string; calendar: { method: 'REQUEST'; content: string } }> = {},
): number {
  return immediate(t.db, (tx) =>
    enqueueMail(
      tx,
      {
        kind,
        to: 'zoe@example.org',
        subject,
        text: extra.text ?? `Corps de ${subject}`,
        html: '<p>x</p>',
        calendar: extra.calendar,
      },
      t.clock.now(),
    ),
  );
}

describe('admin outbox page', () => {
  it('lists messages with status, attempts and last error, and filters by status', async () => {
    const a = queue('booking-confirmed', 'Réservation <confirmée>');
    const b = queue('booking-cancelled', 'Réservation annulée');
    t.db
      .update(outbox)
      .set({ status: 'failed', attempts: 12, lastError: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25' })
      .where(eqId(b))
      .run();
    const admin = await signInAs(t.app, 'admin');
    const res = await t.app.inject({ method: 'GET', url: '/admin/outbox', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Réservation &lt;confirmée&gt;');
    expect(res.body).toContain(`/admin/outbox/${a}`);
    expect(res.body).toContain('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25');
    expect(res.body).toMatch(/Échec<\/span>/);
    expect(res.body).toContain('fichier .eml');
    const failed = await t.app.inject({
      method: 'GET',
      url: '/admin/outbox?status=failed',
      headers: { cookie: admin.cookie },
    });
    expect(failed.body).toContain('Réservation annulée');
    expect(failed.body).not.toContain('Réservation &lt;confirmée&gt;');
  });

  it('shows one message with its text and invitation, and serves it as .eml', async () => {
    const id = queue('booking-confirmed', 'Réservation confirmée', {
      text: 'Bonjour <Zoé>',
      calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    });
    const admin = await signInAs(t.app, 'admin');
    const page = await t.app.inject({ method: 'GET', url: `/admin/outbox/${id}`, headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bonjour &lt;Zoé&gt;');
    expect(page.body).toContain('METHOD:REQUEST');
    const eml = await t.app.inject({
      method: 'GET',
      url: `/admin/outbox/${id}/eml`,
      headers: { cookie: admin.cookie },
    });
    expect(eml.statusCode).toBe(200);
    expect(eml.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(eml.body).toMatch(/\r\nSubject: /);
    expect(eml.body).toContain('method=REQUEST');
  });

  it('never shows the body of a password-reset mail', async () => {
    const id = queue('password-reset', 'Réinitialiser votre mot de passe', {
      text: 'Lien : https://x/password/reset/SECRET-TOKEN',
    });
    const admin = await signInAs(t.app, 'admin');
    const page = await t.app.inject({ method: 'GET', url: `/admin/outbox/${id}`, headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('SECRET-TOKEN');
    const eml = await t.app.inject({
      method: 'GET',
      url: `/admin/outbox/${id}/eml`,
      headers: { cookie: admin.cookie },
    });
    expect(eml.statusCode).toBe(404);
  });

  it('puts a failed message back in the queue and wakes the worker', async () => {
    const id = queue('booking-confirmed', 'Réservation confirmée');
    t.db.update(outbox).set({ status: 'failed', attempts: 12, nextAttemptAt: 0 }).where(eqId(id)).run();
    const admin = await signInAs(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: `/admin/outbox/${id}/retry`,
      headers: admin.headers,
      payload: form({}),
    });
    expect(res.statusCode).toBe(303);
    expect(t.db.select().from(outbox).where(eqId(id)).get()).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: t.clock.now(),
    });
    expect(kicks).toBe(1);
    // Only a failed message can be retried.
    const again = await t.app.inject({
      method: 'POST',
      url: `/admin/outbox/${id}/retry`,
      headers: admin.headers,
      payload: form({}),
    });
    expect(again.statusCode).toBe(404);
    // And not without the CSRF token.
    t.db.update(outbox).set({ status: 'failed' }).where(eqId(id)).run();
    const forged = await t.app.inject({
      method: 'POST',
      url: `/admin/outbox/${id}/retry`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({}),
    });
    expect(forged.statusCode).toBe(403);
    expect(t.db.select().from(outbox).where(eqId(id)).get()!.status).toBe('failed');
  });

  it.each(['member', 'frontdesk', 'lead'] as const)('answers %s as if it did not exist', async (who) => {
    const id = queue('booking-confirmed', 'Réservation confirmée');
    const person = await signInAs(t.app, who);
    for (const url of ['/admin/outbox', `/admin/outbox/${id}`, `/admin/outbox/${id}/eml`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: person.cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Réservation confirmée');
    }
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const anonymous = await visitor(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/admin/outbox', headers: { cookie: anonymous.cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Foutbox');
  });
});

function eqId(id: number) {
  return eq(outbox.id, id);
}
