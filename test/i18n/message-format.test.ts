import { describe, expect, it } from 'vitest';
import { compile, icuText } from '../../src/i18n/message-format.js';

describe('ICU messages', () => {
  it('agree a sentence with the gender of a name', () => {
    const taken = compile('{resource} est déjà {gender, select, f {réservée} other {réservé}}.', 'fr');
    expect(taken({ resource: 'La salle Clara Barton', gender: 'f' })).toBe('La salle Clara Barton est déjà réservée.');
    expect(taken({ resource: 'Le poste OS-01', gender: 'm' })).toBe('Le poste OS-01 est déjà réservé.');
  });

  it('write plural forms given as objects as a count plural, zero first', () => {
    const forms = { zero: 'Aucun poste.', one: '{count} poste.', other: '{count} postes.' };
    expect(icuText(forms)).toBe('{count, plural, =0 {Aucun poste.} one {{count} poste.} other {{count} postes.}}');
    const desks = compile(forms, 'fr');
    expect([0, 1, 2, 40].map((count) => desks({ count }))).toEqual([
      'Aucun poste.',
      '1 poste.',
      '2 postes.',
      '40 postes.',
    ]);
  });

  it('follow each language’s plural rules', () => {
    const forms = { one: '{count} place', other: '{count} places' };
    expect(compile(forms, 'fr')({ count: 0 })).toBe('0 place');
    expect(compile(forms, 'en')({ count: 0 })).toBe('0 places');
  });

  it('never throw on a missing value: text shows its name, a plural counts zero, a select takes other', () => {
    expect(compile('Bonjour {name}', 'fr')(undefined)).toBe('Bonjour {name}');
    expect(compile('{n, plural, one {# an} other {# ans}} {who}', 'fr')({})).toBe('0 an {who}');
    expect(compile('{gender, select, f {ouverte} other {ouvert}}', 'fr')({})).toBe('ouvert');
  });

  it('keep angle brackets as text and apostrophes as written', () => {
    expect(compile("<b>{x}</b> l’espace, l'accueil", 'fr')({ x: '1' })).toBe("<b>1</b> l’espace, l'accueil");
  });
});
