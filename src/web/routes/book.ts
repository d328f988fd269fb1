// Where a member starts: /book (what to book), /book/desk (free desks of a half-day by
// zone, one click to book), /book/rooms (a day of rooms, studios or the hall, as a grid or
// a list; a free time opens the booking form filled in) and /find (a time that fits).
// Plain GET forms; htmx swaps only the results.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { halfDaySlotsOfDate } from '../../domain/half-day.js';
import { addDays, isLocalDate, type LocalDate } from '../../domain/local-date.js';
import { partOfDayWindows, type PartOfDay } from '../../domain/find-time.js';
import { effectivePeriods } from '../../domain/opening-hours.js';
import type { ResourceKind } from '../../domain/types.js';
import { ACCESSIBILITY, EQUIPMENT } from '../../domain/types.js';
import { startOfLocalDate } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { Language, MessageKey } from '../../i18n/index.js';
import { matchesFilter, parseFilter, type ResourceView } from '../../services/catalogue.js';
import type { DayAvailability } from '../../services/availability.js';
import type { ResourceAvailability } from '../../domain/availability.js';
import type { Interval } from '../../domain/types.js';
import { deskPlan } from '../desk-plan.js';
import type { InventorySnapshot } from '../../services/inventory.js';
import { localInput } from '../booking-views.js';
import { closedAllDay, dayGrid, dayList } from '../day-grid.js';
import { genderedFiller, messageFiller } from '../../i18n/filler.js';
import { requireMember } from '../plugins/session.js';
import { zoneName } from '../presenters.js';
import { localName } from '../../i18n/names.js';
import { byGender } from '../../i18n/names.js';
import { filterProblems, summaryFields, type FieldTargets } from '../forms.js';

const GROUPS: Record<string, { kinds: ResourceKind[]; title: MessageKey }> = {
  rooms: { kinds: ['meeting_room'], title: 'rooms.title' },
  studios: { kinds: ['digital_studio', 'vr_studio'], title: 'rooms.title.studios' },
  hall: { kinds: ['sports_hall'], title: 'rooms.title.hall' },
};
const MINUTE = 60_000;

/** The /find form's fields, for the error summary. */
const FIND_FIELDS: FieldTargets = {
  people: ['f-people', 'find.people'],
  duration: ['f-duration', 'find.duration'],
  date: ['f-date', 'find.date'],
};
const PARTS = ['morning', 'afternoon', 'full_day'] as const;
type Part = (typeof PARTS)[number];

/** A free desk of the desk page, its words already translated. */
interface DeskChoice {
  id: number;
  name: string;
  /** Its equipment and accessibility: the code (which names the icon) and the words in the reader's language. */
  equipment: { code: string; words: string }[];
  accessibility: { code: string; words: string }[];
  /** The label of its button. */
  label: string;
}

/** A desk with a busy stretch in the half-day (a booking, or a closure of that desk). */
function takenIn(d: ResourceAvailability<ResourceView>, slot: Interval): boolean {
  return d.busy.some((b) => b.start < slot.end && b.end > slot.start);
}

const noDesks = { groups: [], plan: null };
const EMPTY_DAY: DayAvailability = { date: '1970-01-01' as LocalDate, resources: [] };

/** The long date of a day view ("mardi 8 décembre 2026"). */
function dateLabel(lang: Language, zone: string, date: LocalDate): string {
  return dateFormatter(lang, zone).date(startOfLocalDate(date, zone));
}

