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
import { frTimeline } from './fr/timeline.js';
import { frRoomsPhone } from './fr/rooms-phone.js';
import { frReports } from './fr/reports.js';
import { frAudit } from './fr/audit.js';
import { frApprovals } from './fr/approvals.js';
import { frHome } from './fr/home.js';
import { frCancel } from './fr/cancel.js';
import { frSessions } from './fr/sessions.js';
import { frRentals } from './fr/rentals.js';
import { frSpace } from './fr/space.js';
import { frFields } from './fr/fields.js';
import { frLooks } from './fr/looks.js';

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
  ...frTimeline,
  ...frRoomsPhone,
  ...frReports,
  ...frAudit,
  ...frApprovals,
  ...frHome,
  ...frCancel,
  ...frSessions,
  ...frRentals,
  ...frSpace,
  ...frFields,
  ...frLooks,
} as const;

export type MessageKey = keyof typeof fr;
