// iCalendar documents from plain event data: a feed (PUBLISH) and an invitation (iTIP
// REQUEST or CANCEL). Pure: the same input gives the same bytes, whatever the process's
// TZ and whenever it runs. Times are written in the event's zone with a VTIMEZONE for it
// (luxon DateTimes, so ical-generator never reads the process's zone); DTSTAMP in UTC.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  type ICalCalendar,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { offsetMinutes } from '../domain/zoned-time.js';

export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface CalendarEvent {
  /** Stable for the life of the booking (or series): clients match updates on it. */
  uid: string;
  /** The booking's version: rises on every change, cancellation included. */
  sequence: number;
  /** The instant of the last change (UTC ms): an unchanged event gives the same bytes. */
  dtstamp: number;
  /** UTC ms, half-open [start, end). */
  start: number;
  end: number;
  /** IANA zone the times are written in, e.g. 'Europe/Paris'. */
  zone: string;
  summary: string;
  description?: string;
  /** Resource name and site address. */
  location?: string;
  url?: string;
  status: EventStatus;
  /** Original start (UTC ms) of an occurrence of a series that shares this UID. */
  recurrenceId?: number;
}

export interface Party {
  name: string;
  email: string;
}

export interface FeedOptions {
  /** Shown by clients as the calendar's name. */
  name: string;
  description?: string;
  /** Suggested refresh interval in seconds (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
  refreshSeconds?: number;
  /** Write METHOD:PUBLISH (some older clients want it); absent by default. */
  publish?: boolean;
  /**
   * Zones whose VTIMEZONE is written even when no event uses them: an empty feed then still
   * holds a component, as RFC 5545 requires of a VCALENDAR.
   */
  zones?: readonly string[];
}

export interface InvitationOptions {
  method: 'REQUEST' | 'CANCEL';
  organizer: Party;
  attendees: Party[];
}

export const PROD_ID = '-//21 Croix-Rouge francaise//Reservations//FR';

export class CalendarInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

const zoneCache = new Map<string, string | null>();

/** The VTIMEZONE of a zone (read once per zone), or an error for a zone it does not know. */
function vtimezone(zone: string): string | null {
  if (!zoneCache.has(zone)) zoneCache.set(zone, getVtimezoneComponent(zone));
  return zoneCache.get(zone) ?? null;
}

function checkEvent(event: CalendarEvent): void {
  if (!event.uid || /[\r\n]/.test(event.uid)) throw new CalendarInputError(`invalid UID "${event.uid}"`);
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new CalendarInputError(`invalid SEQUENCE for ${event.uid}`);
  if (!(event.end > event.start)) throw new CalendarInputError(`event ${event.uid} ends before it starts`);
  if (!vtimezone(event.zone)) throw new CalendarInputError(`no VTIMEZONE for zone "${event.zone}"`);
}

