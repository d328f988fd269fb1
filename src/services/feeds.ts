// Calendar feeds (text/calendar): a person's bookings, a resource's calendar, an
// organisation's bookings (for its leads) and the public events of the event space.
// Each booking is the same event as in its invitations (bookingCalendarEvent: UID, SEQUENCE,
// DTSTAMP, LOCATION, URL); only the words differ by feed and reader. The 304 path never
// builds the document: a small aggregate query gives the validator.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { addressDomain, bookingCalendarEvent, type PlaceForCalendar } from '../calendar/booking-event.js';
import { buildFeed, type CalendarEvent } from '../calendar/ical.js';
import type { Db } from '../db/connection.js';
import {
  feedQueries,
  type FeedAggregate,
  type FeedQueries,
  type FeedRow,
  type FeedScope,
  type FeedWindow,
} from '../db/feeds.js';
import { catalogues, translator, type Language } from '../i18n/index.js';
import type { FeedViewer } from './feed-tokens.js';
import type { Inventory, InventorySnapshot } from './inventory.js';

const DAY = 24 * 3_600_000;

/** The window of a feed: 60 days back, 18 months ahead; cancelled bookings stay 14 days. */
export const FEED_WINDOW = { backDays: 60, aheadDays: 548, cancelledDays: 14 } as const;

/** Raised when what a feed writes changes shape, so every ETag changes with it. */
const FORMAT = 1;

/** Bytes of whole documents kept in memory, gzipped copies included (about 40 feeds of 500 bookings). */
const BODY_CACHE_BYTES = 8_000_000;

/** Feed aggregates kept between writes (a few hundred bytes each). */
const AGGREGATES_KEPT = 10_000;

/** Clients are told to come back hourly (most poll on their own schedule anyway). */
const REFRESH_SECONDS = 3600;

export type FeedRequest =
  | { kind: 'member' }
  | { kind: 'resource'; resourceId: number }
  | { kind: 'organisation'; organisationId: number }
  | { kind: 'public'; lang: Language };

/** A feed someone may read: what it holds and for whom it is written. */
export interface OpenFeed {
  scope: FeedScope;
  key: number | readonly number[];
  /** Whose words: the token's owner, or the public feed's reader. */
  lang: Language;
  /** Names people beside their bookings (staff reading a resource, leads their organisation). */
  names: boolean;
  /** Resource feeds show others' bookings as "Booked": the reader's own stay readable. */
  maskedExcept: number | null;
  title: string;
}

export interface FeedValidator {
  /** Strong ETag, quoted. */
  etag: string;
  /** UTC ms, whole seconds. */
  lastModified: number;
}

/** What a conditional request needs to be answered 304, as last computed for one URL. */
export interface KnownAnswer {
  validator: FeedValidator;
  /** Last-Modified as an HTTP date. */
  lastModifiedText: string;
  /** The public feed may be kept by shared caches; the others are private. */
  shared: boolean;
}

/** A document as sent: its UTF-8 bytes, and the same gzipped, made when first asked for. */
interface StoredDocument {
  bytes: Buffer;
  gzip: Buffer | null;
}

/**
 * The ETag of a feed's gzipped representation. A strong ETag names one sequence of bytes, so
 * the gzipped document gets its own ('.' is not in the base64url of the plain ETag).
 */
export function gzipTag(etag: string): string {
  return `${etag.slice(0, -1)}.gz"`;
}

export interface FeedSettings {
  baseUrl: string;
  mailFrom: string;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

export class FeedService {
  private readonly queries: FeedQueries;
  private readonly organisationName;
  private readonly leads;
  private readonly ledBy;
  private readonly domain: string;
  /** What every ETag depends on beside the data: format, settings, the words of the feeds. */
  private readonly staticStamp: string;
  private readonly placeStamps = new WeakMap<InventorySnapshot, string>();
  private readonly bodies = new Map<string, StoredDocument>();
  private readonly aggregates = new Map<string, { generation: string; aggregate: FeedAggregate }>();
  private readonly answers = new Map<string, { generation: string; day: number; answer: KnownAnswer }>();
  private bodyBytes = 0;

  constructor(
    db: Db,
    private readonly inventory: Inventory,
    private readonly settings: FeedSettings,
  ) {
    this.queries = feedQueries(db);
    this.organisationName = db.$client.prepare('SELECT name FROM organisations WHERE id = ?');
    this.leads = db.$client.prepare(
      'SELECT 1 FROM memberships WHERE member_id = ? AND organisation_id = ? AND is_lead = 1',
    );
    this.ledBy = db.$client.prepare(
      'SELECT o.id, o.name FROM memberships ms JOIN organisations o ON o.id = ms.organisation_id WHERE ms.member_id = ? AND ms.is_lead = 1 ORDER BY o.name, o.id',
    );
    this.domain = addressDomain(settings.mailFrom);
    const words = (lang: Language) =>
      Object.entries(catalogues[lang]).filter(([k]) => k.startsWith('feeds.event.') || k.startsWith('feeds.name.'));
    this.staticStamp = hash([FORMAT, settings.baseUrl, this.domain, words('fr'), words('en')]);
  }

