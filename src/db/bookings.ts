// Queries of bookings. The hot reads (overlaps, usage) are prepared once per connection with
// plain SQL: they run on every booking click and every day view, and a prepared statement
// costs a tenth of a rebuilt query. Every overlap read bounds starts_at from below by the
// longest booking the rules allow, so it walks the (resource_id, starts_at) index and stays
// flat however many years of history pile up.
import type { Db } from './connection.js';
import type { BookingStatus, ExistingBooking } from '../domain/types.js';

/** The longest booking any resource may hold (also the bound of the overlap trigger). */
export const MAX_BOOKING_MS = 7 * 24 * 3600_000;

export interface BookingRow {
  id: number;
  resourceId: number;
  seriesId: number | null;
  originalStartsAt: number | null;
  memberId: number | null;
  bookedById: number | null;
  organisationId: number | null;
  startsAt: number;
  endsAt: number;
  headcount: number;
  status: BookingStatus;
  title: string;
  isPublic: boolean;
  idempotencyKey: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  checkedInAt: number | null;
}

const COLUMNS = `id, resource_id AS resourceId, series_id AS seriesId, original_starts_at AS originalStartsAt,
  member_id AS memberId, booked_by_id AS bookedById, organisation_id AS organisationId,
  starts_at AS startsAt, ends_at AS endsAt, headcount, status, title, is_public AS isPublic,
  idempotency_key AS idempotencyKey, version, created_at AS createdAt, updated_at AS updatedAt,
  cancelled_at AS cancelledAt, checked_in_at AS checkedInAt`;

type Raw = Omit<BookingRow, 'isPublic'> & { isPublic: number };
const fromRaw = (row: Raw): BookingRow => ({ ...row, isPublic: row.isPublic === 1 });

/** What an insert needs: the row's own fields, the rest (id, version, times) is set by the insert. */
export type NewBooking = Pick<
  BookingRow,
  | 'resourceId'
  | 'seriesId'
  | 'originalStartsAt'
  | 'memberId'
  | 'bookedById'
  | 'organisationId'
  | 'startsAt'
  | 'endsAt'
  | 'headcount'
  | 'status'
  | 'title'
  | 'idempotencyKey'
> & { now: number };

export type BookingChange = {
  resourceId: number;
  startsAt: number;
  endsAt: number;
  status: BookingStatus;
  now: number;
  cancelledAt: number | null;
};

export interface BookingQueries {
  /** Active bookings of these resources that overlap [from, to). */
  activeOverlapping(resourceIds: readonly number[], from: number, to: number): ExistingBooking[];
  /** Active desk bookings of a member that overlap [from, to). */
  memberActiveDesks(memberId: number, from: number, to: number): ExistingBooking[];
  /** Active bookings of an organisation on resources of these kinds overlapping [from, to). */
  organisationActive(organisationId: number, kinds: readonly string[], from: number, to: number): ExistingBooking[];
  /**
   * Milliseconds of the organisation's active bookings of `kind` inside [from, to), each clipped
   * to it, leaving out `exclude`: the minutes quota summed by SQLite, without a row per booking.
   */
  organisationActiveMs(
    organisationId: number,
    kind: string,
    from: number,
    to: number,
    exclude: readonly number[],
  ): number;
  byId(id: number): BookingRow | undefined;
  byIdempotencyKey(bookedById: number, key: string): BookingRow | undefined;
  bySeries(seriesId: number): BookingRow[];
  insert(booking: NewBooking): number;
  /** Inserts and returns the row as stored (what byId would read next). */
  insertRow(booking: NewBooking): BookingRow;
  /** Sets new times/resource/status and raises the version (the iCalendar SEQUENCE). */
  update(id: number, change: BookingChange): void;
  /** update, returning the row as stored (what byId would read next). */
  updateRow(id: number, change: BookingChange): BookingRow | undefined;
  /** A member's bookings (for them or booked by them) that end after `from`, or before it when `past`. */
  forMember(memberId: number, from: number, past: boolean, limit: number): BookingRow[];
  audit(entry: {
    at: number;
    actorId: number | null;
    action: string;
    subjectType: string;
    subjectId: number;
    details: Record<string, unknown>;
  }): void;
}

