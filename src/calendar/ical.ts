// iCalendar documents from plain event data: a feed (PUBLISH) and an invitation (iTIP
// REQUEST or CANCEL). Pure: the same input gives the same bytes, whatever the process's
// TZ and whenever it runs. Every VEVENT, of a feed or an invitation, is written by
// ical-generator from eventData; the calendar around them (header, VTIMEZONEs, folding) is
// written here. Times are in the event's zone with a VTIMEZONE for it (luxon DateTimes, so
// ical-generator never reads the process's zone); DTSTAMP in UTC.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { remembered } from '../domain/memo.js';
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

const zones = new Map<string, string | null>();

/** The VTIMEZONE of a zone as written (CRLF line breaks, folded), or null for a zone it does not know. */
function vtimezone(zone: string): string | null {
  return remembered(zones, zone, 1_000, () => {
    const component = getVtimezoneComponent(zone);
    return component ? fold(component.replace(/\r?\n/g, CRLF).trim()) : null;
  });
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
    .replace(/["\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function at(instant: number, zone: string): DateTime {
  return DateTime.fromMillis(instant, { zone });
}

const HOUR = 3_600_000;

/**
 * Whether the wall-clock time of `instant` in `zone` happens twice (the hour repeated when
 * summer time ends). RFC 5545 reads such a time as its first occurrence, but clients differ
 * (ical.js takes the second), so those events are written in UTC instead.
 */
export function isAmbiguousLocalTime(instant: number, zone: string): boolean {
  const offset = offsetMinutes(instant, zone);
  for (const probe of [instant - 3 * HOUR, instant + 3 * HOUR]) {
    const other = offsetMinutes(probe, zone);
    if (other === offset) continue;
    // The same wall-clock time under the other offset names another instant: is it real?
    if (offsetMinutes(instant + (offset - other) * 60_000, zone) === other) return true;
  }
  return false;
}

/** Cheap first: with no offset change around the event, none of its times can be ambiguous. */
function touchesRepeatedHour(instants: readonly number[], zone: string): boolean {
  const from = Math.min(...instants) - 3 * HOUR;
  const to = Math.max(...instants) + 3 * HOUR;
  if (to - from <= 36 * HOUR && offsetMinutes(from, zone) === offsetMinutes(to, zone)) return false;
  return instants.some((i) => isAmbiguousLocalTime(i, zone));
}

const STATUS: Record<EventStatus, ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

/** What ical-generator is given for an event, in a feed (no invitation) or in an invitation. */
function eventData(event: CalendarEvent, invitation: InvitationOptions | null): ICalEventData {
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
    status: STATUS[invitation?.method === 'CANCEL' ? 'CANCELLED' : event.status],
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
 * ical-generator folds only inside its own calendar.toString(), which would write our
 * header its way (NAME unescaped, no VTIMEZONE for an empty feed), so this folds ours.
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
  return [...lines.map(foldLine), ...zones.map((zone) => vtimezone(zone)!)].join(CRLF);
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
  // No calendar-wide zone: naming one would make DTSTAMP floating.
  const calendar = ical({ timezone: null });
  let body = '';
  for (const event of sorted(events)) {
    body += fold(calendar.createEvent(eventData(event, invitation)).toString()) + CRLF;
  }
  const zones = [...new Set([...alwaysZones, ...events.map((e) => e.zone)])].sort();
  // Every content line ends with CRLF, the last one included (RFC 5545 3.1).
  return header(method, extra, zones) + CRLF + body + 'END:VCALENDAR' + CRLF;
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
