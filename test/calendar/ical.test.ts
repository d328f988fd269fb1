import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildFeed,
  buildInvitation,
  CalendarInputError,
  foldLine,
  isAmbiguousLocalTime,
  type CalendarEvent,
  type InvitationOptions,
} from '../../src/calendar/ical.js';
import { lint, readCalendar } from '../helpers/ical.js';
import { cleanEnv, ROOT } from '../helpers/process.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'booking-12@21.example.org',
    sequence: 0,
    dtstamp: Date.UTC(2026, 10, 30, 16, 45, 12),
    start: Date.UTC(2026, 11, 7, 8, 0), // Monday 7 December 2026, 09:00 in Paris
    end: Date.UTC(2026, 11, 7, 9, 30),
    zone: 'Europe/Paris',
    summary: 'Salle Henry Dunant',
    description: 'Réservé par Zoé Ärnström',
    location: 'Salle Henry Dunant, 21 rue de la Vanne, 92120 Montrouge',
    url: 'https://reservations.21.example.org/bookings/12',
    status: 'CONFIRMED',
    ...overrides,
  };
}

const parties: Omit<InvitationOptions, 'method'> = {
  organizer: { name: '21 – Croix-Rouge française', email: 'reservations@21.example.org' },
  attendees: [{ name: 'Zoé Ärnström', email: 'zoe@example.org' }],
};

/** Names that push lines past 75 octets with multi-octet characters at the fold. */
const LONG =
  'Atelier « Économie sociale & solidaire » 🎉🚀 avec Zoé, Jérôme; Ægir, Łukasz et 👩🏽‍💻 l’équipe d’accompagnement';

