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

/** Formatters and words kept at most: every zone and style in two languages; the dates and times of some weeks. */
const FORMATTERS_MAX = 256;
const WORDS_MAX = 10_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const words = new Map<string, string>();

function formatter(lang: Language, zone: string, style: Style): Intl.DateTimeFormat {
  return remembered(
    formatters,
    `${lang}|${zone}|${style}`,
    FORMATTERS_MAX,
    () => new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...OPTIONS[style], timeZone: zone }),
  );
}

/** The words of an instant: pages and mails ask for the same few again and again (a grid's columns, a start). */
export function formatInstant(instant: number, lang: Language, zone: string, style: Style): string {
  return remembered(words, `${lang}|${zone}|${style}|${instant}`, WORDS_MAX, () =>
    formatter(lang, zone, style).format(instant),
  );
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
  const styled = (style: Style) => (instant: number) => formatInstant(instant, lang, zone, style);
  return {
    date: styled('date'),
    dateShort: styled('dateShort'),
    weekdayDate: styled('weekdayDate'),
    time: styled('time'),
    dateTime: styled('dateTime'),
  };
}
