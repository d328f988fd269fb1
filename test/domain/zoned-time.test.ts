import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boundaryInstant,
  formatInstantLocal,
  localDateOf,
  localDateTimeToInstant,
  localDayRange,
  localTimeOf,
  localTimeOnDate,
  offsetMinutes,
  parseLocalDateTime,
  parseLocalTime,
  startOfLocalDay,
  wallClockMsOfDay,
} from '../../src/domain/zoned-time.js';
import { HOUR, ZONE, utc } from './fixtures.js';

describe('parsing is strict', () => {
  it.each([
    ['2026-03-03T09:15', { date: '2026-03-03', minutes: 555 }],
    ['2028-02-29T00:00', { date: '2028-02-29', minutes: 0 }],
    ['2026-12-31T23:59', { date: '2026-12-31', minutes: 1439 }],
    ['2026-02-29T10:00', null],
    ['2026-13-01T10:00', null],
    ['2026-04-31T10:00', null],
    ['2026-03-03T24:00', null],
    ['2026-03-03T10:60', null],
    ['2026-03-03T9:00', null],
    ['2026-3-03T09:00', null],
    ['2026-03-03 09:00', null],
    ['2026-03-03T09:00:00', null],
    ['2026-03-03T09:00Z', null],
    ['2026-03-03T09:00+01:00', null],
    [' 2026-03-03T09:00', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(parseLocalDateTime(text)).toEqual(expected);
  });

  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['23:59', 1439],
    ['24:00', null],
    ['8:30', null],
    ['08:30:00', null],
    ['ab:cd', null],
  ])('time %j', (text, expected) => {
    expect(parseLocalTime(text)).toBe(expected);
  });

  it('refuses malformed input as invalid_local_time', () => {
    expect(localDateTimeToInstant('2026-03-03 09:00', ZONE)).toEqual({
      ok: false,
      violation: { code: 'invalid_local_time', input: '2026-03-03 09:00' },
    });
    expect(localTimeOnDate('2026-02-30', '09:00', ZONE).ok).toBe(false);
  });

  it('throws on an unknown zone (a configuration error, not a user error)', () => {
    expect(() => localDateTimeToInstant('2026-03-03T09:00', 'Europe/Nowhere')).toThrow(RangeError);
  });
});

