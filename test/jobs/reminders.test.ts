// The reminder job on a real database with the test clock walked minute by minute, as its
// timer would: each reminder is queued once, at its Paris time, across both DST changes, and
// the outbox worker sends it through a real SMTP server.
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import { createReminderJob, type ReminderJob } from '../../src/jobs/reminders.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { startSmtp, type ReceivedMail } from '../helpers/smtp.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function sent(app: TestApp) {
  return app.db.select().from(outbox).where(eq(outbox.kind, 'booking-reminder')).orderBy(asc(outbox.id)).all();
}

/** Sends what the outbox holds through a real SMTP server; returns what the server received. */
async function deliver(app: TestApp): Promise<ReceivedMail[]> {
  const smtp = await startSmtp();
  const worker = createOutboxWorker({
    db: app.db,
    clock: app.clock,
    transport: smtpTransport(smtp.url),
    settings: app.config,
  });
  try {
    await worker.runOnce();
    return [...smtp.received];
  } finally {
    await worker.stop();
    await smtp.stop();
  }
}

function job(app: TestApp, env: { kicks: number }, reminders = app.config.reminders): ReminderJob {
  return createReminderJob({
    db: app.db,
    clock: app.clock,
    reminders,
    outbox: { kick: () => (env.kicks += 1) },
  });
}

/** Runs the job every minute from `from` to `to`, as the server's timer does. */
function walk(app: TestApp, reminders: ReminderJob, from: number, to: number): void {
  for (let now = from; now <= to; now += MINUTE) {
    app.clock.set(now);
    reminders.runOnce();
  }
}

