// Kiosk links for lobby screens, managed by admins. A token is 256 random bits shown once
// when created and stored only as its SHA-256 hash (like sessions and feed links); revoking
// it makes its URL answer 404 like any made-up one. The screen itself shows no names.
import { auditLogWriter } from '../db/audit.js';
import { immediate, type Db } from '../db/connection.js';
import {
  insertKioskToken,
  kioskTokenQueries,
  listKioskTokens,
  revokeKioskToken,
  type KioskTokenRow,
} from '../db/kiosk-tokens.js';
import type { Clock } from '../domain/clock.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { Inventory } from './inventory.js';
import { hashToken, isTokenShape, newToken } from './tokens.js';

/** The longest label a kiosk link may have. */
export const KIOSK_LABEL_MAX = 80;

/** A live kiosk link, as only resolve() gives it: the lobby screen's whole credential. */
export interface KioskGrant {
  readonly kioskId: number;
  readonly siteId: number;
}

export type KioskLabelError = 'required' | 'too_long';

export class KioskService {
  private readonly queries;
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.queries = kioskTokenQueries(db);
    this.audit = auditLogWriter(db);
  }

  /** The live link behind a token, or null (malformed, unknown or revoked). */
  resolve(token: string): KioskGrant | null {
    if (!isTokenShape(token)) return null;
    const row = this.queries.liveByHash(hashToken(token));
    return row ? { kioskId: row.id, siteId: row.siteId } : null;
  }

  list(actor: Actor | null): KioskTokenRow[] {
    authorize(actor, 'kiosk.manage');
    return listKioskTokens(this.db, this.inventory.get().site.id);
  }

  /** What is wrong with a label, or null. */
  static labelError(label: string): KioskLabelError | null {
    if (label.trim() === '') return 'required';
    return label.trim().length > KIOSK_LABEL_MAX ? 'too_long' : null;
  }

  /** Creates a link and returns its token: the only time it is ever seen. */
  create(
    actor: Actor | null,
    label: string,
    ip: string | null = null,
  ): { ok: true; token: string } | { ok: false; error: KioskLabelError } {
    authorize(actor, 'kiosk.manage');
    const error = KioskService.labelError(label);
    if (error) return { ok: false, error };
    const token = newToken();
    const siteId = this.inventory.get().site.id;
    immediate(this.db, (tx) => {
      const now = this.clock.now();
      const id = insertKioskToken(tx, {
        siteId,
        label: label.trim(),
        tokenHash: hashToken(token),
        createdById: actor.id,
        createdAt: now,
      });
      this.audit({ at: now, actorId: actor.id, action: 'kiosk.created', details: { id, label: label.trim() }, ip });
    });
    return { ok: true, token };
  }

  /** Revokes a live link; an unknown or already revoked one is not found. */
  revoke(actor: Actor | null, id: number, ip: string | null = null): void {
    authorize(actor, 'kiosk.manage');
    const siteId = this.inventory.get().site.id;
    immediate(this.db, (tx) => {
      const now = this.clock.now();
      if (!revokeKioskToken(tx, siteId, id, now)) throw new NotFound();
      this.audit({ at: now, actorId: actor.id, action: 'kiosk.revoked', details: { id }, ip });
    });
  }
}
