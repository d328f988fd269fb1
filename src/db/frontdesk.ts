// Queries of the front desk: one day's bookings across every resource with the person's name,
// the visitors expected that day, and no-shows per member. The board polls every few seconds,
// so each is one statement prepared once with placeholders; the bookings read walks the
// bookings_start index from the longest booking before the day (MAX_BOOKING_MS).
import { and, count, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './connection.js';
import { MAX_BOOKING_MS } from './bookings.js';
import { bookings, members, organisations, visitors } from './schema.js';
import type { BookingStatus } from '../domain/types.js';

const p = sql.placeholder;

/** A booking of the day as the front desk sees it: times, state and whose it is. */
export interface DeskBookingRow {
  id: number;
  resourceId: number;
  memberId: number | null;
  startsAt: number;
  endsAt: number;
  status: BookingStatus;
  headcount: number;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  memberName: string | null;
  guestName: string | null;
  guestOrganisation: string | null;
  organisationName: string | null;
}

/** A visitor expected on the day, with the name of the member who expects them. */
export interface VisitorRow {
  id: number;
  name: string;
  organisation: string;
  hostName: string;
  expectedAt: number;
  arrivedAt: number | null;
  leftAt: number | null;
}

/** The statuses the board shows: live bookings, and no-shows released during the day. */
const SHOWN_STATUSES: BookingStatus[] = ['pending', 'confirmed', 'released'];

export function frontDeskQueries(db: Db) {
  const day = db
    .select({
      id: bookings.id,
      resourceId: bookings.resourceId,
      memberId: bookings.memberId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      headcount: bookings.headcount,
      checkedInAt: bookings.checkedInAt,
      checkedOutAt: bookings.checkedOutAt,
      memberName: members.name,
      guestName: bookings.guestName,
      guestOrganisation: bookings.guestOrganisation,
      organisationName: organisations.name,
    })
    .from(bookings)
    .leftJoin(members, eq(members.id, bookings.memberId))
    .leftJoin(organisations, eq(organisations.id, bookings.organisationId))
    .where(
      and(
        gt(bookings.startsAt, p('walkFrom')),
        lt(bookings.startsAt, p('to')),
        gt(bookings.endsAt, p('from')),
        inArray(bookings.status, SHOWN_STATUSES),
      ),
    )
    .orderBy(bookings.startsAt, bookings.id)
    .prepare();
  const expected = db
    .select({
      id: visitors.id,
      name: visitors.name,
      organisation: visitors.organisation,
      hostName: members.name,
      expectedAt: visitors.expectedAt,
      arrivedAt: visitors.arrivedAt,
      leftAt: visitors.leftAt,
    })
    .from(visitors)
    .innerJoin(members, eq(members.id, visitors.hostMemberId))
    .where(
      and(
        eq(visitors.siteId, p('siteId')),
        sql`${visitors.expectedAt} >= ${p('from')}`,
        lt(visitors.expectedAt, p('to')),
        isNull(visitors.cancelledAt),
      ),
    )
    .orderBy(visitors.expectedAt, visitors.id)
    .prepare();
  const noShows = db
    .select({ memberId: bookings.memberId, count: count() })
    .from(bookings)
    .where(
      and(
        // Per member on the board, so it walks bookings_member_start, not every site's month.
        sql`${bookings.memberId} IN (SELECT value FROM json_each(${p('members')}))`,
        sql`${bookings.startsAt} >= ${p('from')}`,
        lt(bookings.startsAt, p('to')),
        eq(bookings.status, 'released'),
      ),
    )
    .groupBy(bookings.memberId)
    .prepare();
  return {
    /** The bookings overlapping [from, to) on any resource, by start. */
    bookingsBetween(from: number, to: number): DeskBookingRow[] {
      return day.all({ walkFrom: from - MAX_BOOKING_MS, from, to });
    },
    /** The visitors of the site expected in [from, to), not cancelled, by expected time. */
    visitorsBetween(siteId: number, from: number, to: number): VisitorRow[] {
      return expected.all({ siteId, from, to });
    },
    /** How many bookings starting in [from, to) each of `memberIds` had released as no-shows. */
    noShowsBetween(memberIds: readonly number[], from: number, to: number): Map<number, number> {
      if (memberIds.length === 0) return new Map();
      return new Map(noShows.all({ members: JSON.stringify(memberIds), from, to }).map((r) => [r.memberId!, r.count]));
    },
  };
}

export type FrontDeskQueries = ReturnType<typeof frontDeskQueries>;
