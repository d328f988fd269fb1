// The demo day: written by the seed outside production (DEMO_DAY), on the next open day, with
// check-ins, a no-show, a guest and visitors; written once however often the seed runs; off
// in tests by default, and refused in production.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { seedAll } from '../../seed/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const rows = <T>(sql: string) => t!.db.$client.prepare(sql).all() as T[];
const count = (sql: string) => (t!.db.$client.prepare(sql).get() as { n: number }).n;

describe('demo day', () => {
  it('is off in tests: no bookings, no visitors', async () => {
    t = await createTestApp();
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(0);
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(0);
  });

  it('writes bookings with check-ins, a no-show, a guest, and visitors, once', async () => {
    // Saturday 5 December 2026: the next open day is Monday 7.
    const now = Date.UTC(2026, 11, 5, 9);
    t = await createTestApp({ now, env: { DEMO_DAY: 'true' } });
    const bookings = rows<{
      status: string;
      checked_in_at: number | null;
      guest_name: string | null;
      starts_at: number;
    }>(
      // The demo rentals' holds are on other days (test/seed/demo-rentals.test.ts).
      'SELECT status, checked_in_at, guest_name, starts_at FROM bookings WHERE id NOT IN (SELECT booking_id FROM rental_requests WHERE booking_id IS NOT NULL)',
    );
    expect(bookings.length).toBeGreaterThanOrEqual(6);
    expect(bookings.filter((b) => b.checked_in_at !== null).length).toBeGreaterThanOrEqual(2);
    expect(bookings.filter((b) => b.status === 'released')).toHaveLength(1);
    expect(bookings.filter((b) => b.guest_name !== null)).toHaveLength(1);
    const monday = { from: Date.UTC(2026, 11, 6, 23), to: Date.UTC(2026, 11, 7, 23) };
    expect(bookings.every((b) => b.starts_at >= monday.from && b.starts_at < monday.to)).toBe(true);
    const visitors = rows<{ arrived_at: number | null }>('SELECT arrived_at FROM visitors');
    expect(visitors.length).toBeGreaterThanOrEqual(2);
    expect(visitors.filter((v) => v.arrived_at !== null)).toHaveLength(1);
    // A member's list and the staff list read them like any booking.
    const before = count('SELECT count(*) AS n FROM bookings');
    const report = await seedAll(t.db, t.config, now);
    expect(report.lines.join('\n')).not.toMatch(/Demo day/);
    expect(count('SELECT count(*) AS n FROM bookings')).toBe(before);
    expect(count('SELECT count(*) AS n FROM visitors')).toBe(visitors.length);
  });

  it('defaults to on outside production, off in production, where turning it on is refused', () => {
    expect(loadConfig({}).demoDay).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).demoDay).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DAY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ DEMO_DAY: 'maybe' })).toThrow(/^DEMO_DAY: must be true or false/);
  });
});
