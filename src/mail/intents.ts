// What an outbox row comes to when it is sent or shown: a composed row as it was written, an
// intent rendered from the database as it is now (booking-mails.ts, series-mails.ts). Shared
// by the worker and the admin page, so the page shows what would be sent.
import { CalendarInputError } from '../calendar/ical.js';
import type { Db } from '../db/connection.js';
import { bookingMailQuery, type OutboxRow } from '../db/outbox.js';
import { renderBookingIntent } from './booking-mails.js';
import { MailValidationError, validateMail, type MailSettings, type Rendering } from './outbox.js';
import { renderSeriesIntent } from './series-mails.js';

/**
 * The mail of an outbox row, with the booking's statement prepared once for every row it
 * renders. A mail that cannot be written (an address refused as a header, an event the
 * calendar writer refuses) fails for good: rendering it again would not help.
 */
export function outboxRenderer(db: Db, settings: MailSettings): (row: OutboxRow) => Rendering {
  const bookingForMail = bookingMailQuery(db);
  const renderIntent = (row: OutboxRow): Rendering => {
    if (row.kind === 'series-created') return renderSeriesIntent(db, row, settings);
    if (row.bookingId !== null) return renderBookingIntent(bookingForMail, row, settings);
    return { ok: false, status: 'failed', reason: `no mail is rendered for an intent of kind ${row.kind}` };
  };
  return (row) => {
    if (row.toAddress !== null && row.subject !== null && row.message !== null)
      return {
        ok: true,
        mail: { kind: row.kind, toAddress: row.toAddress, subject: row.subject, message: row.message },
        composed: true,
      };
    try {
      const rendering = renderIntent(row);
      if (rendering.ok) {
        const { toAddress: to, subject, message } = rendering.mail;
        validateMail({ to, subject, calendar: message.calendar });
      }
      return rendering;
    } catch (err) {
      if (err instanceof MailValidationError) return { ok: false, status: 'failed', reason: err.message };
      if (err instanceof CalendarInputError) return { ok: false, status: 'failed', reason: err.message };
      throw err;
    }
  };
}
