// Where a member starts: /book (what to book), /book/desk (free desks of a half-day by
// zone, one click to book), /book/rooms (a day of rooms, studios or the hall, as a grid or
// a list; a free time opens the booking form filled in) and /find (a time that fits).
// Plain GET forms; htmx swaps only the results.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { halfDaySlotsOfDate } from '../../domain/half-day.js';
import { addDays, isLocalDate, type LocalDate } from '../../domain/local-date.js';
import { remembered } from '../../domain/memo.js';
import { partOfDayWindows, type PartOfDay } from '../../domain/find-time.js';
import { effectivePeriods } from '../../domain/opening-hours.js';
import type { ResourceKind } from '../../domain/types.js';
import { ACCESSIBILITY, EQUIPMENT } from '../../domain/types.js';
import { startOfLocalDate } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { Language, MessageKey } from '../../i18n/index.js';
import { matchesFilter, parseFilter } from '../../services/catalogue.js';
import { localInput } from '../booking-views.js';
import { dayGrid } from '../day-grid.js';
import { gridCellsHtml } from '../day-grid-html.js';
import { escapeHtml } from '../html.js';
import { messageFiller } from '../../i18n/filler.js';
import { requireMember } from '../plugins/session.js';
import { zoneName } from '../presenters.js';

const GROUPS: Record<string, { kinds: ResourceKind[]; title: MessageKey }> = {
  rooms: { kinds: ['meeting_room'], title: 'rooms.title' },
  studios: { kinds: ['digital_studio', 'vr_studio'], title: 'rooms.title.studios' },
  hall: { kinds: ['sports_hall'], title: 'rooms.title.hall' },
};
const MINUTE = 60_000;
const PARTS = ['morning', 'afternoon', 'full_day'] as const;
type Part = (typeof PARTS)[number];

/** A free desk of the desk page, its words already translated. */
interface DeskChoice {
  id: number;
  name: string;
  /** Names of its equipment and accessibility, in the reader's language. */
  equipment: string[];
  accessibility: string[];
  /** The label of its button. */
  label: string;
}

/** Long dates of the day views, remembered (a pure function of its arguments; bounded). */
const dateLabels = new Map<string, string>();

function dateLabel(lang: Language, zone: string, date: LocalDate): string {
  return remembered(dateLabels, `${lang}|${zone}|${date}`, 1024, () =>
    dateFormatter(lang, zone).date(Date.parse(`${date}T12:00:00Z`)),
  );
}

