// Every field error says what the field expects: no catalogue entry is a generic refusal
// ("Ce champ est obligatoire."), and every error a validator can give has its own message
// in both languages (translate() answers the key itself when a message is missing).
import { describe, expect, it } from 'vitest';
import { validateException, validateWeek } from '../../src/domain/opening-exceptions.js';
import { validateResource, type ResourceForm } from '../../src/domain/resource-rules.js';
import { catalogues, translator, type MessageKey } from '../../src/i18n/index.js';
import { parseBookingForm } from '../../src/web/booking-form.js';
import { hoursFieldMessage, resourceFieldMessage, zoneFieldMessage } from '../../src/web/space-field-messages.js';

/** Refusals that name neither the field nor what it expects. */
const GENERIC = [
  /^Ce champ est obligatoire/i,
  /^Cette valeur n’est pas valide/i,
  /hors des limites permises/i,
  /^Valeur (non )?valide/i,
  /la valeur n’est pas valable/i,
  /^Le champ « .* » est (obligatoire|invalide)/i,
  /^This field is required/i,
  /^This value is not valid/i,
  /outside the allowed range|out of the allowed range/i,
  /^Invalid value/i,
  /the value is not valid/i,
];

/** "field.invalid" words a malformed API request (a JSON schema failure), never a form field. */
const NOT_FORM_FIELDS = new Set(['field.invalid']);

const languages = ['fr', 'en'] as const;

function expectSpecific(message: string, context: string): void {
  expect(message, `${context}: a message, not a missing key`).not.toMatch(/^[a-z]+(\.[A-Za-z_\d]+)+$/);
  for (const pattern of GENERIC) expect(message, context).not.toMatch(pattern);
}

describe('field error messages', () => {
  it('no catalogue entry is a generic refusal', () => {
    for (const lang of languages) {
      for (const [key, message] of Object.entries(catalogues[lang])) {
        if (NOT_FORM_FIELDS.has(key)) continue;
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) for (const pattern of GENERIC) expect(text, `${lang} ${key}`).not.toMatch(pattern);
      }
    }
  });

  it('the checker finds a generic refusal', () => {
    expect(GENERIC.some((p) => p.test('Cette valeur est hors des limites permises.'))).toBe(true);
    expect(GENERIC.some((p) => p.test('Ce champ est obligatoire.'))).toBe(true);
  });

  it('every booking-form error has a message of its own in both languages', () => {
    const bodies: Record<string, unknown>[] = [
      {},
      { resource: 'x', start: 'x', end: 'x', headcount: '0', title: 'x'.repeat(300), repeat: 'yearly' },
      { start: '2300-01-01T10:00', end: '2300-01-01T11:00', repeat: 'weekly', repeat_interval: '99' },
      { repeat: 'weekly', repeat_weekdays: ['8'], repeat_end: 'until', repeat_until: '' },
      { repeat: 'monthly', monthly_by: 'x', repeat_end: 'until', repeat_until: 'x', series_policy: 'x' },
      { repeat: 'daily', repeat_end: 'until', repeat_until: '2300-01-01' },
      { repeat: 'daily', repeat_end: 'x' },
    ];
    const seen = new Set<string>();
    for (const body of bodies) {
      const parsed = parseBookingForm(body);
      if (parsed.ok) continue;
      for (const [field, code] of Object.entries(parsed.errors)) seen.add(`fields.booking.${field}.${code}`);
    }
    expect(seen.size).toBeGreaterThan(12);
    for (const key of seen) for (const lang of languages) expect(catalogues[lang][key as MessageKey], key).toBeTruthy();
  });

  it('every resource, zone and opening-hours error has a message of its own in both languages', () => {
    const garbage: ResourceForm = {
      name: '',
      nameEn: 'x'.repeat(200),
      nameGender: 'x',
      kind: 'castle',
      zone: '999',
      capacity: 'lots',
      equipment: ['jacuzzi'],
      accessibility: ['x'],
      description: 'x'.repeat(3000),
      descriptionEn: 'x'.repeat(3000),
      photo: 'http://x',
      planX: '1',
      planY: '',
      planWidth: '',
      planHeight: '',
      layouts: { theatre: 'x' },
      shape: 'x',
      slotStepMinutes: '0',
      minDurationMinutes: '',
      maxDurationMinutes: '99999999',
      horizonDays: '0',
      minNoticeMinutes: '-1',
      bufferBeforeMinutes: 'x',
      bufferAfterMinutes: '999999',
      approvalRequired: false,
      checkInGraceMinutes: '99999',
      capacityModel: 'shared',
      sharedPlaces: '',
      inductionRequired: false,
      halfDaySplit: '25:00',
      links: ['0'],
    };
    const checked = validateResource(garbage, { zoneIds: new Set([1]), linkableIds: new Set([2]) });
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? {} : checked.errors;
    expect(Object.keys(errors).length).toBeGreaterThan(20);
    const extra: [string, string][] = [
      ['sharedPlaces', 'above_capacity'],
      ['layouts', 'above_capacity'],
      ['minDurationMinutes', 'min_above_max'],
      ['slotStepMinutes', 'step_not_dividing'],
    ];
    for (const lang of languages) {
      const t = translator(lang);
      for (const [field, code] of [...Object.entries(errors), ...extra])
        expectSpecific(resourceFieldMessage(t, lang, field, code!), `${lang} resource ${field} ${code}`);
      for (const field of ['name', 'nameEn', 'floor', 'safetyCapacity', 'sortOrder'])
        expectSpecific(zoneFieldMessage(t, lang, field), `${lang} zone ${field}`);
      const week = validateWeek({ opens_1: 'x', closes_1: '09:00', opens_2: '18:00', closes_2: '09:00' });
      const exception = validateException(
        { resource: '9', date: 'x', opens: 'x', closes: '', reason: '', reasonEn: 'x'.repeat(300) },
        new Set([1]),
      );
      const late = validateException(
        { resource: '', date: '', opens: '18:00', closes: 'x', reason: 'x'.repeat(300), reasonEn: '' },
        new Set(),
      );
      const backwards = validateException(
        { resource: '', date: '2026-12-01', opens: '18:00', closes: '09:00', reason: 'x', reasonEn: '' },
        new Set(),
      );
      const hours = [week, exception, late, backwards].flatMap((r) => (r.ok ? [] : Object.entries(r.errors)));
      expect(hours.length).toBeGreaterThan(8);
      for (const [field, code] of hours)
        expectSpecific(hoursFieldMessage(t, field, code!), `${lang} hours ${field} ${code}`);
    }
  });
});
