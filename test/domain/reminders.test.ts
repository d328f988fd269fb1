import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  DEFAULT_REMINDERS,
  isReminderDue,
  parseReminders,
  reminderInstant,
  reminderKey,
  reminderLookahead,
  type ReminderSpec,
} from '../../src/domain/reminders.js';

const HOUR = 3_600_000;
const ZONE = 'Europe/Paris';
const dayBefore17: ReminderSpec = { type: 'day_before', minutes: 17 * 60 };
const hourBefore: ReminderSpec = { type: 'before', minutes: 60 };

describe('REMINDERS setting', () => {
  it.each([
    [DEFAULT_REMINDERS, [dayBefore17, hourBefore]],
    [
      ' day_before@08:30 , before@30m ',
      [
        { type: 'day_before', minutes: 510 },
        { type: 'before', minutes: 30 },
      ],
    ],
    ['before@2h', [{ type: 'before', minutes: 120 }]],
    ['before@10080m', [{ type: 'before', minutes: 10080 }]],
    ['off', []],
    ['NONE', []],
  ])('%j is read', (text, expected) => {
    expect(parseReminders(text)).toEqual({ ok: true, reminders: expected });
  });

  it.each([
    'day_before@25:00',
    'day_before@5pm',
    'day_before',
    'hour_before,hour_before',
    'hour_before,before@60m',
    'before@0m',
    'before@10081m',
    'before@1d',
    'hour_before,',
    'weekly',
    '',
  ])('%j is refused', (text) => {
    expect(parseReminders(text).ok).toBe(false);
  });

  it('is validated at start like every variable, with the variable named', () => {
    expect(loadConfig({}).reminders).toEqual([dayBefore17, hourBefore]);
    expect(loadConfig({ REMINDERS: 'off' }).reminders).toEqual([]);
    expect(() => loadConfig({ REMINDERS: 'day_before@17h' })).toThrow(ConfigError);
    expect(() => loadConfig({ REMINDERS: 'day_before@17h' })).toThrow(/^REMINDERS: "day_before@17h"/);
  });

  it('records one "day before" whatever its hour, one per "before" delay', () => {
    expect(reminderKey(dayBefore17)).toBe('day_before');
    expect(reminderKey({ type: 'day_before', minutes: 18 * 60 })).toBe('day_before');
    expect(reminderKey(hourBefore)).toBe('before:60');
  });
});

describe('reminder moments on the Paris wall clock', () => {
  it.each([
    // [what, booking start (UTC), day-before-at-17:00 (UTC)]
    ['a winter day (UTC+1)', Date.UTC(2026, 11, 8, 8, 0), Date.UTC(2026, 11, 7, 16, 0)],
    [
      'the Monday after spring forward: 17:00 on the 23-hour Sunday is 15:00 UTC',
      Date.UTC(2026, 2, 30, 7, 0),
      Date.UTC(2026, 2, 29, 15, 0),
    ],
    ['the Sunday of spring forward, booked at 10:00 CEST', Date.UTC(2026, 2, 29, 8, 0), Date.UTC(2026, 2, 28, 16, 0)],
    [
      'the Monday after fall back: 17:00 on the 25-hour Sunday is 16:00 UTC',
      Date.UTC(2026, 9, 26, 8, 0),
      Date.UTC(2026, 9, 25, 16, 0),
    ],
    [
      'just after midnight Paris (still the previous UTC day)',
      Date.UTC(2026, 11, 7, 23, 30),
      Date.UTC(2026, 11, 7, 16, 0),
    ],
  ])('%s', (_what, start, expected) => {
    expect(reminderInstant(dayBefore17, start, ZONE)).toBe(expected);
    expect(reminderInstant(hourBefore, start, ZONE)).toBe(start - HOUR);
  });

  it('moves a time skipped by the clock change to the moment the clock jumps', () => {
    // 02:30 on Sunday 29 March 2026 does not exist in Paris: 03:00 CEST (01:00 UTC) it is.
    expect(reminderInstant({ type: 'day_before', minutes: 150 }, Date.UTC(2026, 2, 30, 7, 0), ZONE)).toBe(
      Date.UTC(2026, 2, 29, 1, 0),
    );
  });

  it('looks far enough ahead for the earliest reminder', () => {
    expect(reminderLookahead([hourBefore])).toBe(HOUR);
    expect(reminderLookahead([dayBefore17, hourBefore])).toBe(49 * HOUR);
    expect(reminderLookahead([])).toBe(0);
  });
});

describe('isReminderDue', () => {
  const start = Date.UTC(2026, 11, 8, 8, 0);
  const at = Date.UTC(2026, 11, 7, 16, 0);
  const made = Date.UTC(2026, 11, 1, 9, 0);
  it.each([
    ['a minute before its moment', at - 60_000, made, false],
    ['at its moment', at, made, true],
    ['later, before the start', start - 1, made, true],
    ['at the start', start, made, false],
    ['for a booking made after its moment', at + HOUR, at + 1, false],
    ['for a booking made just before its moment', at, at - 1, true],
  ])('%s', (_what, now, updatedAt, due) => {
    expect(isReminderDue(dayBefore17, { startsAt: start, updatedAt }, now, ZONE)).toBe(due);
  });
});
