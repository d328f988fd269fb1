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

/** The formatters of one language and zone; each style is looked up once, on first use. */
export function dateFormatter(lang: Language, zone: string): DateFormatter {
  const styled = (style: Style) => {
    let f: Intl.DateTimeFormat | undefined;
    return (instant: number) => (f ??= formatter(lang, zone, style)).format(instant);
  };
  return {
    date: styled('date'),
    dateShort: styled('dateShort'),
    weekdayDate: styled('weekdayDate'),
    time: styled('time'),
    dateTime: styled('dateTime'),
  };
}
