// Members and organisations written straight into the test database, and the Actor the
// services see for them. (Signing in through HTTP is test/helpers/auth.ts.)
import type { Db } from '../../src/db/connection.js';
import type { Actor, InductionKind, Role } from '../../src/services/authz.js';

let counter = 0;

export function createOrganisation(
  db: Db,
  options: { name?: string; quotaRoomMinutes?: number | null; quotaDeskHalfDays?: number | null } = {},
): number {
  counter += 1;
  const row = db.$client
    .prepare(
      `INSERT INTO organisations (name, kind, programme, starts_on,
         quota_room_minutes_per_month, quota_desk_half_days_per_month, created_at)
       VALUES (?, 'association', 'coworking', '2026-01-01', ?, ?, 0) RETURNING id`,
    )
    .get(
      options.name ?? `Organisation ${counter}`,
      options.quotaRoomMinutes ?? null,
      options.quotaDeskHalfDays ?? null,
    ) as { id: number };
  // The quotas the engine reads are those of the plan in force: the organisation's first plan.
  db.$client
    .prepare(
      `INSERT INTO organisation_plans (organisation_id, name, starts_on, room_minutes_per_month,
         desk_half_days_per_month, created_at)
       VALUES (?, '', '2026-01-01', ?, ?, 0)`,
    )
    .run(row.id, options.quotaRoomMinutes ?? null, options.quotaDeskHalfDays ?? null);
  return row.id;
}

export function createMember(
  db: Db,
  options: {
    name?: string;
    role?: Role;
    organisationId?: number;
    lead?: boolean;
    inductions?: InductionKind[];
    language?: 'fr' | 'en';
  } = {},
): number {
  counter += 1;
  const { id } = db.$client
    .prepare(
      `INSERT INTO members (email, name, role, language, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, 0) RETURNING id`,
    )
    .get(
      `person${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      options.name ?? `Person ${counter}`,
      options.role ?? 'member',
      options.language ?? 'fr',
    ) as { id: number };
  if (options.organisationId !== undefined) {
    db.$client
      .prepare('INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, ?)')
      .run(id, options.organisationId, options.lead ? 1 : 0);
  }
  for (const kind of options.inductions ?? []) {
    db.$client.prepare('INSERT INTO inductions (member_id, resource_kind, recorded_at) VALUES (?, ?, 0)').run(id, kind);
  }
  return id;
}

export function actorOf(db: Db, memberId: number): Actor {
  const member = db.$client.prepare('SELECT id, role FROM members WHERE id = ?').get(memberId) as {
    id: number;
    role: Role;
  };
  const memberships = db.$client
    .prepare(
      'SELECT organisation_id AS org, is_lead AS lead FROM memberships WHERE member_id = ? ORDER BY organisation_id',
    )
    .all(memberId) as { org: number; lead: number }[];
  const inductions = (
    db.$client.prepare('SELECT resource_kind AS kind FROM inductions WHERE member_id = ?').all(memberId) as {
      kind: InductionKind;
    }[]
  ).map((r) => r.kind);
  return {
    id: member.id,
    role: member.role,
    organisationIds: memberships.map((m) => m.org),
    leadOf: memberships.filter((m) => m.lead === 1).map((m) => m.org),
    inductions,
  };
}

export function resourceId(db: Db, slug: string): number {
  const row = db.$client.prepare('SELECT id FROM resources WHERE slug = ?').get(slug) as { id: number } | undefined;
  if (!row) throw new Error(`no resource ${slug}`);
  return row.id;
}
