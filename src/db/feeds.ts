// Queries of calendar feeds. Each feed reads one person's, one resource's or one
// organisation's bookings (or the public events of some resources) within a window of
// starts, on the matching (…, starts_at) index. Two statements per feed: a small aggregate
// that is enough to answer "not modified", and the rows themselves.
import { generationReader, type Db } from './connection.js';
import type { BookingStatus } from '../domain/types.js';

export type FeedScope = 'member' | 'resource' | 'organisation' | 'public';

export interface FeedWindow {
  /** Starts in [from, to). */
  from: number;
  to: number;
  /** Cancelled (released, rejected) bookings stay while their last change is this recent. */
  cancelledSince: number;
}

export interface FeedRow {
  id: number;
  resourceId: number;
  memberId: number | null;
  startsAt: number;
  endsAt: number;
  status: BookingStatus;
  title: string;
  version: number;
  updatedAt: number;
  memberName: string | null;
}

/** Changes whenever the rows of a feed change: a booking in or out, any new version. */
export interface FeedAggregate {
  count: number;
  ids: number;
  idSquares: number;
  versions: number;
  lastChange: number;
  /** The last change of the names of the people in the feed (shown in some feeds). */
  namesChanged: number;
}

export interface FeedQueries {
  aggregate(scope: FeedScope, key: number | readonly number[], window: FeedWindow): FeedAggregate;
  rows(scope: FeedScope, key: number | readonly number[], window: FeedWindow): FeedRow[];
  /** Runs `fn` in one read transaction: the aggregate and the rows see the same data. */
  read<T>(fn: () => T): T;
  /** The database's generation (generationReader in connection.ts): what was read may be kept while it stays. */
  generation(): string;
}

const VISIBLE = `b.starts_at >= @from AND b.starts_at < @to
  AND (b.status IN ('pending', 'confirmed') OR coalesce(b.cancelled_at, b.updated_at) >= @cancelledSince)`;

export const FEED_SOURCES: Record<FeedScope, string> = {
  member: `FROM bookings b LEFT JOIN members m ON m.id = b.member_id WHERE b.member_id = @key AND ${VISIBLE}`,
  resource: `FROM bookings b LEFT JOIN members m ON m.id = b.member_id WHERE b.resource_id = @key AND ${VISIBLE}`,
  organisation: `FROM bookings b LEFT JOIN members m ON m.id = b.member_id WHERE b.organisation_id = @key AND ${VISIBLE}`,
  // Resource by resource on (resource_id, starts_at); CROSS JOIN keeps the planner to that order.
  public: `FROM json_each(@key) j CROSS JOIN bookings b ON b.resource_id = j.value LEFT JOIN members m ON m.id = b.member_id
    WHERE b.is_public = 1 AND ${VISIBLE}`,
};

const ROW = `b.id, b.resource_id AS resourceId, b.member_id AS memberId, b.starts_at AS startsAt, b.ends_at AS endsAt,
  b.status, b.title, b.version, b.updated_at AS updatedAt, m.name AS memberName`;

// Sums of ids and of their squares (bounded per row) tell one set of bookings from another
// of the same size; versions and the last change catch every edit of a booking in the set.
const AGGREGATE = `count(*) AS count, coalesce(sum(b.id), 0) AS ids, coalesce(sum((b.id * b.id) % 2147483647), 0) AS idSquares,
  coalesce(sum(b.version), 0) AS versions, coalesce(max(b.updated_at), 0) AS lastChange, coalesce(max(m.updated_at), 0) AS namesChanged`;

export function feedQueries(db: Db): FeedQueries {
  const client = db.$client;
  const scopes = Object.keys(FEED_SOURCES) as FeedScope[];
  const aggregate = Object.fromEntries(
    scopes.map((s) => [s, client.prepare(`SELECT ${AGGREGATE} ${FEED_SOURCES[s]}`)]),
  );
  const rows = Object.fromEntries(scopes.map((s) => [s, client.prepare(`SELECT ${ROW} ${FEED_SOURCES[s]}`)]));
  const generation = generationReader(client);
  const params = (key: number | readonly number[], window: FeedWindow) => ({
    key: typeof key === 'number' ? key : JSON.stringify(key),
    ...window,
  });
  return {
    aggregate(scope, key, window) {
      return aggregate[scope]!.get(params(key, window)) as FeedAggregate;
    },
    rows(scope, key, window) {
      return rows[scope]!.all(params(key, window)) as FeedRow[];
    },
    read(fn) {
      return client.transaction(fn)();
    },
    generation,
  };
}
