// Calendar feeds (text/calendar): a person's bookings, a resource's calendar, an
// organisation's bookings (for its leads) and the public events of the event space.
// Each booking is the same event as in its invitations (bookingCalendarEvent: UID, SEQUENCE,
// DTSTAMP, LOCATION, URL); only the words differ by feed and reader. The 304 path never
// builds the document: a small aggregate query gives the validator.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { addressDomain, bookingCalendarEvent, type PlaceForCalendar } from '../calendar/booking-event.js';
import { buildFeed, type CalendarEvent } from '../calendar/ical.js';
import type { Db } from '../db/connection.js';
import {
  feedQueries,
  type FeedAggregate,
  type FeedKey,
  type FeedQueries,
  type FeedRow,
  type FeedScope,
  type FeedWindow,
} from '../db/feeds.js';
import { remembered } from '../domain/memo.js';
import { catalogues, translator, type Language } from '../i18n/index.js';
import type { FeedViewer } from './feed-tokens.js';
import type { Inventory, InventorySnapshot } from './inventory.js';
import { addressIn } from '../i18n/address.js';
import { localName } from '../i18n/names.js';

const DAY = 24 * 3_600_000;

/** The window of a feed: 60 days back, 18 months ahead; cancelled bookings stay 14 days. */
export const FEED_WINDOW = { backDays: 60, aheadDays: 548, cancelledDays: 14 } as const;

/** Raised when what a feed writes changes shape, so every ETag changes with it. */
const FORMAT = 1;

/** Bytes of feed documents kept: calendar clients poll the same few documents (a 500-event feed is about 200 KB). */
const DOCUMENTS_BYTES = 8_000_000;

/** Inventories whose place stamp is remembered (the current one, and the one before a change). */
const PLACE_STAMPS_LIMIT = 4;

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
  key: FeedKey;
  /** Whose words: the token's owner, or the public feed's reader. */
  lang: Language;
  /** Names people beside their bookings (staff reading a resource, leads their organisation). */
  names: boolean;
  /** Resource feeds show others' bookings as "Booked": the reader's own stay readable. */
  maskedExcept: number | null;
  title: string;
  /** The inventory as read when the feed was opened: its places and zone, for the whole answer. */
  inventory: InventorySnapshot;
}

export interface FeedValidator {
  /** Strong ETag, quoted. */
  etag: string;
  /** UTC ms, whole seconds. */
  lastModified: number;
}

/** A feed's document as sent, with its validator. */
export interface FeedDocument extends FeedValidator {
  body: Buffer;
}

/** What a feed's ETag is made of beside the feed itself: its bookings' aggregate and, where shown, names. */
interface FeedChanges extends FeedAggregate {
  /** When a name in the feed last changed; 0 in feeds that show no names. */
  namesChanged: number;
}

export interface FeedSettings {
  baseUrl: string;
  mailFrom: string;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/** Whose document this is: a document is never shared by readers who see different things. */
function feedIdentity(feed: OpenFeed): string {
  return JSON.stringify([feed.scope, feed.key, feed.lang, feed.names, feed.maskedExcept]);
}

export class FeedService {
  private readonly queries: FeedQueries;
  private readonly domain: string;
  /** What every ETag depends on beside the data: format, settings, the words of the feeds. */
  private readonly staticStamp: string;
  private readonly placeStamps = new Map<InventorySnapshot, string>();
  /** The latest document of each feed, by feed; it is used only while its ETag is current. */
  private readonly documents = new LRUCache<string, FeedDocument>({
    maxSize: DOCUMENTS_BYTES,
    sizeCalculation: (document) => document.body.length,
  });

  constructor(
    db: Db,
    private readonly inventory: Inventory,
    private readonly settings: FeedSettings,
  ) {
    this.queries = feedQueries(db);
    this.domain = addressDomain(settings.mailFrom);
    const words = (lang: Language) =>
      Object.entries(catalogues[lang]).filter(([k]) => k.startsWith('feeds.event.') || k.startsWith('feeds.name.'));
    this.staticStamp = hash([FORMAT, settings.baseUrl, this.domain, words('fr'), words('en')]);
  }