const INSERT = `INSERT INTO bookings (resource_id, series_id, original_starts_at, member_id, booked_by_id, organisation_id,
    starts_at, ends_at, headcount, status, title, is_public, idempotency_key, version, created_at, updated_at)
  VALUES (@resourceId, @seriesId, @originalStartsAt, @memberId, @bookedById, @organisationId,
    @startsAt, @endsAt, @headcount, @status, @title, 0, @idempotencyKey, 0, @now, @now)`;
const UPDATE = `UPDATE bookings SET resource_id = @resourceId, starts_at = @startsAt, ends_at = @endsAt, status = @status,
    cancelled_at = @cancelledAt, updated_at = @now, version = version + 1 WHERE id = @id`;

const ACTIVE = `status IN ('pending', 'confirmed')`;

/** Active bookings of some resources overlapping a window; read from the covering index bookings_resource_start. */
export const OVERLAPPING_SQL = `SELECT id, resource_id, member_id, starts_at, ends_at, headcount, status
  FROM bookings
  WHERE resource_id IN (SELECT value FROM json_each(?)) AND starts_at >= ? AND starts_at < ? AND ends_at > ? AND ${ACTIVE}`;

/** The minutes quota's sum; read from the covering index bookings_org_start. */
export const ORGANISATION_MS_SQL = `SELECT COALESCE(SUM(MIN(b.ends_at, @to) - MAX(b.starts_at, @from)), 0) AS ms
  FROM bookings b JOIN resources r ON r.id = b.resource_id
  WHERE b.organisation_id = @organisationId AND b.starts_at >= @lowest AND b.starts_at < @to AND b.ends_at > @from AND b.${ACTIVE}
    AND r.kind = @kind AND b.id NOT IN (SELECT value FROM json_each(@exclude))`;

/**
 * A member's bookings are those for them or booked by them: each half walks its own index in
 * order and stops at the limit (one OR over both collected the whole history, then sorted).
 * The second half reads the partial index of bookings made for someone else, whose condition
 * it repeats word for word so that SQLite uses it.
 */
export const MEMBER_LIST_SQL = {
  upcomingFor: `SELECT ${COLUMNS} FROM bookings WHERE member_id = @memberId AND starts_at > @from - ${MAX_BOOKING_MS} AND ends_at > @from
    ORDER BY starts_at ASC, id ASC LIMIT @limit`,
  upcomingBy: `SELECT ${COLUMNS} FROM bookings WHERE booked_by_id = @memberId AND member_id IS NOT booked_by_id AND starts_at > @from - ${MAX_BOOKING_MS} AND ends_at > @from
    ORDER BY starts_at ASC, id ASC LIMIT @limit`,
  pastFor: `SELECT ${COLUMNS} FROM bookings WHERE member_id = @memberId AND starts_at < @from AND ends_at <= @from
    ORDER BY starts_at DESC, id DESC LIMIT @limit`,
  pastBy: `SELECT ${COLUMNS} FROM bookings WHERE booked_by_id = @memberId AND member_id IS NOT booked_by_id AND starts_at < @from AND ends_at <= @from
    ORDER BY starts_at DESC, id DESC LIMIT @limit`,
};

