// The resource validator (a table of forms and the errors they give) and the bookings new
// rules no longer allow.
import { describe, expect, it } from 'vitest';
import { bookingsBrokenByRules, validateResource, type ResourceForm } from '../../src/domain/resource-rules.js';
import type { BookingRules } from '../../src/domain/types.js';

const base: ResourceForm = {
  name: 'Salle Test',
  nameEn: '',
  nameGender: 'f',
  kind: 'meeting_room',
  zone: '1',
  capacity: '8',
  equipment: ['screen'],
  accessibility: ['step_free'],
  description: '',
  descriptionEn: '',
  photo: '',
  planX: '',
  planY: '',
  planWidth: '',
  planHeight: '',
  layouts: {},
  shape: 'steps',
  slotStepMinutes: '30',
  minDurationMinutes: '30',
  maxDurationMinutes: '240',
  horizonDays: '60',
  minNoticeMinutes: '0',
  bufferBeforeMinutes: '0',
  bufferAfterMinutes: '15',
  approvalRequired: false,
  checkInGraceMinutes: '',
  capacityModel: 'exclusive',
  sharedPlaces: '',
  inductionRequired: false,
  halfDaySplit: '13:00',
  links: [],
};
const choices = { zoneIds: new Set([1, 2]), linkableIds: new Set([5, 6]) };

describe('validateResource', () => {
  it.each<[string, Partial<ResourceForm>, Record<string, string>]>([
    ['a valid room', {}, {}],
    ['a shared hall with its places', { capacityModel: 'shared', sharedPlaces: '8', kind: 'sports_hall' }, {}],
    ['a desk by half-days (the step does not matter)', { shape: 'half_day', slotStepMinutes: '45', kind: 'desk' }, {}],
    ['no name', { name: ' ' }, { name: 'required' }],
    ['a name too long', { name: 'x'.repeat(121) }, { name: 'too_long' }],
    ['an unknown gender', { nameGender: 'n' }, { nameGender: 'invalid' }],
    ['an unknown kind', { kind: 'garage' }, { kind: 'invalid' }],
    ['an unknown zone', { zone: '9' }, { zone: 'unknown' }],
    ['a capacity of 0', { capacity: '0' }, { capacity: 'out_of_range' }],
    ['a capacity in words', { capacity: 'huit' }, { capacity: 'invalid' }],
    ['min above max', { minDurationMinutes: '300' }, { minDurationMinutes: 'min_above_max' }],
    ['a step that does not divide', { slotStepMinutes: '45' }, { slotStepMinutes: 'step_not_dividing' }],
    [
      'a booking longer than 7 days',
      { maxDurationMinutes: String(8 * 24 * 60) },
      { maxDurationMinutes: 'out_of_range' },
    ],
    ['shared without places', { capacityModel: 'shared' }, { sharedPlaces: 'required' }],
    [
      'shared places above capacity',
      { capacityModel: 'shared', sharedPlaces: '9' },
      { sharedPlaces: 'above_capacity' },
    ],
    ['unknown equipment', { equipment: ['jacuzzi'] }, { equipment: 'invalid' }],
    ['unknown accessibility', { accessibility: ['lift'] }, { accessibility: 'invalid' }],
    ['a photo outside public/', { photo: '../secret.txt' }, { photo: 'invalid' }],
    ['a photo from another site', { photo: 'https://example.org/x.jpg' }, { photo: 'invalid' }],
    ['half a plan rectangle', { planX: '1', planY: '2' }, { plan: 'invalid' }],
    ['a layout above capacity', { layouts: { theatre: '9' } }, { layouts: 'above_capacity' }],
    ['a split that is no time', { halfDaySplit: '1pm' }, { halfDaySplit: 'invalid' }],
    ['a link to an unknown resource', { links: ['7'] }, { links: 'unknown' }],
    ['a negative grace', { checkInGraceMinutes: '-5' }, { checkInGraceMinutes: 'invalid' }],
  ])('%s', (_name, fields, errors) => {
    const result = validateResource({ ...base, ...fields }, choices);
    expect(result.ok ? {} : result.errors).toEqual(errors);
  });

  it('gives the plan with the rules the engine reads', () => {
    const result = validateResource(
      { ...base, planX: '1', planY: '2', planWidth: '3', planHeight: '4', links: ['5', '5'] },
      choices,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.plan).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(result.plan.linkedResourceIds).toEqual([5]);
    expect(result.plan.rules).toMatchObject({ bufferAfterMinutes: 15, checkInGraceMinutes: null, sharedPlaces: null });
  });
});

describe('bookingsBrokenByRules', () => {
  const rules = {
    shape: 'steps',
    slotStepMinutes: 60,
    minDurationMinutes: 60,
    maxDurationMinutes: 120,
  } as BookingRules;
  const at = (hour: number, minute = 0) => Date.UTC(2026, 11, 9, hour - 1, minute); // Paris in December
  const b = (id: number, start: number, end: number, headcount = 1) => ({ id, start, end, headcount });
  it('finds lengths outside the bounds, starts off the step on the wall clock, and more people than the capacity', () => {
    const bookings = [
      b(1, at(9), at(10)),
      b(2, at(9), at(12)),
      b(3, at(9, 30), at(10, 30)),
      b(4, at(14), at(15), 9),
      b(5, at(14), at(16)),
    ];
    expect(bookingsBrokenByRules(bookings, rules, 8, 'Europe/Paris').map((x) => x.id)).toEqual([2, 3, 4]);
  });
});
