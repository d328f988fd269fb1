// Reads the filter of the all-bookings list from its query string: a day (or a range of local
// dates in the site's zone), a resource, a person, an organisation, a page. Every field is
// checked; a wrong one is reported against it (422) rather than silently ignored.
import { addDays, daysBetween, isLocalDate } from '../domain/local-date.js';
import { localDateOf, startOfLocalDate } from '../domain/zoned-time.js';
import type { StaffBookingFilter } from '../services/staff-bookings.js';

export type StaffFilterField = 'date' | 'from' | 'to' | 'resource' | 'person' | 'organisation' | 'page';
export type StaffFilterErrors = Partial<Record<StaffFilterField, 'invalid' | 'too_long' | 'range'>>;

/** The longest range one list (or one CSV) covers. */
export const RANGE_MAX_DAYS = 366;
export const SEARCH_MAX = 100;

export interface StaffFilterValues {
  from: string;
  to: string;
  resource: string;
  person: string;
  organisation: string;
}

export type ParsedStaffFilter =
  | { ok: true; filter: StaffBookingFilter; page: number; values: StaffFilterValues }
  | { ok: false; errors: StaffFilterErrors; values: StaffFilterValues };

const one = (q: Record<string, unknown>, name: string): string => {
  const v = q[name];
  return typeof v === 'string' ? v.trim() : '';
};

export function parseStaffFilter(
  q: Record<string, unknown>,
  now: number,
  zone: string,
  resourceExists: (id: number) => boolean,
): ParsedStaffFilter {
  const errors: StaffFilterErrors = {};
  const today = localDateOf(now, zone);
  const date = one(q, 'date');
  let from = one(q, 'from');
  let to = one(q, 'to');
  if (date) {
    if (!isLocalDate(date)) errors.date = 'invalid';
    from = date;
    to = date;
  }
  if (!from) from = today;
  if (!to) to = from;
  if (!isLocalDate(from)) errors.from = 'invalid';
  if (!isLocalDate(to)) errors.to = 'invalid';
  if (!errors.from && !errors.to && !errors.date) {
    const span = daysBetween(from, to);
    if (span < 0 || span >= RANGE_MAX_DAYS) errors.to = 'range';
  }
  const resource = one(q, 'resource');
  const resourceId = /^[1-9]\d{0,8}$/.test(resource) ? Number(resource) : null;
  if (resource && (resourceId === null || !resourceExists(resourceId))) errors.resource = 'invalid';
  const person = one(q, 'person');
  if (person.length > SEARCH_MAX) errors.person = 'too_long';
  const organisation = one(q, 'organisation');
  if (organisation.length > SEARCH_MAX) errors.organisation = 'too_long';
  const pageText = one(q, 'page');
  if (pageText && !/^[1-9]\d{0,5}$/.test(pageText)) errors.page = 'invalid';
  const values = { from, to, resource, person, organisation };
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    page: pageText ? Number(pageText) : 1,
    filter: {
      from: startOfLocalDate(from, zone),
      // "to" is inclusive: up to the start of the next local day.
      to: startOfLocalDate(addDays(to, 1), zone),
      resourceId: resourceId ?? undefined,
      person: person || undefined,
      organisation: organisation || undefined,
    },
  };
}
