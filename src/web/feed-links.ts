// The ways to subscribe to one feed: its https URL (to copy), webcal:// (opens the calendar
// app of the device), and the "subscribe from the web" pages of Google Calendar and Outlook.
import { dateFormatter } from '../i18n/dates.js';
import type { Language, Translate } from '../i18n/index.js';
import type { InventorySnapshot } from '../services/inventory.js';
import { localName } from '../i18n/names.js';

export interface FeedLink {
  /** Unique in the page, for the label of the URL field. */
  id: string;
  name: string;
  hint: string | null;
  https: string;
  webcal: string;
  google: string;
  outlook: string;
  outlook365: string;
}

export function feedLink(id: string, url: string, name: string, hint: string | null = null): FeedLink {
  const webcal = url.replace(/^https?:\/\//, 'webcal://');
  const web = `url=${encodeURIComponent(url)}&name=${encodeURIComponent(name)}`;
  return {
    id,
    name,
    hint,
    https: url,
    webcal,
    // Google subscribes to a webcal:// (or http) address given as cid.
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?${web}`,
    outlook365: `https://outlook.office.com/calendar/0/addfromweb?${web}`,
  };
}

export function publicFeedUrl(baseUrl: string, lang: Language): string {
  return `${baseUrl}/feeds/events.ics${lang === 'fr' ? '' : `?lang=${lang}`}`;
}

export interface FeedSectionView {
  /** When the live token was made (in words), or null. */
  current: string | null;
  /** Links of a token just made: shown this once. */
  fresh: { personal: FeedLink[]; resources: FeedLink[] } | null;
  publicFeed: FeedLink;
  staff: boolean;
  notice: string | null;
}

export interface FeedSectionInput {
  t: Translate;
  lang: Language;
  baseUrl: string;
  inventory: InventorySnapshot;
  staff: boolean;
  createdAt: number | null;
  /** The token just made, with the organisations the person leads (id, name). */
  fresh: { token: string; organisations: { id: number; name: string }[] } | null;
  notice?: string | null;
}

export function feedSection(input: FeedSectionInput): FeedSectionView {
  const { t, baseUrl } = input;
  const publicName = t('feeds.list.public');
  let fresh: FeedSectionView['fresh'] = null;
  if (input.fresh) {
    const root = `${baseUrl}/feeds/${input.fresh.token}`;
    const personal = [
      feedLink('feed-mine', `${root}/bookings.ics`, t('feeds.list.mine'), t('feeds.list.mine.hint')),
      ...input.fresh.organisations.map((o) =>
        feedLink(
          `feed-org-${o.id}`,
          `${root}/organisations/${o.id}.ics`,
          t('feeds.list.organisation', { organisation: o.name }),
          t('feeds.list.organisation.hint'),
        ),
      ),
    ];
    // Desks come by the dozen and are booked by the half-day: their calendars are not offered here.
    const resources = input.inventory.resources
      .filter((r) => r.active && r.kind !== 'desk')
      .map((r) => feedLink(`feed-resource-${r.id}`, `${root}/resources/${r.id}.ics`, localName(r, input.lang)));
    fresh = { personal, resources };
  }
  return {
    current:
      input.createdAt === null ? null : dateFormatter(input.lang, input.inventory.site.timezone).date(input.createdAt),
    fresh,
    publicFeed: feedLink('feed-public', publicFeedUrl(baseUrl, input.lang), publicName, t('feeds.list.public.hint')),
    staff: input.staff,
    notice: input.notice ?? null,
  };
}