export function bookingQueries(db: Db): BookingQueries {
  const client = db.$client;
  const active = ACTIVE;
  const statements = {
    // Rows as arrays, made into objects below: better-sqlite3 builds an object row key by key,
    // which cost more than the query itself on the day views (tens of rows each).
    overlapping: client.prepare(OVERLAPPING_SQL).raw(true),
    memberDesks: client.prepare(
      `SELECT b.id, b.resource_id AS resourceId, b.member_id AS memberId, b.starts_at AS start, b.ends_at AS end, b.headcount, b.status
       FROM bookings b JOIN resources r ON r.id = b.resource_id
       WHERE b.member_id = ? AND b.starts_at >= ? AND b.starts_at < ? AND b.ends_at > ? AND b.${active} AND r.kind = 'desk'`,
    ),
    organisation: client.prepare(
      `SELECT b.id, b.resource_id AS resourceId, b.member_id AS memberId, b.starts_at AS start, b.ends_at AS end, b.headcount, b.status
       FROM bookings b JOIN resources r ON r.id = b.resource_id
       WHERE b.organisation_id = ? AND b.starts_at >= ? AND b.starts_at < ? AND b.ends_at > ? AND b.${active}
         AND r.kind IN (SELECT value FROM json_each(?))`,
    ),
    organisationMs: client.prepare(ORGANISATION_MS_SQL),
    byId: client.prepare(`SELECT ${COLUMNS} FROM bookings WHERE id = ?`),
    byKey: client.prepare(
      `SELECT ${COLUMNS} FROM bookings WHERE booked_by_id = ? AND idempotency_key = ? ORDER BY id LIMIT 1`,
    ),
    bySeries: client.prepare(`SELECT ${COLUMNS} FROM bookings WHERE series_id = ? ORDER BY starts_at`),
    insert: client.prepare(INSERT),
    insertRow: client.prepare(`${INSERT} RETURNING ${COLUMNS}`),
    update: client.prepare(UPDATE),
    updateRow: client.prepare(`${UPDATE} RETURNING ${COLUMNS}`),
    upcomingFor: client.prepare(MEMBER_LIST_SQL.upcomingFor),
    upcomingBy: client.prepare(MEMBER_LIST_SQL.upcomingBy),
    pastFor: client.prepare(MEMBER_LIST_SQL.pastFor),
    pastBy: client.prepare(MEMBER_LIST_SQL.pastBy),
    audit: client.prepare(
      `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, details) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };

  return {
    activeOverlapping(resourceIds, from, to) {
      if (resourceIds.length === 0) return [];
      const rows = statements.overlapping.all(JSON.stringify(resourceIds), from - MAX_BOOKING_MS, to, from) as [
        number,
        number,
        number | null,
        number,
        number,
        number,
        BookingStatus,
      ][];
      return rows.map(([id, resourceId, memberId, start, end, headcount, status]) => ({
        id,
        resourceId,
        memberId,
        start,
        end,
        headcount,
        status,
      }));
    },
    memberActiveDesks(memberId, from, to) {
      return statements.memberDesks.all(memberId, from - MAX_BOOKING_MS, to, from) as ExistingBooking[];
    },
    organisationActive(organisationId, kinds, from, to) {
      return statements.organisation.all(
        organisationId,
        from - MAX_BOOKING_MS,
        to,
        from,
        JSON.stringify(kinds),
      ) as ExistingBooking[];
    },
    organisationActiveMs(organisationId, kind, from, to, exclude) {
      const row = statements.organisationMs.get({
        organisationId,
        kind,
        from,
        to,
        lowest: from - MAX_BOOKING_MS,
        exclude: JSON.stringify(exclude),
      }) as { ms: number };
      return row.ms;
    },
    byId(id) {
      const row = statements.byId.get(id) as Raw | undefined;
      return row && fromRaw(row);
    },
    byIdempotencyKey(bookedById, key) {
      const row = statements.byKey.get(bookedById, key) as Raw | undefined;
      return row && fromRaw(row);
    },
    bySeries(seriesId) {
      return (statements.bySeries.all(seriesId) as Raw[]).map(fromRaw);
    },
    insert(booking) {
      return Number(statements.insert.run(booking).lastInsertRowid);
    },
    insertRow(booking) {
      return fromRaw(statements.insertRow.get(booking) as Raw);
    },
    update(id, change) {
      statements.update.run({ id, ...change });
    },
    updateRow(id, change) {
      const row = statements.updateRow.get({ id, ...change }) as Raw | undefined;
      return row && fromRaw(row);
    },
    forMember(memberId, from, past, limit) {
      const params = { memberId, from, limit };
      const rows = [
        ...((past ? statements.pastFor : statements.upcomingFor).all(params) as Raw[]),
        ...((past ? statements.pastBy : statements.upcomingBy).all(params) as Raw[]),
      ].map(fromRaw);
      const order = past ? -1 : 1;
      rows.sort((a, b) => order * (a.startsAt - b.startsAt || a.id - b.id));
      return rows.slice(0, limit);
    },
    audit(entry) {
      statements.audit.run(
        entry.at,
        entry.actorId,
        entry.action,
        entry.subjectType,
        entry.subjectId,
        JSON.stringify(entry.details),
      );
    },
  };
}
