// The front desk's board, headcount and lobby screen as the templates show them: every
// time in the site's zone and the reader's language, every word translated here once.
import type { Language, MessageKey, Translate } from '../i18n/index.js';
import { dateFormatter, type DateFormatter } from '../i18n/dates.js';
import type { Board, BoardBookingLine, LobbyZone, Presence, Zone } from '../services/frontdesk.js';
import type { HeadcountEntry } from '../domain/board.js';
import type { RoomNow } from '../domain/board.js';
import { localName } from '../i18n/names.js';
import type { NameGender } from '../i18n/names.js';

export interface BookingText {
  id: number;
  time: string;
  person: string;
  notes: string[];
  checkable: boolean;
  /** What a screen reader hears after the button's words: whose booking it is. */
  context: string;
}

function zoneTitle(t: Translate, lang: Language, zone: Zone | null): string {
  if (!zone) return t('frontdesk.zone.none');
  return localName(zone, lang);
}

function presenceText(t: Translate, p: Presence) {
  return {
    text:
      p.capacity === null
        ? t('frontdesk.presence', { present: p.present })
        : t('frontdesk.presence.capacity', { present: p.present, capacity: p.capacity }),
    level: p.level,
    warning: p.level === 'near' ? t('frontdesk.level.near') : p.level === 'over' ? t('frontdesk.level.over') : null,
  };
}

function bookingText(t: Translate, dates: DateFormatter, b: BoardBookingLine, resourceName: string): BookingText {
  const time = t('frontdesk.booking.time', { start: dates.time(b.start), end: dates.time(b.end) });
  const person = b.person ?? t('frontdesk.person.unknown');
  const notes: string[] = [];
  if (b.headcount > 1) notes.push(t('frontdesk.booking.headcount', { count: b.headcount }));
  if (b.status === 'pending') notes.push(t('frontdesk.booking.pending'));
  if (b.checkedInAt !== null) notes.push(t('frontdesk.booking.checkedIn', { time: dates.time(b.checkedInAt) }));
  if (b.checkedOutAt !== null) notes.push(t('frontdesk.booking.checkedOut', { time: dates.time(b.checkedOutAt) }));
  if (b.noShows > 0) notes.push(t('frontdesk.noShows', { count: b.noShows }));
  return {
    id: b.id,
    time,
    person,
    notes,
    checkable: b.checkable,
    context: `${person}, ${resourceName}, ${time}`,
  };
}

function roomNowText(
  t: Translate,
  dates: DateFormatter,
  now: RoomNow,
  withNames: boolean,
  gender: NameGender,
): string[] {
  const name = (person: string | null) => person ?? t('frontdesk.person.unknown');
  const lines: string[] = [];
  if (now.current && now.until !== null)
    lines.push(
      withNames
        ? t('frontdesk.room.inUseBy', { time: dates.time(now.until), person: name(now.current.person), gender })
        : t('frontdesk.room.inUse', { time: dates.time(now.until), gender }),
    );
  else lines.push(t('frontdesk.room.free'));
  if (now.next)
    lines.push(
      withNames
        ? t('frontdesk.room.next', { time: dates.time(now.next.start), person: name(now.next.person) })
        : t('frontdesk.room.nextAt', { time: dates.time(now.next.start), gender }),
    );
  else lines.push(t('frontdesk.room.nothingNext'));
  return lines;
}

