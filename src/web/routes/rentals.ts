// The event space for outside organisations, no account needed:
//   GET  /event-space/request               the request form
//   POST /event-space/request               send it: 303 to the requester's page, 422 with what is wrong
//                                           or why the date cannot work (and the nearest free times)
//   POST /event-space/request/availability  is the space free then? (the form's "check" button;
//                                           htmx swaps only the answer in)
//   GET  /rentals/:token                    the requester's page (the link is the only credential)
//   POST /rentals/:token/accept|cancel|reply
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RENTAL_LIMITS, type RentalErrors, type RentalForm } from '../../domain/rental-request.js';
import { ORGANISATION_KINDS, RENTAL_OPTIONS } from '../../domain/rental-quote.js';
import { localDateOf, localTimeOf } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { NotFound } from '../../services/authz.js';
import type { Availability, RentalOutcome } from '../../services/rentals.js';
import {
  checked,
  formBody,
  limitedMessage,
  summaryFields,
  text,
  wholeNumberText,
  type FieldTargets,
} from '../forms.js';
import { reasons } from '../booking-views.js';
import { rentalView } from '../rental-views.js';

type TokenParams = { Params: { token: string } };

/** Each request field's input (or fieldset) and label, for the error summary. */
const FIELDS: FieldTargets = {
  organisation: ['r-organisation', 'rentals.field.organisation'],
  kind: ['r-kind', 'rentals.field.kind'],
  contactName: ['r-contact', 'rentals.field.contactName'],
  email: ['r-email', 'rentals.field.email'],
  phone: ['r-phone', 'rentals.field.phone'],
  title: ['r-title', 'rentals.field.title'],
  date: ['r-date', 'rentals.field.date'],
  start: ['r-start', 'rentals.field.start'],
  end: ['r-end', 'rentals.field.end'],
  layout: ['r-layout', 'rentals.field.layout'],
  headcount: ['r-headcount', 'rentals.field.headcount'],
  purpose: ['r-purpose', 'rentals.field.purpose'],
  options: ['r-options', 'rentals.field.options'],
  consent: ['r-consent', 'rentals.field.consent'],
};

/** The honeypot: hidden from people, filled in by bots that fill every field. */
const HONEYPOT = 'website';

function formOf(body: Record<string, unknown>): RentalForm {
  const options = body.options;
  return {
    organisation: text(body, 'organisation'),
    kind: text(body, 'kind'),
    contactName: text(body, 'contact_name'),
    email: text(body, 'email'),
    phone: text(body, 'phone'),
    title: text(body, 'title'),
    date: text(body, 'date'),
    start: text(body, 'start'),
    end: text(body, 'end'),
    layout: text(body, 'layout'),
    headcount: text(body, 'headcount'),
    purpose: text(body, 'purpose'),
    isPublic: checked(body, 'is_public'),
    options: Array.isArray(options)
      ? options.filter((o) => typeof o === 'string')
      : typeof options === 'string'
        ? [options]
        : [],
    consent: checked(body, 'consent'),
  };
}

