// /admin/prices: the public rates that value the hours given to organisations. Admins see the
// history per kind (the rate in force today marked) and add a rate from a start date.
//   GET  /admin/prices
//   POST /admin/prices   kind, unit, amount (euros excl. VAT), startsOn (YYYY-MM-DD), _csrf
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateOn } from '../../domain/report-valuation.js';
import { RESOURCE_KINDS } from '../../domain/types.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { dateFormatter } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { RATE_UNITS, type RateErrors, type RateInput } from '../../services/public-rates.js';
import { formBody, text } from '../forms.js';
import { clientInfo, requirePermission } from '../plugins/session.js';

const FIELD_IDS = { kind: 'rate-kind', unit: 'rate-unit', amount: 'rate-amount', startsOn: 'rate-starts' };

export default async function adminPriceRoutes(app: FastifyInstance) {
  const { publicRates, inventory } = app.services;
  const guard = { preHandler: requirePermission('publicRates.manage') };

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: RateInput; errors?: RateErrors; status?: number; notice?: string } = {},
  ) {
    const t = request.t;
    const zone = inventory.get().site.timezone;
    const today = localDateOf(app.deps.clock.now(), zone);
    const dates = dateFormatter(request.lang, zone);
    const euros = new Intl.NumberFormat(request.lang === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency: 'EUR',
    });
    const history = publicRates.history(request.member);
    const inForce = new Set(RESOURCE_KINDS.map((k) => rateOn(history, k, today)).filter((r) => r !== null));
    const errors: Record<string, string> = {};
    for (const [field, code] of Object.entries(state.errors ?? {}))
      errors[field] = t(`prices.error.${field}.${code}` as MessageKey);
    return reply.page({
      page: 'pages/admin/prices',
      status: state.status ?? 200,
      title: t('prices.title'),
      data: {
        ids: FIELD_IDS,
        notice: state.notice ?? null,
        values: state.values ?? { kind: '', unit: '', amount: '', startsOn: today },
        errors,
        kinds: RESOURCE_KINDS.map((k) => ({ value: k, label: t(`kind.heading.${k}` as MessageKey) })),
        units: RATE_UNITS.map((u) => ({ value: u, label: t(`prices.unit.${u}` as MessageKey) })),
        rates: history.map((r) => ({
          kind: t(`kind.heading.${r.resourceKind}` as MessageKey),
          amount: `${euros.format(r.amountCents / 100)} ${t(`prices.unit.${r.unit}` as MessageKey)}`,
          startsOn: r.startsOn,
          by: r.createdByName
            ? t('prices.addedBy', { name: r.createdByName, date: dates.dateTime(r.createdAt) })
            : t('prices.seeded'),
          inForce: inForce.has(r),
          future: r.startsOn > today,
        })),
      },
    });
  }

  app.get('/admin/prices', guard, async (request, reply) => {
    const added = (request.query as { done?: string }).done === 'added';
    return page(request, reply, { notice: added ? request.t('prices.added') : undefined });
  });

  app.post('/admin/prices', guard, async (request, reply) => {
    const body = formBody(request);
    const values: RateInput = {
      kind: text(body, 'kind'),
      unit: text(body, 'unit'),
      amount: text(body, 'amount'),
      startsOn: text(body, 'startsOn'),
    };
    const result = publicRates.add(request.member, values, clientInfo(request).ip);
    if (!result.ok) return page(request, reply, { values, errors: result.errors, status: 422 });
    return reply.redirect('/admin/prices?done=added', 303);
  });
}
