// Dates and times for people: in the site's zone and the reader's language, never in the
// server process's zone. Intl formatters are costly to build and to run, so each formatter
// is built once and the words of an instant are remembered (pure functions of their key).
import { remembered } from '../domain/memo.js';
import type { Language } from './index.js';

type Style = 'date' | 'dateShort' | 'time' | 'dateTime' | 'weekdayDate';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { day: 'numeric', month: 'long' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** Formatters kept at most (every zone and style in two languages), and words per formatter (some weeks of times). */
const FORMATTERS_MAX = 256;
const WORDS_MAX = 5_000;

interface Formatter {
  format: Intl.DateTimeFormat;
  /** The words of each instant it formatted, by instant: no key to build per call. */
  words: Map<number, string>;
}
const formatters = new Map<string, Formatter>();

function formatter(lang: Language, zone: string, style: Style): Formatter {
  return remembered(formatters, `${lang}|${zone}|${style}`, FORMATTERS_MAX, () => ({
    format: new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...OPTIONS[style], timeZone: zone }),
    words: new Map(),
  }));
}

function wordsOf({ format, words }: Formatter, instant: number): string {
  return remembered(words, instant, WORDS_MAX, () => format.format(instant));
}

/** The words of an instant: pages and mails ask for the same few again and again (a grid's columns, a start). */
export function formatInstant(instant: number, lang: Language, zone: string, style: Style): string {
  return wordsOf(formatter(lang, zone, style), instant);
}

export interface DateFormatter {
  date(instant: number): string;
  dateShort(instant: number): string;
  weekdayDate(instant: number): string;
  time(instant: number): string;
  dateTime(instant: number): string;
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
  };
}
