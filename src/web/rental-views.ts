// What the rental pages show, worded for the reader: the request's facts, its quote, its
// messages and history. Shared by the requester's page and staff's.
import type { RentalDetail } from '../services/rentals.js';
import type { RentalHistoryRow } from '../services/rentals.js';
import type { RentalQuoteData } from '../domain/rental-quote.js';
import { dateFormatter } from '../i18n/dates.js';
import type { Language, MessageKey, Translate } from '../i18n/index.js';
import { formatCents } from '../i18n/money.js';

export function quoteView(t: Translate, lang: Language, quote: RentalQuoteData) {
  return {
    lines: quote.lines.map((l) => ({
      label: t(`rentals.line.${l.code}` as MessageKey, { percent: l.percent ?? 0 }),
      amount: formatCents(l.totalCents, lang),
    })),
    net: formatCents(quote.netCents, lang),
    vat: formatCents(quote.vatCents, lang),
    vatLabel: t('rentals.quote.vat', { percent: quote.vatPercent }),
    gross: formatCents(quote.grossCents, lang),
  };
}

export function rentalView(t: Translate, lang: Language, zone: string, detail: RentalDetail) {
  const r = detail.rental;
  const dates = dateFormatter(lang, zone);
  return {
    id: r.id,
    status: r.status,
    statusLabel: t(`rentals.status.${r.status}` as MessageKey),
    title: r.title,
    organisation: r.organisation,
    kind: t(`rentals.kind.${r.organisationKind}` as MessageKey),
    contactName: r.contactName,
    email: r.email,
    phone: r.phone,
    date: dates.date(r.startsAt),
    time: `${dates.time(r.startsAt)} – ${dates.time(r.endsAt)}`,
    layout: t(`rentals.layout.${r.layout}` as MessageKey),
    headcount: r.headcount,
    purpose: r.purpose,
    isPublic: r.isPublic,
    options: r.options.map((o) => t(`rentals.option.${o}` as MessageKey)),
    quoteNumber: r.quoteNumber,
    quoteValidUntil: r.quoteValidUntil ? dates.date(Date.parse(`${r.quoteValidUntil}T12:00:00Z`)) : null,
    quoteAccepted: r.quoteAcceptedAt !== null,
    optionUntil: r.optionUntil !== null ? dates.dateTime(r.optionUntil) : null,
    quote: r.quote ? quoteView(t, lang, r.quote) : null,
    proposal: detail.proposal ? quoteView(t, lang, detail.proposal) : null,
    erased: r.erasedAt !== null,
    messages: detail.messages.map((m) => ({
      from: m.author === 'staff' ? t('rentals.message.fromStaff') : t('rentals.message.fromRequester'),
      at: dates.dateTime(m.at),
      body: m.body,
    })),
    actions: new Set<string>(detail.actions),
  };
}

export function historyView(t: Translate, lang: Language, zone: string, rows: readonly RentalHistoryRow[]) {
  const dates = dateFormatter(lang, zone);
  return rows.map((h) => ({
    at: dates.dateTime(h.at),
    who:
      h.actor === 'staff'
        ? (h.memberName ?? t('rentals.history.staff'))
        : t(`rentals.history.${h.actor}` as MessageKey),
    what: t(`rentals.history.action.${h.action}` as MessageKey),
    status: h.toStatus ? t(`rentals.status.${h.toStatus}` as MessageKey) : '',
  }));
}
