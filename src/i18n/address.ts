// The site's address is data written once, in French; its floor note ("(1er étage)") is the one
// part an English reader needs in English, so it is reworded here rather than stored twice.
import type { Language } from './index.js';

const FLOOR = /\((\d+)\s*(?:er|re|e|ème)\s+étage\)/gu;
const GROUND = /\(rez-de-chaussée\)/gu;
const ordinal = new Intl.PluralRules('en', { type: 'ordinal' });
const SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** The address as `lang` reads it: "… (1er étage)" becomes "… (1st floor)" in English. */
export function addressIn(address: string, lang: Language): string {
  if (lang === 'fr') return address;
  return address
    .replace(FLOOR, (_, n: string) => `(${n}${SUFFIX[ordinal.select(Number(n))] ?? 'th'} floor)`)
    .replace(GROUND, '(ground floor)');
}
