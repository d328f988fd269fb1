// Expected visitors: what makes a registration valid (a name, an organisation of bounded
// length, a day and time in the site's zone, not past, while the site is open), and how long
// a visitor's details are kept (GDPR). Pure: the caller passes the clock's instant and the site.
import { addDays, isLocalDate, type LocalDate } from './local-date.js';
import { isWithinOpeningHours } from './opening-hours.js';
import type { Closure, Instant, OpeningPeriod } from './types.js';
import { localDateOf, localTimeOnDate, startOfLocalDate } from './zoned-time.js';

export const VISITOR_NAME_MAX = 100;
export const VISITOR_ORGANISATION_MAX = 100;
/** Days a visitor's details are kept after the day they were expected, then erased. */
export const VISITOR_KEPT_DAYS = 30;

export interface VisitorInput {
  name: string;
  organisation: string;
  /** Local date "YYYY-MM-DD" and time "HH:mm" in the site's zone. */
  date: string;
  time: string;
}

export type VisitorField = 'name' | 'organisation' | 'date' | 'time';
export type VisitorProblem = 'required' | 'too_long' | 'invalid' | 'past' | 'closed';
export type VisitorErrors = Partial<Record<VisitorField, VisitorProblem>>;

export interface VisitorSite {
  now: Instant;
  zone: string;
  periods: readonly OpeningPeriod[];
  closures: readonly Pick<Closure, 'resourceId' | 'start' | 'end'>[];
}

export type VisitorCheck =
  | { ok: true; visitor: { name: string; organisation: string; expectedAt: Instant } }
  | { ok: false; errors: VisitorErrors };

/** Checks a registration; every problem is reported at once, against its field. */
export function checkVisitor(input: VisitorInput, site: VisitorSite): VisitorCheck {
  const errors: VisitorErrors = {};
  const name = input.name.trim();
  const organisation = input.organisation.trim();
  if (!name) errors.name = 'required';
  else if (name.length > VISITOR_NAME_MAX) errors.name = 'too_long';
  if (organisation.length > VISITOR_ORGANISATION_MAX) errors.organisation = 'too_long';
  const date = input.date.trim();
  const time = input.time.trim();
  if (!date) errors.date = 'required';
  else if (!isLocalDate(date)) errors.date = 'invalid';
  if (!time) errors.time = 'required';
  else if (!/^\d{2}:\d{2}$/.test(time)) errors.time = 'invalid';
  let expectedAt: Instant | null = null;
  if (!errors.date && !errors.time) {
    const resolved = localTimeOnDate(date, time, site.zone);
    if (!resolved.ok) errors.time = 'invalid';
    else if (resolved.instant < site.now) errors.time = 'past';
    else if (!isOpenAt(resolved.instant, site)) errors.time = 'closed';
    else expectedAt = resolved.instant;
  }
  if (expectedAt === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, visitor: { name, organisation, expectedAt } };
}

/** The site is open at `instant` (its week's hours), and no site-wide closure covers it. */
function isOpenAt(instant: Instant, site: VisitorSite): boolean {
  const moment = { start: instant, end: instant + 60_000 };
  if (!isWithinOpeningHours(site.periods, moment, site.zone)) return false;
  return !site.closures.some((c) => c.resourceId === null && c.start <= instant && c.end > instant);
}

/**
 * Visitors expected before this instant are erased: those whose local day ended more than
 * VISITOR_KEPT_DAYS days ago (expected on 7 December, kept to the end of 6 January).
 */
export function visitorErasureCutoff(now: Instant, zone: string): Instant {
  const today: LocalDate = localDateOf(now, zone);
  return startOfLocalDate(addDays(today, -VISITOR_KEPT_DAYS), zone);
}
