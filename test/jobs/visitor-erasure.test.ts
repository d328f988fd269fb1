// GDPR erasure of visitors with a controllable clock: kept through the 30 days after the day
// they were expected, erased at the start of the next local day, once, with their arrival mail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVisitorErasureJob } from '../../src/jobs/visitor-erasure.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { actorOf } from '../helpers/people.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const count = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;
const staffId = () =>
  (t.db.$client.prepare("SELECT id FROM members WHERE role = 'frontdesk'").get() as { id: number }).id;
const memberId = () =>
  (t.db.$client.prepare("SELECT id FROM members WHERE email LIKE 'camille%'").get() as { id: number }).id;

describe('visitor erasure', () => {
  it('erases a visitor 30 days after the expected day (Paris), not before, and only once', async () => {
    const visitors = t.app.services.visitors;
    const host = actorOf(t.db, memberId());
    const staff = actorOf(t.db, staffId());
    const expected = visitors.register(host, {
      name: 'Zora Effacée',
      organisation: 'ACME',
      date: '2026-12-08',
      time: '10:00',
    });
    const kept = visitors.register(host, { name: 'Yann Gardé', organisation: '', date: '2026-12-09', time: '10:00' });
    if (!expected.ok || !kept.ok) throw new Error('registration refused');
    t.clock.set(Date.UTC(2026, 11, 8, 9, 5));
    visitors.arrive(staff, expected.visitor.id);
    expect(count("SELECT count(*) AS n FROM outbox WHERE kind = 'visitor-arrived'")).toBe(1);
    const job = createVisitorErasureJob({ db: t.db, clock: t.clock });

    // 7 January 2027, 23:59 in Paris: the 30 days after 8 December are not over.
    t.clock.set(Date.UTC(2027, 0, 7, 22, 59));
    expect(job.runOnce()).toEqual({ erased: 0 });
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(2);

    // 8 January, midnight in Paris: erased, with the mail that named them.
    t.clock.set(Date.UTC(2027, 0, 7, 23, 0));
    expect(job.runOnce()).toEqual({ erased: 1 });
    expect(count(`SELECT count(*) AS n FROM visitors WHERE id = ${expected.visitor.id}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM visitors WHERE id = ${kept.visitor.id}`)).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE kind = 'visitor-arrived'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE details LIKE '%Zora%' OR details LIKE '%ACME%'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'visitor.erased'")).toBe(1);
    expect(job.runOnce()).toEqual({ erased: 0 });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'visitor.erased'")).toBe(1);

    t.clock.set(Date.UTC(2027, 0, 8, 23, 0));
    expect(job.runOnce()).toEqual({ erased: 1 });
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(0);
  });

  it('runs by itself once started, and stops', async () => {
    const host = actorOf(t.db, memberId());
    const registered = t.app.services.visitors.register(host, {
      name: 'Old',
      organisation: '',
      date: '2026-12-08',
      time: '10:00',
    });
    expect(registered.ok).toBe(true);
    t.clock.set(Date.UTC(2027, 1, 1, 12));
    const job = createVisitorErasureJob({ db: t.db, clock: t.clock, intervalMs: 60_000 });
    job.start();
    await expect.poll(() => count('SELECT count(*) AS n FROM visitors'), { timeout: 10_000 }).toBe(0);
    job.stop();
  });
});
