// GET /frontdesk/bookings: every booking with names, for the front desk and admins (others
// get "not found"), filtered by day or range, resource, person, organisation; paged; and the
// same filter as a CSV file (?format=csv, all pages, dates in the site's zone).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatLocalDateTime, localDateTimeOf } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import type { StaffBookingRow } from '../../services/staff-bookings.js';
import { csvDocument } from '../csv.js';
import { requirePermission } from '../plugins/session.js';
import {
  parseStaffFilter,
  RANGE_MAX_DAYS,
  SEARCH_MAX,
  type StaffFilterErrors,
  type StaffFilterValues,
} from '../staff-booking-filter.js';
import { localName } from '../../i18n/names.js';
import type { Language } from '../../i18n/index.js';

type Query = { Querystring: Record<string, string | undefined> };

const FIELD_IDS = {
  date: 'sb-from',
  from: 'sb-from',
  to: 'sb-to',
  resource: 'sb-resource',
  person: 'sb-person',
  organisation: 'sb-organisation',
  page: 'sb-from',
};

/** The person a booking is for, as staff read it: the member, or the day guest. */
function whoOf(t: Translate, row: StaffBookingRow): string {
  if (row.memberName !== null) return row.memberName;
  if (row.guestName !== null) return t('staff.guest', { name: row.guestName });
  return '';
}

function organisationOf(row: StaffBookingRow): string {
  return row.organisationName ?? row.guestOrganisation ?? '';
}

export default async function staffBookingRoutes(app: FastifyInstance) {
  const { staffBookings, inventory } = app.services;

  function errorMessages(t: Translate, errors: StaffFilterErrors): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, code] of Object.entries(errors))
      out[field] = t(`staff.error.${field}.${code}` as MessageKey, { max: SEARCH_MAX, days: RANGE_MAX_DAYS });
    return out;
  }

  function resources(lang: Language) {
    return inventory.get().resources.map((r) => ({ id: r.id, name: localName(r, lang) }));
  }

  function query(values: StaffFilterValues, page?: number, format?: string): string {
    const params = new URLSearchParams({ from: values.from, to: values.to });
    if (values.resource) params.set('resource', values.resource);
    if (values.person) params.set('person', values.person);
    if (values.organisation) params.set('organisation', values.organisation);
    if (page && page > 1) params.set('page', String(page));
    if (format) params.set('format', format);
    return `/frontdesk/bookings?${params.toString()}`;
  }

  function csv(request: FastifyRequest, reply: FastifyReply, rows: StaffBookingRow[], values: StaffFilterValues) {
    const t = request.t;
    const zone = inventory.get().site.timezone;
    const local = (instant: number | null) =>
      instant === null ? '' : formatLocalDateTime(localDateTimeOf(instant, zone)).replace('T', ' ');
    const header = [
      'id',
      'start',
      'end',
      'resource',
      'person',
      'organisation',
      'status',
      'checkedIn',
      'checkedOut',
      'bookedBy',
      'title',
    ].map((c) => t(`staff.csv.${c}` as MessageKey));
    const body = rows.map((r) => [
      r.id,
      local(r.startsAt),
      local(r.endsAt),
      localName({ name: r.resourceName, nameEn: r.resourceNameEn }, request.lang),
      whoOf(t, r),
      organisationOf(r),
      t(`booking.status.${r.status}` as MessageKey),
      local(r.checkedInAt),
      local(r.checkedOutAt),
      r.bookedByName ?? '',
      r.title,
    ]);
    const name = values.from === values.to ? values.from : `${values.from}_${values.to}`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="bookings-${name}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(csvDocument(header, body));
  }

  app.get<Query>('/frontdesk/bookings', { preHandler: requirePermission('frontdesk.view') }, async (request, reply) => {
    const t = request.t;
    const zone = inventory.get().site.timezone;
    const parsed = parseStaffFilter(request.query, app.deps.clock.now(), zone, (id) =>
      inventory.get().resourcesById.has(id),
    );
    const common = { ids: FIELD_IDS, resources: resources(request.lang) };
    if (!parsed.ok)
      return reply.page({
        page: 'pages/staff-bookings',
        fragment: 'partials/staff-bookings-list',
        status: 422,
        title: t('staff.title'),
        data: { ...common, values: parsed.values, errors: errorMessages(t, parsed.errors), list: null },
      });
    if (request.query.format === 'csv')
      return csv(request, reply, staffBookings.all(request.member, parsed.filter), parsed.values);
    const result = staffBookings.list(request.member, parsed.filter, parsed.page);
    const dates = dateFormatter(request.lang, zone);
    const time = (instant: number | null) => (instant === null ? null : dates.time(instant));
    const rows = result.rows.map((r) => ({
      id: r.id,
      date: dates.date(r.startsAt),
      when: t('staff.when', { start: dates.time(r.startsAt), end: dates.time(r.endsAt) }),
      iso: new Date(r.startsAt).toISOString(),
      resourceName: localName({ name: r.resourceName, nameEn: r.resourceNameEn }, request.lang),
      who: whoOf(t, r),
      organisation: organisationOf(r),
      statusText: t(`booking.status.${r.status}` as MessageKey),
      status: r.status,
      active: r.status === 'confirmed' || r.status === 'pending',
      checkedIn: time(r.checkedInAt),
      checkedOut: time(r.checkedOutAt),
      bookedBy: r.bookedById !== null && r.bookedById !== r.memberId ? r.bookedByName : null,
    }));
    return reply.page({
      page: 'pages/staff-bookings',
      fragment: 'partials/staff-bookings-list',
      title: t('staff.title'),
      data: {
        ...common,
        values: parsed.values,
        errors: {},
        list: {
          rows,
          total: result.total,
          page: result.page,
          pages: result.pages,
          previousHref: result.page > 1 ? query(parsed.values, result.page - 1) : null,
          nextHref: result.page < result.pages ? query(parsed.values, result.page + 1) : null,
          csvHref: query(parsed.values, undefined, 'csv'),
        },
      },
    });
  });
}
