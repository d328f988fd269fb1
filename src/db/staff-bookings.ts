// Every booking as staff read it (the front desk's "all bookings" list and its CSV): with the
// names of the person, their organisation, the resource and who booked it. The window bounds
// starts_at on both sides, so SQLite walks the bookings_start index for a day or a range.
import { and, asc, count, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './connection.js';
import { bookings, members, organisations, resources } from './schema.js';
import { containsText } from './text-search.js';

export interface StaffBookingFilter {
  /** Bookings starting in [from, to) (instants). */
  from: number;
  to: number;
  resourceId?: number;
  /** Part of the name of the person booked for: a member or a day guest. */
  person?: string;
  /** Part of the name of the organisation: the member's, or the guest's. */
  organisation?: string;
}

const person = alias(members, 'person');
const booker = alias(members, 'booker');

const COLUMNS = {
  id: bookings.id,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  status: bookings.status,
  title: bookings.title,
  headcount: bookings.headcount,
  checkedInAt: bookings.checkedInAt,
  checkedOutAt: bookings.checkedOutAt,
  resourceId: bookings.resourceId,
  resourceName: resources.name,
  resourceNameEn: resources.nameEn,
  memberId: bookings.memberId,
  memberName: person.name,
  guestName: bookings.guestName,
  guestOrganisation: bookings.guestOrganisation,
  organisationName: organisations.name,
  bookedById: bookings.bookedById,
  bookedByName: booker.name,
};

export interface StaffBookingRow {
  id: number;
  startsAt: number;
  endsAt: number;
  status: 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';
  title: string;
  headcount: number;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  resourceId: number;
  resourceName: string;
  resourceNameEn: string | null;
  memberId: number | null;
  memberName: string | null;
  guestName: string | null;
  guestOrganisation: string | null;
  organisationName: string | null;
  bookedById: number | null;
  bookedByName: string | null;
}

function where(filter: StaffBookingFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [gte(bookings.startsAt, filter.from), lt(bookings.startsAt, filter.to)];
  if (filter.resourceId !== undefined) conditions.push(eq(bookings.resourceId, filter.resourceId));
  if (filter.person)
    conditions.push(or(containsText(person.name, filter.person), containsText(bookings.guestName, filter.person)));
  if (filter.organisation)
    conditions.push(
      or(
        containsText(organisations.name, filter.organisation),
        containsText(bookings.guestOrganisation, filter.organisation),
      ),
    );
  return and(...conditions);
}

/** One page of the bookings matching `filter`, by start (then id); `limit` null for all of them (the CSV). */
export function staffBookings(
  db: Db,
  filter: StaffBookingFilter,
  page: { limit: number | null; offset: number },
): StaffBookingRow[] {
  const query = db
    .select(COLUMNS)
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(person, eq(person.id, bookings.memberId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId))
    .leftJoin(booker, eq(booker.id, bookings.bookedById))
    .where(where(filter))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
  if (page.limit === null) return query.all();
  return query.limit(page.limit).offset(page.offset).all();
}

/** How many bookings match `filter`. */
export function countStaffBookings(db: Db, filter: StaffBookingFilter): number {
  const row = db
    .select({ n: count() })
    .from(bookings)
    .leftJoin(person, eq(person.id, bookings.memberId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId))
    .where(where(filter))
    .get();
  return row?.n ?? 0;
}
