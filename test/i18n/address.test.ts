// The site's address in the reader's language: its French floor note reworded in English.
import { expect, it } from 'vitest';
import { addressIn } from '../../src/i18n/address.js';

const ADDRESS = '21 rue de la Vanne, 92120 Montrouge, France (1er étage)';

it('keeps the address as written in French', () => {
  expect(addressIn(ADDRESS, 'fr')).toBe(ADDRESS);
});

it('says the floor in English', () => {
  expect(addressIn(ADDRESS, 'en')).toBe('21 rue de la Vanne, 92120 Montrouge, France (1st floor)');
  expect(addressIn('1 rue X (2e étage)', 'en')).toBe('1 rue X (2nd floor)');
  expect(addressIn('1 rue X (3ème étage)', 'en')).toBe('1 rue X (3rd floor)');
  expect(addressIn('1 rue X (11e étage)', 'en')).toBe('1 rue X (11th floor)');
  expect(addressIn('1 rue X (rez-de-chaussée)', 'en')).toBe('1 rue X (ground floor)');
});

it('leaves an address without a floor note alone', () => {
  expect(addressIn('10 Downing Street, London', 'en')).toBe('10 Downing Street, London');
});
