// GET /resources: the catalogue, filterable by kind, zone, capacity, equipment and
// accessibility with a plain GET form; htmx swaps only the list.
// GET /resources/:id: one resource with its rules in plain language.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCESSIBILITY, EQUIPMENT, RESOURCE_KINDS } from '../../domain/types.js';
import { matchesFilter, parseFilter } from '../../services/catalogue.js';
import { dateFormatter } from '../../i18n/dates.js';
import { localInput } from '../booking-views.js';
import { description, openingLines, ruleSentences, zoneName } from '../presenters.js';
import { localName } from '../../i18n/names.js';
import { filterProblems } from '../forms.js';

/** Free times a space's page offers, each opening the booking form filled in. */
const FREE_TIMES_SHOWN = 5;

export default async function catalogueRoutes(app: FastifyInstance) {
  function freeTimeLinks(request: FastifyRequest, resourceId: number) {
    const zone = app.services.inventory.get().site.timezone;
    const dates = dateFormatter(request.lang, zone);
    return app.services.freeTimes.next(resourceId, FREE_TIMES_SHOWN).map((slot) => ({
      when: request.t('booking.when.value', {
        date: dates.date(slot.start),
        start: dates.time(slot.start),
        end: dates.time(slot.end),
      }),
      href: `/bookings/new?${new URLSearchParams({
        resource: String(resourceId),
        start: localInput(slot.start, zone),
        end: localInput(slot.end, zone),
      }).toString()}`,
    }));
  }

  app.get<{ Querystring: Record<string, unknown> }>('/resources', async (request, reply) => {
    const service = app.services.catalogue;
    const { zones, resources } = service.catalogue();
    const t = request.t;
    const { filter, problems } = parseFilter(request.query, zones);
    const shown = resources.filter((r) => matchesFilter(r, filter));
    const groups = RESOURCE_KINDS.map((kind) => ({ kind, items: shown.filter((r) => r.kind === kind) })).filter(
      (g) => g.items.length > 0,
    );
    return reply.page({
      page: 'pages/catalogue',
      fragment: 'partials/resource-list',
      status: problems.length > 0 ? 422 : 200,
      title: t('catalogue.title'),
      data: {
        filter,
        problems: filterProblems(t, problems),
        zones: zones.map((z) => ({ id: z.id, name: localName(z, request.lang) })),
        kinds: RESOURCE_KINDS,
        equipment: EQUIPMENT.filter((e) => resources.some((r) => r.equipment.includes(e))),
        accessibility: ACCESSIBILITY,
        total: shown.length,
        groups: groups.map((g) => ({
          kind: g.kind,
          items: g.items.map((r) => ({
            ...r,
            name: localName(r, request.lang),
            zoneLabel: zoneName(request.lang, r),
            text: description(request.lang, r),
          })),
        })),
      },
    });
  });

  app.get<{ Params: { id: string } }>('/resources/:id', async (request, reply) => {
    const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : NaN;
    const service = app.services.catalogue;
    const resource = Number.isNaN(id) ? undefined : service.resource(id);
    if (!resource) return reply.callNotFound();
    const t = request.t;
    const site = service.site();
    const week = service.openingWeek(site.id);
    const linkedNames = resource.linkedResourceIds
      .map((lid) => service.resource(lid))
      .map((linked) => linked && localName(linked, request.lang))
      .filter((n): n is string => !!n);
    return reply.page({
      page: 'pages/resource',
      title: localName(resource, request.lang),
      data: {
        resource: { ...resource, name: localName(resource, request.lang) },
        zoneLabel: zoneName(request.lang, resource),
        text: description(request.lang, resource),
        rules: ruleSentences(t, resource, linkedNames),
        hours: openingLines(t, week.byResource.get(resource.id) ?? week.site),
        freeTimes: freeTimeLinks(request, resource.id),
      },
    });
  });
}
