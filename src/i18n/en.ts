// English catalogue: complete, key for key with fr.ts (a test checks it).
import type { Catalogue } from './catalogue.js';
import { enCore } from './en/core.js';
import { enMail } from './en/mail.js';

export const en: Catalogue = {
  ...enCore,
  ...enMail,
};