  /** The organisations whose feed the person may read as their lead. */
  organisationsLedBy(memberId: number): { id: number; name: string }[] {
    return this.ledBy.all(memberId) as { id: number; name: string }[];
  }

  /** The feed `viewer` asks for, or null when it does not exist or is not theirs to read (404 alike). */
  open(request: FeedRequest, viewer: FeedViewer | null): OpenFeed | null {
    const snapshot = this.inventory.get();
    if (request.kind === 'public') {
      const spaces = snapshot.resources.filter((r) => r.kind === 'event_space' && r.active).map((r) => r.id);
      return {
        scope: 'public',
        key: spaces,
        lang: request.lang,
        names: false,
        maskedExcept: null,
        title: translator(request.lang)('feeds.name.public'),
      };
    }
    if (!viewer) return null;
    const t = translator(viewer.language);
    if (request.kind === 'member') {
      return {
        scope: 'member',
        key: viewer.memberId,
        lang: viewer.language,
        names: false,
        maskedExcept: null,
        title: t('feeds.name.mine'),
      };
    }
    if (request.kind === 'resource') {
      const resource = snapshot.resourcesById.get(request.resourceId);
      if (!resource || !resource.active) return null;
      return {
        scope: 'resource',
        key: resource.id,
        lang: viewer.language,
        names: viewer.staff,
        maskedExcept: viewer.staff ? null : viewer.memberId,
        title: t('feeds.name.resource', { resource: resource.name }),
      };
    }
    const organisation = this.organisationName.get(request.organisationId) as { name: string } | undefined;
    if (!organisation) return null;
    if (!viewer.staff && !this.leads.get(viewer.memberId, request.organisationId)) return null;
    return {
      scope: 'organisation',
      key: request.organisationId,
      lang: viewer.language,
      names: true,
      maskedExcept: null,
      title: t('feeds.name.organisation', { organisation: organisation.name }),
    };
  }

  /**
   * The window at `now`. Its edges move once a day (UTC midnight), so within a day the feed
   * changes only when a booking does, and Last-Modified can honestly be that day's start.
   */
  window(now: number): FeedWindow & { day: number } {
    const day = Math.floor(now / DAY) * DAY;
    return {
      day,
      from: day - FEED_WINDOW.backDays * DAY,
      to: day + FEED_WINDOW.aheadDays * DAY,
      cancelledSince: day - FEED_WINDOW.cancelledDays * DAY,
    };
  }

  /** ETag and Last-Modified from one aggregate query: what a conditional request needs, and no more. */
  validator(feed: OpenFeed, now: number): FeedValidator {
    const { day, ...window } = this.window(now);
    return this.validatorOf(feed, this.aggregateOf(feed, window), day);
  }

  /**
   * The answer last given to a conditional request for `key` (the token's hash and the
   * feed), if nothing at all was written to the database since and the day is the same:
   * everything a validator depends on (the token and its owner, the feed, its bookings, the
   * inventory) lives in the database, so an unchanged database means an unchanged answer. A
   * calendar polling an unchanged feed then costs one read and no token lookup.
   */
  recall(key: string, now: number): KnownAnswer | null {
    const known = this.answers.get(key);
    if (!known || known.day !== this.window(now).day || known.generation !== this.queries.generation()) return null;
    return known.answer;
  }

  /** Remembers the answer to a conditional request for `key` (see recall). */
  keep(key: string, now: number, validator: FeedValidator, shared: boolean): KnownAnswer {
    const answer = { validator, lastModifiedText: new Date(validator.lastModified).toUTCString(), shared };
    if (this.answers.size >= AGGREGATES_KEPT) this.answers.clear();
    this.answers.set(key, { generation: this.queries.generation(), day: this.window(now).day, answer });
    return answer;
  }

  /**
   * A feed's aggregate, kept while nothing at all is written to the database: a client
   * polling an unchanged feed then costs no query over its bookings. Any write (a booking,
   * a name, a session touched) makes every feed read its aggregate again.
   */
  private aggregateOf(feed: OpenFeed, window: FeedWindow): FeedAggregate {
    const generation = this.queries.generation();
    const key = JSON.stringify([feed.scope, feed.key, window.from, window.to, window.cancelledSince]);
    const known = this.aggregates.get(key);
    if (known?.generation === generation) return known.aggregate;
    const aggregate = this.queries.aggregate(feed.scope, feed.key, window);
    if (this.aggregates.size >= AGGREGATES_KEPT) this.aggregates.clear();
    this.aggregates.set(key, { generation, aggregate });
    return aggregate;
  }

