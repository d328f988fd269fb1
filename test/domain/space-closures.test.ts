// Closures as admins write them: the form's validation (a table), the instants of a span on
// the site's wall clock, weekly and yearly repetition across DST changes, the bookings hit.
import { describe, expect, it } from 'vitest';
import {
  bookingsFallingOn,
  closureOccurrences,
  closureSpan,
  validateClosure,
  type ClosureForm,
} from '../../src/domain/space-closures.js';

const PARIS = 'Europe/Paris';
const form = (fields: Partial<ClosureForm>): ClosureForm => ({
  resource: '',
  start: '2026-12-09',
  end: '',
  startTime: '',
  endTime: '',
  reason: 'Travaux',
  reasonEn: '',
  kind: '',
  repeat: '',
  repeatUntil: '',
  ...fields,
});
const RESOURCES = new Set([3, 4]);

describe('validateClosure', () => {
  it.each<[string, Partial<ClosureForm>, Record<string, string>]>([
    ['a whole day of the site', {}, {}],
    ['one resource, some hours', { resource: '3', startTime: '08:00', endTime: '12:00' }, {}],
    ['an unknown resource', { resource: '9' }, { resource: 'unknown' }],
    ['a resource id that is no number', { resource: '3 OR 1=1' }, { resource: 'unknown' }],
    ['no start', { start: '' }, { start: 'required' }],
    ['a start that is no date', { start: '2026-02-30' }, { start: 'invalid' }],
    ['an end before the start', { end: '2026-12-08' }, { end: 'before_start' }],
    ['an end time before the start time', { startTime: '12:00', endTime: '08:00' }, { end: 'before_start' }],
    ['a time that is no time', { startTime: '8h' }, { startTime: 'invalid' }],
    ['a year and more', { end: '2027-12-31' }, { end: 'too_long' }],
    ['no reason', { reason: '   ' }, { reason: 'required' }],
    ['a reason too long', { reason: 'x'.repeat(201) }, { reason: 'too_long' }],
    ['an unknown kind', { kind: 'party' }, { kind: 'invalid' }],
    ['an unknown repetition', { repeat: 'daily' }, { repeat: 'invalid' }],
    [
      'a weekly closure of 7 days',
      { end: '2026-12-16', repeat: 'weekly', repeatUntil: '2027-01-31' },
      { repeat: 'too_long' },
    ],
    ['a repetition without an end', { repeat: 'weekly' }, { repeatUntil: 'required' }],
    [
      'a repetition ending before it starts',
      { repeat: 'yearly', repeatUntil: '2026-01-01' },
      { repeatUntil: 'before_start' },
    ],
    ['a repetition of more than 5 years', { repeat: 'yearly', repeatUntil: '2032-12-31' }, { repeatUntil: 'too_long' }],
  ])('%s', (_name, fields, errors) => {
    const result = validateClosure(form(fields), RESOURCES);
    expect(result.ok ? {} : result.errors).toEqual(errors);
  });

  it('gives the plan: trimmed reason, the end defaulting to the start, no English reason when empty', () => {
    const result = validateClosure(form({ reason: '  Peinture ', resource: '4' }), RESOURCES);
    expect(result).toEqual({
      ok: true,
      plan: {
        resourceId: 4,
        startDate: '2026-12-09',
        endDate: '2026-12-09',
        startMinutes: null,
        endMinutes: null,
        reason: 'Peinture',
        reasonEn: null,
        kind: 'other',
        repeat: 'none',
        repeatUntil: null,
      },
    });
  });
});

describe('closureSpan and closureOccurrences', () => {
  const plan = (fields: Partial<ClosureForm>) => {
    const result = validateClosure(form(fields), RESOURCES);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.plan;
  };

  it('a whole day runs from local midnight to the next, on the 23-hour day of spring too', () => {
    expect(closureSpan(plan({ start: '2026-12-09' }), PARIS)).toEqual({
      start: Date.UTC(2026, 11, 8, 23),
      end: Date.UTC(2026, 11, 9, 23),
    });
    const spring = closureSpan(plan({ start: '2026-03-29' }), PARIS);
    expect(spring.end - spring.start).toBe(23 * 3600_000);
  });

  it('repeats a Monday morning weekly at the same wall-clock hours across the change to summer time', () => {
    const p = plan({
      start: '2026-03-23',
      startTime: '08:00',
      endTime: '12:00',
      repeat: 'weekly',
      repeatUntil: '2026-04-06',
    });
    const span = closureSpan(p, PARIS);
    const all = closureOccurrences({ ...span, repeat: p.repeat, repeatUntil: p.repeatUntil }, PARIS);
    expect(all).toEqual([
      { start: Date.UTC(2026, 2, 23, 7), end: Date.UTC(2026, 2, 23, 11) },
      { start: Date.UTC(2026, 2, 30, 6), end: Date.UTC(2026, 2, 30, 10) },
      { start: Date.UTC(2026, 3, 6, 6), end: Date.UTC(2026, 3, 6, 10) },
    ]);
  });

  it('repeats yearly; 29 February becomes 28 February in other years', () => {
    const p = plan({ start: '2028-02-29', repeat: 'yearly', repeatUntil: '2030-03-01' });
    const all = closureOccurrences({ ...closureSpan(p, PARIS), repeat: p.repeat, repeatUntil: p.repeatUntil }, PARIS);
    expect(all.map((o) => new Date(o.start + 3600_000).toISOString().slice(0, 10))).toEqual([
      '2028-02-29',
      '2029-02-28',
      '2030-02-28',
    ]);
  });
});

describe('bookingsFallingOn', () => {
  const b = (id: number, resourceId: number, start: number, end: number, status = 'confirmed' as const) => ({
    id,
    resourceId,
    start,
    end,
    status,
  });
  it('keeps active bookings of the resource (all resources when site-wide) that overlap an occurrence', () => {
    const bookings = [
      b(1, 3, 10, 20),
      b(2, 4, 10, 20),
      b(3, 3, 20, 30),
      b(4, 3, 5, 11, 'cancelled' as never),
      b(5, 3, 40, 45),
    ];
    const occurrences = [
      { start: 0, end: 20 },
      { start: 44, end: 50 },
    ];
    expect(bookingsFallingOn(bookings, 3, occurrences).map((x) => x.id)).toEqual([1, 5]);
    expect(bookingsFallingOn(bookings, null, occurrences).map((x) => x.id)).toEqual([1, 2, 5]);
  });
});