function book(app: TestApp, memberId: number, slug: string, start: number, end: number) {
  const outcome = app.app.services.bookings.create(actorOf(app.db, memberId), {
    resourceId: resourceId(app.db, slug),
    start,
    end,
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

describe('reminder job', () => {
  it('queues day-before and hour-before reminders once each over spring forward, none if cancelled', async () => {
    // Friday 20 March 2026, 10:00 Paris (UTC+1); clocks go forward on Sunday 29 March.
    t = await createTestApp({ now: Date.UTC(2026, 2, 20, 9, 0) });
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { name: 'Zoé', organisationId: org, language: 'fr' });
    const sam = createMember(t.db, { name: 'Sam', organisationId: org, language: 'en' });
    // Monday 30 March 09:00 CEST = 07:00 UTC; 14:00 CEST = 12:00 UTC.
    const monday = book(t, zoe, 'salle-appia', Date.UTC(2026, 2, 30, 7, 0), Date.UTC(2026, 2, 30, 8, 0));
    const english = book(t, sam, 'salle-barton', Date.UTC(2026, 2, 30, 12, 0), Date.UTC(2026, 2, 30, 13, 0));
    const cancelled = book(t, zoe, 'salle-dufour', Date.UTC(2026, 2, 30, 9, 0), Date.UTC(2026, 2, 30, 10, 0));
    t.app.services.bookings.cancel(actorOf(t.db, zoe), cancelled.id);

    const env = { kicks: 0 };
    const reminders = job(t, env);
    // From Saturday 28 March 00:00 UTC to Monday 30 March 18:00 UTC, every minute.
    walk(t, reminders, Date.UTC(2026, 2, 28, 0, 0), Date.UTC(2026, 2, 30, 18, 0));

    const mails = sent(t);
    expect(mails.map((m) => [m.bookingId, m.createdAt])).toEqual([
      // Sunday 29 March 17:00 CEST is 15:00 UTC (it would be 16:00 UTC the day before).
      [monday.id, Date.UTC(2026, 2, 29, 15, 0)],
      [english.id, Date.UTC(2026, 2, 29, 15, 0)],
      [monday.id, Date.UTC(2026, 2, 30, 6, 0)],
      [english.id, Date.UTC(2026, 2, 30, 11, 0)],
    ]);
    expect(mails.some((m) => m.bookingId === cancelled.id)).toBe(false);
    // Each is sent once, rendered by the worker in the member's language.
    const received = [...(await deliver(t)), ...(await deliver(t))];
    const delivered = sent(t);
    expect(delivered.map((m) => received.filter((r) => r.raw.includes(`<outbox-${m.id}-`)).length)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(delivered.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(delivered[0]!.subject).toBe('Rappel : Salle Louis Appia, lundi 30 mars 2026 à 09:00');
    expect(delivered[1]!.subject).toBe('Reminder: Clara Barton room, Monday, 30 March 2026 at 14:00');
    const message = delivered[0]!.message!;
    expect(message.text).toContain('Un petit rappel de votre réservation à venir.');
    expect(message.text).toContain('Horaire : 09:00 – 10:00');
    // A reminder changes nothing in a calendar: no invitation.
    expect(message.calendar).toBeUndefined();
    expect(message.text).not.toContain("L'invitation jointe");
    expect(env.kicks).toBe(3);

    // A restart (a new job on the same database) sends nothing again.
    const restarted = job(t, env);
    walk(t, restarted, Date.UTC(2026, 2, 29, 14, 0), Date.UTC(2026, 2, 30, 7, 0));
    expect(sent(t)).toHaveLength(4);
    expect(
      t.db.$client.prepare('SELECT booking_id AS id, kind FROM booking_reminders ORDER BY queued_at, booking_id').all(),
    ).toEqual([
      { id: monday.id, kind: 'day_before' },
      { id: english.id, kind: 'day_before' },
      { id: monday.id, kind: 'before:60' },
      { id: english.id, kind: 'before:60' },
    ]);
  });

  it('finds 17:00 Paris at 16:00 UTC after fall back, no day-before reminder for a booking made after it', async () => {
    // Tuesday 20 October 2026, 10:00 Paris (UTC+2); clocks go back on Sunday 25 October.
    t = await createTestApp({ now: Date.UTC(2026, 9, 20, 8, 0) });
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    // Monday 26 October 09:00 CET = 08:00 UTC.
    const early = book(t, zoe, 'salle-appia', Date.UTC(2026, 9, 26, 8, 0), Date.UTC(2026, 9, 26, 9, 0));
    const env = { kicks: 0 };
    const reminders = job(t, env);
    walk(t, reminders, Date.UTC(2026, 9, 25, 12, 0), Date.UTC(2026, 9, 25, 18, 0));
    // Booked on Sunday at 19:00 Paris, after the day-before moment: only the hour-before one.
    const late = book(t, zoe, 'salle-barton', Date.UTC(2026, 9, 26, 10, 0), Date.UTC(2026, 9, 26, 11, 0));
    walk(t, reminders, Date.UTC(2026, 9, 25, 18, 1), Date.UTC(2026, 9, 26, 12, 0));
    expect(sent(t).map((m) => [m.bookingId, m.createdAt])).toEqual([
      [early.id, Date.UTC(2026, 9, 25, 16, 0)],
      [early.id, Date.UTC(2026, 9, 26, 7, 0)],
      [late.id, Date.UTC(2026, 9, 26, 9, 0)],
    ]);
  });

  it('reminds a moved booking of its new start, and after downtime sends only the nearer reminder', async () => {
    t = await createTestApp({ now: Date.UTC(2026, 11, 1, 9, 0) });
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    const booking = book(t, zoe, 'salle-appia', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 8, 9, 0));
    const env = { kicks: 0 };
    const reminders = job(t, env);
    walk(t, reminders, Date.UTC(2026, 11, 7, 15, 58), Date.UTC(2026, 11, 7, 16, 2));
    expect(sent(t)).toHaveLength(1);
    await deliver(t);
    // Moved on Monday evening to Thursday 10 December 09:00: a new day-before reminder is due on Wednesday.
    t.clock.set(Date.UTC(2026, 11, 7, 18, 0));
    expect(
      t.app.services.bookings.change(actorOf(t.db, zoe), booking.id, {
        start: Date.UTC(2026, 11, 10, 8, 0),
        end: Date.UTC(2026, 11, 10, 9, 0),
      }).ok,
    ).toBe(true);
    // The server is down from Wednesday 12:00 to Thursday 07:30 UTC (08:30 Paris): both reminders are due at once.
    t.clock.set(Date.UTC(2026, 11, 10, 7, 30));
    expect(reminders.runOnce()).toEqual({ queued: 1 });
    expect(reminders.runOnce()).toEqual({ queued: 0 });
    await deliver(t);
    const mails = sent(t);
    expect(mails.map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(mails[1]!.subject).toBe('Rappel : Salle Louis Appia, jeudi 10 décembre 2026 à 09:00');
    const rows = t.db.$client
      .prepare(
        `SELECT kind, starts_at AS startsAt, outbox_id AS outboxId FROM booking_reminders
         WHERE booking_id = ? ORDER BY queued_at, kind`,
      )
      .all(booking.id) as { kind: string; startsAt: number; outboxId: number | null }[];
    expect(rows.map((r) => [r.kind, r.startsAt, r.outboxId !== null])).toEqual([
      ['day_before', Date.UTC(2026, 11, 8, 8, 0), true],
      ['before:60', Date.UTC(2026, 11, 10, 8, 0), true],
      ['day_before', Date.UTC(2026, 11, 10, 8, 0), false],
    ]);
  });

  it('sends none when REMINDERS is off, to a deactivated member, or for a booking awaiting approval', async () => {
    t = await createTestApp({ now: Date.UTC(2026, 11, 1, 9, 0) });
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    const gone = createMember(t.db, { organisationId: org });
    book(t, zoe, 'salle-appia', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 8, 9, 0));
    book(t, gone, 'salle-barton', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 8, 9, 0));
    t.db.$client.prepare('UPDATE members SET active = 0 WHERE id = ?').run(gone);
    // The event space needs approval: pending.
    book(t, zoe, 'espace-evenementiel', Date.UTC(2026, 11, 8, 13, 0), Date.UTC(2026, 11, 8, 15, 0));
    const env = { kicks: 0 };
    walk(t, job(t, env, []), Date.UTC(2026, 11, 7, 15, 0), Date.UTC(2026, 11, 7, 17, 0));
    expect(sent(t)).toEqual([]);
    walk(t, job(t, env), Date.UTC(2026, 11, 7, 15, 0), Date.UTC(2026, 11, 8, 16, 0));
    await deliver(t);
    expect(sent(t).map((m) => [m.status, m.toAddress])).toEqual([
      ['sent', t.db.$client.prepare('SELECT email FROM members WHERE id = ?').pluck().get(zoe)],
      ['sent', t.db.$client.prepare('SELECT email FROM members WHERE id = ?').pluck().get(zoe)],
    ]);
  });

  it('runs a round as soon as it starts, then on its timer until stopped', async () => {
    t = await createTestApp({ now: Date.UTC(2026, 11, 1, 9, 0) });
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    book(t, zoe, 'salle-appia', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 8, 9, 0));
    t.clock.set(Date.UTC(2026, 11, 8, 7, 10));
    const env = { kicks: 0 };
    const reminders = createReminderJob({
      db: t.db,
      clock: t.clock,
      reminders: t.config.reminders,
      outbox: { kick: () => (env.kicks += 1) },
      intervalMs: 10,
    });
    reminders.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    reminders.stop();
    expect(sent(t)).toHaveLength(1);
    expect(env.kicks).toBe(1);
    expect(HOUR).toBe(60 * MINUTE);
  });

  it('does not send a reminder of a time the booking was moved from before the worker ran', async () => {
    t = await createTestApp({ now: Date.UTC(2026, 11, 1, 9, 0) });
    const zoe = createMember(t.db, { organisationId: createOrganisation(t.db) });
    const booking = book(t, zoe, 'salle-appia', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 8, 9, 0));
    const reminders = job(t, { kicks: 0 });
    t.clock.set(Date.UTC(2026, 11, 7, 16, 0));
    expect(reminders.runOnce()).toEqual({ queued: 1 });
    // Moved to the afternoon before the worker sent the day-before reminder of 09:00.
    t.clock.set(Date.UTC(2026, 11, 7, 16, 1));
    const moved = { start: Date.UTC(2026, 11, 8, 13, 0), end: Date.UTC(2026, 11, 8, 14, 0) };
    expect(t.app.services.bookings.change(actorOf(t.db, zoe), booking.id, moved).ok).toBe(true);
    const received = await deliver(t);
    const reminder = t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'booking-reminder'), eq(outbox.bookingId, booking.id)))
      .get()!;
    expect(reminder).toMatchObject({
      status: 'superseded',
      lastError: 'the booking changed after the reminder was due',
    });
    expect(received.some((r) => r.raw.includes(`<outbox-${reminder.id}-`))).toBe(false);
    // The new start gets its own reminder when it is due: an hour before 14:00 Paris.
    walk(t, reminders, Date.UTC(2026, 11, 8, 11, 58), Date.UTC(2026, 11, 8, 12, 1));
    expect(sent(t).map((m) => [m.status, m.createdAt])).toEqual([
      ['superseded', Date.UTC(2026, 11, 7, 16, 0)],
      ['pending', Date.UTC(2026, 11, 8, 12, 0)],
    ]);
  });
});
