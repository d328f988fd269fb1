// Queries of calendar feeds. Each feed reads one person's, one resource's or one
// organisation's bookings (or the public events of some resources) within a window of
// starts, on the matching (…, starts_at) index. Two statements per feed: a small aggregate
// that is enough to answer "not modified" (with the last change of names, in the feeds that
// show them), and the rows themselves. All are prepared once.
import { and, asc, count, eq, gte, inArray, isNull, lt, max, or, sql, sum, type SQL } from 'drizzle-orm';
import { LISTED_COLUMNS } from './bookings.js';
import type { Db } from './connection.js';
import { bookings, members, memberships, organisations } from './schema.js';

export type FeedScope = 'member' | 'resource' | 'organisation' | 'public';

export const FEED_SCOPES: readonly FeedScope[] = ['member', 'resource', 'organisation', 'public'];

export interface FeedWindow {
  /** Starts in [from, to). */
  from: number;
  to: number;
  /** Cancelled (released, rejected) bookings stay while their last change is this recent. */
  cancelledSince: number;
}

/** Whose bookings: a member, resource or organisation id, or the resources of the public feed. */
export type FeedKey = number | readonly number[];

const key = sql.placeholder('key');

/** The bookings of each scope; the public one reads resource by resource on (resource_id, starts_at). */
const OWNER: Record<FeedScope, SQL> = {
  member: eq(bookings.memberId, key),
  resource: eq(bookings.resourceId, key),
  organisation: eq(bookings.organisationId, key),
  // A list of resources as one JSON parameter, so the statement is prepared once (json_each has no drizzle form).
  public: and(inArray(bookings.resourceId, sql`(SELECT value FROM json_each(${key}))`), eq(bookings.isPublic, true))!,
};

const since = sql.placeholder('cancelledSince');

/** Starts in the window, whatever their state. */
const IN_WINDOW = and(gte(bookings.startsAt, sql.placeholder('from')), lt(bookings.startsAt, sql.placeholder('to')));

/** Starts in the window; cancelled ones only while their cancellation (or last change) is recent. */
const VISIBLE = and(
  IN_WINDOW,
  or(
    inArray(bookings.status, ['pending', 'confirmed']),
    gte(bookings.cancelledAt, since),
    and(isNull(bookings.cancelledAt), gte(bookings.updatedAt, since)),
  ),
);

const ROW = {
  ...LISTED_COLUMNS,
  version: bookings.version,
  updatedAt: bookings.updatedAt,
  memberName: members.name,
};

// Every write stamps updated_at, so a booking that enters the set or changes in it moves the last
// change; the count and the sum of ids tell a set from the one before when bookings leave it, and
// versions catch an edit made in the same millisecond as the last change.
const AGGREGATE = {
  count: count(),
  ids: sum(bookings.id),
  versions: sum(bookings.version),
  lastChange: max(bookings.updatedAt),
};

function rowsOf(db: Db, scope: FeedScope) {
  return db
    .select(ROW)
    .from(bookings)
    .leftJoin(members, eq(members.id, bookings.memberId))
    .where(and(OWNER[scope], VISIBLE));
}

// Over every booking starting in the window, shown or not: which of them a feed shows depends
// only on their own columns and the day, so with the day beside it this tells the feed's rows
// apart, and a person's feed reads it from bookings_member_start alone.
function aggregateOf(db: Db, scope: FeedScope) {
  return db.select(AGGREGATE).from(bookings).where(and(OWNER[scope], IN_WINDOW));
}

/** The last change of the names of the people in a feed, for the feeds that show them. */
function namesChangedOf(db: Db, scope: FeedScope) {
  return db
    .select({ at: max(members.updatedAt) })
    .from(bookings)
    .innerJoin(members, eq(members.id, bookings.memberId))
    .where(and(OWNER[scope], IN_WINDOW));
}

export type FeedRow = Awaited<ReturnType<typeof rowsOf>>[number];

/** Changes whenever the bookings starting in a feed's window change: a booking in or out, any new version. */
export type FeedAggregate = Awaited<ReturnType<typeof aggregateOf>>[number];

/** The statement reading a scope's rows, as SQL and parameters (to read its query plan). */
export function feedRowsQuery(db: Db, scope: FeedScope) {
  return rowsOf(db, scope).toSQL();
}

/** The statement of a scope's aggregate, as SQL and parameters (to read its query plan). */
export function feedAggregateQuery(db: Db, scope: FeedScope) {
  return aggregateOf(db, scope).toSQL();
}

function byScope<T>(build: (scope: FeedScope) => T): Record<FeedScope, T> {
  return {
    member: build('member'),
    resource: build('resource'),
    organisation: build('organisation'),
    public: build('public'),
  };
}

export type FeedQueries = ReturnType<typeof feedQueries>;

export function feedQueries(db: Db) {
  const rows = byScope((scope) => rowsOf(db, scope).prepare());
  const aggregates = byScope((scope) => aggregateOf(db, scope).prepare());
  const namesChanged = byScope((scope) => namesChangedOf(db, scope).prepare());
  const organisationName = db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder('id')))
    .prepare();
  const lead = db
    .select({ memberId: memberships.memberId })
    .from(memberships)
    .where(
      and(
        eq(memberships.memberId, sql.placeholder('memberId')),
        eq(memberships.organisationId, sql.placeholder('organisationId')),
        eq(memberships.isLead, true),
      ),
    )
    .prepare();
  const ledBy = db
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.memberId, sql.placeholder('memberId')), eq(memberships.isLead, true)))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .prepare();
  const params = (feedKey: FeedKey, window: FeedWindow) => ({
    key: typeof feedKey === 'number' ? feedKey : JSON.stringify(feedKey),
    ...window,
  });
  return {
    aggregate(scope: FeedScope, feedKey: FeedKey, window: FeedWindow): FeedAggregate {
      return aggregates[scope].get(params(feedKey, window))!;
    },
    /** When a name of someone with a booking in the window last changed (0 if none). */
    namesChanged(scope: FeedScope, feedKey: FeedKey, window: FeedWindow): number {
      return namesChanged[scope].get(params(feedKey, window))?.at ?? 0;
    },
    rows(scope: FeedScope, feedKey: FeedKey, window: FeedWindow): FeedRow[] {
      return rows[scope].all(params(feedKey, window));
    },
    /** Runs `fn` in one read transaction: the aggregate and the rows see the same data. */
    read<T>(fn: () => T): T {
      return db.transaction(fn);
    },
    organisationName(id: number): string | null {
      return organisationName.get({ id })?.name ?? null;
    },
    leads(memberId: number, organisationId: number): boolean {
      return lead.get({ memberId, organisationId }) !== undefined;
    },
    organisationsLedBy(memberId: number): { id: number; name: string }[] {
      return ledBy.all({ memberId });
    },
  };
}
