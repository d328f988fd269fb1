import { describe, expect, it } from 'vitest';
import {
  computeQuote,
  formatQuoteNumber,
  holdInterval,
  rateOn,
  setupOf,
  vatOf,
  type OrganisationKind,
  type RentalOption,
  type RentalRate,
} from '../../src/domain/rental-quote.js';

const RATE: RentalRate = {
  id: 1,
  startsOn: '2026-01-01',
  halfDayCents: 60_000,
  dayCents: 100_000,
  eveningCents: 70_000,
  reductions: { association: 30, company: 0, public_body: 15, red_cross: 50 },
  optionCents: { av_technician: 25_000, catering_area: 15_000, extra_setup: 12_000 },
  setupMinutes: { theatre: { setup: 60, teardown: 45 }, standing: { setup: 30, teardown: 30 } },
};

const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('computeQuote', () => {
  const rows: [string, number, number, OrganisationKind, RentalOption[], string[], number, number, number][] = [
    // name, start, end, kind, options, line codes, net, vat, gross
    ['morning half-day, company', h(9), h(13), 'company', [], ['half_day'], 60_000, 12_000, 72_000],
    ['4 h exactly is a half-day', h(14), h(18), 'company', [], ['half_day'], 60_000, 12_000, 72_000],
    ['4 h 30 is a day', h(9), h(13, 30), 'company', [], ['day'], 100_000, 20_000, 120_000],
    ['evening only', h(18), h(22), 'company', [], ['evening'], 70_000, 14_000, 84_000],
    ['day running into the evening', h(9), h(21), 'company', [], ['day', 'evening'], 170_000, 34_000, 204_000],
    [
      'association: 30 % off the space',
      h(9),
      h(13),
      'association',
      [],
      ['half_day', 'reduction'],
      42_000,
      8_400,
      50_400,
    ],
    ['public body: 15 %', h(9), h(17), 'public_body', [], ['day', 'reduction'], 85_000, 17_000, 102_000],
    [
      'Red Cross unit: half off the space, not the options',
      h(9),
      h(13),
      'red_cross',
      ['av_technician', 'catering_area'],
      ['half_day', 'reduction', 'av_technician', 'catering_area'],
      70_000,
      14_000,
      84_000,
    ],
    [
      'extra setup priced',
      h(18),
      h(20),
      'company',
      ['extra_setup'],
      ['evening', 'extra_setup'],
      82_000,
      16_400,
      98_400,
    ],
  ];
  it.each(rows)('%s', (_name, start, end, kind, options, codes, net, vat, gross) => {
    const q = computeQuote({ startMinutes: start, endMinutes: end, organisationKind: kind, options }, RATE);
    expect(q.lines.map((l) => l.code)).toEqual(codes);
    expect([q.netCents, q.vatCents, q.grossCents]).toEqual([net, vat, gross]);
    expect(q.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(q.netCents);
    expect(q.rateId).toBe(1);
  });

  it('rounds the reduction and the VAT half up to the cent', () => {
    const odd = { ...RATE, halfDayCents: 33_333, reductions: { association: 33 } };
    const q = computeQuote(
      { startMinutes: h(9), endMinutes: h(12), organisationKind: 'association', options: [] },
      odd,
    );
    // 33 % of 333.33 € = 109.9989 € -> 110.00 €; net 223.33 €; VAT 44.666 € -> 44.67 €.
    expect(q.lines[1]!.totalCents).toBe(-11_000);
    expect(q.netCents).toBe(22_333);
    expect(q.vatCents).toBe(4_467);
    expect(q.grossCents).toBe(26_800);
  });
});

describe('vatOf', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [7, 1],
    [8, 2],
    [12_345, 2_469],
  ])('20 %% of %i cents is %i', (net, vat) => expect(vatOf(net)).toBe(vat));
});

describe('rateOn', () => {
  const rates = [
    { startsOn: '2026-01-01', id: 1 },
    { startsOn: '2027-01-01', id: 2 },
    { startsOn: '2026-07-01', id: 3 },
  ];
  it.each([
    ['2025-12-31', null],
    ['2026-01-01', 1],
    ['2026-06-30', 1],
    ['2026-07-01', 3],
    ['2027-03-01', 2],
  ])('on %s the rate is %s', (date, id) => expect(rateOn(rates, date)?.id ?? null).toBe(id));
});

describe('setup and hold', () => {
  it('widens the event by its layout setup, plus an hour with extra setup', () => {
    expect(setupOf(RATE, 'theatre', [])).toEqual({ setup: 60, teardown: 45 });
    expect(setupOf(RATE, 'theatre', ['extra_setup'])).toEqual({ setup: 120, teardown: 45 });
    expect(setupOf(RATE, 'cabaret', [])).toEqual({ setup: 0, teardown: 0 });
    // Rounded up to the space's 30-minute steps.
    expect(setupOf(RATE, 'theatre', [], 30)).toEqual({ setup: 60, teardown: 60 });
    expect(holdInterval({ start: 10 * 3_600_000, end: 12 * 3_600_000 }, { setup: 30, teardown: 30 })).toEqual({
      start: 9.5 * 3_600_000,
      end: 12.5 * 3_600_000,
    });
  });
});

it('numbers quotes by year on four digits', () => {
  expect(formatQuoteNumber(2027, 42)).toBe('2027-0042');
  expect(formatQuoteNumber(2027, 12_345)).toBe('2027-12345');
});
