// French catalogue: the reference. Each area keeps its messages in its own file under fr/;
// every key here must exist in en.ts (a test checks it). Values may hold {placeholders};
// plural values are objects keyed by Intl.PluralRules category.
import { frAccounts } from './fr/accounts.js';
import { frBooking } from './fr/booking.js';
import { frCore } from './fr/core.js';
import { frMail } from './fr/mail.js';
import { frFeeds } from './fr/feeds.js';
import { frStaffBookings } from './fr/staff-bookings.js';
import { frBehalf } from './fr/behalf.js';
import { frVisitors } from './fr/visitors.js';
import { frCheckIn } from './fr/check-in.js';
import { frFrontdesk } from './fr/frontdesk.js';
import { frSpace } from './fr/space.js';

export const fr = {
  ...frCore,
  ...frAccounts,
  ...frBooking,
  ...frMail,
  ...frFeeds,
  ...frStaffBookings,
  ...frBehalf,
  ...frVisitors,
  ...frCheckIn,
  ...frFrontdesk,
  ...frSpace,
} as const;

export type MessageKey = keyof typeof fr;
