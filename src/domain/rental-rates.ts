// A new rental rate as typed by an admin: amounts in euros ("650" or "650,50"), reductions
// in percent, setup and teardown in minutes. Each field is checked; a rate starts on a date.
import { isLocalDate } from './local-date.js';
import { ORGANISATION_KINDS, RENTAL_LAYOUTS, RENTAL_OPTIONS, type RentalRate } from './rental-quote.js';

export type RateDraft = Omit<RentalRate, 'id'>;
export type RateErrors = Record<string, 'invalid' | 'required'>;

const EUROS = /^\d{1,6}(?:[.,]\d{1,2})?$/;
const WHOLE = /^\d{1,3}$/;

/** "650,5" -> 65050 cents, or null. */
export function eurosToCents(text: string): number | null {
  const t = text.trim();
  if (!EUROS.test(t)) return null;
  const [units, decimals = ''] = t.replace(',', '.').split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/**
 * Field names: starts_on, half_day, day, evening, reduction_<kind>, option_<option>,
 * setup_<layout>, teardown_<layout>.
 */
export function checkRateForm(
  field: (name: string) => string,
): { ok: true; rate: RateDraft } | { ok: false; errors: RateErrors } {
  const errors: RateErrors = {};
  const cents = (name: string) => {
    const value = eurosToCents(field(name));
    if (value === null) errors[name] = field(name).trim() === '' ? 'required' : 'invalid';
    return value ?? 0;
  };
  const whole = (name: string, max: number) => {
    const t = field(name).trim();
    const value = WHOLE.test(t) ? Number(t) : NaN;
    if (!(value >= 0 && value <= max)) errors[name] = t === '' ? 'required' : 'invalid';
    return Number.isNaN(value) ? 0 : value;
  };
  const startsOn = field('starts_on').trim();
  if (!isLocalDate(startsOn)) errors.starts_on = startsOn === '' ? 'required' : 'invalid';
  const rate: RateDraft = {
    startsOn,
    halfDayCents: cents('half_day'),
    dayCents: cents('day'),
    eveningCents: cents('evening'),
    reductions: Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, whole(`reduction_${k}`, 100)])),
    optionCents: Object.fromEntries(RENTAL_OPTIONS.map((o) => [o, cents(`option_${o}`)])),
    setupMinutes: Object.fromEntries(
      RENTAL_LAYOUTS.map((l) => [l, { setup: whole(`setup_${l}`, 600), teardown: whole(`teardown_${l}`, 600) }]),
    ),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rate };
}
