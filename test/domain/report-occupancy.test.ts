// The wall-clock hours of a report on the two clock-change Sundays, and the per-day rate.
import { describe, expect, it } from 'vitest';
import { hourOccurrences, splitByLocalHour } from '../../src/domain/report-occupancy.js';
import { rateOn, valueOf, type PublicRate } from '../../src/domain/report-valuation.js';
import { localDayRange } from '../../src/domain/zoned-time.js';

const ZONE = 'Europe/Paris';
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('hours of the wall clock', () => {
  it('has 23 hours and no 02:00 on the spring-forward Sunday', () => {
    const hours = hourOccurrences('2026-03-29', '2026-03-29', ZONE);
    expect(total(hours)).toBe(23);
    expect(hours.get('7:2')).toBeUndefined();
    expect(hours.get('7:3')).toBe(1);
  });

  it('has 25 hours and two 02:00 on the fall-back Sunday', () => {
    const hours = hourOccurrences('2026-10-25', '2026-10-25', ZONE);
    expect(total(hours)).toBe(25);
    expect(hours.get('7:2')).toBe(2);
  });

  it('leaves closed hours out', () => {
    const closed = [localDayRange('2026-11-11', ZONE)];
    expect(hourOccurrences('2026-11-09', '2026-11-15', ZONE, closed).get('3:10')).toBeUndefined();
    expect(hourOccurrences('2026-11-09', '2026-11-15', ZONE).get('3:10')).toBe(1);
  });

  it('splits an interval at each local hour', () => {
    const pieces: string[] = [];
    const day = localDayRange('2026-10-25', ZONE);
    splitByLocalHour({ start: day.start + 90 * 60_000, end: day.start + 4 * 3_600_000 }, ZONE, (date, hour, ms) =>
      pieces.push(`${date} ${hour} ${ms / 60_000}`),
    );
    // 01:30 CEST to 03:00 CET: half of 01:00, then 02:00 twice, then nothing of 03:00.
    expect(pieces).toEqual(['2026-10-25 1 30', '2026-10-25 2 60', '2026-10-25 2 60']);
  });
});

describe('valuation', () => {
  const rates: PublicRate[] = [
    { resourceKind: 'meeting_room', unit: 'hour', amountCents: 3500, startsOn: '2020-01-01' },
    { resourceKind: 'meeting_room', unit: 'hour', amountCents: 4000, startsOn: '2026-10-25' },
    { resourceKind: 'desk', unit: 'half_day', amountCents: 1500, startsOn: '2020-01-01' },
  ];

  it('takes the latest rate started on or before the day', () => {
    expect(rateOn(rates, 'meeting_room', '2026-10-24')?.amountCents).toBe(3500);
    expect(rateOn(rates, 'meeting_room', '2026-10-25')?.amountCents).toBe(4000);
    expect(rateOn(rates, 'vr_studio', '2026-10-25')).toBeNull();
  });

  it('values each day of a booking at that day’s rate, and counts unrated minutes apart', () => {
    const start = localDayRange('2026-10-24', ZONE).start + 23 * 3_600_000;
    const end = localDayRange('2026-10-25', ZONE).start + 5 * 3_600_000; // 04:00 CET
    const booking = { start, end, resourceKind: 'meeting_room', halfDaySplit: '13:00', organisationId: 1 };
    const window = { start: 0, end: Number.MAX_SAFE_INTEGER };
    expect(valueOf(booking, window, rates, ZONE)).toEqual({ minutes: 360, cents: 3500 + 5 * 4000, unratedMinutes: 0 });
    expect(valueOf({ ...booking, resourceKind: 'vr_studio' }, window, rates, ZONE).unratedMinutes).toBe(360);
  });
});
