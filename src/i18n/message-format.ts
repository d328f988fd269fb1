// Catalogue messages compiled as ICU MessageFormat (FormatJS): `{gender, select, f {…} other {…}}`
// agrees a sentence with a resource's name, `{count, plural, one {…} other {…}}` with a number.
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Message } from './catalogue.js';
import { remembered } from '../domain/memo.js';

export type Params = Record<string, string | number>;
export type Formatter = (params: Params | undefined) => string;

const LOCALES = { fr: 'fr-FR', en: 'en-GB' } as const;

/** The ICU text of a catalogue entry: plural forms written as objects become a `count` plural. */
export function icuText(message: Message): string {
  if (typeof message === 'string') return message;
  const forms = Object.entries(message).map(([form, text]) => `${form === 'zero' ? '=0' : form} {${text}}`);
  return `{count, plural, ${forms.join(' ')}}`;
}

/** Intl objects kept at most: a few per language. */
const INTL_MAX = 64;
const intlObjects = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, build: () => T): T {
  return remembered(intlObjects, key, INTL_MAX, build) as T;
}

// The library's own memo turns its arguments into a string on every plural; ours is keyed once.
const formatters: Formatters = {
  getNumberFormat: (locales, options) =>
    kept(`n|${String(locales)}|${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: (locales, options) =>
    kept(`d|${String(locales)}|${JSON.stringify(options ?? {})}`, () => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: (locales, options) =>
    kept(`p|${String(locales)}|${options?.type ?? 'cardinal'}`, () => new Intl.PluralRules(locales, options)),
};

interface Argument {
  name: string;
  /** What a missing value reads as: a plural counts zero, a select takes `other`, text shows its name. */
  missing: string | number;
}

function argumentsOf(elements: MessageFormatElement[], found: Map<string, Argument>): void {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, found);
      continue;
    }
    const missing = element.type === TYPE.plural ? 0 : element.type === TYPE.select ? 'other' : `{${element.value}}`;
    if (!found.has(element.value)) found.set(element.value, { name: element.value, missing });
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
}

/** A message of text and plain arguments only, filled by joining pieces (most of the catalogue). */
function plainFormatter(elements: MessageFormatElement[]): Formatter | null {
  if (!elements.every((e) => e.type === TYPE.literal || e.type === TYPE.argument)) return null;
  const pieces = elements.map((e) => (e.type === TYPE.literal ? e.value : { name: e.value }));
  return (params) => {
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') out += piece;
      else out += params && piece.name in params ? String(params[piece.name]) : `{${piece.name}}`;
    }
    return out;
  };
}

/** Compiles a message once; the formatter never throws on a missing value (it shows the name, as before). */
export function compile(message: Message, lang: keyof typeof LOCALES): Formatter {
  const format = new IntlMessageFormat(icuText(message), LOCALES[lang], undefined, { ignoreTag: true, formatters });
  const elements = format.getAst();
  const plain = plainFormatter(elements);
  if (plain) return plain;
  const args = new Map<string, Argument>();
  argumentsOf(elements, args);
  return (params) => {
    const values: Params = { ...params };
    for (const arg of args.values()) if (!(arg.name in values)) values[arg.name] = arg.missing;
    return String(format.format(values));
  };
}
