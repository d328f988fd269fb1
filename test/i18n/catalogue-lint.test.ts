// Every catalogue entry, in both languages, formatted with sample values (dates in words,
// names of both genders, counts 0, 1, 2 and 5): no ISO date in a sentence, no French word
// agreeing with a resource outside a gender select, no French word in English. Each rule is
// also shown failing on a deliberately bad message, so a pass means something.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { frenchIn, isoDateIn, samplesOf, unagreedWords } from './catalogue-rules.js';

/**
 * Accented words English may hold: proper names and the language switcher's "Français".
 * Each is a name, never a word a sentence could have translated.
 */
const ENGLISH_ALLOWED = new Set<string>(['Français']);

/** Keys whose agreeing word speaks of another noun than the resource, with that noun. */
const AGREES_WITH_OTHER_NOUN: Record<string, string> = {
  'mail.booking-released.subject': 'Réservation libérée',
  'audit.sentence.booking.release': 'Réservation … libérée',
};

/** English entries in French on purpose, and why. */
const FRENCH_ON_PURPOSE: Record<string, string> = {
  'layout.language.switch.label': 'the link to the French page speaks French to those who read it',
  'resources.gender.f': 'shows the French article an admin chooses the gender by',
  'resources.gender.m': 'shows the French article an admin chooses the gender by',
};

/** Entries that show the format a field expects: the ISO form is what a person types there. */
const FIELD_FORMATS = new Set(['form.hint.datetime', 'eventSpace.error.month', 'plans.error.startsOn.invalid']);

const entries = (lang: 'fr' | 'en') => Object.entries(catalogues[lang]);

describe('the catalogue, every entry with sample values', () => {
  it('has no ISO date or month in any sentence', () => {
    const found = (['fr', 'en'] as const).flatMap((lang) =>
      entries(lang).flatMap(([key, message]) =>
        (FIELD_FORMATS.has(key) ? [] : samplesOf(message, lang)).flatMap((text) => {
          const iso = isoDateIn(text);
          return iso ? [`${lang} ${key}: "${iso}" in "${text}"`] : [];
        }),
      ),
    );
    expect(found).toEqual([]);
  });

  it('agrees in French with the gender of a resource’s name', () => {
    const found = entries('fr').flatMap(([key, message]) => {
      if (key in AGREES_WITH_OTHER_NOUN) return [];
      const words = unagreedWords(message);
      return words.length > 0 ? [`${key}: ${words.join(', ')} outside a {gender, select, …}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('says nothing in French in English', () => {
    const found = entries('en').flatMap(([key, message]) =>
      (key in FRENCH_ON_PURPOSE ? [] : samplesOf(message, 'en')).flatMap((text) => {
        const words = frenchIn(text, ENGLISH_ALLOWED);
        return words.length > 0 ? [`${key}: ${[...new Set(words)].join(', ')} in "${text}"`] : [];
      }),
    );
    expect([...new Set(found)]).toEqual([]);
  });
});

describe('each rule fails on a bad message', () => {
  it('finds an ISO date and an ISO month', () => {
    expect(isoDateIn('du 2026-12-01 au 2027-05-31')).toBe('2026-12-01');
    expect(isoDateIn('Forfait du mois (2026-12)')).toBe('2026-12');
    expect(isoDateIn('du 1er décembre 2026 au 31 mai 2027')).toBeNull();
    expect(samplesOf('Réservé le {date}', 'fr').every((text) => isoDateIn(text) === null)).toBe(true);
  });

  it('finds a participle, an adjective and a pronoun that do not agree with the name', () => {
    expect(unagreedWords('{resource} est déjà réservé de {start} à {end}.')).toEqual(['réservé']);
    expect(unagreedWords('{desk}, le vôtre')).toEqual(['le vôtre']);
    expect(
      unagreedWords('{linked} est {linkedGender, select, f {réservée} other {réservé}}, et il bloque {resource}.'),
    ).toEqual(['il']);
    expect(unagreedWords({ zero: '{resource} est complet.', other: '{resource} a {count} places.' })).toEqual([
      'complet',
    ]);
    // Agreeing through the select, after avoir, or without a name, it passes.
    expect(unagreedWords('{resource} est {gender, select, f {ouverte} other {ouvert}} le {date}.')).toEqual([]);
    expect(unagreedWords('{actor} a réservé {resource}.')).toEqual([]);
    expect(unagreedWords('Fermé le {date}.')).toEqual([]);
  });

  it('finds French words and accented words in English', () => {
    expect(frenchIn('Poste OS-01 is booked', ENGLISH_ALLOWED)).toEqual(['Poste']);
    expect(frenchIn('Salle Clara Barton, 1er étage', ENGLISH_ALLOWED)).toEqual(['Salle', 'étage', 'étage']);
    expect(frenchIn('Studio numérique', ENGLISH_ALLOWED)).toEqual(['numérique']);
    expect(frenchIn('The desk is free for you', ENGLISH_ALLOWED)).toEqual([]);
    expect(frenchIn('Français', ENGLISH_ALLOWED)).toEqual([]);
  });
});
