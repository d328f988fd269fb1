import { describe, expect, it } from 'vitest';
import { addMonths, formatLocalMonth, monthDates, monthWeeks, parseLocalMonth } from '../../src/domain/month-grid.js';

describe('parseLocalMonth', () => {
  it.each([
    ['2027-03', { year: 2027, month: 3 }],
    ['2026-12', { year: 2026, month: 12 }],
    ['2027-13', null],
    ['2027-00', null],
    ['2027-3', null],
    ['1999-12', null],
    ['2200-01', null],
    ['2027-03-01', null],
    ['', null],
  ])('%s -> %j', (text, expected) => {
    expect(parseLocalMonth(text)).toEqual(expected);
  });
});

describe('months around', () => {
  it('crosses years both ways', () => {
    expect(formatLocalMonth(addMonths({ year: 2026, month: 12 }, 1))).toBe('2027-01');
    expect(formatLocalMonth(addMonths({ year: 2027, month: 1 }, -1))).toBe('2026-12');
    expect(formatLocalMonth(addMonths({ year: 2027, month: 3 }, 0))).toBe('2027-03');
  });
  it('gives the first date of the month and of the next', () => {
    expect(monthDates({ year: 2028, month: 2 })).toEqual({ first: '2028-02-01', next: '2028-03-01' });
  });
});

describe('monthWeeks', () => {
  it('lays March 2027 (starting on a Monday) in 5 weeks', () => {
    const weeks = monthWeeks({ year: 2027, month: 3 });
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toBe('2027-03-01');
    expect(weeks[4]).toEqual(['2027-03-29', '2027-03-30', '2027-03-31', null, null, null, null]);
  });
  it('pads a month starting on a Sunday and counts every date once', () => {
    const weeks = monthWeeks({ year: 2026, month: 11 });
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.flat().filter((d) => d !== null)).toHaveLength(30);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});
