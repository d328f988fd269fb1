import { describe, expect, it } from 'vitest';
import { checkVisitor, visitorErasureCutoff } from '../../src/domain/visitors.js';

const zone = 'Europe/Paris';
const weekdays = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens: '08:30', closes: '19:00' }));
/** Monday 7 December 2026, 10:00 in Paris. */
const now = Date.UTC(2026, 11, 7, 9);
const site = { now, zone, periods: weekdays, closures: [] };
const input = { name: ' Alice ', organisation: ' ACME ', date: '2026-12-08', time: '10:00' };

describe('checkVisitor', () => {
  it('accepts a visitor expected while the site is open, trimmed, at the instant in Paris', () => {
    expect(checkVisitor(input, site)).toEqual({
      ok: true,
      visitor: { name: 'Alice', organisation: 'ACME', expectedAt: Date.UTC(2026, 11, 8, 9) },
    });
  });

  it('reports every problem against its field', () => {
    expect(checkVisitor({ name: '', organisation: 'x'.repeat(101), date: '2026-13-01', time: '' }, site)).toEqual({
      ok: false,
      errors: { name: 'required', organisation: 'too_long', date: 'invalid', time: 'required' },
    });
    expect(checkVisitor({ ...input, time: '09:59', date: '2026-12-07' }, site)).toMatchObject({
      errors: { time: 'past' },
    });
    expect(checkVisitor({ ...input, time: '19:00' }, site)).toMatchObject({ errors: { time: 'closed' } });
    expect(checkVisitor({ ...input, date: '2026-12-13' }, site)).toMatchObject({ errors: { time: 'closed' } });
    const closed = {
      ...site,
      closures: [{ resourceId: null, start: Date.UTC(2026, 11, 7, 23), end: Date.UTC(2026, 11, 8, 23) }],
    };
    expect(checkVisitor(input, closed)).toMatchObject({ errors: { time: 'closed' } });
    const oneRoom = {
      ...site,
      closures: [{ resourceId: 4, start: Date.UTC(2026, 11, 7, 23), end: Date.UTC(2026, 11, 8, 23) }],
    };
    expect(checkVisitor(input, oneRoom).ok).toBe(true);
  });
});

describe('visitorErasureCutoff', () => {
  it('keeps the 30 days after the expected day, in Paris, across a change of clock', () => {
    // 8 January 2027 at 00:00 in Paris: visitors expected before 9 December are erased.
    expect(visitorErasureCutoff(Date.UTC(2027, 0, 7, 23), zone)).toBe(Date.UTC(2026, 11, 8, 23));
    expect(visitorErasureCutoff(Date.UTC(2027, 0, 7, 22, 59), zone)).toBe(Date.UTC(2026, 11, 7, 23));
    // 27 April 2027 (summer time): 28 March, the day the clocks went forward, started at 23:00 UTC.
    expect(visitorErasureCutoff(Date.UTC(2027, 3, 27, 12), zone)).toBe(Date.UTC(2027, 2, 27, 23));
  });
});
