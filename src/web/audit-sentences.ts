// One sentence per audit entry, in the reader's language, with names instead of ids:
// "Fatou Accueil a annulé la réservation de Camille pour la salle Henry Dunant le lundi
// 7 décembre, 10:00–11:00". Each action has its message (audit.sentence.<action>); an
// action without one falls back to a generic sentence, so a new action never breaks the page.
import type { ResourceView } from '../services/catalogue.js';
import { catalogues, type Language, type MessageKey, type Translate } from '../i18n/index.js';
import { formatLocalDate, type DateFormatter } from '../i18n/dates.js';
import type { AuditNames, AuditRow } from '../services/audit.js';
import { localName } from '../i18n/names.js';

export interface SentenceContext {
  t: Translate;
  lang: Language;
  dates: DateFormatter;
  resources: ReadonlyMap<number, ResourceView>;
  names: AuditNames;
}

const VOWEL_START = /^[aeiouyhâàéèêëîïôöûùü]/i;

/** A resource as a sentence names it: "la salle Henry Dunant", "le studio numérique", "l’espace événementiel". */
export function resourcePhrase(resource: ResourceView | undefined, lang: Language, t: Translate): string {
  if (!resource) return t('audit.word.resource');
  if (lang === 'en') return localName(resource, lang);
  const name = resource.name.charAt(0).toLowerCase() + resource.name.slice(1);
  if (VOWEL_START.test(name)) return `l’${name}`;
  return `${resource.nameGender === 'm' ? 'le' : 'la'} ${name}`;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function when(ctx: SentenceContext, start: number | null, end: number | null): string {
  if (start === null) return ctx.t('audit.word.someDay');
  const day = ctx.dates.weekdayDate(start);
  return end === null
    ? `${day}, ${ctx.dates.time(start)}`
    : ctx.t('audit.word.when', { day, start: ctx.dates.time(start), end: ctx.dates.time(end) });
}

/** The placeholders every sentence may use, filled from the entry and the names read for its page. */
function params(ctx: SentenceContext, row: AuditRow): Record<string, string | number> {
  const { t, names, lang } = ctx;
  const d = row.details;
  const someone = t('audit.word.someone');
  const booking =
    row.subjectType === 'booking' && row.subjectId !== null ? names.bookings.get(row.subjectId) : undefined;
  const series = row.subjectType === 'series' && row.subjectId !== null ? names.series.get(row.subjectId) : undefined;
  const visitor =
    row.subjectType === 'visitor' && row.subjectId !== null ? names.visitors.get(row.subjectId) : undefined;
  // A change names where and when the booking went; other booking events where and when it is.
  const to = (d.to ?? null) as { resourceId?: unknown; start?: unknown; end?: unknown } | null;
  const resourceId = num(to?.resourceId) ?? num(d.resourceId) ?? booking?.resourceId ?? series?.resourceId ?? null;
  const start = num(to?.start) ?? num(d.start) ?? booking?.startsAt ?? null;
  const end = num(to?.end) ?? num(d.end) ?? booking?.endsAt ?? null;
  const memberId = num(d.memberId);
  const organisationId = num(d.organisationId);
  const from = num(d.from) ?? null;
  return {
    actor: row.actorName ?? t('audit.system'),
    member:
      (row.subjectType === 'member' ? row.subjectName : null) ??
      booking?.memberName ??
      (booking?.guestName ? t('audit.word.guest', { name: booking.guestName }) : null) ??
      series?.memberName ??
      (memberId !== null ? names.members.get(memberId) : undefined) ??
      someone,
    organisation:
      (row.subjectType === 'organisation' ? row.subjectName : null) ??
      (organisationId !== null ? names.organisations.get(organisationId) : undefined) ??
      t('audit.word.organisation'),
    resource: resourcePhrase(resourceId !== null ? ctx.resources.get(resourceId) : undefined, lang, t),
    when: when(ctx, start, end),
    from:
      from !== null
        ? ctx.dates.weekdayDate(from)
        : formatLocalDate(str(d.from), lang, 'weekdayDate') || t('audit.word.someDay'),
    visitor: visitor?.name ?? t('audit.word.visitor'),
    host: visitor?.hostName ?? someone,
    email: str(d.email) || someone,
    role: str(d.to) ? t(`audit.role.${str(d.to)}` as MessageKey) : '',
    label: str(d.label),
    id: num(d.id) ?? '',
    count: num(d.count) ?? 0,
    kind: str(d.kind) ? t(`kind.heading.${str(d.kind)}` as MessageKey) : '',
    amount: num(d.amountCents) !== null ? formatEuros(num(d.amountCents)!, lang) : '',
    unit: str(d.unit) ? t(`prices.unit.${str(d.unit)}` as MessageKey) : '',
    date: formatLocalDate(str(d.startsOn), lang, 'dayDate'),
    event: `audit.action.${row.action}` in catalogues.fr ? t(`audit.action.${row.action}` as MessageKey) : row.action,
  };
}

function formatEuros(cents: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

/** The message key of an entry: a variant where the details change the meaning, else the action's. */
function keyOf(row: AuditRow): string {
  const d = row.details;
  if (row.action === 'booking.public') return `audit.sentence.booking.public.${d.isPublic ? 'on' : 'off'}`;
  if (row.action === 'booking.cancel' && d.reason === 'member_deactivated')
    return 'audit.sentence.booking.cancel.deactivated';
  if (row.action === 'membership.lead_changed')
    return `audit.sentence.membership.lead_changed.${d.isLead ? 'on' : 'off'}`;
  return `audit.sentence.${row.action}`;
}

export function auditSentence(ctx: SentenceContext, row: AuditRow): string {
  const key = keyOf(row);
  const values = params(ctx, row);
  return key in catalogues.fr ? ctx.t(key as MessageKey, values) : ctx.t('audit.sentence.generic', values);
}
