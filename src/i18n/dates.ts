// Dates and times for people: in the site's zone and the reader's language, never in the
// server process's zone. Intl formatters are costly to build, so each is built once.
import type { Language } from './index.js';

type Style = 'date' | 'dateShort' | 'time' | 'dateTime' | 'weekdayDate';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateShort: { day: 'numeric', month: 'long' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, zone: string, style: Style): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...OPTIONS[style], timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

export function formatInstant(instant: number, lang: Language, zone: string, style: Style): string {
  return formatter(lang, zone, style).format(instant);
}

export interface DateFormatter {
  date(instant: number): string;
  dateShort(instant: number): string;
  weekdayDate(instant: number): string;
  time(instant: number): string;
  dateTime(instant: number): string;
}

export function dateFormatter(lang: Language, zone: string): DateFormatter {
  return {
    date: (i) => formatInstant(i, lang, zone, 'date'),
    dateShort: (i) => formatInstant(i, lang, zone, 'dateShort'),
    weekdayDate: (i) => formatInstant(i, lang, zone, 'weekdayDate'),
    time: (i) => formatInstant(i, lang, zone, 'time'),
    dateTime: (i) => formatInstant(i, lang, zone, 'dateTime'),
  };
}
