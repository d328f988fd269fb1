// The audit log: who did what to whom, when and from where. Written inside the transaction
// of the change it records, so a rolled-back change leaves no entry.
import {
  auditActionsSeen,
  auditEntries,
  auditLogWriter,
  auditNames,
  type AuditListRow,
  type AuditNames,
} from '../db/audit.js';
import type { Db } from '../db/connection.js';
import { authorize, type Actor } from './authz.js';

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_limited',
  'auth.sign_out',
  'auth.sessions_ended',
  'auth.password_reset_requested',
  'auth.password_reset',
  'member.invited',
  'member.invitation_accepted',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'member.profile_changed',
  'member.induction_recorded',
  'member.induction_removed',
  'organisation.created',
  'organisation.updated',
  'organisation.plan_added',
  'membership.added',
  'membership.removed',
  'membership.lead_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorId?: number | null;
  subjectType?: 'member' | 'organisation' | null;
  subjectId?: number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes an entry at `now`, inside the caller's transaction when there is one. */
export type AuditWriter = (entry: AuditEntry, now: number) => void;

/** An AuditWriter on `db`'s connection: its statement is prepared once. */
export function auditWriter(db: Db): AuditWriter {
  const write = auditLogWriter(db);
  return (entry, now) => write({ at: now, ...entry });
}

export interface AuditFilter {
  action?: string;
  /** Part of the actor's or the subject member's e-mail or name. */
  who?: string;
  from?: number;
  to?: number;
  page?: number;
}

export type AuditRow = AuditListRow;
export type { AuditNames };

export const AUDIT_PAGE_SIZE = 50;

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Every action the log holds (other areas write theirs too, e.g. bookings), for the filter. */
  actions(actor: Actor | null): string[] {
    authorize(actor, 'audit.view');
    const seen = auditActionsSeen(this.db);
    return [...new Set<string>([...AUDIT_ACTIONS, ...seen])].sort();
  }

  list(actor: Actor | null, filter: AuditFilter): { rows: AuditRow[]; hasMore: boolean } {
    authorize(actor, 'audit.view');
    const page = Math.max(1, filter.page ?? 1);
    const rows = auditEntries(this.db, {
      action: filter.action,
      who: filter.who,
      from: filter.from,
      to: filter.to,
      limit: AUDIT_PAGE_SIZE + 1,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    });
    return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
  }

  /** The names the entries refer to by id (in their subject or their details), so a page reads as sentences. */
  names(actor: Actor | null, rows: readonly AuditRow[]): AuditNames {
    authorize(actor, 'audit.view');
    const ids = { members: [], organisations: [], bookings: [], series: [], visitors: [] } as Record<
      'members' | 'organisations' | 'bookings' | 'series' | 'visitors',
      number[]
    >;
    const add = (list: number[], value: unknown) => {
      if (typeof value === 'number' && Number.isSafeInteger(value) && !list.includes(value)) list.push(value);
    };
    for (const r of rows) {
      if (r.subjectType === 'booking') add(ids.bookings, r.subjectId);
      if (r.subjectType === 'series') add(ids.series, r.subjectId);
      if (r.subjectType === 'visitor') add(ids.visitors, r.subjectId);
      add(ids.members, r.details.memberId);
      add(ids.members, r.details.hostMemberId);
      add(ids.organisations, r.details.organisationId);
    }
    return auditNames(this.db, ids);
  }
}
