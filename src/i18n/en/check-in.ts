// English messages of check-in, check-out, no-show release and the door QR codes.
import type { frCheckIn } from '../fr/check-in.js';

export const enCheckIn: Record<keyof typeof frCheckIn, string> = {
  'mail.booking-released.subject': 'Booking released: {resource}, {date}',
  'mail.booking-released.intro': 'Your booking has been released, as nobody checked in on time.',
  'mail.booking-released.why':
    'A place booked and left empty is given back to the other members after the grace time. You may book it again if it is still free.',

  'audit.action.booking.checkIn': 'Checked in',
  'audit.action.booking.checkOut': 'Checked out',
  'audit.action.booking.release': 'Booking released (no-show)',

  'checkIn.label': 'Check-in',
  'checkIn.at': 'Checked in at {time}',
  'checkIn.outAt': 'Checked out at {time}',
  'checkIn.none': 'Not checked in yet',
  'checkIn.deadline': 'Check in by {time}, or the booking is released.',
  'checkIn.opensAt': 'You can check in from {time}.',
  'checkIn.button': 'Check in',
  'checkOut.button': 'Check out',
  'checkIn.button.label': 'Check in – {resource}, {when}',
  'checkOut.button.label': 'Check out – {resource}, {when}',
  'checkIn.done': 'Checked in.',
  'checkIn.already': 'This booking was already checked in.',
  'checkOut.done': 'Checked out: the booking now ends at {time} and the rest is free again.',
  'checkIn.refused': 'Not possible: {reason}',
  'checkIn.list.in': 'Checked in at {time}',
  'checkIn.list.out': 'Checked out at {time}',

  'checkIn.error.check_in_not_open_yet': 'too early, check-in opens at {time}.',
  'checkIn.error.check_in_over': 'too late, the booking ended at {time}.',
  'checkIn.error.booking_not_active': 'this booking is not active ({status}).',
  'checkIn.error.not_checked_in': 'you can only check out after checking in.',
  'checkIn.error.already_checked_out': 'already checked out at {time}.',
  'checkIn.error.check_out_over': 'the booking already ended at {time}.',

  'qr.page.title': 'Check in – {resource}',
  'qr.page.none': 'You have no booking of {resource} today.',
  'qr.page.book': 'Book {resource}',
  'qr.page.released': 'This booking was released at {time}, as nobody checked in.',
  'qr.page.details': 'View the booking',

  'qr.sheet.title': 'Door QR codes',
  'qr.sheet.intro':
    'Print this page and put each code on the door or desk it names. Scanned, it opens the page where the member checks in.',
  'qr.sheet.label': 'QR code: check in at {resource}',
  'qr.sheet.noZone': 'Other spaces',
} as const;
