// Reading a page's error summary the way a screen-reader user meets it: each entry is a link
// to a field of the page and must start with that field's label, then say what is wrong.
import { expect } from 'vitest';

export interface SummaryEntry {
  /** The id the entry links to. */
  target: string;
  text: string;
  /** The label (or legend) of the element it links to; null when the page has none. */
  label: string | null;
}

const decode = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The label of the element with this id: its <label for>, or the legend of a fieldset. */
function labelOf(html: string, id: string): string | null {
  const forLabel = new RegExp(`<label[^>]*\\sfor="${escapeRegExp(id)}"[^>]*>([\\s\\S]*?)</label>`).exec(html);
  if (forLabel) return decode(forLabel[1]!);
  const wrapping = new RegExp(
    `<label[^>]*>((?:(?!</label>)[\\s\\S])*?\\sid="${escapeRegExp(id)}"[\\s\\S]*?)</label>`,
  ).exec(html);
  if (wrapping) return decode(wrapping[1]!);
  const fieldset = new RegExp(
    `<fieldset[^>]*\\sid="${escapeRegExp(id)}"[^>]*>\\s*<legend[^>]*>([\\s\\S]*?)</legend>`,
  ).exec(html);
  return fieldset ? decode(fieldset[1]!) : null;
}

/** The entries of the first error summary (role="alert" with a list of links) on the page. */
export function errorSummary(html: string): SummaryEntry[] {
  const alert = /<div class="alert" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!alert) return [];
  return [...alert[1]!.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => ({
    target: m[1]!,
    text: decode(m[2]!),
    label: labelOf(html, m[1]!),
  }));
}

/** "<Label> : <message>" with a narrow no-break space in French, "<Label>: <message>" in English. */
export function entryText(lang: 'fr' | 'en', label: string, message: string): string {
  return lang === 'fr' ? `${label}\u202f: ${message}` : `${label}: ${message}`;
}

/**
 * Asserts the page's summary has exactly these fields' entries (in any order), each linking to a
 * labelled field of the page and reading "<its label> : <the expected message>".
 */
export function expectSummary(html: string, lang: 'fr' | 'en', expected: Record<string, string>): void {
  const entries = errorSummary(html);
  expect(entries.map((e) => e.target).sort(), 'fields the summary links to').toEqual(Object.keys(expected).sort());
  for (const entry of entries) {
    expect(entry.label, `a label for #${entry.target}`).not.toBeNull();
    expect(html, `an element with id ${entry.target}`).toMatch(new RegExp(`\\sid="${escapeRegExp(entry.target)}"`));
    expect(entry.text).toBe(entryText(lang, entry.label!, expected[entry.target]!));
  }
}

/** Asserts an input kept what the person typed and is marked invalid with its message next to it. */
export function expectInlineError(html: string, id: string, message: string): void {
  expect(html).toMatch(new RegExp(`<[^>]*\\sid="${escapeRegExp(id)}"[^>]*aria-invalid="true"`));
  const inline = new RegExp(`id="${escapeRegExp(id)}-error"[^>]*>([^<]*)<`).exec(html);
  expect(inline?.[1] ? decode(inline[1]) : null, `inline error of #${id}`).toBe(message);
}

/**
 * Asserts the summary links exactly to these ids, each entry reading "<label of the field> : <message>";
 * returns the messages by id for the test's own checks.
 */
export function expectNamedSummary(
  html: string,
  lang: 'fr' | 'en',
  targets: readonly string[],
): Record<string, string> {
  const entries = errorSummary(html);
  expect(entries.map((e) => e.target).sort(), 'fields the summary links to').toEqual([...targets].sort());
  const messages: Record<string, string> = {};
  for (const entry of entries) {
    expect(entry.label, `a label for #${entry.target}`).not.toBeNull();
    const prefix = entryText(lang, entry.label!, '');
    expect(entry.text.startsWith(prefix), `"${entry.text}" starts with "${prefix}"`).toBe(true);
    messages[entry.target] = entry.text.slice(prefix.length);
    expect(messages[entry.target]!.length, `a message for #${entry.target}`).toBeGreaterThan(10);
  }
  return messages;
}
