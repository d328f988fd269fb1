// The half-day slots of a desk-like resource on one local date: morning = opening to the
// split, afternoon = split to closing, full day = opening to closing. Rules, availability
// and suggestions all read them from here so they agree.

import type { Instant, OpeningPeriod } from './types.js';
import type { LocalDate } from './local-date.js';
import type { HalfDayPart } from './violations.js';
import { openIntervalsOfDate } from './opening-hours.js';
import { boundaryInstant, parseLocalTime } from './zoned-time.js';

export interface HalfDaySlot {
  part: HalfDayPart;
  start: Instant;
  end: Instant;
  /** Local "HH:mm" of start and end, for messages. */
  startText: string;
  endText: string;
}

/** Slots of the date, in the order morning, afternoon, full day; none when closed all day. */
export function halfDaySlotsOfDate(
  periods: readonly OpeningPeriod[],
  date: LocalDate,
  zone: string,
  halfDaySplit: string,
): HalfDaySlot[] {
  const opens = openIntervalsOfDate(periods, date, zone);
  const first = opens[0];
  const last = opens[opens.length - 1];
  if (!first || !last) return [];
  const splitMinutes = parseLocalTime(halfDaySplit);
  if (splitMinutes === null) throw new RangeError(`invalid halfDaySplit: ${JSON.stringify(halfDaySplit)}`);
  const split = boundaryInstant(date, splitMinutes, zone);
  const slots: HalfDaySlot[] = [
    { part: 'morning', start: first.start, end: split, startText: first.opens, endText: halfDaySplit },
    { part: 'afternoon', start: split, end: last.end, startText: halfDaySplit, endText: last.closes },
    { part: 'full_day', start: first.start, end: last.end, startText: first.opens, endText: last.closes },
  ];
  // A split outside the opening hours leaves only the full day.
  return slots.filter(
    (slot) => slot.end > slot.start && (slot.part === 'full_day' || (split > first.start && split < last.end)),
  );
}
