// A resource as admins write it: every field of the form checked at once against the rules
// the booking engine relies on (min <= max duration, the step divides them, places for a
// shared resource...), and the existing bookings that new rules would no longer allow. Pure.
import {
  ACCESSIBILITY,
  EQUIPMENT,
  RESOURCE_KINDS,
  type Accessibility,
  type BookingRules,
  type Equipment,
  type ExistingBooking,
  type ResourceKind,
} from './types.js';
import { localDateTimeOf, parseLocalTime } from './zoned-time.js';

export const EVENT_LAYOUTS = ['theatre', 'cabaret', 'workshop', 'standing', 'classroom'] as const;
export type EventLayoutName = (typeof EVENT_LAYOUTS)[number];

/** The longest booking a rule may allow (the bound the overlap reads and trigger rely on): 7 days. */
export const LONGEST_BOOKING_MINUTES = 7 * 24 * 60;
export const RESOURCE_NAME_MAX = 120;
export const RESOURCE_DESCRIPTION_MAX = 2000;

/** Integer fields of the form with their bounds. */
export const RESOURCE_NUMBER_BOUNDS = {
  capacity: [1, 1000],
  slotStepMinutes: [5, 24 * 60],
  minDurationMinutes: [5, LONGEST_BOOKING_MINUTES],
  maxDurationMinutes: [5, LONGEST_BOOKING_MINUTES],
  horizonDays: [1, 730],
  minNoticeMinutes: [0, 60 * 24 * 60],
  bufferBeforeMinutes: [0, 24 * 60],
  bufferAfterMinutes: [0, 24 * 60],
} as const;
const NUMBERS = RESOURCE_NUMBER_BOUNDS;
type NumberField = keyof typeof NUMBERS;
/** Bounds of the other whole-number fields, for their messages too. */
export const RESOURCE_OTHER_BOUNDS = {
  sharedPlaces: [1, 1000],
  checkInGraceMinutes: [0, 24 * 60],
  plan: [1, 100_000],
  layouts: [1, 1000],
} as const;

/** The form's fields as they arrive: text, or lists for checkboxes (a missing one is '' or []). */
export interface ResourceForm {
  name: string;
  nameEn: string;
  nameGender: string;
  kind: string;
  zone: string;
  capacity: string;
  equipment: string[];
  accessibility: string[];
  description: string;
  descriptionEn: string;
  photo: string;
  planX: string;
  planY: string;
  planWidth: string;
  planHeight: string;
  /** Capacity per layout name ('' = not offered). */
  layouts: Record<string, string>;
  shape: string;
  slotStepMinutes: string;
  minDurationMinutes: string;
  maxDurationMinutes: string;
  horizonDays: string;
  minNoticeMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  approvalRequired: boolean;
  checkInGraceMinutes: string;
  capacityModel: string;
  sharedPlaces: string;
  inductionRequired: boolean;
  halfDaySplit: string;
  links: string[];
}

export type ResourceField = Exclude<keyof ResourceForm, 'layouts'> | 'plan' | 'layouts';
export type ResourceError =
  | 'required'
  | 'invalid'
  | 'too_long'
  | 'out_of_range'
  | 'unknown'
  | 'min_above_max'
  | 'step_not_dividing'
  | 'above_capacity';

export interface ResourcePlan {
  name: string;
  nameEn: string | null;
  nameGender: 'f' | 'm';
  kind: ResourceKind;
  zoneId: number | null;
  capacity: number;
  equipment: Equipment[];
  accessibility: Accessibility[];
  description: string;
  descriptionEn: string | null;
  photo: string | null;
  plan: { x: number; y: number; width: number; height: number } | null;
  layouts: { layout: EventLayoutName; capacity: number }[];
  rules: BookingRules;
  linkedResourceIds: number[];
}

export type ResourceValidation =
  { ok: true; plan: ResourcePlan } | { ok: false; errors: Partial<Record<ResourceField, ResourceError>> };

export interface ResourceChoices {
  zoneIds: ReadonlySet<number>;
  /** Resources this one may be linked to (not itself). */
  linkableIds: ReadonlySet<number>;
}

const oneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

function integer(text: string, [min, max]: readonly [number, number]): number | 'invalid' | 'out_of_range' {
  if (!/^\d{1,7}$/.test(text.trim())) return 'invalid';
  const value = Number(text.trim());
  return value < min || value > max ? 'out_of_range' : value;
}

/** A photo path under public/: "/photos/salle.jpg", no "..", no scheme, no query. */
const PHOTO = /^\/(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/;

function checkIds(values: readonly string[], allowed: ReadonlySet<number>): number[] | null {
  const ids = values.map((v) => (/^[1-9]\d{0,8}$/.test(v) ? Number(v) : NaN));
  return ids.every((id) => allowed.has(id)) ? [...new Set(ids)] : null;
}

/** Checks every field at once; the errors name the field each is about. */
export function validateResource(form: ResourceForm, choices: ResourceChoices): ResourceValidation {
  const errors: Partial<Record<ResourceField, ResourceError>> = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'required';
  else if (name.length > RESOURCE_NAME_MAX) errors.name = 'too_long';
  if (form.nameEn.trim().length > RESOURCE_NAME_MAX) errors.nameEn = 'too_long';
  if (!oneOf(['f', 'm'] as const, form.nameGender)) errors.nameGender = 'invalid';
  if (!oneOf(RESOURCE_KINDS, form.kind)) errors.kind = 'invalid';
  const zoneId = form.zone.trim() === '' ? null : (checkIds([form.zone.trim()], choices.zoneIds)?.[0] ?? null);
  if (form.zone.trim() !== '' && zoneId === null) errors.zone = 'unknown';
  const numbers = {} as Record<NumberField, number>;
  for (const [field, bounds] of Object.entries(NUMBERS) as [NumberField, readonly [number, number]][]) {
    const value = integer(form[field], bounds);
    if (typeof value === 'number') numbers[field] = value;
    else errors[field] = form[field].trim() === '' ? 'required' : value;
  }
  if (!form.equipment.every((e) => oneOf(EQUIPMENT, e))) errors.equipment = 'invalid';
  if (!form.accessibility.every((a) => oneOf(ACCESSIBILITY, a))) errors.accessibility = 'invalid';
  if (form.description.trim().length > RESOURCE_DESCRIPTION_MAX) errors.description = 'too_long';
  if (form.descriptionEn.trim().length > RESOURCE_DESCRIPTION_MAX) errors.descriptionEn = 'too_long';
  const photo = form.photo.trim();
  if (photo !== '' && !PHOTO.test(photo)) errors.photo = 'invalid';
  const plan = planOf(form);
  if (plan === 'invalid') errors.plan = 'invalid';
  const layouts = layoutsOf(form.layouts, numbers.capacity);
  if (typeof layouts === 'string') errors.layouts = layouts;
  if (!oneOf(['half_day', 'steps'] as const, form.shape)) errors.shape = 'invalid';
  if (!oneOf(['exclusive', 'shared'] as const, form.capacityModel)) errors.capacityModel = 'invalid';
  const grace =
    form.checkInGraceMinutes.trim() === ''
      ? null
      : integer(form.checkInGraceMinutes, RESOURCE_OTHER_BOUNDS.checkInGraceMinutes);
  if (typeof grace === 'string') errors.checkInGraceMinutes = grace;
  const split = form.halfDaySplit.trim() || '13:00';
  if (parseLocalTime(split) === null) errors.halfDaySplit = 'invalid';
  let sharedPlaces: number | null = null;
  if (form.capacityModel === 'shared') {
    const places = integer(form.sharedPlaces, RESOURCE_OTHER_BOUNDS.sharedPlaces);
    if (typeof places === 'number') sharedPlaces = places;
    else errors.sharedPlaces = form.sharedPlaces.trim() === '' ? 'required' : places;
    if (sharedPlaces !== null && numbers.capacity !== undefined && sharedPlaces > numbers.capacity)
      errors.sharedPlaces = 'above_capacity';
  }
  if (numbers.minDurationMinutes !== undefined && numbers.maxDurationMinutes !== undefined) {
    if (numbers.minDurationMinutes > numbers.maxDurationMinutes) errors.minDurationMinutes = 'min_above_max';
    else if (
      form.shape === 'steps' &&
      numbers.slotStepMinutes !== undefined &&
      (numbers.minDurationMinutes % numbers.slotStepMinutes !== 0 ||
        numbers.maxDurationMinutes % numbers.slotStepMinutes !== 0)
    )
      errors.slotStepMinutes = 'step_not_dividing';
  }
  const links = checkIds(form.links, choices.linkableIds);
  if (links === null) errors.links = 'unknown';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      name,
      nameEn: form.nameEn.trim() || null,
      nameGender: form.nameGender as 'f' | 'm',
      kind: form.kind as ResourceKind,
      zoneId,
      capacity: numbers.capacity,
      equipment: [...new Set(form.equipment)] as Equipment[],
      accessibility: [...new Set(form.accessibility)] as Accessibility[],
      description: form.description.trim(),
      descriptionEn: form.descriptionEn.trim() || null,
      photo: photo || null,
      plan: plan as ResourcePlan['plan'],
      layouts: layouts as ResourcePlan['layouts'],
      rules: {
        shape: form.shape as BookingRules['shape'],
        slotStepMinutes: numbers.slotStepMinutes,
        minDurationMinutes: numbers.minDurationMinutes,
        maxDurationMinutes: numbers.maxDurationMinutes,
        horizonDays: numbers.horizonDays,
        minNoticeMinutes: numbers.minNoticeMinutes,
        bufferBeforeMinutes: numbers.bufferBeforeMinutes,
        bufferAfterMinutes: numbers.bufferAfterMinutes,
        approvalRequired: form.approvalRequired,
        checkInGraceMinutes: grace as number | null,
        capacityModel: form.capacityModel as BookingRules['capacityModel'],
        sharedPlaces,
        inductionRequired: form.inductionRequired,
        halfDaySplit: split,
      },
      linkedResourceIds: links!,
    },
  };
}

