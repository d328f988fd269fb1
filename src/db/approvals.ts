// Queries of the staff queue of bookings awaiting approval and of the event space's month:
// bookings with the names staff read (member, organisation, resource). The month reads
// walk bookings_resource_start (resource, then start bounded from below).
import { and, asc, eq, gt, gte, inArray, lt, notExists } from 'drizzle-orm';
import { MAX_BOOKING_MS } from './bookings.js';
import type { Db } from './connection.js';
import { bookings, members, organisations, rentalRequests, resources } from './schema.js';

const COLUMNS = {
  id: bookings.id,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  status: bookings.status,
  title: bookings.title,
  headcount: bookings.headcount,
  createdAt: bookings.createdAt,
  resourceId: bookings.resourceId,
  resourceName: resources.name,
  resourceNameEn: resources.nameEn,
  memberId: bookings.memberId,
  memberName: members.name,
  organisationName: organisations.name,
  guestName: bookings.guestName,
  guestOrganisation: bookings.guestOrganisation,
};

export interface StaffViewBooking {
  id: number;
  startsAt: number;
  endsAt: number;
  status: 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';
  title: string;
  headcount: number;
  createdAt: number;
  resourceId: number;
  resourceName: string;
  resourceNameEn: string | null;
  memberId: number | null;
  memberName: string | null;
  organisationName: string | null;
  guestName: string | null;
  guestOrganisation: string | null;
}

function withNames(db: Db) {
  return db
    .select(COLUMNS)
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(members, eq(members.id, bookings.memberId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId));
}

/** Every booking awaiting approval, the oldest request first. */
export function pendingBookings(db: Db): StaffViewBooking[] {
  return withNames(db)
    .where(and(eq(bookings.status, 'pending'), notExists(rentalHold(db))))
    .orderBy(asc(bookings.createdAt), asc(bookings.id))
    .all();
}

/** The rental request a booking holds the event space for: rentals are decided on their own page. */
function rentalHold(db: Db) {
  return db.select({ id: rentalRequests.id }).from(rentalRequests).where(eq(rentalRequests.bookingId, bookings.id));
}

/** Whether the booking holds the space for a rental (then it is not in the approval queue). */
export function isRentalHold(db: Db, bookingId: number): boolean {
  return (
    db.select({ id: rentalRequests.id }).from(rentalRequests).where(eq(rentalRequests.bookingId, bookingId)).get() !==
    undefined
  );
}

/** Pending and confirmed bookings of these resources overlapping [from, to), by start. */
export function heldBookings(db: Db, resourceIds: readonly number[], from: number, to: number): StaffViewBooking[] {
  if (resourceIds.length === 0) return [];
  return withNames(db)
    .where(
      and(
        inArray(bookings.resourceId, [...resourceIds]),
        gte(bookings.startsAt, from - MAX_BOOKING_MS),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
        inArray(bookings.status, ['pending', 'confirmed']),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .all();
}