describe('feed', () => {
  const events = [
    event(),
    event({
      uid: 'booking-13@21.example.org',
      sequence: 4,
      start: Date.UTC(2026, 11, 8, 13, 0),
      end: Date.UTC(2026, 11, 8, 17, 0),
      summary: LONG,
      description: `${LONG}\nDeuxième ligne`,
      location: `Studio 🎬 numérique, ${LONG}`,
    }),
    event({
      uid: 'booking-14@21.example.org',
      sequence: 2,
      status: 'CANCELLED',
      start: Date.UTC(2026, 11, 9, 8, 0),
      end: Date.UTC(2026, 11, 9, 9, 0),
    }),
    event({
      uid: 'booking-15@21.example.org',
      status: 'TENTATIVE',
      start: Date.UTC(2026, 11, 10, 8, 0),
      end: Date.UTC(2026, 11, 10, 9, 0),
    }),
  ];
  const ics = buildFeed(events, { name: '21 – Mes réservations, Zoé', refreshSeconds: 3600 });
  const read = readCalendar(ics);

  it('follows the rules: CRLF, folded at 75 octets, DTSTAMP in UTC, a VTIMEZONE for every TZID', () => {
    expect(lint(ics)).toEqual([]);
    expect(read.tzids).toEqual(['Europe/Paris']);
    for (const e of read.events) expect(e.dtstampRaw).toBe('DTSTAMP:20261130T164512Z');
  });

  it('has no METHOD by default and PUBLISH on request, never attendees', () => {
    expect(read.method).toBeNull();
    expect(readCalendar(buildFeed(events, { name: 'x', publish: true })).method).toBe('PUBLISH');
    expect(read.events.every((e) => e.organizer === null && e.attendees.length === 0)).toBe(true);
    expect(read.name).toBe('21 – Mes réservations, Zoé');
    expect(ics).toContain('\r\nNAME:21 – Mes réservations\\, Zoé\r\n');
  });

  it('carries UID, SEQUENCE, STATUS, times in Paris, location, URL and text with accents and emoji intact', () => {
    expect(read.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      ['booking-12@21.example.org', 0, 'CONFIRMED'],
      ['booking-13@21.example.org', 4, 'CONFIRMED'],
      ['booking-14@21.example.org', 2, 'CANCELLED'],
      ['booking-15@21.example.org', 0, 'TENTATIVE'],
    ]);
    const [first, second] = read.events;
    expect(first).toMatchObject({
      startLocal: '2026-12-07T09:00:00',
      endLocal: '2026-12-07T10:30:00',
      tzid: 'Europe/Paris',
      start: events[0]!.start,
      end: events[0]!.end,
    });
    expect(first!.location).toBe('Salle Henry Dunant, 21 rue de la Vanne, 92120 Montrouge');
    expect(first!.url).toBe('https://reservations.21.example.org/bookings/12');
    expect(second!.summary).toBe(LONG);
    expect(second!.description).toBe(`${LONG}\nDeuxième ligne`);
    expect(second!.location).toBe(`Studio 🎬 numérique, ${LONG}`);
    expect(second).toMatchObject({ startLocal: '2026-12-08T14:00:00', endLocal: '2026-12-08T18:00:00' });
  });

  it('is byte-identical for the same input, whatever order the events come in', () => {
    expect(buildFeed([...events].reverse(), { name: '21 – Mes réservations, Zoé', refreshSeconds: 3600 })).toBe(ics);
    expect(
      buildFeed(
        events.map((e) => ({ ...e })),
        { name: '21 – Mes réservations, Zoé', refreshSeconds: 3600 },
      ),
    ).toBe(ics);
  });

  it('keeps UIDs across generations and changes only what changed', () => {
    const moved = events.map((e, i) =>
      i === 0 ? { ...e, sequence: 1, dtstamp: e.dtstamp + DAY, start: e.start + HOUR, end: e.end + HOUR } : e,
    );
    const again = readCalendar(buildFeed(moved, { name: 'x' }));
    expect(again.events.map((e) => e.uid)).toEqual(read.events.map((e) => e.uid));
    expect(again.events[0]).toMatchObject({
      sequence: 1,
      startLocal: '2026-12-07T10:00:00',
      dtstampRaw: 'DTSTAMP:20261201T164512Z',
    });
    expect(again.events.slice(1)).toEqual(read.events.slice(1));
  });

  it('writes the right wall-clock time and offset across both DST changes of 2026', () => {
    const dst = [
      // Sunday 29 March 2026 (23-hour day): 01:30 CET and 03:30 CEST.
      event({ uid: 'a@x', start: Date.UTC(2026, 2, 29, 0, 30), end: Date.UTC(2026, 2, 29, 1, 30) }),
      event({ uid: 'b@x', start: Date.UTC(2026, 2, 29, 7, 0), end: Date.UTC(2026, 2, 29, 8, 0) }),
      // Summer.
      event({ uid: 'e@x', start: Date.UTC(2026, 6, 14, 7, 0), end: Date.UTC(2026, 6, 14, 9, 0) }),
      // Sunday 25 October 2026 (25-hour day): 02:30 happens twice; 09:00 CET.
      event({ uid: 'c@x', start: Date.UTC(2026, 9, 25, 0, 30), end: Date.UTC(2026, 9, 25, 1, 0) }),
      event({ uid: 'd@x', start: Date.UTC(2026, 9, 25, 8, 0), end: Date.UTC(2026, 9, 25, 9, 0) }),
    ];
    const r = readCalendar(buildFeed(dst, { name: 'x' }));
    expect(r.events.map((e) => [e.uid, e.startLocal])).toEqual([
      ['a@x', '2026-03-29T01:30:00'],
      ['b@x', '2026-03-29T09:00:00'],
      ['e@x', '2026-07-14T09:00:00'],
      ['c@x', '2026-10-25T00:30:00Z'],
      ['d@x', '2026-10-25T09:00:00'],
    ]);
    expect(r.events.map((e) => e.start)).toEqual(dst.map((e) => e.start));
    // 02:30 on 25 October happens twice: that one event is written in UTC, unambiguous.
    expect(r.events.map((e) => e.tzid)).toEqual([
      'Europe/Paris',
      'Europe/Paris',
      'Europe/Paris',
      'UTC',
      'Europe/Paris',
    ]);
    expect(r.events.map((e) => e.end)).toEqual(dst.map((e) => e.end));
  });

  it.each([
    ['the first 02:30 of 25 October', Date.UTC(2026, 9, 25, 0, 30), true],
    ['the second 02:30 of 25 October', Date.UTC(2026, 9, 25, 1, 30), true],
    ['01:59 before the change', Date.UTC(2026, 9, 24, 23, 59), false],
    ['03:00 after the change', Date.UTC(2026, 9, 25, 2, 0), false],
    ['03:30 on 29 March', Date.UTC(2026, 2, 29, 1, 30), false],
    ['an ordinary day', Date.UTC(2026, 11, 7, 8, 0), false],
  ])('knows whether %s is an ambiguous wall-clock time in Paris', (_name, instant, ambiguous) => {
    expect(isAmbiguousLocalTime(instant, 'Europe/Paris')).toBe(ambiguous);
  });

  it('writes RECURRENCE-ID for an occurrence of a series in the event zone', () => {
    const occurrence = event({
      uid: 'series-3@21.example.org',
      recurrenceId: Date.UTC(2026, 11, 7, 8, 0),
      start: Date.UTC(2026, 11, 7, 9, 0),
      end: Date.UTC(2026, 11, 7, 10, 0),
    });
    const text = buildFeed([occurrence], { name: 'x' });
    expect(lint(text)).toEqual([]);
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20261207T090000\r\n');
    expect(readCalendar(text).events[0]).toMatchObject({
      recurrenceIdLocal: '2026-12-07T09:00:00',
      startLocal: '2026-12-07T10:00:00',
    });
  });

  it('writes a VTIMEZONE for each zone used', () => {
    const text = buildFeed([event(), event({ uid: 'ny@x', zone: 'America/New_York' })], { name: 'x' });
    expect(lint(text)).toEqual([]);
    const r = readCalendar(text);
    expect(r.tzids.sort()).toEqual(['America/New_York', 'Europe/Paris']);
    expect(r.events.find((e) => e.uid === 'ny@x')).toMatchObject({
      startLocal: '2026-12-07T03:00:00',
      tzid: 'America/New_York',
    });
  });

  it('refuses events it cannot write correctly', () => {
    expect(() => buildFeed([event({ zone: 'Mars/Olympus' })], { name: 'x' })).toThrow(CalendarInputError);
    expect(() => buildFeed([event({ end: event().start })], { name: 'x' })).toThrow(CalendarInputError);
    expect(() => buildFeed([event({ uid: 'a\r\nX-EVIL:1' })], { name: 'x' })).toThrow(CalendarInputError);
    expect(() => buildFeed([event({ sequence: -1 })], { name: 'x' })).toThrow(CalendarInputError);
  });

  it('keeps a line break in a summary from starting a new property', () => {
    const text = buildFeed([event({ summary: 'Réunion\r\nATTENDEE:mailto:evil@example.org' })], {
      name: 'x\r\nX-EVIL:1',
    });
    expect(lint(text)).toEqual([]);
    expect(text).not.toMatch(/\r\nATTENDEE/);
    expect(text).not.toMatch(/\r\nX-EVIL/);
    expect(readCalendar(text).events[0]!.summary).toBe('Réunion\nATTENDEE:mailto:evil@example.org');
  });

  it('writes 500 events that a client reads back whole, the same text when built again', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      event({
        uid: `perf-${i}@x`,
        sequence: i % 5,
        start: event().start + i * DAY,
        end: event().end + i * DAY,
        summary: `${LONG} ${i}`,
      }),
    );
    const text = buildFeed(many, { name: 'x' });
    expect(buildFeed(many, { name: 'x' })).toBe(text);
    expect(lint(text)).toEqual([]);
    const r = readCalendar(text);
    expect(r.events).toHaveLength(500);
    expect(r.events[499]).toMatchObject({ uid: 'perf-499@x', sequence: 4, summary: `${LONG} 499` });
  });
});