  /**
   * The document and its validator, read in one transaction. Documents are kept by ETag as
   * bytes (a few MB at most): most clients poll without If-None-Match, and an unchanged feed
   * is then the same bytes without a rebuild or a conversion. With `gzip`, the gzipped bytes
   * (calendar clients ask for them; a 500-event feed shrinks about tenfold), compressed once
   * per document.
   */
  render(
    feed: OpenFeed,
    now: number,
    options: { gzip?: boolean } = {},
  ): { body: Buffer; gzip: boolean } & FeedValidator {
    const { day, ...window } = this.window(now);
    const read = this.queries.read(() => {
      const validator = this.validatorOf(feed, this.aggregateOf(feed, window), day);
      const stored = this.bodies.get(validator.etag);
      return { validator, stored, rows: stored === undefined ? this.queries.rows(feed.scope, feed.key, window) : [] };
    });
    let document = read.stored;
    if (document === undefined) {
      const snapshot = this.inventory.get();
      const t = translator(feed.lang);
      const events: CalendarEvent[] = [];
      for (const row of read.rows) {
        const event = this.eventOf(row, feed, snapshot, t);
        if (event) events.push(event);
      }
      const text = buildFeed(events, {
        name: feed.title,
        refreshSeconds: REFRESH_SECONDS,
        zones: [snapshot.site.timezone],
      });
      document = { bytes: Buffer.from(text, 'utf8'), gzip: null };
    }
    if (options.gzip && document.gzip === null) document = { bytes: document.bytes, gzip: gzipSync(document.bytes) };
    this.remember(read.validator.etag, document);
    const gzip = options.gzip === true;
    return { body: gzip ? document.gzip! : document.bytes, gzip, ...read.validator };
  }

  /** Keeps a document as the most recently used, dropping the least recently used beyond the budget. */
  private remember(etag: string, document: StoredDocument): void {
    const size = (d: StoredDocument) => d.bytes.length + (d.gzip?.length ?? 0);
    if (size(document) > BODY_CACHE_BYTES / 4) return;
    const previous = this.bodies.get(etag);
    if (previous !== undefined) {
      this.bodies.delete(etag);
      this.bodyBytes -= size(previous);
    }
    this.bodies.set(etag, document);
    this.bodyBytes += size(document);
    for (const [key, value] of this.bodies) {
      if (this.bodyBytes <= BODY_CACHE_BYTES) break;
      this.bodies.delete(key);
      this.bodyBytes -= size(value);
    }
  }

  private validatorOf(feed: OpenFeed, aggregate: FeedAggregate, day: number): FeedValidator {
    const snapshot = this.inventory.get();
    const names = feed.names ? aggregate.namesChanged : 0;
    const etag = `"${hash([this.staticStamp, this.placeStamp(snapshot), feed.scope, feed.key, feed.lang, feed.names, feed.maskedExcept, feed.title, aggregate.count, aggregate.ids, aggregate.idSquares, aggregate.versions, aggregate.lastChange, names]).slice(0, 32)}"`;
    // Rows enter and leave the window only at the day's start; any other change stamps updated_at.
    const lastModified = Math.floor(Math.max(aggregate.lastChange, names, day) / 1000) * 1000;
    return { etag, lastModified };
  }

  /** Resource names and the site's address and zone: a rename changes LOCATION, so the ETag. */
  private placeStamp(snapshot: InventorySnapshot): string {
    let stamp = this.placeStamps.get(snapshot);
    if (stamp === undefined) {
      stamp = hash([snapshot.site.address, snapshot.site.timezone, snapshot.resources.map((r) => [r.id, r.name])]);
      this.placeStamps.set(snapshot, stamp);
    }
    return stamp;
  }

  private eventOf(
    row: FeedRow,
    feed: OpenFeed,
    snapshot: InventorySnapshot,
    t: ReturnType<typeof translator>,
  ): CalendarEvent | null {
    const resource = snapshot.resourcesById.get(row.resourceId);
    if (!resource) return null;
    const place: PlaceForCalendar = {
      resourceName: resource.name,
      siteAddress: snapshot.site.address,
      zone: snapshot.site.timezone,
    };
    const options = { domain: this.domain, baseUrl: this.settings.baseUrl };
    const event = bookingCalendarEvent(row, place, options);
    const title = row.title.trim();
    if (feed.scope === 'public') {
      // The public reads the event's own title, never who booked it, and links to the space.
      event.summary = title || resource.name;
      event.url = `${this.settings.baseUrl}/resources/${resource.id}`;
    } else if (feed.maskedExcept !== null && row.memberId !== feed.maskedExcept) {
      event.summary = t('feeds.event.booked');
      delete event.url;
    } else if (feed.names && row.memberName) {
      event.summary = title
        ? t('feeds.event.personTitle', { resource: resource.name, title, person: row.memberName })
        : t('feeds.event.person', { resource: resource.name, person: row.memberName });
    }
    return event;
  }
}