function single(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export default async function bookRoutes(app: FastifyInstance) {
  const { availability, inventory, find } = app.services;
  const zoneOf = () => inventory.get().site.timezone;

  /** The date asked for, or the next open day; a malformed one is reported, not guessed. */
  function dateParam(request: FastifyRequest, raw: unknown): { date: LocalDate; invalid: boolean } {
    const text = single(raw);
    if (text && isLocalDate(text)) return { date: text, invalid: false };
    return { date: availability.nextOpenDate(app.deps.clock.now()), invalid: text !== '' };
  }

  function dayNav(request: FastifyRequest, date: LocalDate, base: string, params: Record<string, string>) {
    const link = (d: LocalDate) => `${base}?${new URLSearchParams({ ...params, date: d }).toString()}`;
    return {
      previous: link(addDays(date, -1)),
      next: link(addDays(date, 1)),
      label: dateLabel(request.lang, zoneOf(), date),
    };
  }

  /** The free desks of a half-day by zone, in catalogue order, their words translated once per page. */
  function freeDesks(
    request: FastifyRequest,
    date: LocalDate,
    slot: { start: number; end: number },
  ): { zoneId: number | null; name: string; total: number; free: DeskChoice[] }[] {
    const t = request.t;
    const day = availability.desks(date);
    const desks = inventory.get().resources.filter((r) => r.kind === 'desk');
    const byZone = new Map(
      [...new Map(desks.map((d) => [d.zoneId, d])).values()].map((first) => [
        first.zoneId,
        { zoneId: first.zoneId, name: zoneName(request.lang, first) ?? '', total: 0, free: [] as DeskChoice[] },
      ]),
    );
    const words = new Map<string, string>();
    const word = (key: string) => {
      let text = words.get(key);
      if (text === undefined) {
        text = t(key as MessageKey);
        words.set(key, text);
      }
      return text;
    };
    const bookLabel = messageFiller(t, 'desk.book', ['desk']);
    for (const d of day.desks) {
      const group = byZone.get(d.resource.zoneId)!;
      group.total += 1;
      if (d.busy.some((b) => b.start < slot.end && b.end > slot.start)) continue;
      group.free.push({
        id: d.resource.id,
        name: d.resource.name,
        equipment: d.resource.equipment.map((e) => word(`equipment.${e}`)),
        accessibility: d.resource.accessibility.map((a) => word(`accessibility.${a}`)),
        label: bookLabel({ desk: d.resource.name }),
      });
    }
    return [...byZone.values()];
  }

  app.get('/book', { preHandler: requireMember }, async (request, reply) => {
    return reply.page({ page: 'pages/book', title: request.t('book.title') });
  });

  app.get<{ Querystring: Record<string, unknown> }>(
    '/book/desk',
    { preHandler: requireMember },
    async (request, reply) => {
      const t = request.t;
      const zone = zoneOf();
      const snapshot = inventory.get();
      const now = app.deps.clock.now();
      const asked = dateParam(request, request.query.date);
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
        date = availability.nextOpenDate(startOfLocalDate(addDays(date, 1), zone));
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
            groups: slot && !closure && !ended ? freeDesks(request, date, slot) : [],
            dayNav: dayNav(request, date, '/book/desk', { part }),
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
      const { date, invalid } = dateParam(request, request.query.date);
      const { filter, problems } = parseFilter({ ...request.query, kind: undefined, zone: undefined }, []);
      const view = single(request.query.view) === 'list' ? 'list' : 'grid';
      const shown = snapshot.resources.filter((r) => group.kinds.includes(r.kind));
      const params: Record<string, string> = { group: groupKey, view };
      if (filter.minCapacity) params.capacity = String(filter.minCapacity);
      const query = new URLSearchParams({ ...params, date });
      for (const e of filter.equipment) query.append('equipment', e);
      for (const a of filter.accessibility) query.append('accessibility', a);
      // Cells start on whole minutes, and one starting at s is past once now > s: with now
      // rounded up to the minute the grid is exact, and the same for every look in that minute.
      const minute = Math.ceil(app.deps.clock.now() / MINUTE) * MINUTE;
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
          ...(() => {
            const day = availability.day(date, group.kinds, (r) => matchesFilter(r, filter));
            const grid = dayGrid(day.resources, snapshot.site.timezone, request.lang, minute);
            return {
              problems: problems.map((p) =>
                t('field.invalid', { field: t(`catalogue.filter.${p.field}` as MessageKey) }),
              ),
              grid,
              // The grid's cells as HTML, their words translated and escaped once for all of them.
              cellsHtml:
                view === 'grid'
                  ? gridCellsHtml(grid, {
                      states: {
                        free: t('rooms.free'),
                        busy: t('rooms.busy'),
                        closed: t('rooms.closed'),
                        full: t('rooms.full'),
                        past: t('rooms.past'),
                      },
                      freeAt: messageFiller(t, 'rooms.free.at', ['room', 'time'], escapeHtml),
                    })
                  : [],
              // The list view's labels (escaped by its template).
              freeAt: messageFiller(t, 'rooms.free.at', ['room', 'time']),
              viewLinks: {
                grid: `/book/rooms?${new URLSearchParams([...query.entries()].map(([k, v]) => [k, k === 'view' ? 'grid' : v])).toString()}`,
                list: `/book/rooms?${new URLSearchParams([...query.entries()].map(([k, v]) => [k, k === 'view' ? 'list' : v])).toString()}`,
              },
              dayNav: dayNav(request, date, '/book/rooms', params),
              closed: grid.rows.every((row) => row.cells.every((cell) => cell.state === 'closed')),
            };
          })(),
        },
      });
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>('/find', { preHandler: requireMember }, async (request, reply) => {
    const t = request.t;
    const zone = zoneOf();
    const q = request.query;
    const searched = single(q.date) !== '';
    const { date, invalid } = dateParam(request, q.date);
    const people = /^\d{1,3}$/.test(single(q.people)) && Number(single(q.people)) > 0 ? Number(single(q.people)) : null;
    const duration = [30, 60, 90, 120, 180, 240].includes(Number(single(q.duration)))
      ? Number(single(q.duration))
      : null;
    const part = ['any', 'morning', 'afternoon'].includes(single(q.part)) ? single(q.part) : 'any';
    const days = /^[1-5]$/.test(single(q.days)) ? Number(single(q.days)) : 1;
    const { filter, problems } = parseFilter({ equipment: q.equipment, accessibility: q.accessibility }, []);
    const errors: Record<string, string> = {};
    if (searched && people === null) errors.people = t('form.error.out_of_range');
    if (searched && duration === null) errors.duration = t('form.error.invalid');
    if (invalid) errors.date = t('form.error.invalid');
    let options: { label: string; key: string; resourceId: number; start: string; end: string }[] | null = null;
    if (searched && Object.keys(errors).length === 0 && problems.length === 0) {
      const snapshot = inventory.get();
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
            room: o.resourceName,
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
        problems: problems.map((p) => t('field.invalid', { field: t(`catalogue.filter.${p.field}` as MessageKey) })),
        equipmentChoices: EQUIPMENT.filter((e) =>
          inventory.get().resources.some((r) => r.kind === 'meeting_room' && r.equipment.includes(e)),
        ),
        accessibilityChoices: ACCESSIBILITY.filter((a) =>
          inventory.get().resources.some((r) => r.kind === 'meeting_room' && r.accessibility.includes(a)),
        ),
        options,
        people: people ?? 1,
      },
    });
  });
}
