// "il y a 2 heures" / "2 hours ago": how long ago an instant was, in the reader's language,
// in the largest unit that fits (Intl.RelativeTimeFormat, built once per language).
import { remembered } from '../domain/memo.js';
import type { Language } from './index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<Language, Intl.RelativeTimeFormat>();

function format(lang: Language): Intl.RelativeTimeFormat {
  // "auto" says "hier" / "yesterday" rather than "il y a 1 jour".
  return remembered(
    formats,
    lang,
    2,
    () => new Intl.RelativeTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { numeric: 'auto' }),
  );
}

/** How long before `now` the instant `then` was; null under a minute (the caller says "just now"). */
export function timeAgo(then: number, now: number, lang: Language): string | null {
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return null;
  if (elapsed < HOUR) return format(lang).format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format(lang).format(-Math.floor(elapsed / HOUR), 'hour');
  return format(lang).format(-Math.floor(elapsed / DAY), 'day');
}
