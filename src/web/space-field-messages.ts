// What each field of the space forms (resources, zones, opening hours) expects, with its
// limits: one message per field says what to enter; only rules across fields get their own.
import { EXCEPTION_REASON_MAX } from '../domain/opening-exceptions.js';
import {
  RESOURCE_DESCRIPTION_MAX,
  RESOURCE_NAME_MAX,
  RESOURCE_NUMBER_BOUNDS,
  RESOURCE_OTHER_BOUNDS,
} from '../domain/resource-rules.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { wholeNumberText } from './forms.js';

const BOUNDS: Record<string, readonly [number, number]> = {
  ...RESOURCE_NUMBER_BOUNDS,
  ...RESOURCE_OTHER_BOUNDS,
  name: [1, RESOURCE_NAME_MAX],
  nameEn: [0, RESOURCE_NAME_MAX],
  description: [0, RESOURCE_DESCRIPTION_MAX],
  descriptionEn: [0, RESOURCE_DESCRIPTION_MAX],
};

/** Checks across fields keep their own sentence; a field's own error says what it expects. */
const ACROSS_FIELDS = new Set(['min_above_max', 'step_not_dividing']);

export function resourceFieldMessage(t: Translate, lang: string, field: string, code: string): string {
  if (ACROSS_FIELDS.has(code)) return t(`resources.error.${code}` as MessageKey);
  const [min, max] = BOUNDS[field] ?? [0, 0];
  const key = code === 'above_capacity' ? `fields.resource.${field}.above_capacity` : `fields.resource.${field}`;
  return t(key as MessageKey, { min: wholeNumberText(lang, min), max: wholeNumberText(lang, max) });
}

/** The limits the zone service applies (space-hours.ts). */
const ZONE_MAX: Record<string, number> = {
  name: 120,
  nameEn: 120,
  floor: 60,
  safetyCapacity: 100_000,
  sortOrder: 10_000,
};

export function zoneFieldMessage(t: Translate, lang: string, field: string): string {
  return t(`fields.zone.${field}` as MessageKey, { max: wholeNumberText(lang, ZONE_MAX[field] ?? 0) });
}

/** A weekday's hours ("opens_3") share one message; an exception's fields have their own. */
export function hoursFieldMessage(t: Translate, field: string, code: string): string {
  const key = /^opens_\d$/.test(field) ? `fields.hours.week.${code}` : `fields.hours.${field}.${code}`;
  return t(key as MessageKey, { max: EXCEPTION_REASON_MAX });
}
