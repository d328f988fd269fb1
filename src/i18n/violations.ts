// Turns the engine's typed violations into sentences in the reader's language, with the
// data that explains them ("Salle Louis Appia est déjà réservé de 10:00 à 11:00").
// One function, so every page and e-mail that shows a refusal says the same thing.
import { dateFormatter } from './dates.js';
import { formatDays, formatMinutes, formatNotice, type Language, type MessageKey, type Translate } from './index.js';
import type { Violation } from '../domain/violations.js';
import { localDateOf } from '../domain/zoned-time.js';
import { resourceParams, type NameGender, type Named } from './names.js';

export interface ViolationContext {
  t: Translate;
  lang: Language;
  zone: string;
  /** The resource the request was for: named in the reader's language, its sentence agreeing with it. */
  resource: Named & { nameGender: NameGender };
  /** Another resource's names (a linked room, the desk already booked), when the inventory has it. */
  linkedName?: (resourceId: number) => (Named & { nameGender: NameGender }) | undefined;
  /** Start of the request: times on the same local day are shown without their date. */
  requestStart: number;
  /** The closure's reason in the reader's language, when the inventory has one. */
  closureReason?: (closureId: number) => string | undefined;
  /** The member the booking is for, when staff book for someone: refusals then name them, not "you". */
  person?: string;
}

/** 'YYYY-MM-DD' local date in words, e.g. "vendredi 25 décembre". */
function localDateWords(date: string, ctx: ViolationContext): string {
  const [y, m, d] = date.split('-').map(Number);
  // Noon UTC of that date is on that date in every zone we serve (UTC-11..UTC+12 aside).
  return dateFormatter(ctx.lang, 'UTC').weekdayDate(Date.UTC(y!, m! - 1, d!, 12));
}

/** Whom a refusal about the booker's own desk or plan speaks of: the reader, or the member booked for. */
function forWhom(ctx: ViolationContext): { forWhom: 'member' | 'self'; person: string } {
  return ctx.person ? { forWhom: 'member', person: ctx.person } : { forWhom: 'self', person: '' };
}

export function describeViolation(v: Violation, ctx: ViolationContext): string {
  const { t } = ctx;
  const dates = dateFormatter(ctx.lang, ctx.zone);
  const sameDay = (instant: number) => localDateOf(instant, ctx.zone) === localDateOf(ctx.requestStart, ctx.zone);
  const when = (instant: number) => (sameDay(instant) ? dates.time(instant) : dates.dateTime(instant));
  const { resource, gender } = resourceParams(ctx.resource, ctx.lang);
  const other = (id: number, fallback: string) => {
    const named = ctx.linkedName?.(id);
    return named ? resourceParams(named, ctx.lang) : { resource: fallback, gender: 'f' as NameGender };
  };
  switch (v.code) {
    case 'invalid_interval':
      return t('violation.invalid_interval');
    case 'invalid_headcount':
      return t('violation.invalid_headcount');
    case 'invalid_local_time':
      return t('violation.invalid_local_time', { input: v.input });
    case 'nonexistent_local_time': {
      const [date = '', time = ''] = v.local.split('T');
      return t('violation.nonexistent_local_time', { date: localDateWords(date, ctx), time });
    }
    case 'outside_opening_hours':
      return v.periods.length === 0
        ? t('violation.outside_opening_hours.closedDay', { resource, gender, date: localDateWords(v.localDate, ctx) })
        : t('violation.outside_opening_hours', {
            resource,
            gender,
            date: localDateWords(v.localDate, ctx),
            hours: v.periods.map((p) => `${p.opens}–${p.closes}`).join(', '),
          });
    case 'closed': {
      const lastDay = localDateOf(v.end - 1, ctx.zone);
      const firstDay = localDateOf(v.start, ctx.zone);
      const reason = ctx.closureReason?.(v.closureId) ?? v.reason;
      return firstDay === lastDay
        ? t('violation.closed', { date: dates.dateShort(v.start), reason })
        : t('violation.closed.range', { from: dates.dateShort(v.start), to: dates.dateShort(v.end - 1), reason });
    }
    case 'slot_misaligned':
      return t('violation.slot_misaligned', { step: formatMinutes(t, v.stepMinutes) });
    case 'invalid_half_day':
      return t('violation.invalid_half_day', {
        choices: v.allowed
          .map((a) => t(`violation.half_day.${a.part}` as MessageKey, { start: a.start, end: a.end }))
          .join(', '),
      });
    case 'too_short':
      return t('violation.too_short', {
        limit: formatMinutes(t, v.limitMinutes),
        requested: formatMinutes(t, v.requestedMinutes),
      });
    case 'too_long':
      return t('violation.too_long', {
        limit: formatMinutes(t, v.limitMinutes),
        requested: formatMinutes(t, v.requestedMinutes),
      });
    case 'too_late_to_book':
      return v.minNoticeMinutes === 0
        ? t('violation.too_late_to_book.past')
        : t('violation.too_late_to_book', {
            notice: formatNotice(t, v.minNoticeMinutes),
            earliest: dates.dateTime(v.earliestStart),
          });
    case 'beyond_horizon':
      return t('violation.beyond_horizon', {
        horizon: formatDays(t, v.horizonDays),
        date: localDateWords(v.lastBookableDate, ctx),
      });
    case 'conflict':
      return t('violation.conflict', { resource, gender, start: when(v.start), end: when(v.end) });
    case 'buffer':
      return t('violation.buffer', {
        resource,
        gender,
        buffer: formatMinutes(t, Math.max(v.bufferBeforeMinutes, v.bufferAfterMinutes)),
        start: when(v.start),
        end: when(v.end),
      });
    case 'capacity_full':
      return t('violation.capacity_full', {
        resource,
        gender,
        count: v.placesLeft,
        places: v.sharedPlaces,
        headcount: v.headcount,
      });
    case 'over_capacity':
      return t('violation.over_capacity', { resource, gender, capacity: v.capacity, headcount: v.headcount });
    case 'linked_resource_busy': {
      const linked = other(v.resourceId, v.resourceName);
      return t('violation.linked_resource_busy', {
        resource,
        gender,
        linked: linked.resource,
        linkedGender: linked.gender,
        start: when(v.start),
        end: when(v.end),
      });
    }
    case 'already_booked_elsewhere': {
      const elsewhere = other(v.resourceId, v.resourceName);
      return t('violation.already_booked_elsewhere', {
        ...forWhom(ctx),
        other: elsewhere.resource,
        otherGender: elsewhere.gender,
        start: when(v.start),
        end: when(v.end),
      });
    }
    case 'quota_exceeded':
      return v.unit === 'minutes'
        ? t('violation.quota_exceeded.minutes', {
            ...forWhom(ctx),
            limit: formatMinutes(t, v.limit),
            used: formatMinutes(t, v.used),
            requested: formatMinutes(t, v.requested),
          })
        : t('violation.quota_exceeded.half_days', {
            ...forWhom(ctx),
            limit: v.limit,
            used: v.used,
            requested: v.requested,
          });
    case 'induction_required':
      return t('violation.induction_required', { resource, gender });
  }
}
