import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, immediate, openDatabase, type Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import {
  enqueueMail,
  intentWriter,
  MailValidationError,
  renderMail,
  type OutgoingMail,
} from '../../src/mail/outbox.js';
import { tempDir } from '../helpers/app.js';

const NOW = Date.UTC(2026, 11, 7, 9, 0);

function sampleMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    kind: 'test',
    to: 'zoe@example.org',
    subject: 'Réservation confirmée',
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    ...overrides,
  };
}

describe('enqueueMail', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'test.sqlite'));
  });
  afterEach(() => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a pending row due now, with the message as rendered', () => {
    const calendar = { method: 'REQUEST' as const, content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' };
    const id = immediate(db, (tx) => enqueueMail(tx, sampleMail({ calendar }), NOW));
    const row = db.select().from(outbox).where(eq(outbox.id, id)).get()!;
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: NOW,
      createdAt: NOW,
      toAddress: 'zoe@example.org',
      subject: 'Réservation confirmée',
      kind: 'test',
      sentAt: null,
      lastError: null,
    });
    expect(row.message).toEqual({ text: 'Bonjour', html: '<p>Bonjour</p>', calendar });
  });

  it('writes an intent with nothing rendered: the worker renders it when it sends it', () => {
    const intents = intentWriter(db);
    const id = immediate(db, () => intents.enqueue({ kind: 'series-created', details: { skipped: [] } }, NOW));
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()).toMatchObject({
      kind: 'series-created',
      status: 'pending',
      nextAttemptAt: NOW,
      toAddress: null,
      subject: null,
      message: null,
      details: { skipped: [] },
    });
  });

  it('writes an intent without details as SQL NULL, and none when its transaction rolls back', () => {
    const intents = intentWriter(db);
    const id = immediate(db, () => intents.enqueue({ kind: 'test' }, NOW));
    const stored = db
      .select({ details: outbox.details, isNull: sql<number>`${outbox.details} IS NULL` })
      .from(outbox)
      .where(eq(outbox.id, id))
      .get();
    expect(stored).toEqual({ details: null, isNull: 1 });
    expect(() =>
      immediate(db, () => {
        intents.enqueue({ kind: 'test' }, NOW);
        throw new Error('booking refused');
      }),
    ).toThrow('booking refused');
    expect(db.select({ id: outbox.id }).from(outbox).all()).toEqual([{ id }]);
  });

  it('writes nothing when the transaction rolls back', () => {
    expect(() =>
      immediate(db, (tx) => {
        enqueueMail(tx, sampleMail(), NOW);
        throw new Error('booking refused');
      }),
    ).toThrow('booking refused');
    expect(db.select().from(outbox).all()).toEqual([]);
  });

  it.each([
    ['to', { to: 'zoe@example.org\r\nBcc: all@example.org' }, 'header_line_break'],
    ['to', { to: 'zoe@example.org\nBcc: all@example.org' }, 'header_line_break'],
    ['subject', { subject: 'Hello\r\nBcc: all@example.org' }, 'header_line_break'],
    ['subject', { subject: 'Hello\rX-Injected: 1' }, 'header_line_break'],
    ['to', { to: 'Zoé <zoe@example.org>' }, 'invalid_address'],
    ['to', { to: 'a@b.org, c@d.org' }, 'invalid_address'],
    ['subject', { subject: '  ' }, 'empty_subject'],
    [
      'calendar',
      { calendar: { method: 'CANCEL' as const, content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' } },
      'calendar_method_mismatch',
    ],
  ])('refuses a bad %s (%j) with a typed error and writes nothing', (field, overrides, code) => {
    let error: unknown;
    try {
      immediate(db, (tx) => enqueueMail(tx, sampleMail(overrides), NOW));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MailValidationError);
    expect(error).toMatchObject({ code, field });
    expect(db.select().from(outbox).all()).toEqual([]);
  });
});

describe('renderMail', () => {
  const data = {
    name: 'Zoé <script>alert(1)</script>',
    resource: 'Salle Henry Dunant',
    date: 'lundi 7 décembre 2026',
    start: '09:00',
    end: '10:30',
    address: '21 rue de la Vanne, 92120 Montrouge',
    title: 'Atelier "impact" & co',
    url: 'http://localhost:3000/bookings/12',
    hasCalendar: true,
  };

  it('renders subject, text and HTML in French', () => {
    const mail = renderMail('booking-confirmed', 'fr', data);
    expect(mail.subject).toBe('Réservation confirmée : Salle Henry Dunant, lundi 7 décembre 2026');
    expect(mail.text).toContain(
      'Bonjour Zoé <script>alert(1)</script>,\n\nVotre réservation est confirmée.\n\n' +
        'Espace : Salle Henry Dunant\nDate : lundi 7 décembre 2026\nHoraire : 09:00 – 10:30\n',
    );
    expect(mail.text).toContain('Voir la réservation : http://localhost:3000/bookings/12');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('Bonjour Zoé &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).toContain('Atelier &quot;impact&quot; &amp; co');
    expect(mail.html).not.toContain('<script>');
  });

  it('renders in English', () => {
    const mail = renderMail('booking-cancelled', 'en', { ...data, reason: 'Closure' });
    expect(mail.subject).toBe('Booking cancelled: Salle Henry Dunant, lundi 7 décembre 2026');
    expect(mail.text).toContain('Hello Zoé');
    expect(mail.text).toContain('Reason: Closure');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('keeps line breaks out of the subject', () => {
    expect(renderMail('booking-confirmed', 'fr', { ...data, resource: 'Salle\r\nBcc: x@y.org' }).subject).toBe(
      'Réservation confirmée : Salle Bcc: x@y.org, lundi 7 décembre 2026',
    );
  });

  it.each(['confirmed', 'pending', 'changed', 'cancelled', 'reminder'])(
    'renders booking-%s in both languages',
    (kind) => {
      for (const lang of ['fr', 'en'] as const) {
        const mail = renderMail(`booking-${kind}`, lang, data);
        expect(mail.subject).not.toContain('mail.');
        expect(mail.text).not.toMatch(/mail\.|undefined/);
        expect(mail.html).not.toMatch(/mail\.|undefined/);
      }
    },
  );

  it('refuses a template name that could leave views/emails', () => {
    expect(() => renderMail('../pages/home', 'fr', {})).toThrow(/invalid mail template/);
  });
});
