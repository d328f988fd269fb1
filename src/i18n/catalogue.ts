import type { MessageKey } from './fr.js';

// A message is ICU MessageFormat text, or its plural forms by name (`zero` reads as `=0`).

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;
export type Catalogue = Record<MessageKey, Message>;
