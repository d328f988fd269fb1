// The no-show release job on a real database with the test clock set as its timer would
// find it: released exactly at the grace and not one millisecond before, never when checked
// in, never twice, later for a member with an access need, never for a kind without a
// policy; then the place is free in the day view, the member's feed has the event
// cancelled, and the mail reaches a real SMTP server with a calendar CANCEL.
import { spawn } from 'node:child_process';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInQueries, releaseCandidatesQuery } from '../../src/db/check-in.js';
import { auditLog, outbox } from '../../src/db/schema.js';
import { createNoShowJob, type NoShowJob } from '../../src/jobs/no-shows.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/auth.js';
import { readCalendar } from '../helpers/ical.js';
import { cleanEnv, ROOT } from '../helpers/process.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { startSmtp, type ReceivedMail } from '../helpers/smtp.js';

const MINUTE = 60_000;
// Paris is UTC+1 in December 2026; the test clock starts on Monday 7 December, 10:00 Paris.
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function job(app: TestApp, env = { kicks: 0 }): NoShowJob {
  return createNoShowJob({ checkIn: app.app.services.checkIn, outbox: { kick: () => (env.kicks += 1) } });
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

function status(app: TestApp, id: number): string {
  return app.app.services.bookings.loader.queries.byId(id)!.status;
}

function releasedMails(app: TestApp) {
  return app.db.select().from(outbox).where(eq(outbox.kind, 'booking-released')).orderBy(asc(outbox.id)).all();
}

function releaseAudits(app: TestApp) {
  return app.db.select().from(auditLog).where(eq(auditLog.action, 'booking.release')).all();
}

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

async function setup() {
  t = await createTestApp();
  const org = createOrganisation(t.db);
  const zoe = createMember(t.db, { name: 'Zoé', organisationId: org, language: 'fr' });
  const sam = createMember(t.db, { name: 'Sam', organisationId: org, language: 'en' });
  return { t, zoe, sam };
}

describe('no-show release job', () => {
  it('releases a room exactly at start + 15 minutes, not one millisecond before, and only once', async () => {
    const { t, zoe } = await setup();
    const booking = book(t, zoe, 'salle-appia', paris(8, 10), paris(8, 11));
    const env = { kicks: 0 };
    const noShows = job(t, env);

    t.clock.set(paris(8, 10, 15) - 1);
    expect(noShows.runOnce().released).toEqual([]);
    expect(status(t, booking.id)).toBe('confirmed');

    t.clock.set(paris(8, 10, 15));
    expect(noShows.runOnce().released.map((b) => b.id)).toEqual([booking.id]);
    const row = t.app.services.bookings.loader.queries.byId(booking.id)!;
    expect(row).toMatchObject({ status: 'released', cancelledAt: paris(8, 10, 15), version: booking.version + 1 });
    expect(env.kicks).toBe(1);
    // The UPDATE itself is guarded: a second release of the same booking changes nothing.
    expect(checkInQueries(t.db).release(booking.id, paris(8, 10, 16))).toBeUndefined();

    // Later rounds, and a restarted job, release nothing again.
    t.clock.advance(MINUTE);
    expect(noShows.runOnce().released).toEqual([]);
    expect(job(t, env).runOnce().released).toEqual([]);
    expect(releaseAudits(t)).toHaveLength(1);
    expect(releaseAudits(t)[0]).toMatchObject({ actorId: null, subjectId: booking.id });
    expect(releasedMails(t).map((m) => m.bookingId)).toEqual([booking.id]);
    expect(env.kicks).toBe(1);
  });

  it('never releases a checked-in booking, and releases a desk at start + 2 hours', async () => {
    const { t, zoe, sam } = await setup();
    const room = book(t, zoe, 'salle-appia', paris(8, 10), paris(8, 12));
    const desk = book(t, sam, 'poste-os-01', paris(8, 8, 30), paris(8, 13));
    t.clock.set(paris(8, 10, 5));
    expect(t.app.services.checkIn.checkIn(actorOf(t.db, zoe), room.id).ok).toBe(true);

    const noShows = job(t);
    t.clock.set(paris(8, 10, 30) - 1);
    expect(noShows.runOnce().released).toEqual([]);
    t.clock.set(paris(8, 10, 30));
    expect(noShows.runOnce().released.map((b) => b.id)).toEqual([desk.id]);
    t.clock.set(paris(8, 11, 59));
    expect(noShows.runOnce().released).toEqual([]);
    expect(status(t, room.id)).toBe('confirmed');
  });

  it('gives a member with an access need the longer grace of the kind', async () => {
    const { t, zoe } = await setup();
    t.db.$client.prepare(`UPDATE members SET access_needs = '["step_free"]' WHERE id = ?`).run(zoe);
    const booking = book(t, zoe, 'salle-appia', paris(8, 10), paris(8, 11));
    const noShows = job(t);
    t.clock.set(paris(8, 10, 15));
    expect(noShows.runOnce().released).toEqual([]);
    t.clock.set(paris(8, 10, 30) - 1);
    expect(noShows.runOnce().released).toEqual([]);
    t.clock.set(paris(8, 10, 30));
    expect(noShows.runOnce().released.map((b) => b.id)).toEqual([booking.id]);
  });

  it('never releases a booking of a kind without a policy', async () => {
    const { t, zoe } = await setup();
    const booking = book(t, zoe, 'salle-appia', paris(8, 10), paris(8, 11));
    t.db.$client.prepare(`DELETE FROM check_in_policies WHERE resource_kind = 'meeting_room'`).run();
    const noShows = job(t);
    for (const at of [paris(8, 10, 15), paris(8, 10, 30), paris(8, 11), paris(8, 18)]) {
      t.clock.set(at);
      expect(noShows.runOnce().released).toEqual([]);
    }
    expect(status(t, booking.id)).toBe('confirmed');
  });

  it('frees the place at once: the day view shows it free, the feed cancels the event, the member gets a mail', async () => {
    const { t, zoe, sam } = await setup();
    const booking = book(t, sam, 'salle-appia', paris(8, 10), paris(8, 11));
    const token = t.app.services.feedTokens.rotate(sam);
    t.clock.set(paris(8, 10, 15));
    job(t).runOnce();

    // Another member books the released hour straight away.
    t.clock.set(paris(8, 10, 16));
    const taken = book(t, zoe, 'salle-appia', paris(8, 10, 30), paris(8, 11));
    expect(taken.status).toBe('confirmed');
    t.app.services.bookings.cancel(actorOf(t.db, zoe), taken.id);

    const camille = await signIn(t.app, 'camille@demo.21.example.org');
    const day = await t.app.inject({
      method: 'GET',
      url: '/book/rooms?date=2026-12-08&view=list',
      headers: { cookie: camille.cookie },
    });
    const appia = day.body.match(/Salle Louis Appia<\/a>[\s\S]*?<\/li>\s*<\/ul>/)![0];
    expect(appia).toContain('10:30–19:00');

    const feed = await t.app.inject({ method: 'GET', url: `/feeds/${token}/bookings.ics` });
    const event = readCalendar(feed.body).events.find((e) => e.url?.endsWith(`/bookings/${booking.id}`));
    expect(event).toMatchObject({ status: 'CANCELLED', sequence: booking.version + 1 });

    const received = await deliver(t);
    const [mail] = releasedMails(t);
    expect(mail!.status).toBe('sent');
    expect(received.filter((r) => r.raw.includes(`<outbox-${mail!.id}-`))).toHaveLength(1);
    expect(mail!.subject).toBe('Booking released: Louis Appia room, Tuesday, 8 December 2026');
    expect(mail!.message!.text).toContain('Your booking has been released, as nobody checked in on time.');
    expect(mail!.message!.calendar!.method).toBe('CANCEL');
    expect(mail!.message!.calendar!.content).toContain('STATUS:CANCELLED');
  });
});

describe('the job’s read', () => {
  it('walks the bookings_start index over a bounded window of starts, never the whole table', async () => {
    const { t } = await setup();
    const query = releaseCandidatesQuery(t.db);
    const params = query.params.map((p) => (typeof p === 'object' && p !== null && 'name' in p ? 0 : p));
    const plan = (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan.join(' / ')).toContain('SEARCH bookings USING INDEX bookings_start (starts_at>? AND starts_at<?)');
    expect(plan.some((d) => /^SCAN bookings\b/.test(d))).toBe(false);
  });
});

describe('a date of a series', () => {
  it('is released on its own and its member told of that date, the other dates kept', async () => {
    const { t, zoe } = await setup();
    const outcome = t.app.services.series.create(
      actorOf(t.db, zoe),
      {
        resourceId: resourceId(t.db, 'salle-dodu'),
        firstStart: '2026-12-08T09:00',
        durationMinutes: 60,
        rule: { freq: 'weekly', interval: 1, count: 2 },
      },
      'all_or_nothing',
    );
    if (!outcome.ok) throw new Error('series refused');
    const [first, second] = outcome.booked;
    t.clock.set(paris(8, 9, 15));
    expect(
      job(t)
        .runOnce()
        .released.map((b) => b.id),
    ).toEqual([first!.id]);
    expect(status(t, second!.id)).toBe('confirmed');
    expect(releasedMails(t).map((m) => m.bookingId)).toEqual([first!.id]);
  });
});

describe('two app processes on one database file', () => {
  it('release each due booking once, with one audit entry and one mail intent each', async () => {
    const { t } = await setup();
    const org = createOrganisation(t.db);
    const ids = (kind: string) =>
      (
        t!.db.$client.prepare('SELECT id FROM resources WHERE kind = ? ORDER BY id LIMIT 8').all(kind) as {
          id: number;
        }[]
      ).map((r) => r.id);
    const due = [
      ...ids('meeting_room').map((room) => [room, paris(8, 10), paris(8, 11)] as const),
      ...ids('desk').map((desk) => [desk, paris(8, 8, 30), paris(8, 13)] as const),
    ].map(([resource, start, end]) => {
      const member = createMember(t.db, { organisationId: org });
      const outcome = t.app.services.bookings.create(actorOf(t.db, member), { resourceId: resource, start, end });
      if (!outcome.ok) throw new Error(outcome.violations.map((v) => v.code).join(', '));
      return outcome.booking.id;
    });
    expect(due).toHaveLength(16);

    const now = paris(8, 10, 45);
    const processes = [0, 1].map(() => contender([t.config.databasePath, String(now), '5']));
    await Promise.all(processes.map((p) => p.ready));
    const startAt = Date.now() + 200;
    for (const p of processes) p.start(startAt);
    const released = (await Promise.all(processes.map((p) => p.output))).flatMap(
      (out) => JSON.parse(out.trim()) as number[],
    );

    expect([...released].sort((a, b) => a - b)).toEqual([...due].sort((a, b) => a - b));
    for (const id of due) expect(status(t, id)).toBe('released');
    expect(
      releaseAudits(t)
        .map((a) => a.subjectId)
        .sort((a, b) => a! - b!),
    ).toEqual([...due].sort((a, b) => a - b));
    expect(
      releasedMails(t)
        .map((m) => m.bookingId)
        .sort((a, b) => a! - b!),
    ).toEqual([...due].sort((a, b) => a - b));
  }, 60_000);
});

interface Contender {
  ready: Promise<void>;
  start(at: number): void;
  output: Promise<string>;
}

/** test/fixtures/no-show-worker.ts as a child process, as test/services/race.test.ts runs its contenders. */
function contender(args: string[]): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/no-show-worker.ts', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
  });
  let out = '';
  let err = '';
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const output = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(out.replace(/^ready\n/, '')) : reject(new Error(`process exited ${code}: ${err}`)),
    ),
  );
  return { ready: Promise.race([ready, output.then(() => {})]), start: (at) => child.stdin.end(`${at}\n`), output };
}
