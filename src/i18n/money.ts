// Amounts in integer cents, written the reader's way ("1 234,56 €" / "€1,234.56").
import { remembered } from '../domain/memo.js';
import type { Language } from './index.js';

const formats = new Map<Language, Intl.NumberFormat>();

export function formatCents(cents: number, lang: Language): string {
  const format = remembered(
    formats,
    lang,
    2,
    () => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }),
  );
  return format.format(cents / 100);
}
