// A resource's or a zone's name in the reader's language, and the gender its French name
// takes, so that one helper decides what every page, mail and feed calls a place.
import type { Language } from './index.js';

/** The grammatical gender of a French name: a sentence agrees with it (`{gender, select, f {…} other {…}}`). */
export type NameGender = 'f' | 'm';

/** Anything named in French with an optional English name: a resource, a zone. */
export interface Named {
  name: string;
  nameEn?: string | null;
}

/** A resource's names and gender, as the history of retired resources keeps them too. */
export interface ResourceName extends Named {
  nameEn: string | null;
  nameGender: NameGender;
}

/** The name in `lang`; English falls back to the French name when admins left it empty. */
export function localName(named: Named, lang: Language): string {
  return lang === 'en' && named.nameEn ? named.nameEn : named.name;
}

/** Like localName, for a name that may be missing (a zone-less resource). */
export function localNameOrNull(named: Named | null | undefined, lang: Language): string | null {
  return named ? localName(named, lang) : null;
}

/** A value for each gender, for words a page repeats for many names (a grid's cells). */
export function byGender<T>(make: (gender: NameGender) => T): Record<NameGender, T> {
  return { f: make('f'), m: make('m') };
}

/** The message parameters naming a resource: `{resource}` and the `{gender}` its sentence agrees with. */
export function resourceParams(
  resource: Named & { nameGender: NameGender },
  lang: Language,
): { resource: string; gender: NameGender } {
  return { resource: localName(resource, lang), gender: resource.nameGender };
}
