// The admin "Outbox": what staff may read and do with the queued e-mail. Permission is
// checked here; the mail layer does the reading and the retry.
import type { Db } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';
import {
  countOutbox,
  getOutboxMessage,
  listOutbox,
  rawOutboxMessage,
  retryOutboxMessage,
  type OutboxStatus,
} from '../mail/outbox-admin.js';

export { OUTBOX_STATUSES, type OutboxStatus } from '../mail/outbox-admin.js';
import type { MailSettings, OutboxKick } from '../mail/outbox.js';
import { authorize, type Actor } from './authz.js';

export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxKick,
    private readonly settings: MailSettings,
  ) {}

  list(actor: Actor | null, status: OutboxStatus | null, limit: number) {
    authorize(actor, 'audit.view');
    return listOutbox(this.db, this.settings, { status, limit });
  }

  counts(actor: Actor | null) {
    authorize(actor, 'audit.view');
    return countOutbox(this.db);
  }

  get(actor: Actor | null, id: number) {
    authorize(actor, 'audit.view');
    return getOutboxMessage(this.db, this.settings, id);
  }

  raw(actor: Actor | null, id: number) {
    authorize(actor, 'audit.view');
    return rawOutboxMessage(this.db, this.settings, id);
  }

  /** A failed message goes back to the queue; false when there is no such failed message. */
  retry(actor: Actor | null, id: number): boolean {
    authorize(actor, 'audit.view');
    if (!retryOutboxMessage(this.db, id, this.clock.now())) return false;
    this.outbox.kick();
    return true;
  }
}
