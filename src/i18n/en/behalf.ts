// English messages of bookings made by staff for a member or a day guest.
import type { Message } from '../catalogue.js';
import type { frBehalf } from '../fr/behalf.js';

export const enBehalf: Record<keyof typeof frBehalf, Message> = {
  'behalf.legend': 'For whom?',
  'behalf.for.me': 'For me',
  'behalf.for.member': 'For a member',
  'behalf.for.guest': 'For a day guest',
  'behalf.member.search': 'Member’s name',
  'behalf.member.find': 'Search',
  'behalf.member.found': 'Members found',
  'behalf.member.none': 'No active member has that name.',
  'behalf.member.hint': 'Search for the member by name, then choose them from the list.',
  'behalf.guest.name': 'Guest’s name',
  'behalf.guest.organisation': 'Guest’s organisation (optional)',
  'behalf.line.self': 'For {person}, who booked it.',
  'behalf.line.member': 'Booked by {by} for {person}.',
  'behalf.line.guest': 'Booked by {by} for {guest}, a day guest.',
  'behalf.line.guestOrganisation': 'Booked by {by} for {guest} ({organisation}), a day guest.',
  'behalf.error.for.invalid': 'Choose whom the booking is for.',
  'behalf.error.for_member.required': 'Search for, then choose, the member you are booking for.',
  'behalf.error.for_member.invalid': 'Choose the member from the list.',
  'behalf.error.guest_name.required': 'Give the guest’s name.',
  'behalf.error.guest_name.too_long': 'The guest’s name must be at most {max} characters long.',
  'behalf.error.guest_organisation.too_long': 'The guest’s organisation must be at most {max} characters long.',
  'behalf.error.repeat.guest': 'A booking for a guest does not repeat: it is for one day.',
};