  /** The organisations whose feed the person may read as their lead. */
  organisationsLedBy(memberId: number): { id: number; name: string }[] {
    return this.queries.organisationsLedBy(memberId);
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
        inventory: snapshot,
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
        inventory: snapshot,
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
        title: t('feeds.name.resource', { resource: localName(resource, viewer.language) }),
        inventory: snapshot,
      };
    }
    const organisation = this.queries.organisationName(request.organisationId);
    if (organisation === null) return null;
    if (!viewer.staff && !this.queries.leads(viewer.memberId, request.organisationId)) return null;
    return {
      scope: 'organisation',
      key: request.organisationId,
      lang: viewer.language,
      names: true,
      maskedExcept: null,
      title: t('feeds.name.organisation', { organisation }),
      inventory: snapshot,
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
    // Feeds that show names read a second statement: in one read transaction, they see the same data.
    const changes = feed.names ? this.queries.read(() => this.changesOf(feed, window)) : this.changesOf(feed, window);
    return this.validatorOf(feed, changes, day);
  }

  /**
   * The document and its validator, read in one transaction. The latest document of each feed
   * is kept as bytes: most clients poll without If-None-Match, and an unchanged feed is then
   * the same bytes without a rebuild.
   */
  document(feed: OpenFeed, now: number): FeedDocument {
    const { day, ...window } = this.window(now);
    const identity = feedIdentity(feed);
    const read = this.queries.read(() => {
      const validator = this.validatorOf(feed, this.changesOf(feed, window), day);
      const kept = this.documents.get(identity);
      const current = kept?.etag === validator.etag ? kept : undefined;
      return { validator, current, rows: current ? [] : this.queries.rows(feed.scope, feed.key, window) };
    });
    if (read.current) return read.current;
    const snapshot = feed.inventory;
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
    const document = { ...read.validator, body: Buffer.from(text, 'utf8') };
    this.documents.set(identity, document);
    return document;
  }

  private changesOf(feed: OpenFeed, window: FeedWindow): FeedChanges {
    return {
      ...this.queries.aggregate(feed.scope, feed.key, window),
      namesChanged: feed.names ? this.queries.namesChanged(feed.scope, feed.key, window) : 0,
    };
  }

  private validatorOf(feed: OpenFeed, changes: FeedChanges, day: number): FeedValidator {
    const names = changes.namesChanged;
    const lastChange = changes.lastChange ?? 0;
    const stamp = [
      this.staticStamp,
      this.placeStamp(feed.inventory),
      feed.scope,
      feed.key,
      feed.lang,
      feed.names,
      feed.maskedExcept,
      feed.title,
      // The day sets the window and which cancelled bookings still show: the aggregate covers the rest.
      day,
      changes.count,
      changes.ids,
      changes.versions,
      lastChange,
      names,
    ];
    // Rows enter and leave the window only at the day's start; any other change stamps updated_at.
    const lastModified = Math.floor(Math.max(lastChange, names, day) / 1000) * 1000;
    return { etag: `"${hash(stamp).slice(0, 32)}"`, lastModified };
  }

  /** Resource names and the site's address and zone: a rename changes LOCATION, so the ETag. */
  private placeStamp(snapshot: InventorySnapshot): string {
    return remembered(this.placeStamps, snapshot, PLACE_STAMPS_LIMIT, () =>
      hash([snapshot.site.address, snapshot.site.timezone, snapshot.resources.map((r) => [r.id, r.name, r.nameEn])]),
    );
  }

  private eventOf(
    row: FeedRow,
    feed: OpenFeed,
    snapshot: InventorySnapshot,
    t: ReturnType<typeof translator>,
  ): CalendarEvent | null {
    const resource = snapshot.resourcesById.get(row.resourceId);
    if (!resource) return null;
    // The feed's reader (its owner, or the public's chosen language) reads the place in their language.
    const name = localName(resource, feed.lang);
    const place: PlaceForCalendar = {
      resourceName: name,
      siteAddress: addressIn(snapshot.site.address, feed.lang),
      zone: snapshot.site.timezone,
    };
    const options = { domain: this.domain, baseUrl: this.settings.baseUrl };
    const event = bookingCalendarEvent(row, place, options);
    const title = row.title.trim();
    if (feed.scope === 'public') {
      // The public reads the event's own title, never who booked it, and links to the space.
      event.summary = title || name;
      event.url = `${this.settings.baseUrl}/resources/${resource.id}`;
    } else if (feed.maskedExcept !== null && row.memberId !== feed.maskedExcept) {
      event.summary = t('feeds.event.booked');
      delete event.url;
    } else if (feed.names && row.memberName) {
      event.summary = title
        ? t('feeds.event.personTitle', { resource: name, title, person: row.memberName })
        : t('feeds.event.person', { resource: name, person: row.memberName });
    }
    return event;
  }
}
