// The rental settings admins edit, checked as whole numbers within ranges that keep the jobs sane.

export interface RentalSettings {
  retentionMonths: number;
  optionDays: number;
  quoteValidityDays: number;
  warnHours: number;
}

export const RENTAL_SETTING_RANGES: Record<keyof RentalSettings, { min: number; max: number }> = {
  retentionMonths: { min: 1, max: 120 },
  optionDays: { min: 1, max: 90 },
  quoteValidityDays: { min: 1, max: 180 },
  warnHours: { min: 1, max: 336 },
};

export type SettingErrors = Partial<Record<keyof RentalSettings, 'required' | 'range'>>;

/** The settings from the form's text fields, or what is wrong with each. */
export function checkRentalSettings(
  field: (name: keyof RentalSettings) => string,
): { ok: true; settings: RentalSettings } | { ok: false; errors: SettingErrors } {
  const errors: SettingErrors = {};
  const settings = {} as RentalSettings;
  for (const name of Object.keys(RENTAL_SETTING_RANGES) as (keyof RentalSettings)[]) {
    const text = field(name).trim();
    const { min, max } = RENTAL_SETTING_RANGES[name];
    if (text === '') errors[name] = 'required';
    else if (!/^\d{1,4}$/.test(text) || Number(text) < min || Number(text) > max) errors[name] = 'range';
    else settings[name] = Number(text);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}