describe('invitation', () => {
  it('REQUEST: METHOD, ORGANIZER, ATTENDEE, SEQUENCE and the booking status', () => {
    const text = buildInvitation([event({ sequence: 3, summary: LONG })], { method: 'REQUEST', ...parties });
    expect(lint(text)).toEqual([]);
    const r = readCalendar(text);
    expect(r.method).toBe('REQUEST');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      uid: 'booking-12@21.example.org',
      sequence: 3,
      status: 'CONFIRMED',
      summary: LONG,
      startLocal: '2026-12-07T09:00:00',
      tzid: 'Europe/Paris',
    });
    expect(r.events[0]!.organizer).toBe('mailto:reservations@21.example.org');
    expect(r.events[0]!.attendees.map((a) => a.toLowerCase())).toEqual(['mailto:zoe@example.org']);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(
      /\r\nATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN="Zoé Ärnström":MAILTO:zoe@example.org\r\n/,
    );
  });

  it('CANCEL: METHOD:CANCEL and STATUS:CANCELLED with a higher SEQUENCE, same UID', () => {
    const request = readCalendar(buildInvitation([event({ sequence: 1 })], { method: 'REQUEST', ...parties }));
    const text = buildInvitation([event({ sequence: 2, status: 'CONFIRMED' })], { method: 'CANCEL', ...parties });
    expect(lint(text)).toEqual([]);
    const cancel = readCalendar(text);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events[0]).toMatchObject({ uid: request.events[0]!.uid, status: 'CANCELLED', sequence: 2 });
    expect(cancel.events[0]!.sequence).toBeGreaterThan(request.events[0]!.sequence);
  });

  it('keeps display names from breaking out of their quoted parameter', () => {
    const text = buildInvitation([event()], {
      method: 'REQUEST',
      organizer: parties.organizer,
      attendees: [{ name: 'Zoé "the boss"\r\nX-EVIL:1', email: 'zoe@example.org' }],
    });
    expect(lint(text)).toEqual([]);
    expect(text.replace(/\r\n[ \t]/g, '')).toContain('CN="Zoé the boss X-EVIL:1":MAILTO:zoe@example.org');
    expect(readCalendar(text).events[0]!.attendees).toHaveLength(1);
  });

  it('carries the occurrences of one series under one UID and refuses mixed UIDs', () => {
    const occurrences = [0, 7, 14].map((d) =>
      event({
        uid: 'series-3@x',
        start: event().start + d * DAY,
        end: event().end + d * DAY,
        recurrenceId: event().start + d * DAY,
      }),
    );
    const r = readCalendar(buildInvitation(occurrences, { method: 'REQUEST', ...parties }));
    expect(r.events.map((e) => e.recurrenceIdLocal)).toEqual([
      '2026-12-07T09:00:00',
      '2026-12-14T09:00:00',
      '2026-12-21T09:00:00',
    ]);
    expect(() => buildInvitation([event(), event({ uid: 'other@x' })], { method: 'REQUEST', ...parties })).toThrow(
      CalendarInputError,
    );
    expect(() => buildInvitation([], { method: 'REQUEST', ...parties })).toThrow(CalendarInputError);
    expect(() =>
      buildInvitation([event()], {
        method: 'REQUEST',
        organizer: parties.organizer,
        attendees: [{ name: 'x', email: 'x@y.org\r\nX: 1' }],
      }),
    ).toThrow(CalendarInputError);
  });

  it('carries commas, semicolons, backslashes, line breaks and non-ASCII intact, folded at 75 octets', () => {
    const text = 'Réunion; budget, 2027 \\ suite\nligne deux — три 🎬, «fin»';
    const ics = buildInvitation([event({ summary: `${text} ${LONG}`, description: text, location: text })], {
      method: 'REQUEST',
      ...parties,
    });
    expect(lint(ics)).toEqual([]);
    expect(ics.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    expect(readCalendar(ics).events[0]).toMatchObject({
      summary: `${text} ${LONG}`,
      description: text,
      location: text,
    });
  });

  it('writes the right times across both DST changes, a repeated hour in UTC, DTSTAMP in UTC', () => {
    const cases = [
      // Sunday 29 March 2026, 03:30 CEST (the hour before does not exist).
      { start: Date.UTC(2026, 2, 29, 1, 30), local: '2026-03-29T03:30:00', tzid: 'Europe/Paris' },
      // Sunday 25 October 2026, the second 02:30 (CET): ambiguous, so written in UTC.
      { start: Date.UTC(2026, 9, 25, 1, 30), local: '2026-10-25T01:30:00Z', tzid: 'UTC' },
      // The same day at 09:00 CET.
      { start: Date.UTC(2026, 9, 25, 8, 0), local: '2026-10-25T09:00:00', tzid: 'Europe/Paris' },
    ];
    for (const c of cases) {
      for (const method of ['REQUEST', 'CANCEL'] as const) {
        const ics = buildInvitation([event({ start: c.start, end: c.start + HOUR })], { method, ...parties });
        expect(lint(ics), c.local).toEqual([]);
        const read = readCalendar(ics);
        expect(read.tzids).toEqual(['Europe/Paris']);
        expect(read.events[0]).toMatchObject({
          startLocal: c.local,
          tzid: c.tzid,
          start: c.start,
          end: c.start + HOUR,
          dtstampRaw: 'DTSTAMP:20261130T164512Z',
        });
      }
    }
  });

  it('writes a VTIMEZONE for the zone of the event', () => {
    const ics = buildInvitation([event({ zone: 'America/New_York' })], { method: 'REQUEST', ...parties });
    expect(lint(ics)).toEqual([]);
    const read = readCalendar(ics);
    expect(read.tzids).toEqual(['America/New_York']);
    expect(read.events[0]).toMatchObject({ tzid: 'America/New_York', startLocal: '2026-12-07T03:00:00' });
  });

  it('writes the same event as a feed does, plus organizer and attendee', () => {
    const e = event({ sequence: 5, summary: LONG, recurrenceId: event().start - 7 * DAY });
    const fromFeed = readCalendar(buildFeed([e], { name: 'x' })).events[0]!;
    const fromInvitation = readCalendar(buildInvitation([e], { method: 'REQUEST', ...parties })).events[0]!;
    expect({ ...fromInvitation, organizer: null, attendees: [] }).toEqual(fromFeed);
    expect(fromInvitation.attendees).toHaveLength(1);
  });

  it('is byte-identical for the same input', () => {
    expect(buildInvitation([event()], { method: 'REQUEST', ...parties })).toBe(
      buildInvitation([event()], { method: 'REQUEST', ...parties }),
    );
  });
});