/** Display names go into quoted parameters, where a double quote or a line break cannot be written. */
function paramText(value: string): string {
  return value
    .replace(/["\r\n\t\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function at(instant: number, zone: string): DateTime {
  return DateTime.fromMillis(instant, { zone });
}

const HOUR = 3_600_000;

/** UTC offset in minutes of `zone` at `instant`, memoised per (zone, instant) by the domain. */
function offsetAt(instant: number, zone: string): number {
  return offsetMinutes(instant, zone);
}

/**
 * Whether the wall-clock time of `instant` in `zone` happens twice (the hour repeated when
 * summer time ends). RFC 5545 reads such a time as its first occurrence, but clients differ
 * (ical.js takes the second), so those events are written in UTC instead.
 */
export function isAmbiguousLocalTime(instant: number, zone: string): boolean {
  const offset = offsetAt(instant, zone);
  for (const probe of [instant - 3 * HOUR, instant + 3 * HOUR]) {
    const other = offsetAt(probe, zone);
    if (other === offset) continue;
    // The same wall-clock time under the other offset names another instant: is it real?
    if (offsetAt(instant + (offset - other) * 60_000, zone) === other) return true;
  }
  return false;
}

/** Cheap first: with no offset change around the event, none of its times can be ambiguous. */
function touchesRepeatedHour(instants: readonly number[], zone: string): boolean {
  const from = Math.min(...instants) - 3 * HOUR;
  const to = Math.max(...instants) + 3 * HOUR;
  if (to - from <= 36 * HOUR && offsetAt(from, zone) === offsetAt(to, zone)) return false;
  return instants.some((i) => isAmbiguousLocalTime(i, zone));
}

/** What ical-generator is given for an event (exported for the tests that pin the invitation writer to it). */
export function toEventData(
  event: CalendarEvent,
  status: EventStatus,
  invitation: InvitationOptions | null,
): ICalEventData {
  const instants = [event.start, event.end, ...(event.recurrenceId === undefined ? [] : [event.recurrenceId])];
  const zone = touchesRepeatedHour(instants, event.zone) ? null : event.zone;
  const data: ICalEventData = {
    id: event.uid,
    sequence: event.sequence,
    stamp: DateTime.fromMillis(event.dtstamp, { zone: 'utc' }),
    start: at(event.start, zone ?? 'utc'),
    end: at(event.end, zone ?? 'utc'),
    timezone: zone,
    summary: event.summary,
    status: status as ICalEventStatus,
  };
  if (event.recurrenceId !== undefined) data.recurrenceId = at(event.recurrenceId, zone ?? 'utc');
  if (event.description) data.description = event.description;
  if (event.location) data.location = event.location;
  if (event.url) data.url = event.url;
  if (invitation) {
    data.organizer = {
      name: paramText(invitation.organizer.name) || invitation.organizer.email,
      email: invitation.organizer.email,
    };
    data.attendees = invitation.attendees.map((a) => ({
      name: paramText(a.name) || a.email,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      // They booked it themselves: the invitation records, it does not ask.
      status: invitation.method === 'CANCEL' ? null : ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    }));
  }
  return data;
}

/** ical-generator's escaping: TEXT values escape `\\ ; ,`, quoted parameters `\\ "`; line breaks become `\\n`. */
function icalText(value: string, quoted = false): string {
  return value.replace(quoted ? /[\\"]/g : /[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDTHHmmss` of an instant on the wall clock of `zone`, or in UTC when zone is null. */
function icalDateTime(instant: number, zone: string | null): string {
  const d = new Date(zone === null ? instant : instant + offsetAt(instant, zone) * 60_000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function icalTime(name: string, instant: number, zone: string | null): string {
  return zone === null
    ? `${name}:${icalDateTime(instant, null)}Z`
    : `${name};TZID=${zone}:${icalDateTime(instant, zone)}`;
}

/**
 * The VEVENT of an invitation, unfolded, with the very bytes ical-generator writes for the
 * data toEventData gives it (same properties, order, escaping and dates), without building
 * its objects and luxon dates for every mail queued inside a booking's transaction.
 */
export function invitationEventText(event: CalendarEvent, status: EventStatus, invitation: InvitationOptions): string {
  const instants = [event.start, event.end, ...(event.recurrenceId === undefined ? [] : [event.recurrenceId])];
  // As in ical-generator, a zone named UTC is written as UTC times (with Z), not a TZID.
  const zone = touchesRepeatedHour(instants, event.zone) || event.zone === 'UTC' ? null : event.zone;
  let text = `BEGIN:VEVENT${CRLF}UID:${event.uid}${CRLF}SEQUENCE:${event.sequence}${CRLF}DTSTAMP:${icalDateTime(event.dtstamp, null)}Z${CRLF}`;
  text += icalTime('DTSTART', event.start, zone) + CRLF + icalTime('DTEND', event.end, zone) + CRLF;
  if (event.recurrenceId !== undefined) text += icalTime('RECURRENCE-ID', event.recurrenceId, zone) + CRLF;
  text += `SUMMARY:${icalText(event.summary)}${CRLF}`;
  if (event.location) text += `LOCATION:${icalText(event.location)}${CRLF}`;
  if (event.description) text += `DESCRIPTION:${icalText(event.description)}${CRLF}`;
  const organizer = invitation.organizer;
  text += `ORGANIZER;CN="${icalText(paramText(organizer.name) || organizer.email, true)}":mailto:${icalText(organizer.email)}${CRLF}`;
  for (const a of invitation.attendees) {
    // They booked it themselves: the invitation records, it does not ask.
    const partstat = invitation.method === 'CANCEL' ? '' : ';PARTSTAT=ACCEPTED';
    text += `ATTENDEE;ROLE=REQ-PARTICIPANT${partstat};RSVP=FALSE;CN="${icalText(paramText(a.name) || a.email, true)}":MAILTO:${icalText(a.email)}${CRLF}`;
  }
  if (event.url) text += `URL;VALUE=URI:${icalText(event.url)}${CRLF}`;
  text += `STATUS:${status}${CRLF}END:VEVENT${CRLF}`;
  return text;
}

function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`);
}

/** Deterministic order, whatever order the rows came in. */
function sorted(events: readonly CalendarEvent[]): CalendarEvent[] {
  return [...events].sort(
    (a, b) =>
      a.start - b.start ||
      (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) ||
      (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0),
  );
}

const CRLF = '\r\n';

/** UTF-8 length of one code point. */
function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence.
 * ical-generator's own folding builds a TextEncoder per character and took ~80% of the
 * time of a 500-event feed; this counts octets arithmetically.
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let used = 0;
  let limit = 75;
  for (const char of line) {
    const size = octets(char.codePointAt(0)!);
    if (used + size > limit) {
      out += `${CRLF} `;
      used = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    out += char;
    used += size;
  }
  return out;
}

function fold(lines: string): string {
  return lines
    .split(CRLF)
    .filter((line) => line !== '')
    .map(foldLine)
    .join(CRLF);
}

function header(
  method: ICalCalendarMethod | null,
  extra: { name?: string; description?: string; ttl?: number },
  zones: readonly string[],
): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PROD_ID}`, 'CALSCALE:GREGORIAN'];
  if (method) lines.push(`METHOD:${method}`);
  // NAME and DESCRIPTION (RFC 7986) are TEXT and escaped; clients read the older X-WR-
  // properties verbatim, so those carry the text as is (line breaks already removed).
  if (extra.name) lines.push(`NAME:${escapeText(extra.name)}`, `X-WR-CALNAME:${extra.name}`);
  if (extra.description)
    lines.push(`DESCRIPTION:${escapeText(extra.description)}`, `X-WR-CALDESC:${extra.description}`);
  if (extra.ttl) {
    const ttl = `PT${Math.max(1, Math.round(extra.ttl / 60))}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${ttl}`, `X-PUBLISHED-TTL:${ttl}`);
  }
  for (const zone of zones) lines.push(vtimezone(zone)!.replace(/\r?\n/g, CRLF).trim());
  return lines.join(CRLF) + CRLF;
}

/**
 * Folded VEVENTs of feeds by their full input: a feed is rebuilt on every poll while its
 * events rarely change. Keyed by content, so a renamed resource or a new version misses.
 */
const eventCache = new Map<string, string>();
const EVENT_CACHE_LIMIT = 20_000;

function renderEvent(calendar: ICalCalendar, event: CalendarEvent, invitation: InvitationOptions | null): string {
  const status = invitation?.method === 'CANCEL' ? 'CANCELLED' : event.status;
  const key = invitation
    ? null
    : JSON.stringify([
        event.uid,
        event.sequence,
        event.dtstamp,
        event.start,
        event.end,
        event.zone,
        event.summary,
        event.description,
        event.location,
        event.url,
        status,
        event.recurrenceId,
      ]);
  const cached = key === null ? undefined : eventCache.get(key);
  if (cached !== undefined) return cached;
  // ical-generator writes a feed's VEVENT (escaping, dates through luxon in the event's
  // zone); an invitation's, one per mail queued in a booking's transaction, is written here
  // with the same bytes (test/calendar pins them against ical-generator's).
  const unfolded = invitation
    ? invitationEventText(event, status, invitation)
    : calendar.createEvent(toEventData(event, status, null)).toString();
  const text = fold(unfolded) + CRLF;
  if (key !== null) {
    if (eventCache.size >= EVENT_CACHE_LIMIT) eventCache.delete(eventCache.keys().next().value!);
    eventCache.set(key, text);
  }
  return text;
}

/** An invitation's calendar header depends only on its method and zones: folded once each. */
const invitationHeaders = new Map<string, string>();

function foldedHeader(
  method: ICalCalendarMethod | null,
  extra: { name?: string; description?: string; ttl?: number },
  zones: readonly string[],
): string {
  if (extra.name !== undefined || extra.description !== undefined || extra.ttl !== undefined)
    return fold(header(method, extra, zones));
  const key = `${method}|${zones.join(',')}`;
  let text = invitationHeaders.get(key);
  if (text === undefined) {
    text = fold(header(method, extra, zones));
    if (invitationHeaders.size < 100) invitationHeaders.set(key, text);
  }
  return text;
}

function render(
  events: readonly CalendarEvent[],
  method: ICalCalendarMethod | null,
  extra: { name?: string; description?: string; ttl?: number },
  invitation: InvitationOptions | null,
  alwaysZones: readonly string[] = [],
): string {
  for (const event of events) checkEvent(event);
  for (const zone of alwaysZones) if (!vtimezone(zone)) throw new CalendarInputError(`no VTIMEZONE for zone "${zone}"`);
  // The calendar around the events is written here, so folding and VTIMEZONEs are ours.
  // No calendar-wide zone: naming one would make DTSTAMP floating.
  const calendar = ical({ timezone: null });
  let body = '';
  for (const event of sorted(events)) body += renderEvent(calendar, event, invitation);
  const zones = [...new Set([...alwaysZones, ...events.map((e) => e.zone)])].sort();
  // Every content line ends with CRLF, the last one included (RFC 5545 3.1).
  return foldedHeader(method, extra, zones) + CRLF + body + 'END:VCALENDAR' + CRLF;
}

/** A subscribable feed: no METHOD (or PUBLISH), no attendees. */
export function buildFeed(events: readonly CalendarEvent[], options: FeedOptions): string {
  const name = paramText(options.name);
  const description = options.description ? paramText(options.description) : undefined;
  return render(
    events,
    options.publish ? ICalCalendarMethod.PUBLISH : null,
    { name, description, ttl: options.refreshSeconds },
    null,
    options.zones,
  );
}

/**
 * An iTIP invitation for one booking: every event shares one UID (a single booking, or the
 * occurrences of one series told apart by RECURRENCE-ID). CANCEL writes STATUS:CANCELLED.
 */
export function buildInvitation(events: readonly CalendarEvent[], options: InvitationOptions): string {
  if (events.length === 0) throw new CalendarInputError('an invitation needs at least one event');
  const uids = new Set(events.map((e) => e.uid));
  if (uids.size !== 1) throw new CalendarInputError('an invitation carries one UID (RFC 5546 section 1.4)');
  if (options.attendees.length === 0) throw new CalendarInputError('an invitation needs an attendee');
  for (const party of [options.organizer, ...options.attendees]) {
    if (/[\r\n\s"<>]/.test(party.email) || !party.email.includes('@'))
      throw new CalendarInputError(`invalid address "${party.email}"`);
  }
  const method = options.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  return render(events, method, {}, options);
}