describe('wall clock to instant in Europe/Paris around DST', () => {
  it.each([
    // winter and summer
    ['2026-01-15T09:00', '2026-01-15T08:00:00Z', false],
    ['2026-07-15T09:00', '2026-07-15T07:00:00Z', false],
    // spring forward 2026-03-29: 02:00 CET jumps to 03:00 CEST
    ['2026-03-29T01:59', '2026-03-29T00:59:00Z', false],
    ['2026-03-29T03:00', '2026-03-29T01:00:00Z', false],
    // fall back 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:xx happens twice
    ['2026-10-25T01:59', '2026-10-24T23:59:00Z', false],
    ['2026-10-25T02:00', '2026-10-25T00:00:00Z', true],
    ['2026-10-25T02:30', '2026-10-25T00:30:00Z', true],
    ['2026-10-25T02:59', '2026-10-25T00:59:00Z', true],
    ['2026-10-25T03:00', '2026-10-25T02:00:00Z', false],
    // 2027: 28 March and 31 October
    ['2027-03-28T01:30', '2027-03-28T00:30:00Z', false],
    ['2027-03-28T03:30', '2027-03-28T01:30:00Z', false],
    ['2027-10-31T02:15', '2027-10-31T00:15:00Z', true],
    ['2027-10-31T03:15', '2027-10-31T02:15:00Z', false],
  ])('%s is %s (ambiguous: %s)', (local, iso, ambiguous) => {
    expect(localDateTimeToInstant(local, ZONE)).toEqual({ ok: true, instant: utc(iso), ambiguous });
  });

  it.each(['2026-03-29T02:00', '2026-03-29T02:30', '2026-03-29T02:59', '2027-03-28T02:00', '2027-03-28T02:45'])(
    '%s does not exist and is refused, never shifted',
    (local) => {
      expect(localDateTimeToInstant(local, ZONE)).toEqual({
        ok: false,
        violation: { code: 'nonexistent_local_time', local, zone: ZONE },
      });
    },
  );

  it('an ambiguous time means its first occurrence, +02:00', () => {
    const result = localDateTimeToInstant('2026-10-25T02:30', ZONE);
    expect(result.ok && offsetMinutes(result.instant, ZONE)).toBe(120);
  });

  it('local "HH:mm" on a date follows the same policy', () => {
    expect(localTimeOnDate('2026-10-25', '02:30', ZONE)).toEqual({
      ok: true,
      instant: utc('2026-10-25T00:30:00Z'),
      ambiguous: true,
    });
    expect(localTimeOnDate('2026-03-29', '02:30', ZONE).ok).toBe(false);
  });

  it('boundaries in a gap resolve to the instant the clock jumps', () => {
    expect(boundaryInstant('2026-03-29', 150, ZONE)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(boundaryInstant('2026-03-29', 1440, ZONE)).toBe(utc('2026-03-29T22:00:00Z'));
  });
});

describe('local days', () => {
  it.each([
    ['2026-03-28', '2026-03-27T23:00:00Z', 24],
    ['2026-03-29', '2026-03-28T23:00:00Z', 23],
    ['2026-03-30', '2026-03-29T22:00:00Z', 24],
    ['2026-10-25', '2026-10-24T22:00:00Z', 25],
    ['2026-10-26', '2026-10-25T23:00:00Z', 24],
    ['2027-03-28', '2027-03-27T23:00:00Z', 23],
    ['2027-10-31', '2027-10-30T22:00:00Z', 25],
    ['2026-06-15', '2026-06-14T22:00:00Z', 24],
  ])('%s starts at %s and lasts %d h', (date, startIso, hours) => {
    const range = localDayRange(date, ZONE);
    expect(range.start).toBe(utc(startIso));
    expect((range.end - range.start) / HOUR).toBe(hours);
  });

  it.each([
    ['2026-10-24T22:00:00Z', '2026-10-25', '00:00', '2026-10-24T22:00:00Z'],
    ['2026-10-25T00:30:00Z', '2026-10-25', '02:30', '2026-10-24T22:00:00Z'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '02:30', '2026-10-24T22:00:00Z'],
    ['2026-10-25T22:59:59Z', '2026-10-25', '23:59', '2026-10-24T22:00:00Z'],
    ['2026-10-25T23:00:00Z', '2026-10-26', '00:00', '2026-10-25T23:00:00Z'],
    ['2026-03-29T00:59:00Z', '2026-03-29', '01:59', '2026-03-28T23:00:00Z'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00', '2026-03-28T23:00:00Z'],
    ['2026-03-29T21:59:00Z', '2026-03-29', '23:59', '2026-03-28T23:00:00Z'],
  ])('%s is %s %s local, its day starts at %s', (iso, date, time, dayStart) => {
    expect(localDateOf(utc(iso), ZONE)).toBe(date);
    expect(localTimeOf(utc(iso), ZONE)).toBe(time);
    expect(startOfLocalDay(utc(iso), ZONE)).toBe(utc(dayStart));
  });

  it('wall-clock time of day ignores the hour DST adds or removes', () => {
    expect(wallClockMsOfDay(utc('2026-10-25T09:00:00Z'), ZONE)).toBe(10 * HOUR);
    expect(wallClockMsOfDay(utc('2026-03-29T08:00:00Z'), ZONE)).toBe(10 * HOUR);
  });

  it('a zone whose midnight is skipped starts the day when the clock jumps (America/Santiago)', () => {
    const range = localDayRange('2026-09-06', 'America/Santiago');
    expect(range.start).toBe(utc('2026-09-06T04:00:00Z'));
    expect((range.end - range.start) / HOUR).toBe(23);
  });

  it('works in zones with non-hour offsets (Asia/Kolkata, Australia/Lord_Howe)', () => {
    expect(localDateTimeToInstant('2026-03-03T10:00', 'Asia/Kolkata')).toEqual({
      ok: true,
      instant: utc('2026-03-03T04:30:00Z'),
      ambiguous: false,
    });
    // Lord Howe falls back by 30 minutes on 2026-04-05 at 02:00.
    const result = localDateTimeToInstant('2026-04-05T01:45', 'Australia/Lord_Howe');
    expect(result.ok && result.ambiguous).toBe(true);
    expect(result.ok && result.instant).toBe(utc('2026-04-04T14:45:00Z'));
  });
});

describe('round trip (property)', () => {
  it('every existing local time maps back to itself; ambiguous ones to the earlier instant', () => {
    const anyDay = fc
      .integer({ min: 0, max: 729 })
      .map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10));
    // Half the runs land on a change day, so the gap and the repeated hour are always exercised.
    const changeDay = fc.constantFrom('2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31');
    const arbLocal = fc
      .tuple(fc.oneof(anyDay, changeDay), fc.integer({ min: 0, max: 1439 }))
      .map(
        ([date, minutes]) =>
          `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(arbLocal, (local) => {
        const result = localDateTimeToInstant(local, ZONE);
        if (!result.ok) {
          expect(result.violation.code).toBe('nonexistent_local_time');
          expect(['2026-03-29', '2027-03-28']).toContain(local.slice(0, 10));
          expect(local.slice(11, 13)).toBe('02');
          return;
        }
        expect(formatInstantLocal(result.instant, ZONE)).toBe(local);
        // The hour before maps elsewhere; an ambiguous time's second occurrence is an hour later.
        expect(formatInstantLocal(result.instant - HOUR, ZONE)).not.toBe(local);
        expect(formatInstantLocal(result.instant + HOUR, ZONE) === local).toBe(result.ambiguous);
      }),
      { numRuns: 2000 },
    );
  });
});
