// Dates in words: "1er" for the first of the month in French, and calendar dates that no zone can move.
import { describe, expect, it } from 'vitest';
import { dateFormatter, formatLocalDate, localDateRange, localDateWords } from '../../src/i18n/dates.js';

const PARIS = 'Europe/Paris';
/** Friday 1 January 2027, 09:00 in Paris. */
const NEW_YEAR = Date.UTC(2027, 0, 1, 8);
/** Saturday 2 January 2027, 09:00 in Paris. */
const SECOND = Date.UTC(2027, 0, 2, 8);

describe('the first of the month in French', () => {
  const fr = dateFormatter('fr', PARIS);

  it('is "1er" in every style with a day', () => {
    expect(fr.date(NEW_YEAR)).toBe('vendredi 1er janvier 2027');
    expect(fr.dateShort(NEW_YEAR)).toBe('1er janvier');
    expect(fr.weekdayDate(NEW_YEAR)).toBe('vendredi 1er janvier');
    expect(fr.dateTime(NEW_YEAR)).toBe('ven. 1er janv., 09:00');
    expect(fr.dayDate(NEW_YEAR)).toBe('1er janvier 2027');
  });

  it('leaves other days, times and months as they are', () => {
    expect(fr.date(SECOND)).toBe('samedi 2 janvier 2027');
    expect(fr.dateTime(Date.UTC(2027, 0, 11, 8))).toBe('lun. 11 janv., 09:00');
    expect(fr.date(Date.UTC(2027, 0, 21, 8))).toBe('jeudi 21 janvier 2027');
    expect(fr.time(NEW_YEAR)).toBe('09:00');
    expect(fr.month(NEW_YEAR)).toBe('janvier 2027');
  });

  it('is the first in the site zone, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(fr.date(Date.UTC(2026, 11, 31, 23, 30))).toBe('vendredi 1er janvier 2027');
    expect(dateFormatter('fr', 'UTC').date(Date.UTC(2026, 11, 31, 23, 30))).toBe('jeudi 31 décembre 2026');
  });
});

describe('English dates', () => {
  const en = dateFormatter('en', PARIS);

  it('keep the plain day number', () => {
    expect(en.date(NEW_YEAR)).toBe('Friday, 1 January 2027');
    expect(en.dateShort(NEW_YEAR)).toBe('1 January');
    expect(en.dateTime(NEW_YEAR)).toBe('Fri 1 Jan, 09:00');
    expect(en.dayDate(NEW_YEAR)).toBe('1 January 2027');
    expect(en.month(NEW_YEAR)).toBe('January 2027');
  });
});

describe('calendar dates in words', () => {
  it('write a date without its weekday, and a month', () => {
    const fr = localDateWords('fr');
    const en = localDateWords('en');
    expect(fr.dayDate('2026-12-01')).toBe('1er décembre 2026');
    expect(en.dayDate('2026-12-01')).toBe('1 December 2026');
    expect(fr.dayDate('2027-05-31')).toBe('31 mai 2027');
    expect(fr.date('2027-01-01')).toBe('vendredi 1er janvier 2027');
    expect(fr.dateShort('2027-01-01')).toBe('1er janvier');
    expect(fr.month('2026-12')).toBe('décembre 2026');
    expect(en.month('2026-12')).toBe('December 2026');
    expect(fr.month('2026-12-15')).toBe('décembre 2026');
  });

  it('stay on their day at both ends of the earth', () => {
    // Whatever TZ the process runs in (the suite runs in UTC and Pacific/Auckland), no offset applies.
    expect(formatLocalDate('2026-12-31', 'en', 'date')).toBe('Thursday, 31 December 2026');
    expect(formatLocalDate('2027-01-01', 'en', 'date')).toBe('Friday, 1 January 2027');
    expect(formatLocalDate('2026-03-29', 'fr', 'dayDate')).toBe('29 mars 2026');
  });

  it('give back text that is not a date as it is', () => {
    expect(formatLocalDate('2026-02-30', 'fr', 'dayDate')).toBe('2026-02-30');
    expect(formatLocalDate('demain', 'en', 'month')).toBe('demain');
  });
});

describe('a span of calendar dates', () => {
  it('says a month or a year once', () => {
    expect(localDateRange('2026-12-01', '2027-05-31', 'fr')).toEqual({ from: '1er décembre 2026', to: '31 mai 2027' });
    expect(localDateRange('2026-12-01', '2027-05-31', 'en')).toEqual({ from: '1 December 2026', to: '31 May 2027' });
    expect(localDateRange('2027-03-01', '2027-05-31', 'fr')).toEqual({ from: '1er mars', to: '31 mai 2027' });
    expect(localDateRange('2026-12-01', '2026-12-31', 'fr')).toEqual({ from: '1er', to: '31 décembre 2026' });
    expect(localDateRange('2026-12-01', '2026-12-31', 'en')).toEqual({ from: '1', to: '31 December 2026' });
    expect(localDateRange('2026-12-01', '2026-12-01', 'en')).toEqual({
      from: '1 December 2026',
      to: '1 December 2026',
    });
  });
});
