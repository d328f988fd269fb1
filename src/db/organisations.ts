// Queries of organisations: their plans (monthly quotas), their people and leads.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { organisations } from './schema.js';

export type OrganisationRow = typeof organisations.$inferSelect;

/** An organisation's plan: monthly quotas in the site's zone, null = unlimited. */
export interface OrganisationPlan {
  name: string;
  roomMinutes: number | null;
  deskHalfDays: number | null;
}

/** The plan of an organisation id, read on every booking that counts against a quota: prepared once. */
export function organisationPlanQuery(db: Db): (organisationId: number) => OrganisationPlan | undefined {
  const plan = db
    .select({
      name: organisations.name,
      roomMinutes: organisations.quotaRoomMinutesPerMonth,
      deskHalfDays: organisations.quotaDeskHalfDaysPerMonth,
    })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder('organisationId')))
    .prepare();
  return (organisationId) => plan.get({ organisationId });
}
