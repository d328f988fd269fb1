import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, fromAcceptLanguage, translate } from '../src/i18n/index.js';
import { VIEWS_DIR } from '../src/web/plugins/views.js';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { icuText } from '../src/i18n/message-format.js';
import type { Message } from '../src/i18n/catalogue.js';

/** The arguments a message prints, in its text and in every option of its plurals and selects. */
function printedArguments(elements: MessageFormatElement[], found: string[] = []): string[] {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time)
      found.push(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const option of Object.values(e.options)) printedArguments(option.value, found);
    if (e.type === TYPE.tag) printedArguments(e.children, found);
  }
  return found;
}

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.eta') ? [full] : [];
  });
}

/** Text a person would read that does not come from a catalogue (or from data). */
export function untranslatedText(source: string): string[] {
  const withoutCode = source
    .replace(/<%[\s\S]*?%>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const found: string[] = [];
  for (const match of withoutCode.matchAll(
    /\s(alt|title|placeholder|aria-label|aria-description|aria-roledescription)="([^"]*)"/g,
  )) {
    if (/\p{L}/u.test(match[2]!)) found.push(`${match[1]}="${match[2]}"`);
  }
  const text = withoutCode.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/gi, ' ');
  for (const word of text.split(/\s+/)) if (/\p{L}/u.test(word)) found.push(word);
  return found;
}

describe('message catalogues', () => {
  it('have the same keys in French and English, none empty', () => {
    const fr = Object.keys(catalogues.fr).sort();
    const en = Object.keys(catalogues.en).sort();
    expect(en).toEqual(fr);
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [key, message] of Object.entries(catalogue)) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages (a gender select may be French only)', () => {
    const names = (message: Message) => printedArguments(parse(icuText(message)));
    for (const key of Object.keys(catalogues.fr) as (keyof typeof catalogues.fr)[]) {
      expect(new Set(names(catalogues.en[key])), key).toEqual(new Set(names(catalogues.fr[key])));
    }
  });

  it('pluralise and interpolate', () => {
    expect(translate('fr', 'catalogue.results', { count: 0 })).toBe('Aucun espace ne correspond.');
    expect(translate('fr', 'catalogue.results', { count: 1 })).toBe('1 espace correspond.');
    expect(translate('en', 'catalogue.results', { count: 2 })).toBe('2 spaces match.');
    expect(translate('fr', 'kind.desk', { count: 2 })).toBe('postes de travail');
  });

  it.each([
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE,en;q=0.5', 'en'],
    ['de-DE', null],
    ['en;q=0.2, fr;q=0.9', 'fr'],
    ['', null],
  ])('Accept-Language %j gives %j', (header, lang) => {
    expect(fromAcceptLanguage(header)).toBe(lang);
  });
});

describe('templates', () => {
  const files = templates(VIEWS_DIR);

  it('exist', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('the checker finds hard-coded text', () => {
    expect(untranslatedText('<p>Bonjour <%= it.name %></p>')).toEqual(['Bonjour']);
    expect(untranslatedText('<img alt="Logo" src="/x.png">')).toEqual(['alt="Logo"']);
    expect(untranslatedText('<p><%= it.t("home.title") %> · 21</p>')).toEqual([]);
  });

  it.each(files.map((f) => [path.relative(VIEWS_DIR, f), f]))('%s has no untranslated text', (_name, file) => {
    expect(untranslatedText(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
