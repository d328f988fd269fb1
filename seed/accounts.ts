// Demo accounts and their organisation. Idempotent: an account that exists is left alone
// (its password is not reset), so the password is printed only when accounts are created.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Config } from '../src/config.js';
import { immediate, type Db } from '../src/db/connection.js';
import { inductions, members, memberships, organisationPlans, organisations, sites } from '../src/db/schema.js';
import { hashPassword } from '../src/services/passwords.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION } from './demo-accounts.js';

export interface DemoAccountsReport {
  created: string[];
  /** The password of the accounts just created; null when none was created. */
  password: string | null;
  passwordFromEnv: boolean;
}

/** 18 random bytes: 24 URL-safe characters, easy to copy from a terminal. */
function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function seedDemoAccounts(db: Db, config: Config, now: number): Promise<DemoAccountsReport> {
  const missing = Object.values(DEMO_ACCOUNTS).filter(
    (a) => !db.select({ id: members.id }).from(members).where(eq(members.email, a.email)).get(),
  );
  if (missing.length === 0) return { created: [], password: null, passwordFromEnv: false };
  const password = config.demoPassword ?? randomPassword();
  const passwordHash = await hashPassword(password);
  const created = immediate(db, (tx) => {
    const zone = tx.select({ timezone: sites.timezone }).from(sites).limit(1).get()?.timezone ?? 'Europe/Paris';
    let org = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, DEMO_ORGANISATION.name))
      .get();
    if (!org) {
      const start = DateTime.fromMillis(now, { zone }).startOf('month');
      org = tx
        .insert(organisations)
        .values({
          ...DEMO_ORGANISATION,
          startsOn: start.toISODate()!,
          endsOn: start.plus({ months: 6 }).minus({ days: 1 }).toISODate()!,
          createdAt: now,
        })
        .returning({ id: organisations.id })
        .get();
      // Its quotas are those of its first plan, from its start.
      tx.insert(organisationPlans)
        .values({
          organisationId: org.id,
          name: '',
          startsOn: start.toISODate()!,
          roomMinutesPerMonth: DEMO_ORGANISATION.quotaRoomMinutesPerMonth,
          deskHalfDaysPerMonth: DEMO_ORGANISATION.quotaDeskHalfDaysPerMonth,
          createdAt: now,
        })
        .run();
    }
    const emails: string[] = [];
    let adminId: number | null =
      tx.select({ id: members.id }).from(members).where(eq(members.email, DEMO_ACCOUNTS.admin.email)).get()?.id ?? null;
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const inserted = tx
        .insert(members)
        .values({
          email: account.email,
          name: account.name,
          role: account.role,
          passwordHash,
          language: 'fr',
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: members.id })
        .all()[0];
      if (!inserted) continue;
      emails.push(account.email);
      if (account.role === 'admin') adminId = inserted.id;
      if (account.member)
        tx.insert(memberships)
          .values({ memberId: inserted.id, organisationId: org.id, isLead: account.lead })
          .onConflictDoNothing()
          .run();
      if (account.induction)
        tx.insert(inductions)
          .values({ memberId: inserted.id, resourceKind: account.induction, recordedById: adminId, recordedAt: now })
          .onConflictDoNothing()
          .run();
    }
    return emails;
  });
  return { created, password: created.length > 0 ? password : null, passwordFromEnv: config.demoPassword !== null };
}
