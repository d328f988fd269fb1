// Reads an iCalendar document the way a client would (ical.js) and checks the rules every
// document we publish must follow. Returns the events as plain data for assertions.
import ICAL from 'ical.js';

export interface ReadEvent {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  /** Wall-clock start as written, with its zone. */
  startLocal: string;
  endLocal: string;
  tzid: string;
  /** Instants (UTC ms) computed by ical.js from the VTIMEZONE in the document. */
  start: number;
  end: number;
  dtstampRaw: string;
  recurrenceIdLocal: string | null;
  organizer: string | null;
  attendees: string[];
}

export interface ReadCalendar {
  method: string | null;
  name: string | null;
  tzids: string[];
  events: ReadEvent[];
}

/** The problems found; an empty list means the document follows our rules. */
export function lint(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  if (/[^\r]\n/.test(text) || /\r(?!\n)/.test(text)) problems.push('a line break is not CRLF');
  const physical = text.split('\r\n').slice(0, -1);
  for (const line of physical) {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) problems.push(`line of ${octets} octets: ${line}`);
    if (line.includes('\uFFFD')) problems.push(`broken character: ${line}`);
  }
  const logical = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const declared = new Set(logical.filter((l) => l.startsWith('TZID:')).map((l) => l.slice(5)));
  for (const line of logical) {
    for (const m of line.matchAll(/;TZID=([^;:]+)/g))
      if (!declared.has(m[1]!)) problems.push(`TZID ${m[1]} has no VTIMEZONE`);
    if (line.startsWith('DTSTAMP') && !/^DTSTAMP:\d{8}T\d{6}Z$/.test(line))
      problems.push(`DTSTAMP not in UTC: ${line}`);
  }
  return problems;
}

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

export function readCalendar(ics: string): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const tzids: string[] = [];
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
    tzids.push(tz.tzid);
  }
  const rawStamps = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.startsWith('DTSTAMP'));
  const events = root.getAllSubcomponents('vevent').map((vevent, i): ReadEvent => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const end = event.endDate;
    const rid = vevent.getFirstPropertyValue('recurrence-id') as ICAL.Time | null;
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: text(vevent, 'status'),
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      url: text(vevent, 'url'),
      startLocal: start.toString(),
      endLocal: end.toString(),
      tzid: start.zone?.tzid ?? '',
      start: start.toUnixTime() * 1000,
      end: end.toUnixTime() * 1000,
      dtstampRaw: rawStamps[i] ?? '',
      recurrenceIdLocal: rid ? rid.toString() : null,
      organizer: text(vevent, 'organizer'),
      attendees: vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
    };
  });
  return { method: text(root, 'method'), name: text(root, 'x-wr-calname'), tzids, events };
}
