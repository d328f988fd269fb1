// The two themes of public/app.css, read from the stylesheet itself: every pair of text and
// background the pages use keeps WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for focus rings,
// field borders and the identity's rule), in the light theme and in the dark one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/process.js';

const CSS = fs.readFileSync(path.join(ROOT, 'public', 'app.css'), 'utf8');

/** The custom properties of the first `:root { ... }` block after `from` in the stylesheet. */
function properties(from: number): Map<string, string> {
  const start = CSS.indexOf(':root {', from);
  const body = CSS.slice(start, CSS.indexOf('}', start));
  return new Map(Array.from(body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi), (m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = properties(0);
const darkAt = CSS.indexOf('@media (prefers-color-scheme: dark)');
const THEMES = { light, dark: new Map([...light, ...properties(darkAt)]) };

function luminance(hex: string): number {
  const channel = (at: number) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** [foreground, background] pairs that carry text. */
const TEXT: [string, string][] = [
  ['ink', 'bg'],
  ['ink', 'bg-soft'],
  ['ink', 'field-bg'],
  ['muted', 'bg'],
  ['muted', 'bg-soft'],
  ['link', 'bg'],
  ['link', 'bg-soft'],
  ['link-hover', 'bg'],
  ['on-button', 'button-bg'],
  ['on-button', 'button-hover-bg'],
  ['bg', 'ink'],
  ['ok', 'bg'],
  ['ok', 'free-bg'],
  ['ok', 'free-hover-bg'],
  ['ok', 'notice-bg'],
  ['warn', 'bg'],
  ['red-dark', 'bg'],
  ['red-dark', 'alert-bg'],
  ['red-dark', 'busy-stripe'],
  ['ink', 'alert-bg'],
  ['ink', 'notice-bg'],
  ['ink', 'mine-bg'],
  ['ink', 'selected-bg'],
  ['muted', 'taken-stripe'],
];

/** Pairs where a shape, not text, must be seen: focus rings, field borders, the header's rule. */
const SHAPES: [string, string][] = [
  ['focus', 'bg'],
  ['focus', 'bg-soft'],
  ['focus', 'selected-bg'],
  ['muted', 'field-bg'],
  ['line-strong', 'bg'],
  ['brand', 'bg'],
];

describe.each(Object.entries(THEMES))('the %s theme', (_name, theme) => {
  const colour = (name: string) => {
    const value = theme.get(name);
    expect(value, `--${name}`).toMatch(/^#[0-9a-f]{6}$/);
    return value!;
  };

  it.each(TEXT)('text in --%s on --%s has 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SHAPES)('--%s on --%s has 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });
});

it('the dark theme redefines every colour of the light one', () => {
  const dark = properties(darkAt);
  expect([...light.keys()].filter((name) => !dark.has(name))).toEqual([]);
});
