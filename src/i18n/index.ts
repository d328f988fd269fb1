// Message lookup and locale-aware formatting. Formatters are built once per language and
// zone and reused: building an Intl formatter costs far more than using one.
import { en } from './en.js';
import { fr, type MessageKey } from './fr.js';
import type { Catalogue, Message } from './catalogue.js';
import { remembered } from '../domain/memo.js';

export type { MessageKey } from './fr.js';
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export const catalogues: Record<Language, Catalogue> = { fr, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const pluralRules: Record<Language, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
};

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

function pick(message: Message, lang: Language, params: Params | undefined): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count ?? 0);
  if (count === 0 && message.zero !== undefined) return message.zero;
  return message[pluralRules[lang].select(count)] ?? message.other;
}

/** Texts kept cut at their placeholders at most: every message of both catalogues. */
const PIECES_MAX = 4_096;
const piecesOf = new Map<string, string[]>();

/** A message's text cut at its {placeholders}: text, name, text, name, ..., text. */
function pieces(text: string): string[] {
  return remembered(piecesOf, text, PIECES_MAX, () => text.split(/\{(\w+)\}/));
}

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const message = catalogues[lang][key] ?? catalogues[DEFAULT_LANGUAGE][key];
  if (message === undefined) return key;
  const text = pick(message, lang, params);
  if (!params) return text;
  // Pages fill the same messages row after row: each text is cut once, then only joined.
  const parts = pieces(text);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
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
