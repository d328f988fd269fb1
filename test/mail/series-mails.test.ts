// A new recurring booking sends ONE summary mail (booked and skipped dates, with why), in the
// member's language; its intent is written in the series' transaction and the worker renders
// it; none per date, none when refused.
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox as outboxTable } from '../../src/db/schema.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/mail/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseMime } from '../helpers/mime.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let t: TestApp;
let smtp: TestSmtp;
let worker: OutboxWorker;
let kicks = 0;

beforeEach(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  worker = createOutboxWorker({ db: t.db, clock: t.clock, transport: smtpTransport(smtp.url), settings: t.config });
  kicks = 0;
  t.app.outbox.kick = () => {
    kicks += 1;
  };
});
afterEach(async () => {
  await worker.stop();
  await smtp.stop();
  await t.close();
});

/** The outbox rows once the worker sent what was due, with what it sent. */
async function outbox() {
  await worker.runOnce();
  return t.db.select().from(outboxTable).orderBy(asc(outboxTable.id)).all();
}
// Paris is UTC+1 in December 2026.
const paris = (day: number, hour: number) => Date.UTC(2026, 11, day, hour - 1);

/** An hour in Salle Louis Appia every Wednesday from 9 December 2026 at 10:00, `count` times. */
const weeklyAppia = (count: number) => ({
  resourceId: resourceId(t.db, 'salle-appia'),
  firstStart: '2026-12-09T10:00',
  durationMinutes: 60,
  rule: { freq: 'weekly' as const, interval: 1, count },
});

