// Organisation plans with their history: monthly quotas from a start date. Admins add a plan
// (a new name or new quotas from a date on); the booking engine reads the plan in force for
// each month (booking-context.ts), and nothing is ever overwritten, so past months keep the
// quotas they were counted against.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { planInForceQuery, insertPlan, plansOf, type OrganisationPlan } from '../db/organisation-plans.js';
import { organisationById } from '../db/organisations.js';
import type { Clock } from '../domain/clock.js';
import { isLocalDate } from '../domain/local-date.js';
import { calendarMonthOf, planCutoff } from '../domain/quota.js';
import { auditWriter, type AuditWriter } from './audit.js';
import type { FieldErrors } from './accounts.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { Inventory } from './inventory.js';
import type { ClientInfo } from './sessions.js';

export type { OrganisationPlan };
export type PlanHistoryRow = ReturnType<typeof plansOf>[number];

export const PLAN_NAME_MAX = 80;
/** The largest quota accepted: far above a month's hours or half-days, far below overflow. */
export const PLAN_QUOTA_MAX = 100_000;

export interface PlanInput {
  name: unknown;
  startsOn: unknown;
  /** Meeting-room hours per month as typed ("7,5" or "7.5", a hundredth at most); empty = unlimited. */
  roomHours: unknown;
  /** Desk half-days per month, a whole number; empty = unlimited. */
  deskHalfDays: unknown;
}

export type PlanField = 'name' | 'startsOn' | 'roomHours' | 'deskHalfDays';

export interface PlanValues {
  name: string;
  startsOn: string;
  roomMinutesPerMonth: number | null;
  deskHalfDaysPerMonth: number | null;
}

/** A quota as typed: empty is no limit (null); undefined when it is not a number in range. */
function quota(raw: unknown, pattern: RegExp): number | null | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().replace(',', '.');
  if (!pattern.test(text)) return undefined;
  const value = Number(text);
  return value > PLAN_QUOTA_MAX ? undefined : value;
}

/** Validates the plan form: a name, a start date, quotas non-negative (hours, whole half-days) or empty. */
export function parsePlan(input: PlanInput): { values: PlanValues } | { errors: FieldErrors<PlanField> } {
  const errors: FieldErrors<PlanField> = {};
  const name = typeof input.name === 'string' ? input.name.trim().replace(/\s+/g, ' ') : '';
  if (name === '') errors.name = 'required';
  else if (name.length > PLAN_NAME_MAX) errors.name = 'too_long';
  const startsOn = typeof input.startsOn === 'string' ? input.startsOn.trim() : '';
  if (startsOn === '') errors.startsOn = 'required';
  else if (!isLocalDate(startsOn)) errors.startsOn = 'invalid';
  const roomHours = quota(input.roomHours, /^\d+(\.\d{1,2})?$/);
  if (roomHours === undefined) errors.roomHours = 'invalid';
  const deskHalfDays = quota(input.deskHalfDays, /^\d+$/);
  if (deskHalfDays === undefined) errors.deskHalfDays = 'invalid';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    values: {
      name,
      startsOn,
      roomMinutesPerMonth: roomHours == null ? null : Math.round(roomHours * 60),
      deskHalfDaysPerMonth: deskHalfDays ?? null,
    },
  };
}

export class OrganisationPlanService {
  private readonly audit: AuditWriter;
  private readonly planInForce: ReturnType<typeof planInForceQuery>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly inventory: Inventory,
  ) {
    this.audit = auditWriter(db);
    this.planInForce = planInForceQuery(db);
  }

  /** Every plan of the organisation, the latest start first: staff, or a lead of it. */
  history(actor: Actor | null, organisationId: number): PlanHistoryRow[] {
    authorize(actor, 'team.view', { id: organisationId });
    return plansOf(this.db, organisationId);
  }

  /** The plan in force this month (site zone), read without a permission check: callers have made theirs. */
  thisMonth(organisationId: number): OrganisationPlan | undefined {
    const month = calendarMonthOf(this.clock.now(), this.inventory.get().site.timezone);
    return this.planInForce(organisationId, planCutoff(month));
  }

  add(
    actor: Actor | null,
    organisationId: number,
    input: PlanInput,
    ctx: ClientInfo,
  ): { kind: 'saved'; id: number } | { kind: 'problems'; errors: FieldErrors<PlanField> } {
    authorize(actor, 'organisation.edit', { id: organisationId });
    const parsed = parsePlan(input);
    return immediate(this.db, (tx) => {
      if (!organisationById(tx, organisationId)) throw new NotFound();
      if ('errors' in parsed) return { kind: 'problems' as const, errors: parsed.errors };
      const now = this.clock.now();
      const id = this.addIn(tx, organisationId, parsed.values, actor.id, now);
      this.audit(
        {
          action: 'organisation.plan_added',
          actorId: actor.id,
          subjectType: 'organisation',
          subjectId: organisationId,
          details: { planId: id, ...parsed.values },
          ip: ctx.ip,
        },
        now,
      );
      return { kind: 'saved' as const, id };
    });
  }

  /** Writes a plan inside the caller's transaction (a new organisation's first plan too). */
  addIn(tx: Db, organisationId: number, values: PlanValues, actorId: number | null, now: number): number {
    return insertPlan(tx, { organisationId, ...values, createdById: actorId, createdAt: now });
  }
}
