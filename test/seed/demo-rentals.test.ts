// Demo rental requests: one in every state, written once, only with the demo day.
import { afterEach, expect, it } from 'vitest';
import { seedAll } from '../../seed/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

it('holds a request in every state, and a second seed adds none', async () => {
  t = await createTestApp({ env: { DEMO_DAY: 'true' } });
  const statuses = t.db.$client.prepare('SELECT DISTINCT status FROM rental_requests ORDER BY status').pluck().all();
  expect(statuses).toEqual(['cancelled', 'confirmed', 'declined', 'expired', 'held', 'option', 'quoted', 'requested']);
  const before = t.db.$client.prepare('SELECT count(*) FROM rental_requests').pluck().get();
  await seedAll(t.db, t.config, t.clock.now());
  expect(t.db.$client.prepare('SELECT count(*) FROM rental_requests').pluck().get()).toBe(before);
});

it('is off in tests by default', async () => {
  t = await createTestApp();
  expect(t.db.$client.prepare('SELECT count(*) FROM rental_requests').pluck().get()).toBe(0);
});
