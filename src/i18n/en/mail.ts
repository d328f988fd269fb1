// English messages of e-mails, key for key with fr/mail.ts.
import type { frMail } from '../fr/mail.js';

export const enMail: Record<keyof typeof frMail, string> = {
  'mail.greeting': 'Hello {name},',
  'mail.signature': 'The 21 team',
  'mail.footer': '21 – French Red Cross, {address}',
  'mail.footer.automatic': 'This message was sent automatically by the 21 booking system.',
  'mail.booking.what': 'Space',
  'mail.booking.when': 'Date',
  'mail.booking.time': 'Time',
  'mail.booking.where': 'Address',
  'mail.booking.title': 'Purpose',
  'mail.booking.view': 'View the booking',
  'mail.booking.calendar': 'The attached invitation updates your calendar.',

  'mail.booking-confirmed.subject': 'Booking confirmed: {resource}, {date}',
  'mail.booking-confirmed.intro': 'Your booking is confirmed.',
  'mail.booking-pending.subject': 'Booking request received: {resource}, {date}',
  'mail.booking-pending.intro': 'We have received your booking request. The 21 team needs to approve it: you will get a message as soon as they do.',
  'mail.booking-changed.subject': 'Booking changed: {resource}, {date}',
  'mail.booking-changed.intro': 'Your booking has been changed. Here are its new details.',
  'mail.booking-cancelled.subject': 'Booking cancelled: {resource}, {date}',
  'mail.booking-cancelled.intro': 'Your booking has been cancelled.',
  'mail.booking-cancelled.reason': 'Reason: {reason}',
  'mail.booking-reminder.subject': 'Reminder: {resource}, {date} at {start}',
  'mail.booking-reminder.intro': 'A quick reminder of your upcoming booking.',

  'mail.invitation.subject': 'Your access to the 21 booking system',
  'mail.password-reset.subject': 'Reset your password – 21',
};