describe('folding', () => {
  it.each([
    ['ASCII', 'x'.repeat(200)],
    ['accents', 'é'.repeat(120)],
    ['emoji', '🎉'.repeat(60)],
    ['mixed at the boundary', `${'a'.repeat(73)}é🎉${'b'.repeat(80)}👩🏽‍💻`],
  ])('folds %s at 75 octets without splitting a character', (_name, value) => {
    const line = `SUMMARY:${value}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(lines.some((l) => l.includes('\uFFFD'))).toBe(false);
  });
});

describe('whatever the time zone of the process', () => {
  function inZone(
    tz: string,
  ): Promise<{ tz: string; feed: Record<string, unknown>; invitation: Record<string, unknown>; bytes: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/calendar-in-zone.ts'], {
        cwd: ROOT,
        env: { ...cleanEnv(), TZ: tz },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}: ${err}`))));
    });
  }

  it('reads a 09:00 Paris booking back as 09:00 Paris under TZ=UTC, New York and Auckland, same bytes', async () => {
    const runs = await Promise.all(['UTC', 'America/New_York', 'Pacific/Auckland'].map(inZone));
    expect(runs.map((r) => r.feed.hostOffset)).toEqual([0, 300, -780]);
    for (const run of runs) {
      for (const doc of [run.feed, run.invitation]) {
        expect(doc, run.tz).toMatchObject({
          problems: [],
          startLocal: '2026-12-07T09:00:00',
          endLocal: '2026-12-07T11:30:00',
          tzid: 'Europe/Paris',
          start: Date.UTC(2026, 11, 7, 8, 0),
          end: Date.UTC(2026, 11, 7, 10, 30),
          dtstamp: 'DTSTAMP:20261130T164512Z',
        });
      }
    }
    expect(new Set(runs.map((r) => r.bytes)).size).toBe(1);
  });
});
