// English messages of calendar feeds, feed-link audit entries and the series summary mail.
import type { Message } from '../catalogue.js';
import type { frFeeds } from '../fr/feeds.js';

export const enFeeds: Record<keyof typeof frFeeds, Message> = {
  'feeds.name.mine': '21 – My bookings',
  'feeds.name.resource': '21 – {resource}',
  'feeds.name.organisation': '21 – Bookings of {organisation}',
  'feeds.name.public': '21 – Public events',
  'feeds.event.booked': 'Booked',
  'feeds.event.person': '{resource} – {person}',
  'feeds.event.personTitle': '{resource} – {title} ({person})',

  'feeds.title': 'Calendars',
  'feeds.intro':
    'Subscribe your calendar (Google Calendar, Outlook, Apple Calendar, Thunderbird…) to your bookings: it updates itself, changes and cancellations included.',
  'feeds.none': 'You have no calendar links yet.',
  'feeds.create': 'Create my calendar links',
  'feeds.current': 'Your personal calendar links were created on {date}.',
  'feeds.current.hidden':
    'For your security, 21 keeps only a fingerprint of them and cannot show them again: to subscribe another calendar, create new links. The old ones will then stop working.',
  'feeds.rotate': 'Replace my calendar links',
  'feeds.revoke': 'Turn off my calendar links',
  'feeds.fresh.title': 'Your calendar links',
  'feeds.fresh.notice':
    'Your new calendar links are ready. They are shown only once: subscribe now or copy them. The previous links no longer work.',
  'feeds.fresh.private': 'These links are personal: anyone who has them sees these calendars. Do not share them.',
  'feeds.revoked': 'Your calendar links are turned off.',
  'feeds.back': 'Back to my profile',
  'feeds.list.mine': 'My bookings',
  'feeds.list.mine.hint': 'All your bookings, from 60 days back to 18 months ahead.',
  'feeds.list.organisation': 'Bookings of {organisation}',
  'feeds.list.organisation.hint': 'The whole team’s bookings, with each person’s name.',
  'feeds.list.resources': 'Calendars of the spaces',
  'feeds.list.resources.hint': 'Other people’s bookings show as “Booked”, without names.',
  'feeds.list.resources.hintStaff': 'You are on the 21 team: every booking shows with the person’s name.',
  'feeds.list.public': 'Public events',
  'feeds.list.public.hint':
    'Events open to the public in the event space. This link is not personal: feel free to share it.',
  'feeds.url': 'Address of the calendar “{name}” to copy',
  'feeds.webcal': 'Open in my calendar app',
  'feeds.webcal.label': 'Open in my calendar app: “{name}”',
  'feeds.google': 'Add to Google Calendar',
  'feeds.google.label': 'Add to Google Calendar: “{name}”',
  'feeds.outlook': 'Add to Outlook.com',
  'feeds.outlook.label': 'Add to Outlook.com: “{name}”',
  'feeds.outlook365': 'Add to Outlook (Microsoft 365)',
  'feeds.outlook365.label': 'Add to Outlook (Microsoft 365): “{name}”',

  'feeds.public.label': 'Public event',
  'feeds.public.hint':
    'It appears in 21’s public calendar of events: title, date and place, never the name of the person who booked.',
  'feeds.public.save': 'Save visibility',

  'audit.action.booking.public': 'Public visibility changed',
  'audit.action.feeds.token_rotated': 'Calendar links created',
  'audit.action.feeds.token_revoked': 'Calendar links turned off',

  'mail.series-created.subject': {
    one: 'Recurring booking: {resource}, {count} date',
    other: 'Recurring booking: {resource}, {count} dates',
  },
  'mail.series-created.intro': 'Your recurring booking is recorded.',
  'mail.series-created.pending': 'These dates still need to be approved by the 21 team.',
  'mail.series-created.booked': { one: 'Date booked ({count})', other: 'Dates booked ({count})' },
  'mail.series-created.skipped': { one: 'Date not booked ({count})', other: 'Dates not booked ({count})' },
  'mail.series-created.line': '{date}, {start} – {end}',
  'mail.series-created.feed':
    'To see every date in your calendar, subscribe it to your bookings from your profile (Calendars section).',
  'mail.series-created.view': 'View the booking',
};
