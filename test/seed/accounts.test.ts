// Demo accounts: created on a first start and by the seed command, with DEMO_PASSWORD or a
// random password printed once; idempotent; never in production.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { seedAll } from '../../seed/index.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION } from '../../seed/demo-accounts.js';
import { DEFAULT_NOW, mutableClock, tempDir } from '../helpers/app.js';
import { signIn } from '../helpers/auth.js';

const opened: { db: Db; dir: string }[] = [];
function fresh(env: Record<string, string> = {}) {
  const dir = tempDir();
  const config = loadConfig({ DATABASE_PATH: path.join(dir, 'seed.sqlite'), LOG_LEVEL: 'silent', ...env }, dir);
  const db = openDatabase(config.databasePath);
  opened.push({ db, dir });
  return { config, db };
}
afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const emails = Object.values(DEMO_ACCOUNTS).map((a) => a.email);

describe('demo accounts', () => {
  it('are an admin, a front-desk agent, a lead and two members of a demo organisation with a plan, one inducted', async () => {
    const { config, db } = fresh({ DEMO_PASSWORD: 'a-demo-password' });
    await seedAll(db, config, DEFAULT_NOW);
    const rows = db.$client
      .prepare(
        `SELECT m.email, m.role, ms.is_lead AS lead, o.name AS org,
                (SELECT group_concat(resource_kind) FROM inductions i WHERE i.member_id = m.id) AS inductions
         FROM members m LEFT JOIN memberships ms ON ms.member_id = m.id
         LEFT JOIN organisations o ON o.id = ms.organisation_id ORDER BY m.id`,
      )
      .all();
    expect(rows).toEqual([
      { email: DEMO_ACCOUNTS.admin.email, role: 'admin', lead: null, org: null, inductions: null },
      { email: DEMO_ACCOUNTS.frontdesk.email, role: 'frontdesk', lead: null, org: null, inductions: null },
      { email: DEMO_ACCOUNTS.lead.email, role: 'member', lead: 1, org: DEMO_ORGANISATION.name, inductions: null },
      {
        email: DEMO_ACCOUNTS.member.email,
        role: 'member',
        lead: 0,
        org: DEMO_ORGANISATION.name,
        inductions: 'digital_studio',
      },
      { email: DEMO_ACCOUNTS.member2.email, role: 'member', lead: 0, org: DEMO_ORGANISATION.name, inductions: null },
    ]);
    const org = db.$client
      .prepare(
        'SELECT quota_room_minutes_per_month AS rooms, quota_desk_half_days_per_month AS desks, programme FROM organisations',
      )
      .get();
    expect(org).toEqual({ rooms: 600, desks: 20, programme: 'entrepreneurship' });
    const hash = (db.$client.prepare('SELECT password_hash AS h FROM members LIMIT 1').get() as { h: string }).h;
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('print their e-mails and DEMO_PASSWORD, and every one of them can sign in', async () => {
    const { config, db } = fresh({ DEMO_PASSWORD: 'a-demo-password' });
    const report = await seedAll(db, config, DEFAULT_NOW);
    const printed = report.lines.join('\n');
    for (const email of emails) expect(printed).toContain(email);
    expect(printed).toContain('a-demo-password');
    const app = await buildApp({ config, db, clock: mutableClock(DEFAULT_NOW), logger: false });
    try {
      for (const email of emails) await signIn(app, email, 'a-demo-password');
    } finally {
      await app.close();
    }
  });

  it('get a random password without DEMO_PASSWORD, printed once; seeding again changes nothing', async () => {
    const { config, db } = fresh();
    const first = await seedAll(db, config, DEFAULT_NOW);
    const password = /password: (\S+)/.exec(first.lines.join('\n'))?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const second = await seedAll(db, config, DEFAULT_NOW);
    expect(second.lines.join('\n')).not.toContain(password);
    expect(second.lines.join('\n')).toContain('Demo accounts: already there');
    expect((db.$client.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(5);
    const app = await buildApp({ config, db, clock: mutableClock(DEFAULT_NOW), logger: false });
    try {
      await signIn(app, DEMO_ACCOUNTS.admin.email, password);
    } finally {
      await app.close();
    }
  });

  it('are never created with NODE_ENV=production', async () => {
    const { config, db } = fresh({ NODE_ENV: 'production', DEMO_PASSWORD: 'a-demo-password' });
    const report = await seedAll(db, config, DEFAULT_NOW);
    expect((db.$client.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(0);
    expect(report.lines.join('\n')).not.toContain('a-demo-password');
  });
});
