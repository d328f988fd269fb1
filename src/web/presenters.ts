// Turns domain data into the words a page shows. Pure; the templates only place them.
import type { Translate } from '../i18n/index.js';
import { formatDays, formatMinutes, formatNotice } from '../i18n/index.js';
import type { ResourceView } from '../services/catalogue.js';
import type { OpeningPeriod } from '../domain/types.js';
import type { Language } from '../i18n/index.js';
import { localName } from '../i18n/names.js';

/** Groups consecutive weekdays with the same hours: "du lundi au vendredi : 08:30–19:00". */
export function openingLines(t: Translate, periods: OpeningPeriod[]): string[] {
  const byDay = new Map<number, string>();
  for (const p of periods)
    byDay.set(p.weekday, [byDay.get(p.weekday), `${p.opens}–${p.closes}`].filter(Boolean).join(', '));
  const lines: string[] = [];
  let run: { from: number; to: number; hours: string } | null = null;
  const flush = () => {
    if (!run) return;
    const days =
      run.from === run.to
        ? t(`weekday.${run.from}` as 'weekday.1')
        : t('weekday.range', {
            from: t(`weekday.${run.from}` as 'weekday.1'),
            to: t(`weekday.${run.to}` as 'weekday.1'),
          });
    lines.push(t('home.hours.line', { days: `${days.charAt(0).toUpperCase()}${days.slice(1)}`, hours: run.hours }));
    run = null;
  };
  for (let day = 1; day <= 7; day++) {
    const hours = byDay.get(day);
    if (hours && run && run.hours === hours && run.to === day - 1) run.to = day;
    else {
      flush();
      if (hours) run = { from: day, to: day, hours };
    }
  }
  flush();
  return lines;
}

/** The booking rules of a resource in plain language, one sentence each. */
export function ruleSentences(t: Translate, resource: ResourceView, linkedNames: string[]): string[] {
  const r = resource.rules;
  const horizon = formatDays(t, r.horizonDays);
  const lines = [
    r.shape === 'half_day'
      ? t('resource.rules.half_day', { horizon })
      : t('resource.rules.steps', {
          step: formatMinutes(t, r.slotStepMinutes),
          min: formatMinutes(t, r.minDurationMinutes),
          max: formatMinutes(t, r.maxDurationMinutes),
          horizon,
        }),
  ];
  if (r.minNoticeMinutes > 0) lines.push(t('resource.rules.notice', { notice: formatNotice(t, r.minNoticeMinutes) }));
  if (r.bufferBeforeMinutes > 0)
    lines.push(
      t('resource.rules.buffers', {
        before: formatMinutes(t, r.bufferBeforeMinutes),
        after: formatMinutes(t, r.bufferAfterMinutes),
      }),
    );
  else if (r.bufferAfterMinutes > 0)
    lines.push(t('resource.rules.bufferAfter', { after: formatMinutes(t, r.bufferAfterMinutes) }));
  lines.push(
    r.capacityModel === 'shared'
      ? t('resource.rules.shared', { places: r.sharedPlaces ?? resource.capacity })
      : t('resource.rules.exclusive'),
  );
  if (r.approvalRequired) lines.push(t('resource.rules.approval'));
  if (r.inductionRequired) lines.push(t('resource.rules.induction'));
  if (r.checkInGraceMinutes !== null)
    lines.push(t('resource.rules.checkIn', { grace: formatMinutes(t, r.checkInGraceMinutes) }));
  if (linkedNames.length > 0) lines.push(t('resource.rules.linked', { names: linkedNames.join(', ') }));
  return lines;
}

export function zoneName(lang: Language, zone: { zoneName: string | null; zoneNameEn: string | null }): string | null {
  return zone.zoneName === null ? null : localName({ name: zone.zoneName, nameEn: zone.zoneNameEn }, lang);
}

export function description(lang: Language, resource: { description: string; descriptionEn: string | null }): string {
  return lang === 'en' ? (resource.descriptionEn ?? resource.description) : resource.description;
}
