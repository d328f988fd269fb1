// The drawn assets of 21's look: a symbol of public/icons.svg for every equipment and
// accessibility code the pages may show, and a drawing under public/spaces/ for every kind
// of resource (shown on a space's page when it has no photo).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESSIBILITY, EQUIPMENT, RESOURCE_KINDS } from '../../src/domain/types.js';
import { ROOT } from '../helpers/process.js';

const PUBLIC = path.join(ROOT, 'public');
const sprite = fs.readFileSync(path.join(PUBLIC, 'icons.svg'), 'utf8');
const symbols = new Set(Array.from(sprite.matchAll(/<symbol id="([^"]+)"/g), (m) => m[1]!));

describe('icons', () => {
  const names = [...EQUIPMENT.map((e) => `equipment-${e}`), ...ACCESSIBILITY.map((a) => `accessibility-${a}`)];

  it('has one symbol for each equipment and accessibility code, and no other', () => {
    expect([...symbols].sort()).toEqual([...names].sort());
  });

  it('draws each symbol in the text colour, with strokes on a 24 px grid', () => {
    for (const m of sprite.matchAll(/<symbol ([^>]+)>/g)) {
      expect(m[1], m[1]).toContain('viewBox="0 0 24 24"');
      expect(m[1], m[1]).toContain('stroke="currentColor"');
    }
  });
});

describe('drawings of the spaces', () => {
  it.each(RESOURCE_KINDS.map((k) => [k]))('%s has its drawing', (kind) => {
    const svg = fs.readFileSync(path.join(PUBLIC, 'spaces', `${kind}.svg`), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 320 200"/);
  });
});
