// Queries of organisation plans (monthly quotas with their history). The plan in force before
// a local date is read on every booking that counts against a quota: prepared once, it walks
// organisation_plans_org_start backwards from that date and stops at the first row.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { members, organisationPlans, organisations } from './schema.js';

export type OrganisationPlanRow = typeof organisationPlans.$inferSelect;

/** An organisation's plan for a month: its name and monthly quotas in the site's zone, null = unlimited. */
export interface OrganisationPlan {
  name: string;
  roomMinutes: number | null;
  deskHalfDays: number | null;
}

const p = sql.placeholder;

/**
 * The organisation (its name) with the quotas of its latest plan starting before `before`
 * (a local date, the first day after the month asked about); no plan yet: no limit.
 * Undefined when there is no such organisation.
 */
export function planInForceQuery(db: Db): (organisationId: number, before: string) => OrganisationPlan | undefined {
  const inForce = db
    .select({ id: organisationPlans.id })
    .from(organisationPlans)
    .where(and(eq(organisationPlans.organisationId, organisations.id), lt(organisationPlans.startsOn, p('before'))))
    .orderBy(desc(organisationPlans.startsOn), desc(organisationPlans.id))
    .limit(1);
  const query = db
    .select({
      name: organisations.name,
      roomMinutes: organisationPlans.roomMinutesPerMonth,
      deskHalfDays: organisationPlans.deskHalfDaysPerMonth,
    })
    .from(organisations)
    .leftJoin(organisationPlans, eq(organisationPlans.id, sql`(${inForce})`))
    .where(eq(organisations.id, p('organisationId')))
    .prepare();
  return (organisationId, before) => query.get({ organisationId, before });
}

/** An organisation's plans, the latest start first, with who added each. */
export function plansOf(db: Db, organisationId: number) {
  return db
    .select({
      id: organisationPlans.id,
      name: organisationPlans.name,
      startsOn: organisationPlans.startsOn,
      roomMinutes: organisationPlans.roomMinutesPerMonth,
      deskHalfDays: organisationPlans.deskHalfDaysPerMonth,
      createdAt: organisationPlans.createdAt,
      createdByName: members.name,
    })
    .from(organisationPlans)
    .leftJoin(members, eq(members.id, organisationPlans.createdById))
    .where(eq(organisationPlans.organisationId, organisationId))
    .orderBy(desc(organisationPlans.startsOn), desc(organisationPlans.id))
    .all();
}

export function insertPlan(db: Db, plan: Omit<OrganisationPlanRow, 'id'>): number {
  return db.insert(organisationPlans).values(plan).returning({ id: organisationPlans.id }).get().id;
}
