// The rules the catalogue test applies to every message, apart so that each can be shown
// failing on a deliberately bad message: no ISO date in a sentence, French that agrees with
// a resource's gender, and no French left in English.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Message } from '../../src/i18n/catalogue.js';
import { compile, icuText, type Params } from '../../src/i18n/message-format.js';

type Lang = 'fr' | 'en';

/** Arguments that carry a resource's name, and the select each agrees through. */
export const NAME_ARGUMENTS: Record<string, string> = {
  resource: 'gender',
  desk: 'gender',
  room: 'gender',
  space: 'gender',
  linked: 'linkedGender',
  other: 'otherGender',
};
const GENDER_SELECTS = new Set(Object.values(NAME_ARGUMENTS));

/** Names of both genders, as pages pass them in each language. */
const NAMES: Record<Lang, { name: string; gender: 'f' | 'm' }[]> = {
  fr: [
    { name: 'Salle Louis Appia', gender: 'f' },
    { name: 'Poste OS-01', gender: 'm' },
  ],
  en: [
    { name: 'Louis Appia room', gender: 'f' },
    { name: 'Desk OS-01', gender: 'm' },
  ],
};
const COUNTS = [0, 1, 2, 5];

/** Sample values by argument name: dates in words, times, a zone; anything else a person's name. */
const SAMPLES: Record<Lang, Record<string, string>> = {
  fr: {
    date: 'mardi 8 décembre 2026',
    from: '1er décembre 2026',
    to: '31 mai 2027',
    until: 'vendredi 11 décembre 2026',
    earliest: 'jeu. 10 déc., 10:00',
    first: '1er décembre 2026',
    last: '31 mai 2027',
    when: 'mardi 8 décembre 2026, 10:00–11:00',
    month: 'décembre 2026',
    day: 'mardi',
    zone: 'Zone calme',
  },
  en: {
    date: 'Tuesday 8 December 2026',
    from: '1 December 2026',
    to: '31 May 2027',
    until: 'Friday 11 December 2026',
    earliest: 'Thu 10 Dec, 10:00',
    first: '1 December 2026',
    last: '31 May 2027',
    when: 'Tuesday 8 December 2026, 10:00–11:00',
    month: 'December 2026',
    day: 'Tuesday',
    zone: 'Quiet zone',
  },
};
const TIMES = new Set(['start', 'end', 'time', 'opens', 'closes', 'split']);

function argumentNames(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    if (e.type === TYPE.tag) {
      argumentNames(e.children, found);
      continue;
    }
    found.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const option of Object.values(e.options)) argumentNames(option.value, found);
  }
  return found;
}

/** The message filled with every combination of sample names (both genders) and counts. */
export function samplesOf(message: Message, lang: Lang): string[] {
  const args = argumentNames(parse(icuText(message)));
  const format = compile(message, lang);
  const out: string[] = [];
  for (const named of NAMES[lang])
    for (const count of COUNTS) {
      const params: Params = {};
      for (const arg of args) {
        if (arg in NAME_ARGUMENTS) params[arg] = named.name;
        else if (GENDER_SELECTS.has(arg)) params[arg] = named.gender;
        else if (arg === 'count') params[arg] = count;
        else if (TIMES.has(arg)) params[arg] = '10:00';
        else params[arg] = SAMPLES[lang][arg] ?? 'Camille';
      }
      out.push(format(params));
    }
  return [...new Set(out)];
}

/** An ISO date or month ("2026-12-08", "2026-12") where a reader expects words. */
export function isoDateIn(text: string): string | null {
  return /\b\d{4}-\d{2}(?:-\d{2})?\b/.exec(text)?.[0] ?? null;
}

/**
 * French words that agree with the noun they speak of, so with a resource's name: participles
 * and adjectives of state, possessive pronouns, subject pronouns. "libre", "disponible" are the
 * same in both genders and are not listed.
 */
export const AGREEING_WORDS =
  /(?<![\p{L}’'])(réservée?s?|ouverte?s?|fermée?s?|compl(?:et|ète)s?|prise?s?|occupée?s?|libérée?s?|bloquée?s?|attribuée?s?|(?:le|la) (?:vôtre|nôtre|sienne|sien)|il|elle)(?![\p{L}])/giu;
/** "a réservé", "avez pris": a participle after the auxiliary avoir does not agree with its subject. */
const AFTER_AVOIR = /(?:^|\s)(?:a|ai|as|avez|avons|ont)\s+$/i;

/** The text of a French message outside its gender selects, where nothing can agree with a name. */
function textOutsideGender(elements: MessageFormatElement[]): string {
  let text = '';
  for (const e of elements) {
    if (e.type === TYPE.literal) text += e.value;
    else if (e.type === TYPE.tag) text += textOutsideGender(e.children);
    else if (e.type === TYPE.plural || (e.type === TYPE.select && !GENDER_SELECTS.has(e.value)))
      text += Object.values(e.options)
        .map((o) => textOutsideGender(o.value))
        .join(' | ');
    else if (e.type === TYPE.argument) text += `{${e.value}}`;
    else text += ' ';
  }
  return text;
}

/** Agreeing words of a French message that names a resource, said outside a gender select. */
export function unagreedWords(message: Message): string[] {
  const elements = parse(icuText(message));
  const names = [...argumentNames(elements)].filter((a) => a in NAME_ARGUMENTS);
  if (names.length === 0) return [];
  const text = textOutsideGender(elements);
  const found: string[] = [];
  for (const m of text.matchAll(AGREEING_WORDS)) if (!AFTER_AVOIR.test(text.slice(0, m.index))) found.push(m[0]);
  return found;
}

/** Common French words that have no business in an English sentence. */
export const FRENCH_WORDS =
  /(?<![\p{L}’'-])(le|la|les|du|des|est|pour|avec|dans|sur|une|et|vous|votre|vos|aux|salle|salles|poste|postes|étage|réservée?|libre|fermée?|ouverte?|accueil|espace|journée|matin|après-midi|demain|aujourd’hui)(?![\p{L}’'-])/giu;
/** Accented letters, which English words do not have outside the names and loanwords below. */
const ACCENTED = /[\p{L}’'-]*[àâäçéèêëîïôöùûüÿœæ][\p{L}’'-]*/giu;

/** French words in an English text: common French words, and accented words not in `allowed`. */
export function frenchIn(text: string, allowed: ReadonlySet<string>): string[] {
  const found = [...text.matchAll(FRENCH_WORDS)].map((m) => m[0]);
  for (const m of text.matchAll(ACCENTED)) if (!allowed.has(m[0])) found.push(m[0]);
  return found;
}
