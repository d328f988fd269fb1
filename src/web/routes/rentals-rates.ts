// The rental rates page (admins): every rate with its start date, newest first, and a form for
// the next one, prefilled with the rate in force today.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { ORGANISATION_KINDS, RENTAL_LAYOUTS, RENTAL_OPTIONS, rateOn } from '../../domain/rental-quote.js';
import { RENTAL_SETTING_RANGES, type RentalSettings } from '../../domain/rental-settings.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { formatCents } from '../../i18n/money.js';
import type { RentalRateRow } from '../../services/rentals.js';
import { formBody, text } from '../forms.js';

const euros = (cents: number) => (cents / 100).toFixed(2);

/** The form's values from a rate (the one in force, as a starting point). */
function valuesOf(rate: RentalRateRow | null): Record<string, string> {
  if (!rate) return {};
  const v: Record<string, string> = {
    half_day: euros(rate.halfDayCents),
    day: euros(rate.dayCents),
    evening: euros(rate.eveningCents),
  };
  for (const k of ORGANISATION_KINDS) v[`reduction_${k}`] = String(rate.reductions[k] ?? 0);
  for (const o of RENTAL_OPTIONS) v[`option_${o}`] = euros(rate.optionCents[o] ?? 0);
  for (const l of RENTAL_LAYOUTS) {
    v[`setup_${l}`] = String(rate.setupMinutes[l]?.setup ?? 0);
    v[`teardown_${l}`] = String(rate.setupMinutes[l]?.teardown ?? 0);
  }
  return v;
}

export function registerRentalRates(app: FastifyInstance, guards: { manage: preHandlerHookHandler }) {
  const { rentals } = app.services;

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Record<string, string>;
      errors?: Record<string, string>;
      settingValues?: Record<string, string>;
      settingErrors?: Record<string, string>;
      status?: number;
      notice?: string;
    },
  ) {
    const t = request.t;
    const lang = request.lang;
    const rates = rentals.rates();
    const today = rentals.today();
    const current = rateOn(rates, today);
    return reply.page({
      page: 'pages/admin/rental-rates',
      status: state.status ?? 200,
      title: t('rentals.rates.title'),
      data: {
        rates: [...rates].reverse().map((r) => ({
          startsOn: r.startsOn,
          current: r.id === current?.id,
          halfDay: formatCents(r.halfDayCents, lang),
          day: formatCents(r.dayCents, lang),
          evening: formatCents(r.eveningCents, lang),
          reductions: ORGANISATION_KINDS.map(
            (k) => `${t(`rentals.kind.${k}` as MessageKey)} ${r.reductions[k] ?? 0} %`,
          ).join(', '),
          options: RENTAL_OPTIONS.map(
            (o) => `${t(`rentals.option.${o}` as MessageKey)} ${formatCents(r.optionCents[o] ?? 0, lang)}`,
          ).join(', '),
        })),
        values: state.values ?? { ...valuesOf(current), starts_on: today },
        errors: state.errors ?? {},
        kinds: ORGANISATION_KINDS,
        options: RENTAL_OPTIONS,
        layouts: RENTAL_LAYOUTS,
        notice: state.notice ?? null,
        settings: state.settingValues ?? settingValuesOf(rentals.settings()),
        settingErrors: state.settingErrors ?? {},
        settingRanges: RENTAL_SETTING_RANGES,
      },
    });
  }

  app.get<{ Querystring: { done?: string } }>(
    '/admin/rentals/rates',
    { preHandler: guards.manage },
    async (request, reply) =>
      page(request, reply, {
        notice:
          request.query.done === 'saved'
            ? request.t('rentals.rates.saved')
            : request.query.done === 'settings'
              ? request.t('rentals.settings.saved')
              : undefined,
      }),
  );

  app.post('/admin/rentals/rates', { preHandler: guards.manage }, async (request, reply) => {
    const body = formBody(request);
    const field = (name: string) => text(body, name);
    const outcome = rentals.addRate(request.member!, field);
    if (outcome.ok) return reply.redirect('/admin/rentals/rates?done=saved', 303);
    const errors: Record<string, string> = {};
    for (const [name, code] of Object.entries(outcome.errors)) errors[name] = rateFieldMessage(request.t, name, code);
    const values = Object.fromEntries(
      Object.keys(valuesOf(rentals.rates()[0] ?? null))
        .concat('starts_on')
        .map((k) => [k, field(k)]),
    );
    return page(request, reply, { values, errors, status: 422 });
  });

  app.post('/admin/rentals/settings', { preHandler: guards.manage }, async (request, reply) => {
    const body = formBody(request);
    const outcome = rentals.updateSettings(request.member!, (name) => text(body, name));
    if (outcome.ok) return reply.redirect('/admin/rentals/rates?done=settings', 303);
    const settingErrors: Record<string, string> = {};
    for (const [name, code] of Object.entries(outcome.errors)) {
      const { min, max } = RENTAL_SETTING_RANGES[name as keyof RentalSettings];
      settingErrors[name] = request.t(`fields.settings.${code}` as MessageKey, { min, max });
    }
    const settingValues = Object.fromEntries(Object.keys(RENTAL_SETTING_RANGES).map((k) => [k, text(body, k)]));
    return page(request, reply, { settingValues, settingErrors, status: 422 });
  });
}

/** What a rate field expects: a date, an amount in euros, a percentage or minutes. */
function rateFieldMessage(t: Translate, name: string, code: string): string {
  if (name === 'starts_on')
    return t(code === 'required' ? 'fields.rates.starts_on.required' : 'fields.rates.starts_on.invalid');
  if (name.startsWith('reduction_')) return t('fields.rates.reduction');
  if (name.startsWith('setup_') || name.startsWith('teardown_')) return t('fields.rates.minutes');
  return t('fields.rates.amount');
}

function settingValuesOf(settings: RentalSettings): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(RENTAL_SETTING_RANGES) as (keyof RentalSettings)[]).map((k) => [k, String(settings[k])]),
  );
}