export default async function rentalRoutes(app: FastifyInstance) {
  const { rentals, inventory } = app.services;

  function errorsOf(request: FastifyRequest, errors: RentalErrors): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, code] of Object.entries(errors))
      out[field] = request.t(`rentals.error.${field}.${code}` as MessageKey, {
        max: RENTAL_LIMITS[field as keyof typeof RENTAL_LIMITS] ?? 0,
      });
    return out;
  }

  function availabilityView(request: FastifyRequest, availability: Availability) {
    const zone = inventory.get().site.timezone;
    const space = rentals.space();
    const dates = dateFormatter(request.lang, zone);
    return {
      free: availability.free,
      reasons: reasons(availability.violations, space, availability.requestStart, {
        t: request.t,
        lang: request.lang,
        inventory: inventory.get(),
      }),
      alternatives: availability.alternatives.map((a) => ({
        label: `${dates.weekdayDate(a.start)}, ${dates.time(a.start)} – ${dates.time(a.end)}`,
        date: localDateOf(a.start, zone),
        start: localTimeOf(a.start, zone),
        end: localTimeOf(a.end, zone),
      })),
    };
  }

  function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Partial<RentalForm>;
      errors?: Record<string, string>;
      availability?: ReturnType<typeof availabilityView> | null;
      status?: number;
      notice?: string;
      limited?: string;
    },
  ) {
    const space = rentals.space();
    return reply.page({
      page: 'pages/rental-request',
      fragment: 'partials/rental-availability',
      status: state.status ?? 200,
      title: request.t('rentals.form.title'),
      data: {
        values: { options: [], ...state.values },
        errors: state.errors ?? {},
        fields: summaryFields(request.t, FIELDS),
        availability: state.availability ?? null,
        notice: state.notice ?? null,
        limited: state.limited ?? null,
        kinds: ORGANISATION_KINDS,
        options: RENTAL_OPTIONS,
        layouts: space.layouts,
        limits: RENTAL_LIMITS,
        minDate: localDateOf(app.deps.clock.now(), inventory.get().site.timezone),
        honeypot: HONEYPOT,
      },
    });
  }

  app.get<{ Querystring: { sent?: string } }>('/event-space/request', async (request, reply) =>
    formPage(request, reply, { notice: request.query.sent === '1' ? request.t('rentals.form.sent') : undefined }),
  );

  app.post('/event-space/request/availability', async (request, reply) => {
    const values = formOf(formBody(request));
    const checkedForm = rentals.check(values);
    if (checkedForm.errors)
      return formPage(request, reply, { values, status: 422, errors: errorsOf(request, checkedForm.errors) });
    const availability = availabilityView(request, checkedForm.availability);
    return formPage(request, reply, { values, availability, status: availability.free ? 200 : 422 });
  });

  app.post('/event-space/request', async (request, reply) => {
    const body = formBody(request);
    const values = formOf(body);
    // A bot filled the hidden field: it is told "sent" and nothing is kept or mailed.
    if (text(body, HONEYPOT) !== '') return reply.redirect('/event-space/request?sent=1', 303);
    const outcome = rentals.submit(values, request.lang, request.ip);
    if (outcome.ok) return reply.redirect(`/rentals/${outcome.token}`, 303);
    if ('errors' in outcome)
      return formPage(request, reply, { values, status: 422, errors: errorsOf(request, outcome.errors) });
    if ('limitedForMs' in outcome)
      return formPage(request, reply, {
        values,
        status: 429,
        limited: limitedMessage(request.t, reply, outcome.limitedForMs),
      });
    return formPage(request, reply, {
      values,
      status: 422,
      availability: availabilityView(request, outcome.unavailable),
    });
  });

  function requesterPage(
    request: FastifyRequest<TokenParams>,
    reply: FastifyReply,
    state: { status?: number; error?: string; notice?: string; messageError?: string },
  ) {
    const detail = rentals.byToken(request.params.token);
    if (!detail) throw new NotFound();
    const zone = inventory.get().site.timezone;
    // The link is a secret: no referrer carries it elsewhere, no robot indexes it.
    reply
      .header('Cache-Control', 'no-store')
      .header('X-Robots-Tag', 'noindex')
      .header('Referrer-Policy', 'no-referrer');
    return reply.page({
      page: 'pages/rental',
      status: state.status ?? 200,
      title: request.t('rentals.page.title'),
      data: {
        r: rentalView(request.t, request.lang, zone, detail),
        base: `/rentals/${request.params.token}`,
        error: state.error ?? null,
        notice: state.notice ?? null,
        messageMax: RENTAL_LIMITS.message,
        errors: state.messageError ? { message: state.messageError } : {},
        fields: { message: ['r-message', request.t('rentals.reply.label')] },
      },
    });
  }

  app.get<TokenParams & { Querystring: { done?: string } }>('/rentals/:token', async (request, reply) => {
    const done = ['accepted', 'cancelled', 'replied'].find((d) => d === request.query.done);
    return requesterPage(request, reply, {
      notice: done ? request.t(`rentals.done.${done}` as MessageKey) : undefined,
    });
  });

  function answer(request: FastifyRequest<TokenParams>, reply: FastifyReply, outcome: RentalOutcome, done: string) {
    if (outcome.ok) return reply.redirect(`/rentals/${request.params.token}?done=${done}`, 303);
    // An empty reply is the message field's error, told next to it and in the summary.
    if (outcome.refusal === 'empty_message')
      return requesterPage(request, reply, {
        status: 422,
        messageError: request.t('fields.rentals.message.required', {
          max: wholeNumberText(request.lang, RENTAL_LIMITS.message),
        }),
      });
    return requesterPage(request, reply, {
      status: 409,
      error: request.t(`rentals.refusal.${outcome.refusal}` as MessageKey),
    });
  }

  app.post<TokenParams>('/rentals/:token/accept', async (request, reply) =>
    answer(request, reply, rentals.accept(request.params.token), 'accepted'),
  );
  app.post<TokenParams>('/rentals/:token/cancel', async (request, reply) =>
    answer(request, reply, rentals.cancel(request.params.token), 'cancelled'),
  );
  app.post<TokenParams>('/rentals/:token/reply', async (request, reply) => {
    const body = text(formBody(request), 'message').slice(0, RENTAL_LIMITS.message);
    return answer(request, reply, rentals.reply(request.params.token, body), 'replied');
  });
}
