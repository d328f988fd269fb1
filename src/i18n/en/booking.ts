// English messages of booking, key for key with fr/booking.ts.
import type { Message } from '../catalogue.js';
import type { frBooking } from '../fr/booking.js';

export const enBooking: Record<keyof typeof frBooking, Message> = {
  'violation.invalid_interval': 'The end must be after the start.',
  'violation.invalid_headcount': 'The number of people must be a whole number of at least 1.',
  'violation.invalid_local_time': '“{input}” is not a valid date and time.',
  'violation.nonexistent_local_time': '{time} on {date} does not exist in Paris: the clocks go forward one hour that day. Choose another time.',
  'violation.outside_opening_hours': '{resource} is open on {date} from {hours}.',
  'violation.outside_opening_hours.closedDay': '{resource} is closed on {date}.',
  'violation.closed': 'Closed on {date}: {reason}.',
  'violation.closed.range': 'Closed from {from} to {to}: {reason}.',
  'violation.slot_misaligned': 'Bookings start and end on steps of {step}.',
  'violation.invalid_half_day': 'This desk is booked by half-day: {choices}.',
  'violation.half_day.morning': 'morning ({start}–{end})',
  'violation.half_day.afternoon': 'afternoon ({start}–{end})',
  'violation.half_day.full_day': 'whole day ({start}–{end})',
  'violation.too_short': 'Shortest booking: {limit} (asked: {requested}).',
  'violation.too_long': 'Longest booking: {limit} (asked: {requested}).',
  'violation.too_late_to_book': 'Book at least {notice} ahead: the earliest possible start is {earliest}.',
  'violation.too_late_to_book.past': 'This time has already started or passed.',
  'violation.beyond_horizon': 'You can book at most {horizon} ahead, that is until {date}.',
  'violation.conflict': '{resource} is already booked from {start} to {end}.',
  'violation.buffer': '{resource} keeps a gap of {buffer} between bookings; a booking holds {start}–{end}.',
  'violation.capacity_full': { zero: '{resource} is full at that time ({places} places).', one: '{resource} has only {count} place left at that time ({headcount} asked).', other: '{resource} has only {count} places left at that time ({headcount} asked).' },
  'violation.over_capacity': '{resource} holds {capacity} people at most ({headcount} asked).',
  'violation.linked_resource_busy': '{linked} is booked from {start} to {end}, and it blocks {resource} too.',
  'violation.already_booked_elsewhere': 'You already have a desk at that time: {other}, from {start} to {end}.',
  'violation.quota_exceeded.minutes': 'Your organisation’s plan gives {limit} of meeting rooms a month: {used} already booked, {requested} asked.',
  'violation.quota_exceeded.half_days': 'Your organisation’s plan gives {limit} desk half-days a month: {used} already booked, {requested} asked.',
  'violation.induction_required': '{resource} is for members who had the induction: ask the front desk for it.',
};