describe('series summary mail', () => {
  it('lists the dates booked and the dates skipped with why, in one mail', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { name: 'Zoé <b>Ärnström</b>', organisationId: org, language: 'fr' });
    const sami = createMember(t.db, { organisationId: org });
    const room = resourceId(t.db, 'salle-appia');
    // Sami holds Wednesday 16 December 10:00-11:00: that date of the series is skipped.
    const taken = t.app.services.bookings.create(actorOf(t.db, sami), {
      resourceId: room,
      start: paris(16, 10),
      end: paris(16, 11),
    });
    expect(taken.ok).toBe(true);
    const before = (await outbox()).length;
    kicks = 0;

    const outcome = t.app.services.series.create(
      actorOf(t.db, zoe),
      { ...weeklyAppia(3), title: 'Point <hebdo> & co' },
      'skip_conflicts',
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.booked).toHaveLength(2);

    const mails = (await outbox()).slice(before);
    expect(mails.map((m) => [m.kind, m.status])).toEqual([['series-created', 'sent']]);
    const [mail] = mails;
    expect(mail!.subject).toBe('Réservation régulière : Salle Louis Appia, 2 dates');
    expect(mail!.seriesId).toBe(outcome.seriesId);
    const message = mail!.message!;
    expect(message.calendar).toBeUndefined();
    expect(message.text).toContain('Bonjour Zoé <b>Ärnström</b>,');
    expect(message.text).toContain(
      'Dates réservées (2)\n- mercredi 9 décembre 2026, 10:00 – 11:00\n- mercredi 23 décembre 2026, 10:00 – 11:00\n',
    );
    expect(message.text).toContain(
      'Date non réservée (1)\n- mercredi 16 décembre 2026, 10:00 – 11:00\n' +
        '  Salle Louis Appia est déjà réservée de 10:00 à 11:00.\n',
    );
    expect(message.text).toContain(`${t.config.baseUrl}/bookings/${outcome.booked[0]!.id}`);
    // User text is escaped in the HTML part.
    expect(message.html).toContain('Zoé &lt;b&gt;Ärnström&lt;/b&gt;');
    expect(message.html).toContain('Point &lt;hebdo&gt; &amp; co');
    expect(message.html).not.toContain('<hebdo>');
    expect(kicks).toBeGreaterThan(0);
  });

  it('is written in the member’s language', async () => {
    const org = createOrganisation(t.db);
    const sam = createMember(t.db, { name: 'Sam', organisationId: org, language: 'en' });
    const outcome = t.app.services.series.create(
      actorOf(t.db, sam),
      {
        resourceId: resourceId(t.db, 'salle-barton'),
        firstStart: '2026-12-10T14:00',
        durationMinutes: 90,
        rule: { freq: 'weekly', interval: 1, count: 2 },
      },
      'skip_conflicts',
    );
    expect(outcome.ok).toBe(true);
    const [mail] = (await outbox()).filter((m) => m.kind === 'series-created');
    expect(mail!.subject).toBe('Recurring booking: Clara Barton room, 2 dates');
    const message = mail!.message!;
    expect(message.text).toContain(
      'Dates booked (2)\n- Thursday, 10 December 2026, 14:00 – 15:30\n- Thursday, 17 December 2026, 14:00 – 15:30\n',
    );
    expect(message.text).not.toContain('not booked');
  });

  it('is not written when the series is refused, nor replayed with the same key', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    const sami = createMember(t.db, { organisationId: org });
    const room = resourceId(t.db, 'salle-appia');
    t.app.services.bookings.create(actorOf(t.db, sami), { resourceId: room, start: paris(16, 10), end: paris(16, 11) });
    const input = { ...weeklyAppia(3), idempotencyKey: 'series-key-1' };
    const before = (await outbox()).length;
    expect(t.app.services.series.create(actorOf(t.db, zoe), input, 'all_or_nothing').ok).toBe(false);
    expect((await outbox()).length).toBe(before);
    expect(t.app.services.series.create(actorOf(t.db, zoe), input, 'skip_conflicts').ok).toBe(true);
    expect(t.app.services.series.create(actorOf(t.db, zoe), input, 'skip_conflicts')).toMatchObject({
      ok: true,
      replayed: true,
    });
    expect((await outbox()).slice(before).map((m) => m.kind)).toEqual(['series-created']);
  });

  it('rolls back with the series when a later step of its transaction fails', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    t.app.services.series.onCreated(() => {
      throw new Error('boom after the summary was queued');
    });
    expect(() => t.app.services.series.create(actorOf(t.db, zoe), weeklyAppia(2), 'skip_conflicts')).toThrow('boom');
    expect(await outbox()).toEqual([]);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM bookings').get()).toEqual({ n: 0 });
  });

  it('lists only the dates still booked when the worker renders it', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org, language: 'fr' });
    const outcome = t.app.services.series.create(actorOf(t.db, zoe), weeklyAppia(3), 'skip_conflicts');
    if (!outcome.ok) throw new Error('refused');
    // The last date is cancelled before the worker got to the summary.
    t.app.services.series.cancelFrom(actorOf(t.db, zoe), outcome.seriesId, outcome.booked[2]!.startsAt);
    const mails = await outbox();
    expect(mails.map((m) => [m.kind, m.status])).toEqual([['series-created', 'sent']]);
    expect(mails[0]!.subject).toBe('Réservation régulière : Salle Louis Appia, 2 dates');
    expect(smtp.received).toHaveLength(1);
    const text = mails[0]!.message!.text;
    expect(parseMime(smtp.received[0]!.raw).headers.get('subject')).toBe(mails[0]!.subject);
    expect(text).toContain(
      'Dates réservées (2)\n- mercredi 9 décembre 2026, 10:00 – 11:00\n- mercredi 16 décembre 2026, 10:00 – 11:00\n',
    );
    expect(text).not.toContain('23 décembre');
  });

  it('is superseded, not sent, when every date was cancelled before the worker got to it', async () => {
    const org = createOrganisation(t.db);
    const zoe = createMember(t.db, { organisationId: org });
    const outcome = t.app.services.series.create(actorOf(t.db, zoe), weeklyAppia(2), 'skip_conflicts');
    if (!outcome.ok) throw new Error('refused');
    t.app.services.series.cancelFrom(actorOf(t.db, zoe), outcome.seriesId, outcome.booked[0]!.startsAt);
    expect((await outbox()).map((m) => [m.kind, m.status])).toEqual([['series-created', 'superseded']]);
    expect(smtp.received).toEqual([]);
  });
});
