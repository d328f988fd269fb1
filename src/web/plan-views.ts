// An organisation's plan history as its admin page shows it: dates in words, quotas in the
// reader's units, and which plan governs this month.
import { calendarMonthOf, planCutoff } from '../domain/quota.js';
import { startOfLocalDate } from '../domain/zoned-time.js';
import { dateFormatter } from '../i18n/dates.js';
import type { Language, Translate } from '../i18n/index.js';
import type { PlanHistoryRow } from '../services/organisation-plans.js';

/** Hours as people write them in each language: "7,5" in French, "7.5" in English. */
export function hoursText(minutes: number | null, lang: string): string {
  if (minutes === null) return '';
  const value = Math.round((minutes / 60) * 100) / 100;
  return lang === 'fr' ? String(value).replace('.', ',') : String(value);
}

export function planHistoryView(
  rows: readonly PlanHistoryRow[],
  options: { t: Translate; lang: Language; zone: string; now: number },
) {
  const { t, lang, zone } = options;
  const dates = dateFormatter(lang, zone);
  const cutoff = planCutoff(calendarMonthOf(options.now, zone));
  // Rows come latest start first: the first one starting before the cutoff governs this month.
  const inForce = rows.find((r) => r.startsOn < cutoff)?.id ?? null;
  return rows.map((r) => ({
    id: r.id,
    name: r.name === '' ? t('plans.initial') : r.name,
    startsOn: r.startsOn,
    startsOnText: dates.date(startOfLocalDate(r.startsOn, zone)),
    rooms: r.roomMinutes === null ? t('plans.unlimited') : hoursText(r.roomMinutes, lang),
    desks: r.deskHalfDays === null ? t('plans.unlimited') : String(r.deskHalfDays),
    added:
      r.createdByName === null
        ? dates.date(r.createdAt)
        : t('plans.addedBy', { date: dates.date(r.createdAt), name: r.createdByName }),
    inForce: r.id === inForce,
  }));
}
