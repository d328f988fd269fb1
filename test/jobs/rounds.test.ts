// Every job's timing: a round at start, then one per interval; a failed round is logged and
// the next still comes; stop() ends them.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { rounds } from '../../src/jobs/rounds.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('runs at once, then every interval, goes on after a failure, and stops', async () => {
  const errors: unknown[] = [];
  const log = { info: () => {}, warn: () => {}, error: (obj: unknown) => errors.push(obj) };
  let calls = 0;
  const timed = rounds('test', 1_000, () => {
    calls += 1;
    if (calls === 2) throw new Error('disk on fire');
  });
  timed.start(log);
  timed.start(log);
  await vi.advanceTimersByTimeAsync(0);
  expect(calls).toBe(1);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(calls).toBe(2);
  expect(errors).toEqual([{ error: 'disk on fire' }]);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(calls).toBe(3);
  timed.stop();
  await vi.advanceTimersByTimeAsync(5_000);
  expect(calls).toBe(3);
});