/** The board's data regions, ready to print. */
export function boardView(t: Translate, lang: Language, zone: string, board: Board, clockNow: number) {
  const dates = dateFormatter(lang, zone);
  // A desk's state agrees with its name ("réservé", "occupée"): the words in both genders, once.
  const stateWordsOf = (gender: NameGender) => ({
    free: t('frontdesk.state.free', { gender }),
    booked: t('frontdesk.state.booked', { gender }),
    checked_in: t('frontdesk.state.checked_in', { gender }),
  });
  const stateWords = { f: stateWordsOf('f'), m: stateWordsOf('m') };
  const desks = board.desks.map((z) => ({
    id: z.zone?.id ?? 0,
    name: zoneTitle(t, lang, z.zone),
    counts: t('frontdesk.desks.counts', z.counts),
    desks: z.desks.map((d) => ({
      id: d.resource.id,
      name: localName(d.resource, lang),
      state: d.state,
      stateText: stateWords[d.resource.nameGender][d.state],
      bookings: d.bookings.map((b) => bookingText(t, dates, b, localName(d.resource, lang))),
    })),
  }));
  const rooms = board.rooms.map((r) => ({
    id: r.resource.id,
    name: localName(r.resource, lang),
    kind: t(`kind.${r.resource.kind}` as MessageKey, { count: 1 }),
    now: r.now ? roomNowText(t, dates, r.now, true, r.resource.nameGender) : null,
    bookings: r.bookings.map((b) => bookingText(t, dates, b, localName(r.resource, lang))),
  }));
  const visitors = board.visitors.map((v) => {
    const name = v.organisation
      ? t('frontdesk.visitor.organisation', { name: v.name, organisation: v.organisation })
      : v.name;
    const notes: string[] = [];
    if (v.arrivedAt !== null) notes.push(t('frontdesk.visitor.arrived', { time: dates.time(v.arrivedAt) }));
    if (v.leftAt !== null) notes.push(t('frontdesk.visitor.left', { time: dates.time(v.leftAt) }));
    return {
      id: v.id,
      text: t('frontdesk.visitor.line', { name, time: dates.time(v.expectedAt), host: v.hostName }),
      notes,
      canMarkArrived: v.arrivedAt === null,
      name: v.name,
    };
  });
  const site = presenceText(t, board.site);
  const zones = board.zones.map((z) => ({
    id: z.zone.id,
    name: zoneTitle(t, lang, z.zone),
    presence: presenceText(t, z.presence),
  }));
  const allDesks = board.desks.flatMap((z) => [z.counts]);
  const counts = {
    present: board.site.present,
    checkedIn: allDesks.reduce((s, c) => s + c.checkedIn, 0),
    booked: allDesks.reduce((s, c) => s + c.booked, 0),
    visitors: board.visitors.length,
  };
  // Who is present is only known for today; another day's summary says what is booked.
  const summary = t(board.now === null ? 'frontdesk.summary.day' : 'frontdesk.summary', counts);
  return {
    desks,
    rooms,
    visitors,
    site,
    zones,
    // The live region reads this when a poll brings a different one; a warning is part of it.
    summary: [
      summary,
      site.warning,
      ...zones.map(
        (z) => z.presence.warning && t('frontdesk.zoneWarning', { zone: z.name, warning: z.presence.warning }),
      ),
    ]
      .filter(Boolean)
      .join(' '),
    updated: t('frontdesk.updated', { time: dates.time(clockNow) }),
    // Words repeated on every line, translated once.
    words: { checkIn: t('frontdesk.checkIn'), bookFor: t('frontdesk.bookFor') },
  };
}

export function headcountRows(t: Translate, entries: readonly HeadcountEntry[]) {
  return entries.map((e) => ({
    name: e.name ?? t('frontdesk.person.unknown'),
    kind: t(`headcount.kind.${e.kind}` as MessageKey),
    where: e.where,
    count: e.count,
  }));
}

export function lobbyView(t: Translate, lang: Language, zone: string, zones: readonly LobbyZone[]) {
  const dates = dateFormatter(lang, zone);
  return zones.map((z) => ({
    id: z.zone?.id ?? 0,
    name: zoneTitle(t, lang, z.zone),
    desks: z.desksTotal > 0 ? t('kiosk.desksFree', { count: z.desksFree, total: z.desksTotal }) : null,
    rooms: z.rooms.map((r) => ({
      id: r.resource.id,
      name: localName(r.resource, lang),
      free: r.now.current === null,
      text: t('kiosk.room', {
        room: localName(r.resource, lang),
        state: roomNowText(t, dates, r.now, false, r.resource.nameGender).join(' – '),
      }),
    })),
  }));
}
