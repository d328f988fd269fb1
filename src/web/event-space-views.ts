// The event space's month as its page shows it: weeks of days, each with the bookings that
// touch it (a booking into the evening stays on its day; one across midnight shows on both).
import { Info } from 'luxon';
import { addDays } from '../domain/local-date.js';
import { addMonths, formatLocalMonth, monthWeeks, type MonthParts } from '../domain/month-grid.js';
import { localDateOf } from '../domain/zoned-time.js';
import { dateFormatter, formatLocalDate } from '../i18n/dates.js';
import type { Language, Translate } from '../i18n/index.js';
import type { StaffViewBooking } from '../services/approvals.js';
import { whoOf } from './approval-views.js';
import { localName } from '../i18n/names.js';

interface DayEntry {
  id: number;
  time: string;
  status: string;
  statusText: string;
  who: string;
  resourceName: string;
  title: string;
}

export interface EventSpaceMonthView {
  caption: string;
  month: string;
  weekdays: string[];
  weeks: ({ date: string; day: number; label: string; entries: DayEntry[] } | null)[][];
  count: number;
  previous: { href: string; label: string };
  next: { href: string; label: string };
}

const monthHref = (parts: MonthParts) => `/admin/event-space?month=${formatLocalMonth(parts)}`;

export function eventSpaceMonthView(
  parts: MonthParts,
  bookings: readonly StaffViewBooking[],
  options: { t: Translate; lang: Language; zone: string; multipleSpaces: boolean },
): EventSpaceMonthView {
  const { t, lang, zone } = options;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const monthName = (p: MonthParts) => formatLocalDate(formatLocalMonth(p), lang, 'month');
  const dates = dateFormatter(lang, zone);
  const byDate = new Map<string, DayEntry[]>();
  for (const b of bookings) {
    const entry: DayEntry = {
      id: b.id,
      time: t('eventSpace.time', { start: dates.time(b.startsAt), end: dates.time(b.endsAt) }),
      status: b.status,
      statusText: t(b.status === 'pending' ? 'eventSpace.status.pending' : 'eventSpace.status.confirmed'),
      who: whoWithOrganisation(t, b),
      resourceName: options.multipleSpaces ? localName({ name: b.resourceName, nameEn: b.resourceNameEn }, lang) : '',
      title: b.title,
    };
    // Every local date the booking touches, from its start's to its last instant's.
    const last = localDateOf(b.endsAt - 1, zone);
    for (let date = localDateOf(b.startsAt, zone); date <= last; date = addDays(date, 1)) {
      const list = byDate.get(date) ?? [];
      list.push(entry);
      byDate.set(date, list);
    }
  }
  const label = (date: string) => formatLocalDate(date, lang, 'weekdayDate');
  const previous = addMonths(parts, -1);
  const next = addMonths(parts, 1);
  return {
    caption: t('eventSpace.caption', { month: monthName(parts) }),
    month: formatLocalMonth(parts),
    weekdays: Info.weekdays('long', { locale }),
    weeks: monthWeeks(parts).map((week) =>
      week.map((date) =>
        date === null
          ? null
          : { date, day: Number(date.slice(8)), label: label(date), entries: byDate.get(date) ?? [] },
      ),
    ),
    count: bookings.length,
    previous: { href: monthHref(previous), label: t('eventSpace.previous', { month: monthName(previous) }) },
    next: { href: monthHref(next), label: t('eventSpace.next', { month: monthName(next) }) },
  };
}

function whoWithOrganisation(t: Translate, b: StaffViewBooking): string {
  const who = whoOf(t, b);
  const organisation = b.organisationName ?? b.guestOrganisation;
  return organisation && who ? t('eventSpace.who', { who, organisation }) : who || organisation || '';
}
