import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clamp,
  contains,
  containsInstant,
  durationMinutes,
  extend,
  intersect,
  normalise,
  overlaps,
  subtract,
} from '../../src/domain/interval.js';

const base = { start: 10, end: 20 };

describe('overlaps: half-open, touching is not overlapping', () => {
  it.each([
    ['before', { start: 0, end: 5 }, false],
    ['touching before', { start: 0, end: 10 }, false],
    ['overlapping the start', { start: 5, end: 15 }, true],
    ['same', { start: 10, end: 20 }, true],
    ['inside', { start: 12, end: 18 }, true],
    ['around', { start: 5, end: 25 }, true],
    ['overlapping the end', { start: 15, end: 25 }, true],
    ['touching after', { start: 20, end: 30 }, false],
    ['after', { start: 25, end: 30 }, false],
    ['empty inside', { start: 15, end: 15 }, false],
  ])('%s', (_, other, expected) => {
    expect(overlaps(base, other)).toBe(expected);
    expect(overlaps(other, base)).toBe(expected);
  });
});

describe('contains', () => {
  it.each([
    ['before', { start: 0, end: 5 }, false],
    ['touching before', { start: 0, end: 10 }, false],
    ['overlapping the start', { start: 5, end: 15 }, false],
    ['same', { start: 10, end: 20 }, true],
    ['inside, touching the start', { start: 10, end: 15 }, true],
    ['inside', { start: 12, end: 18 }, true],
    ['inside, touching the end', { start: 15, end: 20 }, true],
    ['around', { start: 5, end: 25 }, false],
    ['after', { start: 25, end: 30 }, false],
  ])('%s', (_, inner, expected) => {
    expect(contains(base, inner)).toBe(expected);
  });

  it.each([
    [9, false],
    [10, true],
    [19, true],
    [20, false],
  ])('instant %d', (instant, expected) => {
    expect(containsInstant(base, instant)).toBe(expected);
  });
});

describe('intersect and clamp', () => {
  it.each([
    [{ start: 0, end: 10 }, null],
    [
      { start: 5, end: 15 },
      { start: 10, end: 15 },
    ],
    [
      { start: 12, end: 18 },
      { start: 12, end: 18 },
    ],
    [
      { start: 0, end: 30 },
      { start: 10, end: 20 },
    ],
    [{ start: 20, end: 30 }, null],
  ])('%j', (other, expected) => {
    expect(intersect(base, other)).toEqual(expected);
    expect(clamp(other, base)).toEqual(expected);
  });
});

describe('normalise', () => {
  it('sorts, merges overlapping and touching, drops empty', () => {
    expect(
      normalise([
        { start: 50, end: 60 },
        { start: 10, end: 20 },
        { start: 15, end: 30 },
        { start: 30, end: 35 },
        { start: 40, end: 40 },
        { start: 70, end: 65 },
      ]),
    ).toEqual([
      { start: 10, end: 35 },
      { start: 50, end: 60 },
    ]);
  });

  it('does not mutate its input', () => {
    const input = [
      { start: 1, end: 5 },
      { start: 3, end: 9 },
    ];
    normalise(input);
    expect(input).toEqual([
      { start: 1, end: 5 },
      { start: 3, end: 9 },
    ]);
  });
});

describe('subtract: free = window minus busy', () => {
  it.each([
    ['nothing busy', [], [{ start: 0, end: 100 }]],
    [
      'busy before and after the window',
      [
        { start: -10, end: 0 },
        { start: 100, end: 120 },
      ],
      [{ start: 0, end: 100 }],
    ],
    [
      'several blocks, overlapping ones and one past the end',
      [
        { start: 10, end: 20 },
        { start: 15, end: 30 },
        { start: 50, end: 60 },
        { start: 90, end: 120 },
      ],
      [
        { start: 0, end: 10 },
        { start: 30, end: 50 },
        { start: 60, end: 90 },
      ],
    ],
    ['everything busy', [{ start: -5, end: 105 }], []],
    [
      'touching blocks leave no sliver',
      [
        { start: 0, end: 50 },
        { start: 50, end: 100 },
      ],
      [],
    ],
  ])('%s', (_, busy, expected) => {
    expect(subtract({ start: 0, end: 100 }, busy)).toEqual(expected);
  });

  it('takes several windows', () => {
    expect(
      subtract(
        [
          { start: 0, end: 10 },
          { start: 20, end: 30 },
        ],
        [{ start: 5, end: 25 }],
      ),
    ).toEqual([
      { start: 0, end: 5 },
      { start: 25, end: 30 },
    ]);
  });

  it('free and busy tile the window exactly (property)', () => {
    const arbInterval = fc
      .tuple(fc.integer({ min: -50, max: 150 }), fc.integer({ min: 0, max: 60 }))
      .map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(arbInterval, { maxLength: 12 }), (busy) => {
        const window = { start: 0, end: 100 };
        const free = subtract(window, busy);
        for (let t = 0; t < 100; t += 1) {
          const isFree = free.some((f) => containsInstant(f, t));
          const isBusy = busy.some((b) => containsInstant(b, t));
          expect(isFree).toBe(!isBusy);
        }
        expect(normalise(free)).toEqual(free);
      }),
    );
  });
});

describe('extend and durationMinutes', () => {
  it('widens by the buffers', () => {
    expect(extend(base, 3, 4)).toEqual({ start: 7, end: 24 });
    expect(durationMinutes({ start: 0, end: 90 * 60_000 })).toBe(90);
  });
});