function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export default async function bookRoutes(app: FastifyInstance) {
  // Each page reads the inventory once (inventory.get()) and passes it down.
  const { availability, inventory, find, deskPlan: deskPlanService } = app.services;

  /** The date asked for, or the next open day; a malformed one is reported, not guessed. */
  function dateParam(snapshot: InventorySnapshot, raw: unknown): { date: LocalDate; invalid: boolean } {
    const text = single(raw);
    if (text && isLocalDate(text)) return { date: text, invalid: false };
    return { date: availability.nextOpenDate(snapshot, app.deps.clock.now()), invalid: text !== '' };
  }

  function dayNav(
    request: FastifyRequest,
    snapshot: InventorySnapshot,
    date: LocalDate,
    base: string,
    params: Record<string, string>,
  ) {
    // The other parameters are encoded once; a date is digits and dashes, which need no encoding.
    const query = new URLSearchParams(params).toString();
    const link = (d: LocalDate) => `${base}?${query ? `${query}&` : ''}date=${d}`;
    return {
      previous: link(addDays(date, -1)),
      next: link(addDays(date, 1)),
      label: dateLabel(request.lang, snapshot.site.timezone, date),
    };
  }

  /** The free desks of a half-day by zone, in catalogue order, their words translated once per page. */
  function freeDesks(
    request: FastifyRequest,
    day: DayAvailability,
    slot: { start: number; end: number },
  ): { zoneId: number | null; name: string; total: number; free: DeskChoice[] }[] {
    const t = request.t;
    const equipmentWords = new Map(EQUIPMENT.map((e) => [e, t(`equipment.${e}`)]));
    const accessibilityWords = new Map(ACCESSIBILITY.map((a) => [a, t(`accessibility.${a}`)]));
    const bookLabel = messageFiller(t, 'desk.book', ['desk']);
    const byZone = new Map<number | null, { zoneId: number | null; name: string; total: number; free: DeskChoice[] }>();
    for (const d of day.resources) {
      const desk = d.resource;
      let group = byZone.get(desk.zoneId);
      if (!group) {
        group = { zoneId: desk.zoneId, name: zoneName(request.lang, desk) ?? '', total: 0, free: [] };
        byZone.set(desk.zoneId, group);
      }
      group.total += 1;
      if (takenIn(d, slot)) continue;
      group.free.push({
        id: desk.id,
        name: localName(desk, request.lang),
        equipment: desk.equipment.map((e) => ({ code: e, words: equipmentWords.get(e)! })),
        accessibility: desk.accessibility.map((a) => ({ code: a, words: accessibilityWords.get(a)! })),
        label: bookLabel({ desk: localName(desk, request.lang) }),
      });
    }
    return [...byZone.values()];
  }

  /** The floor plan of the half-day: every desk with its state as this person sees it. */
  function planOf(request: FastifyRequest, snapshot: InventorySnapshot, day: DayAvailability, slot: Interval) {
    const t = request.t;
    const taken = new Set(day.resources.filter((d) => takenIn(d, slot)).map((d) => d.resource.id));
    const labels = {
      free: genderedFiller(t, 'plan.desk.free', ['desk']),
      taken: genderedFiller(t, 'plan.desk.taken', ['desk']),
      mine: genderedFiller(t, 'plan.desk.mine', ['desk']),
      team: genderedFiller(t, 'plan.desk.team', ['desk']),
    };
    return deskPlan({
      zones: snapshot.zones,
      resources: snapshot.resources,
      taken,
      holders: deskPlanService.holders(
        request.member!,
        day.resources.map((d) => d.resource.id),
        slot,
      ),
      zoneName: (z) => localName(z, request.lang),
      resourceName: (r) => localName(r, request.lang),
      deskLabel: (state, desk, gender) => labels[state](gender, { desk }),
    });
  }

  app.get('/book', { preHandler: requireMember }, async (request, reply) => {
    return reply.page({ page: 'pages/book', title: request.t('book.title') });
  });

  app.get<{ Querystring: Record<string, unknown> }>(
    '/book/desk',
    { preHandler: requireMember },
    async (request, reply) => {
      const t = request.t;
      const snapshot = inventory.get();
      const zone = snapshot.site.timezone;
      const now = app.deps.clock.now();
      const asked = dateParam(snapshot, request.query.date);
      const { invalid } = asked;
      const partText = single(request.query.part);
      const chosenPart = (PARTS as readonly string[]).includes(partText) ? (partText as Part) : null;
      const desks = snapshot.resources.filter((r) => r.kind === 'desk');
      const sample = desks[0];
      const slotsOf = (d: LocalDate) =>
        sample
          ? halfDaySlotsOfDate(
              effectivePeriods(snapshot.sitePeriods, snapshot.overridePeriods.get(sample.id)),
              d,
              zone,
              sample.rules.halfDaySplit,
            )
          : [];
      // A half-day that has begun can no longer be booked: by default, show one still to come.
      let date = asked.date;
      let slots = slotsOf(date);
      // Once the day's last half-day is over, the page opens on the next open day.
      if (single(request.query.date) === '' && slots.length > 0 && slots.every((s) => s.end <= now)) {
        date = availability.nextOpenDate(snapshot, startOfLocalDate(addDays(date, 1), zone));
        slots = slotsOf(date);
      }
      // A half-day may be taken on arrival (the engine allows it until it ends). By default: the
      // whole day while nothing of it is over, else the half-day under way or to come.
      const morningOver = slots.some((s) => s.part === 'morning' && s.end <= now);
      const part: Part =
        chosenPart ??
        (morningOver
          ? slots.find((s) => s.part !== 'full_day' && s.end > now)
          : slots.find((s) => s.part === 'full_day')
        )?.part ??
        'full_day';
      const slot = slots.find((s) => s.part === part);
      const ended = slot !== undefined && slot.end <= now;
      const closure = snapshot.closures.find(
        (c) => c.resourceId === null && slot && c.start < slot.end && c.end > slot.start,
      );
      const closureText = closure
        ? request.lang === 'en'
          ? (closure.reasonEn ?? closure.reason)
          : closure.reason
        : null;
      // The desks are shown while the half-day can still be booked; one read of the day serves list and plan.
      const open = slot && !closure && !ended ? slot : null;
      const day = open ? availability.day(snapshot, date, ['desk']) : EMPTY_DAY;
      return reply.page({
        page: 'pages/book-desk',
        fragment: 'partials/desk-results',
        status: invalid ? 422 : 200,
        title: t('desk.title'),
        data: {
          date,
          part,
          invalid,
          parts: slots.map((s) => ({
            part: s.part,
            label: t(`desk.part.${s.part}` as MessageKey, { start: s.startText, end: s.endText }),
          })),
          ...{
            slot: slot
              ? {
                  start: localInput(slot.start, zone),
                  end: localInput(slot.end, zone),
                  label: t(`desk.part.${slot.part}` as MessageKey, { start: slot.startText, end: slot.endText }),
                }
              : null,
            closedText: !slot
              ? t('desk.closed')
              : closureText
                ? t('desk.closed.reason', { reason: closureText })
                : ended
                  ? t('desk.ended')
                  : null,
            ...(open ? { groups: freeDesks(request, day, open), plan: planOf(request, snapshot, day, open) } : noDesks),
            dayNav: dayNav(request, snapshot, date, '/book/desk', { part }),
          },
        },
      });
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    '/book/rooms',
    { preHandler: requireMember },
    async (request, reply) => {
      const t = request.t;
      const groupKey = single(request.query.group) in GROUPS ? single(request.query.group) : 'rooms';
      const group = GROUPS[groupKey]!;
      const snapshot = inventory.get();
      const { date, invalid } = dateParam(snapshot, request.query.date);
      const { filter, problems } = parseFilter({ ...request.query, kind: undefined, zone: undefined }, []);
      // Asked for no view: the grid on a wide screen, the list on a phone (both sent, CSS shows one).
      const view = single(request.query.view) === 'list' ? 'list' : 'grid';
      const shown = snapshot.resources.filter((r) => group.kinds.includes(r.kind));
      const chosenView = single(request.query.view) !== '';
      // The day links keep the view only when one was asked for (else a phone keeps its list).
      const params: Record<string, string> = chosenView ? { group: groupKey, view } : { group: groupKey };
      if (filter.minCapacity) params.capacity = String(filter.minCapacity);
      const viewLink = (asked: 'grid' | 'list') => {
        const query = new URLSearchParams({ ...params, view: asked, date });
        for (const e of filter.equipment) query.append('equipment', e);
        for (const a of filter.accessibility) query.append('accessibility', a);
        return `/book/rooms?${query.toString()}`;
      };
      // Cells start on whole minutes, and one starting at s is past once now > s: with now
      // rounded up to the minute the grid is exact, and the same for every look in that minute.
      const minute = Math.ceil(app.deps.clock.now() / MINUTE) * MINUTE;
      const day = availability.day(snapshot, date, group.kinds, (r) => matchesFilter(r, filter));
      const zone = snapshot.site.timezone;
      return reply.page({
        page: 'pages/book-rooms',
        fragment: 'partials/rooms-day',
        status: invalid || problems.length > 0 ? 422 : 200,
        title: t(group.title),
        data: {
          heading: t(group.title),
          group: groupKey,
          date,
          view,
          invalid,
          filter,
          equipment: EQUIPMENT.filter((e) => shown.some((r) => r.equipment.includes(e))),
          accessibility: ACCESSIBILITY.filter((a) => shown.some((r) => r.accessibility.includes(a))),
          problems: filterProblems(t, problems),
          empty: day.resources.length === 0,
          closed: closedAllDay(day.resources),
          grid: view === 'grid' ? dayGrid(day.resources, zone, request.lang, minute) : null,
          list: view === 'list' || !chosenView ? dayList(day.resources, zone, request.lang, minute) : null,
          chosenView,
          // The grid's words, translated once for all its cells.
          // Both agree with the room's name ("réservée", "complet"): each in both genders.
          stateWords: byGender((gender) => ({
            free: t('rooms.free', { gender }),
            busy: t('rooms.busy', { gender }),
            closed: t('rooms.closed', { gender }),
            full: t('rooms.full', { gender }),
            past: t('rooms.past', { gender }),
          })),
          freeAt: messageFiller(t, 'rooms.free.at', ['room', 'time']),
          cellName: messageFiller(t, 'timeline.cell', ['room', 'start', 'end', 'state']),
          cellStates: byGender((gender) => ({
            free: t('timeline.state.free', { gender }),
            busy: t('timeline.state.busy', { gender }),
            closed: t('timeline.state.closed', { gender }),
            full: t('timeline.state.full', { gender }),
            past: t('timeline.state.past', { gender }),
          })),
          viewLinks: { grid: viewLink('grid'), list: viewLink('list') },
          dayNav: dayNav(request, snapshot, date, '/book/rooms', params),
        },
      });
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>('/find', { preHandler: requireMember }, async (request, reply) => {
    const t = request.t;
    const snapshot = inventory.get();
    const zone = snapshot.site.timezone;
    const q = request.query;
    const searched = single(q.date) !== '';
    const { date, invalid } = dateParam(snapshot, q.date);
    const peopleMax = Math.max(
      1,
      ...snapshot.resources.filter((r) => r.kind === 'meeting_room').map((r) => r.capacity),
    );
    const peopleText = single(q.people);
    const people =
      /^\d{1,3}$/.test(peopleText) && Number(peopleText) >= 1 && Number(peopleText) <= peopleMax
        ? Number(peopleText)
        : null;
    const duration = [30, 60, 90, 120, 180, 240].includes(Number(single(q.duration)))
      ? Number(single(q.duration))
      : null;
    const part = ['any', 'morning', 'afternoon'].includes(single(q.part)) ? single(q.part) : 'any';
    const days = /^[1-5]$/.test(single(q.days)) ? Number(single(q.days)) : 1;
    const { filter, problems } = parseFilter({ equipment: q.equipment, accessibility: q.accessibility }, []);
    const errors: Record<string, string> = {};
    if (searched && people === null) errors.people = t('fields.find.people.out_of_range', { max: peopleMax });
    if (searched && duration === null) errors.duration = t('fields.find.duration.invalid');
    if (invalid) errors.date = t('fields.find.date.invalid');
    let options: { label: string; key: string; resourceId: number; start: string; end: string }[] | null = null;
    if (searched && Object.keys(errors).length === 0 && problems.length === 0) {
      const split = snapshot.resources.find((r) => r.kind === 'desk')?.rules.halfDaySplit ?? '13:00';
      const windows = partOfDayWindows(snapshot.sitePeriods, date, days, part as PartOfDay, split, zone);
      const dates = dateFormatter(request.lang, zone);
      options = find
        .find(request.member!, {
          kind: 'meeting_room',
          headcount: people!,
          durationMinutes: duration!,
          equipment: filter.equipment,
          accessibility: filter.accessibility,
          windows,
        })
        .map((o) => ({
          label: t('find.option', {
            room: localName(
              { name: o.resourceName, nameEn: snapshot.resourcesById.get(o.resourceId)?.nameEn },
              request.lang,
            ),
            capacity: t('catalogue.capacity', { count: o.capacity }),
            when: t('booking.when.value', {
              date: dates.weekdayDate(o.start),
              start: dates.time(o.start),
              end: dates.time(o.end),
            }),
          }),
          key: randomUUID(),
          resourceId: o.resourceId,
          start: localInput(o.start, zone),
          end: localInput(o.end, zone),
        }));
    }
    return reply.page({
      page: 'pages/find',
      fragment: 'partials/find-results',
      status: Object.keys(errors).length > 0 || problems.length > 0 ? 422 : 200,
      title: t('find.title'),
      data: {
        values: {
          date,
          people: people ?? single(q.people),
          duration: duration ?? 60,
          part,
          days,
          equipment: filter.equipment,
          accessibility: filter.accessibility,
        },
        errors,
        fields: summaryFields(t, FIND_FIELDS),
        problems: filterProblems(t, problems),
        equipmentChoices: EQUIPMENT.filter((e) =>
          snapshot.resources.some((r) => r.kind === 'meeting_room' && r.equipment.includes(e)),
        ),
        accessibilityChoices: ACCESSIBILITY.filter((a) =>
          snapshot.resources.some((r) => r.kind === 'meeting_room' && r.accessibility.includes(a)),
        ),
        options,
        people: people ?? 1,
      },
    });
  });
}
