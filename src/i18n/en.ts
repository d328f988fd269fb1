// English catalogue: complete, key for key with fr.ts (a test checks it).
import type { Catalogue } from './catalogue.js';
import { enAccounts } from './en/accounts.js';
import { enBooking } from './en/booking.js';
import { enCore } from './en/core.js';
import { enMail } from './en/mail.js';
import { enFeeds } from './en/feeds.js';
import { enStaffBookings } from './en/staff-bookings.js';
import { enBehalf } from './en/behalf.js';
import { enVisitors } from './en/visitors.js';
import { enCheckIn } from './en/check-in.js';
import { enFrontdesk } from './en/frontdesk.js';
import { enTimeline } from './en/timeline.js';
import { enRoomsPhone } from './en/rooms-phone.js';
import { enReports } from './en/reports.js';
import { enAudit } from './en/audit.js';
import { enApprovals } from './en/approvals.js';
import { enHome } from './en/home.js';
import { enCancel } from './en/cancel.js';
import { enSessions } from './en/sessions.js';
import { enRentals } from './en/rentals.js';
import { enSpace } from './en/space.js';
import { enFields } from './en/fields.js';
import { enLooks } from './en/looks.js';

export const en: Catalogue = {
  ...enCore,
  ...enAccounts,
  ...enBooking,
  ...enMail,
  ...enFeeds,
  ...enStaffBookings,
  ...enBehalf,
  ...enVisitors,
  ...enCheckIn,
  ...enFrontdesk,
  ...enTimeline,
  ...enRoomsPhone,
  ...enReports,
  ...enAudit,
  ...enApprovals,
  ...enHome,
  ...enCancel,
  ...enSessions,
  ...enRentals,
  ...enSpace,
  ...enFields,
  ...enLooks,
};
