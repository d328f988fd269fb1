// Public rates per resource kind, with their history: admins add a rate from a start date
// (none is edited or deleted, so a past report keeps its value). Audited.
import { auditLogWriter } from '../db/audit.js';
import { immediate, type Db } from '../db/connection.js';
import { insertPublicRate, publicRateHistory, type PublicRateRow } from '../db/reports.js';
import { RESOURCE_KINDS } from '../domain/types.js';
import type { Clock } from '../domain/clock.js';
import { isAcceptedYear, isLocalDate, parseLocalDate } from '../domain/local-date.js';
import { authorize, type Actor } from './authz.js';

export const RATE_UNITS = ['hour', 'half_day'] as const;
/** One million euros: far above any rate, low enough to stay an exact integer of cents. */
const MAX_CENTS = 100_000_000;

export interface RateInput {
  kind: string;
  unit: string;
  /** Euros excluding VAT as typed: "12", "12.5", "12,50". */
  amount: string;
  startsOn: string;
}

export type RateErrors = Partial<Record<'kind' | 'unit' | 'amount' | 'startsOn', 'invalid' | 'required'>>;

export type RateOutcome = { ok: true; id: number } | { ok: false; errors: RateErrors };

/** Euros as typed, to integer cents; null when not a positive amount with at most two decimals. */
export function parseEuros(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_CENTS ? cents : null;
}

export class PublicRateService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  history(actor: Actor | null): PublicRateRow[] {
    authorize(actor, 'publicRates.manage');
    return publicRateHistory(this.db);
  }

  add(actor: Actor | null, input: RateInput, ip: string | null = null): RateOutcome {
    authorize(actor, 'publicRates.manage');
    const errors: RateErrors = {};
    const kind = (RESOURCE_KINDS as readonly string[]).includes(input.kind)
      ? (input.kind as (typeof RESOURCE_KINDS)[number])
      : null;
    if (!kind) errors.kind = input.kind ? 'invalid' : 'required';
    const unit = (RATE_UNITS as readonly string[]).includes(input.unit)
      ? (input.unit as (typeof RATE_UNITS)[number])
      : null;
    if (!unit) errors.unit = input.unit ? 'invalid' : 'required';
    const amountCents = parseEuros(input.amount);
    if (amountCents === null) errors.amount = input.amount.trim() ? 'invalid' : 'required';
    const date = input.startsOn.trim();
    if (!isLocalDate(date) || !isAcceptedYear(parseLocalDate(date)!.year))
      errors.startsOn = date ? 'invalid' : 'required';
    if (!kind || !unit || amountCents === null || errors.startsOn) return { ok: false, errors };
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const id = insertPublicRate(tx, {
        resourceKind: kind,
        unit,
        amountCents,
        startsOn: date,
        createdById: actor.id,
        createdAt: now,
      });
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'public_rate.added',
        details: { id, kind, unit, amountCents, startsOn: date },
        ip,
      });
      return { ok: true, id };
    });
  }
}
