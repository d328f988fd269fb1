// Message lookup and locale-aware formatting. Formatters are built once per language and
// zone and reused: building an Intl formatter costs far more than using one.
import { en } from './en.js';
import { fr, type MessageKey } from './fr.js';
import type { Catalogue } from './catalogue.js';
import { compile, type Formatter, type Params } from './message-format.js';
import { remembered } from '../domain/memo.js';

export type { MessageKey } from './fr.js';
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export const catalogues: Record<Language, Catalogue> = { fr, en };

export type { Params } from './message-format.js';
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

/** Messages kept compiled at most: every message of both catalogues. */
const COMPILED_MAX = 8_192;
const compiled: Record<Language, Map<string, Formatter>> = { fr: new Map(), en: new Map() };

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const own = catalogues[lang][key];
  const message = own ?? catalogues[DEFAULT_LANGUAGE][key];
  if (message === undefined) return key;
  const used = own === undefined ? DEFAULT_LANGUAGE : lang;
  // Each message is parsed once per language, then only filled in.
  return remembered(compiled[used], key, COMPILED_MAX, () => compile(message, used))(params);
}

export function translator(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/** Picks the best supported language from an Accept-Language header (q-values honoured). */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.lang && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const entry of ranked) if (isLanguage(entry.lang)) return entry.lang;
  return null;
}

/** A duration in minutes in words: "15 minutes", "4 heures", "1 h 30". */
export function formatMinutes(t: Translate, minutes: number): string {
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  if (minutes % 60 === 0) return t('duration.hours', { count: minutes / 60 });
  return t('duration.hoursMinutes', {
    hours: Math.floor(minutes / 60),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

/** A span of days in words, in weeks when it divides evenly: "8 semaines", "3 jours". */
export function formatDays(t: Translate, days: number): string {
  if (days >= 7 && days % 7 === 0) return t('duration.weeks', { count: days / 7 });
  return t('duration.days', { count: days });
}

/** A notice period in minutes, in days when it divides evenly. */
export function formatNotice(t: Translate, minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return formatDays(t, minutes / 1440);
  return formatMinutes(t, minutes);
}
