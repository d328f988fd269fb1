// Field errors that say what is expected, with limits and units in words; the error summary
// puts the field's label before each one ("Start: ...").
import type { frFields } from '../fr/fields.js';

export const enFields: Record<keyof typeof frFields, string> = {
  'form.errors.entry': '{label}: {message}',

  'fields.booking.resource.required': 'Choose the space to book from the list.',
  'fields.booking.resource.invalid': 'Choose the space to book from the list.',
  'fields.booking.resource.unknown': 'This space does not exist or is no longer offered: choose one from the list.',
  'fields.booking.start.required': 'Enter the day and time the booking starts.',
  'fields.booking.start.invalid': 'Enter a day that exists and a start time in hours and minutes.',
  'fields.booking.start.date_out_of_range': 'Choose a start between the years {first} and {last}.',
  'fields.booking.end.required': 'Enter the day and time the booking ends.',
  'fields.booking.end.invalid': 'Enter a day that exists and an end time in hours and minutes.',
  'fields.booking.end.date_out_of_range': 'Choose an end between the years {first} and {last}.',
  'fields.booking.headcount.out_of_range': 'Enter the number of people, from 1 to {max}.',
  'fields.booking.title.too_long': 'The title must be {max} characters or fewer.',
  'fields.booking.repeat.invalid': 'Choose a repetition from the list: none, every day, week or month.',
  'fields.booking.repeat.problem': 'This repetition gives no date: check its rhythm, days and end.',
  'fields.booking.repeat_interval.out_of_range':
    'Enter how many days, weeks or months apart the booking comes back, from 1 to {max}.',
  'fields.booking.repeat_end.invalid': 'Choose to end after a number of times or on a date.',
  'fields.booking.repeat_until.required': 'Enter the last date of the series.',
  'fields.booking.repeat_until.invalid': 'Enter a last date that exists: day, month and year.',
  'fields.booking.repeat_until.date_out_of_range': 'Choose a last date between the years {first} and {last}.',
  'fields.booking.repeat_count.out_of_range': 'Enter the number of times, from 2 to {max}.',
  'fields.booking.repeat_weekdays.invalid': 'Tick days of the week from the list, Monday to Sunday.',
  'fields.booking.monthly_by.invalid': 'Choose the same day of the month or the same day of the week.',
  'fields.booking.series_policy.invalid': 'Choose to book the whole series or only the free dates.',

  'fields.find.people.out_of_range': 'Enter the number of people, from 1 to {max}.',
  'fields.find.duration.invalid': 'Choose a length from the list, from 30 minutes to 4 hours.',
  'fields.find.date.invalid': 'Enter a day that exists: day, month and year.',
};
