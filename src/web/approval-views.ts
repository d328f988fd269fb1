// What the queue of bookings awaiting approval shows (views/partials/pending-approvals.eta):
// built here so that any staff page can include the partial with `approvals: pendingApprovalsView(...)`.
import { dateFormatter } from '../i18n/dates.js';
import type { Language, Translate } from '../i18n/index.js';
import { DECISION_MESSAGE_MAX, type StaffViewBooking } from '../services/approvals.js';
import { localName } from '../i18n/names.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface PendingApprovalsView {
  rows: PendingRow[];
  canDecide: boolean;
  max: number;
}

interface PendingRow {
  id: number;
  heading: string;
  iso: string;
  resourceName: string;
  who: string;
  organisation: string;
  headcount: number;
  title: string;
  age: string;
  messageId: string;
  message: string;
  error: string | null;
}

/** How long ago a request was made, in words: staff answer the oldest first. */
export function ageInWords(t: Translate, ms: number): string {
  if (ms < HOUR) return t('approvals.age.recent');
  if (ms < DAY) return t('approvals.age.hours', { count: Math.floor(ms / HOUR) });
  return t('approvals.age.days', { count: Math.floor(ms / DAY) });
}

/** The person a booking is for as staff read it: the member, or the guest (a rental's renter). */
export function whoOf(t: Translate, b: Pick<StaffViewBooking, 'memberName' | 'guestName'>): string {
  if (b.memberName !== null) return b.memberName;
  if (b.guestName !== null) return t('approvals.guest', { name: b.guestName });
  return '';
}

export function pendingApprovalsView(
  rows: readonly StaffViewBooking[],
  options: {
    t: Translate;
    lang: Language;
    zone: string;
    now: number;
    canDecide: boolean;
    /** The form sent back with an error: which booking, what was written, what is wrong. */
    failed?: { id: number; message: string; error: string } | null;
  },
): PendingApprovalsView {
  const { t, now, failed } = options;
  const dates = dateFormatter(options.lang, options.zone);
  return {
    canDecide: options.canDecide,
    max: DECISION_MESSAGE_MAX,
    rows: rows.map((b) => ({
      id: b.id,
      heading: t('approvals.when', {
        date: dates.date(b.startsAt),
        start: dates.time(b.startsAt),
        end: dates.time(b.endsAt),
      }),
      iso: new Date(b.startsAt).toISOString(),
      resourceName: localName({ name: b.resourceName, nameEn: b.resourceNameEn }, options.lang),
      who: whoOf(t, b),
      organisation: b.organisationName ?? b.guestOrganisation ?? t('approvals.none'),
      headcount: b.headcount,
      title: b.title,
      age: ageInWords(t, Math.max(0, now - b.createdAt)),
      messageId: `approval-${b.id}-message`,
      message: failed?.id === b.id ? failed.message : '',
      error: failed?.id === b.id ? failed.error : null,
    })),
  };
}
