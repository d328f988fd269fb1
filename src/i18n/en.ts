// English catalogue: complete, key for key with fr.ts (a test checks it).
import type { Catalogue } from './catalogue.js';
import { enCore } from './en/core.js';

export const en: Catalogue = {
  ...enCore,
};
