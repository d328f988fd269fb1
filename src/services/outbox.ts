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
import type { OutboxKick } from '../mail/worker.js';
import { authorize, type Actor } from './authz.js';

export class OutboxService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxKick,
    private readonly mailFrom: string,
  ) {}

  list(actor: Actor | null, status: OutboxStatus | null, limit: number) {
    authorize(actor, 'audit.view');
    return listOutbox(this.db, { status, limit });
  }

  counts(actor: Actor | null) {
    authorize(actor, 'audit.view');
    return countOutbox(this.db);
  }

  get(actor: Actor | null, id: number) {
    authorize(actor, 'audit.view');
    return getOutboxMessage(this.db, id);
  }

  raw(actor: Actor | null, id: number) {
    authorize(actor, 'audit.view');
    return rawOutboxMessage(this.db, id, this.mailFrom);
  }

  /** A failed message goes back to the queue; false when there is no such failed message. */
  retry(actor: Actor | null, id: number): boolean {
    authorize(actor, 'audit.view');
    if (!retryOutboxMessage(this.db, id, this.clock.now())) return false;
    this.outbox.kick();
    return true;
  }
}
