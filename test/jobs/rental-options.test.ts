// The rental jobs on a controllable clock: an option warns its requester once before it
// lapses, expires at its date (freeing the space, telling the requester), a confirmed rental
// becomes held after its event, and an ended request's contact details are erased after the
// retention period.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';
import { post, requestRental } from '../helpers/rentals.js';
import { createRentalOptionJob } from '../../src/jobs/rental-options.js';
import { createRentalErasureJob } from '../../src/jobs/rental-erasure.js';

let t: TestApp;
let admin: Session;
beforeEach(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
});
afterEach(() => t.close());

const one = (sql: string, ...args: unknown[]) =>
  t.db.$client
    .prepare(sql)
    .pluck()
    .get(...args);
const mails = (kind: string) => one('SELECT count(*) FROM outbox WHERE kind = ?', kind) as number;
const jobs = () => {
  const deps = { db: t.db, clock: t.clock, rentals: t.app.services.rentals, outbox: { kick() {} } };
  return [createRentalOptionJob(deps), createRentalOptionJob(deps)];
};

it('warns once before an option lapses, then expires it and frees the space, exactly once', async () => {
  await requestRental(t.app);
  const id = one('SELECT max(id) FROM rental_requests') as number;
  // Option until Thursday 10 December included: it lapses at midnight Paris, 23:00 UTC on the 10th.
  expect((await post(t.app, admin, `/admin/rentals/${id}/option`, { until: '2026-12-10' })).statusCode).toBe(303);
  const until = one('SELECT option_until FROM rental_requests WHERE id = ?', id) as number;
  expect(until).toBe(Date.UTC(2026, 11, 10, 23, 0));
  const [a, b] = jobs();

  t.clock.set(until - 49 * 3_600_000);
  expect(a!.runOnce()).toEqual({ warned: 0, expired: 0, held: 0 });
  t.clock.set(until - 47 * 3_600_000);
  // Two processes' rounds: the warning goes once.
  a!.runOnce();
  b!.runOnce();
  expect(mails('rental-warning')).toBe(1);
  expect(one('SELECT status FROM rental_requests WHERE id = ?', id)).toBe('option');

  t.clock.set(until - 1);
  expect(a!.runOnce().expired).toBe(0);
  t.clock.set(until);
  expect(a!.runOnce().expired).toBe(1);
  expect(b!.runOnce().expired).toBe(0);
  expect(one('SELECT status FROM rental_requests WHERE id = ?', id)).toBe('expired');
  const bookingId = one('SELECT booking_id FROM rental_requests WHERE id = ?', id) as number;
  expect(one('SELECT status FROM bookings WHERE id = ?', bookingId)).toBe('released');
  expect(mails('rental-expired')).toBe(1);
  expect(mails('rental-warning')).toBe(1);
});

it('turns a confirmed rental into held once its event is over', async () => {
  await requestRental(t.app);
  const id = one('SELECT max(id) FROM rental_requests') as number;
  await post(t.app, admin, `/admin/rentals/${id}/quote`);
  await post(t.app, admin, `/admin/rentals/${id}/confirm`);
  const [job] = jobs();
  const end = one('SELECT ends_at FROM rental_requests WHERE id = ?', id) as number;
  t.clock.set(end - 1);
  expect(job!.runOnce().held).toBe(0);
  t.clock.set(end);
  expect(job!.runOnce().held).toBe(1);
  expect(one('SELECT status FROM rental_requests WHERE id = ?', id)).toBe('held');
  expect(job!.runOnce().held).toBe(0);
});

it('erases a declined request’s contact details after the retention period, not before', async () => {
  const sent = await requestRental(t.app);
  const id = one('SELECT max(id) FROM rental_requests') as number;
  await post(t.app, admin, `/admin/rentals/${id}/decline`, { message: 'Complet, désolés Nadia.' });
  const erasure = createRentalErasureJob({ db: t.db, clock: t.clock, rentals: t.app.services.rentals });
  t.clock.advance(359 * 86_400_000);
  expect(erasure.runOnce().erased).toBe(0);
  t.clock.advance(2 * 86_400_000);
  expect(erasure.runOnce().erased).toBe(1);
  const row = t.db.$client
    .prepare('SELECT contact_name, email, phone, purpose, erased_at, organisation FROM rental_requests WHERE id = ?')
    .get(id) as Record<string, unknown>;
  expect(row).toMatchObject({
    contact_name: '',
    email: '',
    phone: '',
    purpose: '',
    organisation: 'Les Amis du Quartier',
  });
  expect(row.erased_at).not.toBeNull();
  expect(one('SELECT group_concat(body) FROM rental_messages WHERE request_id = ?', id)).toBe('');
  expect((await t.app.inject({ method: 'GET', url: sent.url })).statusCode).toBe(404);
  expect(erasure.runOnce().erased).toBe(0);
});
