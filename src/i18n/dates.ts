// Dates and times for people: in the site's zone and the reader's language, never in the
// server process's zone. Intl formatters are costly to build and to run, so each formatter
// is built once and the words of an instant are remembered (pure functions of their key).
import { remembered } from '../domain/memo.js';
import { parseLocalDate } from '../domain/local-date.js';
import type { Language } from './index.js';

type Style = 'date' | 'dateShort' | 'time' | 'dateTime' | 'weekdayDate' | 'dayDate' | 'month' | 'day';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { day: 'numeric', month: 'long' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dayDate: { day: 'numeric', month: 'long', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
  day: { day: 'numeric' },
};

/** Formatters kept at most (every zone and style in two languages), and words per formatter (some weeks of times). */
const FORMATTERS_MAX = 256;
const WORDS_MAX = 5_000;

interface Formatter {
  format: Intl.DateTimeFormat;
  /** French writes the first of the month as an ordinal ("1er janvier"); Intl does not. */
  firstAsOrdinal: boolean;
  /** The words of each instant it formatted, by instant: no key to build per call. */
  words: Map<number, string>;
}
const formatters = new Map<string, Formatter>();

function formatter(lang: Language, zone: string, style: Style): Formatter {
  return remembered(formatters, `${lang}|${zone}|${style}`, FORMATTERS_MAX, () => ({
    format: new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...OPTIONS[style], timeZone: zone }),
    firstAsOrdinal: lang === 'fr' && OPTIONS[style].day !== undefined,
    words: new Map(),
  }));
}

function compose({ format, firstAsOrdinal }: Formatter, instant: number): string {
  if (!firstAsOrdinal) return format.format(instant);
  let out = '';
  for (const part of format.formatToParts(instant))
    out += part.type === 'day' && part.value === '1' ? '1er' : part.value;
  return out;
}

function wordsOf(found: Formatter, instant: number): string {
  return remembered(found.words, instant, WORDS_MAX, () => compose(found, instant));
}

/** The words of an instant: pages and mails ask for the same few again and again (a grid's columns, a start). */
export function formatInstant(instant: number, lang: Language, zone: string, style: Style): string {
  return wordsOf(formatter(lang, zone, style), instant);
}

/**
 * The words of a calendar date ("YYYY-MM-DD") or month ("YYYY-MM"): read at noon UTC and written
 * in UTC, so the process's zone and the site's offsets can never move it to another day.
 * Text that is neither is returned as it is (a form's wrong input shown back).
 */
export function formatLocalDate(
  text: string,
  lang: Language,
  style: 'date' | 'dayDate' | 'dateShort' | 'weekdayDate' | 'month' | 'day',
): string {
  const parts = parseLocalDate(style === 'month' && /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text);
  if (parts === null) return text;
  return formatInstant(Date.UTC(parts.year, parts.month - 1, parts.day, 12), lang, 'UTC', style);
}

export interface DateFormatter {
  date(instant: number): string;
  dateShort(instant: number): string;
  weekdayDate(instant: number): string;
  time(instant: number): string;
  dateTime(instant: number): string;
  /** "1er décembre 2026" / "1 December 2026": a date in a sentence, without its weekday. */
  dayDate(instant: number): string;
  /** "décembre 2026" / "December 2026". */
  month(instant: number): string;
}

/** The formatters of one language and zone. */
export function dateFormatter(lang: Language, zone: string): DateFormatter {
  // Each style's formatter found on its first use, then a page's rows only look their instants up.
  const styled = (style: Style) => {
    let found: Formatter | undefined;
    return (instant: number) => wordsOf((found ??= formatter(lang, zone, style)), instant);
  };
  return {
    date: styled('date'),
    dateShort: styled('dateShort'),
    weekdayDate: styled('weekdayDate'),
    time: styled('time'),
    dateTime: styled('dateTime'),
    dayDate: styled('dayDate'),
    month: styled('month'),
  };
}

/** Calendar dates and months ("YYYY-MM-DD", "YYYY-MM") in words, for sentences. */
export interface LocalDateWords {
  /** "vendredi 1er janvier 2027" / "Friday 1 January 2027". */
  date(localDate: string): string;
  /** "1er décembre 2026" / "1 December 2026". */
  dayDate(localDate: string): string;
  /** "1er décembre" / "1 December". */
  dateShort(localDate: string): string;
  /** "décembre 2026" / "December 2026", from "2026-12" or any date of that month. */
  month(localDateOrMonth: string): string;
}

export function localDateWords(lang: Language): LocalDateWords {
  return {
    date: (text) => formatLocalDate(text, lang, 'date'),
    dayDate: (text) => formatLocalDate(text, lang, 'dayDate'),
    dateShort: (text) => formatLocalDate(text, lang, 'dateShort'),
    month: (text) => formatLocalDate(text.slice(0, 7), lang, 'month'),
  };
}

/**
 * The two ends of a span of calendar dates in words, for a message's {from} and {to}, without
 * saying a month or year twice: "du 1er au 31 décembre 2026", "du 1er mars au 31 mai 2027",
 * "du 1er décembre 2026 au 31 mai 2027".
 */
export function localDateRange(from: string, to: string, lang: Language): { from: string; to: string } {
  const style =
    from.slice(0, 7) === to.slice(0, 7) ? 'day' : from.slice(0, 4) === to.slice(0, 4) ? 'dateShort' : 'dayDate';
  return {
    from: formatLocalDate(from, lang, from === to ? 'dayDate' : style),
    to: formatLocalDate(to, lang, 'dayDate'),
  };
}
