// A rental request as typed into the public form, checked field by field: each problem is a
// code per field (the web layer words it), so a refusal says exactly what to fix.
import { isLocalDate } from './local-date.js';
import {
  ORGANISATION_KINDS,
  RENTAL_LAYOUTS,
  RENTAL_OPTIONS,
  type OrganisationKind,
  type RentalLayout,
  type RentalOption,
} from './rental-quote.js';
import { parseLocalTime } from './zoned-time.js';

export const RENTAL_LIMITS = {
  organisation: 120,
  contactName: 100,
  phone: 30,
  title: 120,
  purpose: 2000,
  message: 2000,
} as const;

/** The form's fields as typed (every value a string, checkboxes as booleans). */
export interface RentalForm {
  organisation: string;
  kind: string;
  contactName: string;
  email: string;
  phone: string;
  title: string;
  date: string;
  start: string;
  end: string;
  layout: string;
  headcount: string;
  purpose: string;
  isPublic: boolean;
  options: readonly string[];
  consent: boolean;
}

/** What a valid form becomes (times still local; the zone turns them into instants). */
export interface RentalDraft {
  organisation: string;
  kind: OrganisationKind;
  contactName: string;
  phone: string;
  title: string;
  date: string;
  startMinutes: number;
  endMinutes: number;
  layout: RentalLayout;
  headcount: number;
  purpose: string;
  isPublic: boolean;
  options: RentalOption[];
}

export type RentalFieldError = 'required' | 'too_long' | 'invalid' | 'too_many' | 'end_before_start';
export type RentalErrors = Partial<Record<keyof RentalForm, RentalFieldError>>;

const PHONE = /^\+?[0-9 ().-]{6,}$/;

function required(value: string, max: number): RentalFieldError | null {
  const v = value.trim();
  if (v === '') return 'required';
  return v.length > max ? 'too_long' : null;
}

const isOne = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/**
 * Checks every field; `capacityOf` gives the headcount a layout holds in this space (null if
 * the space has no such layout). The e-mail address is checked by the caller, which normalises it.
 */
export function checkRentalForm(
  form: RentalForm,
  capacityOf: (layout: RentalLayout) => number | null,
): { ok: true; draft: RentalDraft } | { ok: false; errors: RentalErrors } {
  const errors: RentalErrors = {};
  const set = (field: keyof RentalForm, error: RentalFieldError | null) => {
    if (error) errors[field] = error;
  };
  set('organisation', required(form.organisation, RENTAL_LIMITS.organisation));
  set('contactName', required(form.contactName, RENTAL_LIMITS.contactName));
  set('title', required(form.title, RENTAL_LIMITS.title));
  set('purpose', required(form.purpose, RENTAL_LIMITS.purpose));
  const phone = required(form.phone, RENTAL_LIMITS.phone);
  set('phone', phone ?? (PHONE.test(form.phone.trim()) ? null : 'invalid'));
  if (!isOne(ORGANISATION_KINDS, form.kind)) set('kind', 'required');
  if (form.date.trim() === '') set('date', 'required');
  else if (!isLocalDate(form.date)) set('date', 'invalid');
  const start = parseLocalTime(form.start);
  const end = parseLocalTime(form.end);
  set('start', form.start === '' ? 'required' : start === null ? 'invalid' : null);
  set('end', form.end === '' ? 'required' : end === null ? 'invalid' : null);
  if (start !== null && end !== null && end <= start) set('end', 'end_before_start');
  const layout = form.layout;
  const capacity = isOne(RENTAL_LAYOUTS, layout) ? capacityOf(layout) : null;
  if (capacity === null) set('layout', 'required');
  const headcount = /^\d{1,5}$/.test(form.headcount.trim()) ? Number(form.headcount.trim()) : NaN;
  if (form.headcount.trim() === '') set('headcount', 'required');
  else if (!(headcount >= 1)) set('headcount', 'invalid');
  else if (capacity !== null && headcount > capacity) set('headcount', 'too_many');
  if (!form.options.every((o) => isOne(RENTAL_OPTIONS, o))) set('options', 'invalid');
  if (!form.consent) set('consent', 'required');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      organisation: form.organisation.trim(),
      kind: form.kind as OrganisationKind,
      contactName: form.contactName.trim(),
      phone: form.phone.trim(),
      title: form.title.trim(),
      date: form.date,
      startMinutes: start!,
      endMinutes: end!,
      layout: layout as RentalLayout,
      headcount,
      purpose: form.purpose.trim(),
      isPublic: form.isPublic,
      options: RENTAL_OPTIONS.filter((o) => form.options.includes(o)),
    },
  };
}
