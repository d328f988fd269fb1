// The audit log: who did what to whom, when and from where. Written inside the transaction
// of the change it records, so a rolled-back change leaves no entry.
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/connection.js';
import { auditLog, members, organisations } from '../db/schema.js';
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

export function writeAudit(tx: Db, entry: AuditEntry, now: number): void {
  tx.insert(auditLog)
    .values({
      at: now,
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? {},
      ip: entry.ip ?? null,
    })
    .run();
}

export interface AuditFilter {
  action?: string;
  /** Part of the actor's or the subject member's e-mail or name. */
  who?: string;
  from?: number;
  to?: number;
  page?: number;
}

export interface AuditRow {
  id: number;
  at: number;
  action: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  subjectType: string | null;
  subjectId: number | null;
  subjectName: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Every action the log holds (other areas write theirs too, e.g. bookings), for the filter. */
  actions(actor: Actor | null): string[] {
    authorize(actor, 'audit.view');
    const seen = this.db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((r) => r.action);
    return [...new Set<string>([...AUDIT_ACTIONS, ...seen])].sort();
  }

  list(actor: Actor | null, filter: AuditFilter): { rows: AuditRow[]; hasMore: boolean } {
    authorize(actor, 'audit.view');
    const actorM = alias(members, 'actor_m');
    const subjectM = alias(members, 'subject_m');
    const where: SQL[] = [];
    if (filter.action) where.push(eq(auditLog.action, filter.action));
    if (filter.from !== undefined) where.push(gte(auditLog.at, filter.from));
    if (filter.to !== undefined) where.push(lt(auditLog.at, filter.to));
    if (filter.who) {
      const pattern = `%${filter.who.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
      const likeEsc = (col: SQL | AnySQLiteColumn) => sql`lower(${col}) LIKE ${pattern} ESCAPE '\\'`;
      where.push(
        or(
          likeEsc(actorM.email),
          likeEsc(actorM.name),
          likeEsc(subjectM.email),
          likeEsc(subjectM.name),
          likeEsc(organisations.name),
          likeEsc(sql`json_extract(${auditLog.details}, '$.email')`),
        )!,
      );
    }
    const page = Math.max(1, filter.page ?? 1);
    const rows = this.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorId: auditLog.actorId,
        actorName: actorM.name,
        actorEmail: actorM.email,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        subjectName: sql<string | null>`coalesce(${subjectM.name}, ${organisations.name})`,
        details: auditLog.details,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .leftJoin(actorM, eq(actorM.id, auditLog.actorId))
      .leftJoin(subjectM, and(eq(auditLog.subjectType, 'member'), eq(subjectM.id, auditLog.subjectId)))
      .leftJoin(organisations, and(eq(auditLog.subjectType, 'organisation'), eq(organisations.id, auditLog.subjectId)))
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE + 1)
      .offset((page - 1) * AUDIT_PAGE_SIZE)
      .all();
    return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
  }
}