/** All four plan numbers, or none. */
function planOf(form: ResourceForm): ResourcePlan['plan'] | 'invalid' {
  const raw = [form.planX, form.planY, form.planWidth, form.planHeight].map((v) => v.trim());
  if (raw.every((v) => v === '')) return null;
  const [x, y, width, height] = raw.map((v) => integer(v, [0, 100_000]));
  if (![x, y, width, height].every((v) => typeof v === 'number') || width === 0 || height === 0) return 'invalid';
  return { x: x as number, y: y as number, width: width as number, height: height as number };
}

function layoutsOf(
  raw: Record<string, string>,
  capacity: number | undefined,
): ResourcePlan['layouts'] | 'invalid' | 'above_capacity' {
  const layouts: ResourcePlan['layouts'] = [];
  for (const layout of EVENT_LAYOUTS) {
    const text = (raw[layout] ?? '').trim();
    if (text === '') continue;
    const value = integer(text, RESOURCE_OTHER_BOUNDS.layouts);
    if (typeof value !== 'number') return 'invalid';
    if (capacity !== undefined && value > capacity) return 'above_capacity';
    layouts.push({ layout, capacity: value });
  }
  return layouts;
}

/**
 * The active bookings that new rules or capacity would no longer allow as they are: a length
 * outside [min, max], a start or length off the step grid (steps shape, on the wall clock),
 * more people than the capacity. Notice, horizon and buffers are about booking, not holding.
 */
export function bookingsBrokenByRules<B extends Pick<ExistingBooking, 'id' | 'start' | 'end' | 'headcount'>>(
  bookings: readonly B[],
  rules: BookingRules,
  capacity: number,
  zone: string,
): B[] {
  return bookings.filter((b) => {
    const minutes = Math.round((b.end - b.start) / 60_000);
    if (b.headcount > capacity) return true;
    if (rules.shape === 'half_day') return false;
    if (minutes < rules.minDurationMinutes || minutes > rules.maxDurationMinutes) return true;
    const step = rules.slotStepMinutes;
    return localDateTimeOf(b.start, zone).minutes % step !== 0 || minutes % step !== 0;
  });
}
