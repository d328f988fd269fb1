// "A room for 6 people with a screen, 1 hour, this afternoon or tomorrow morning": the free
// options that fit, best first (earliest, then the smallest room that holds the group, so
// big rooms stay free for big groups). Every option is checked by evaluateBooking, and the
// search stops once it has enough, so its cost stays bounded.
import type { Accessibility, Equipment, Instant, Interval, Resource, ResourceKind } from './types.js';
import type { AlternativeCandidate } from './alternatives.js';
import { startsOnDate } from './alternatives.js';
import { evaluateBooking } from './rules.js';
import { MINUTE_MS } from './interval.js';
import { addDays, datesFromTo, type LocalDate } from './local-date.js';
import { boundaryInstant, localDateOf, parseLocalTime } from './zoned-time.js';
import { openIntervalsOfDate } from './opening-hours.js';
import type { OpeningPeriod } from './types.js';

export interface FindTimeQuery {
  kind: ResourceKind;
  headcount: number;
  durationMinutes: number;
  equipment: readonly Equipment[];
  accessibility: readonly Accessibility[];
  /** Stretches of time the person can make (e.g. this afternoon, tomorrow morning). */
  windows: readonly Interval[];
  memberId: number;
  organisationId?: number | null;
}

export interface TimeOption {
  resourceId: number;
  resourceName: string;
  capacity: number;
  start: Instant;
  end: Instant;
}

export function fitsNeeds(
  resource: Resource,
  query: Pick<FindTimeQuery, 'kind' | 'headcount' | 'equipment' | 'accessibility'>,
): boolean {
  return (
    resource.kind === query.kind &&
    resource.capacity >= query.headcount &&
    query.equipment.every((e) => resource.equipment.includes(e)) &&
    query.accessibility.every((a) => resource.accessibility.includes(a))
  );
}

export function findTimes(
  query: FindTimeQuery,
  candidates: readonly AlternativeCandidate[],
  options: { limit?: number; maxEvaluations?: number } = {},
): TimeOption[] {
  const { limit = 8, maxEvaluations = 400 } = options;
  const length = query.durationMinutes * MINUTE_MS;
  if (!(length > 0)) return [];
  const tries: { candidate: AlternativeCandidate; start: Instant }[] = [];
  for (const candidate of candidates) {
    if (!fitsNeeds(candidate.resource, query)) continue;
    const { context } = candidate;
    const probe = {
      resource: candidate.resource,
      start: 0,
      end: length,
      memberId: query.memberId,
      headcount: query.headcount,
    };
    for (const window of query.windows) {
      const dates = datesFromTo(localDateOf(window.start, context.zone), localDateOf(window.end - 1, context.zone));
      for (const date of dates) {
        for (const start of startsOnDate(probe, context, date)) {
          if (start >= window.start && start + length <= window.end && start >= context.now)
            tries.push({ candidate, start });
        }
      }
    }
  }
  tries.sort(
    (a, b) =>
      a.start - b.start ||
      a.candidate.resource.capacity - b.candidate.resource.capacity ||
      a.candidate.resource.id - b.candidate.resource.id,
  );

  const found: TimeOption[] = [];
  const seen = new Set<string>();
  let evaluations = 0;
  for (const { candidate, start } of tries) {
    if (found.length >= limit || evaluations >= maxEvaluations) break;
    const key = `${candidate.resource.id}|${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    evaluations += 1;
    const request = {
      resource: candidate.resource,
      start,
      end: start + length,
      memberId: query.memberId,
      headcount: query.headcount,
      organisationId: query.organisationId ?? null,
    };
    if (evaluateBooking(request, candidate.context).length > 0) continue;
    // One option per room and hour keeps the list varied rather than 15-minute neighbours.
    if (found.some((f) => f.resourceId === candidate.resource.id && Math.abs(f.start - start) < 60 * MINUTE_MS))
      continue;
    found.push({
      resourceId: candidate.resource.id,
      resourceName: candidate.resource.name,
      capacity: candidate.resource.capacity,
      start,
      end: start + length,
    });
  }
  return found;
}

export type PartOfDay = 'any' | 'morning' | 'afternoon';

/** The opening hours of `days` local dates from `from`, cut to the morning or afternoon (around `split`) when asked. */
export function partOfDayWindows(
  periods: readonly OpeningPeriod[],
  from: LocalDate,
  days: number,
  part: PartOfDay,
  split: string,
  zone: string,
): Interval[] {
  const splitMinutes = parseLocalTime(split);
  if (splitMinutes === null) throw new RangeError(`invalid split: ${JSON.stringify(split)}`);
  const windows: Interval[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const middle = boundaryInstant(date, splitMinutes, zone);
    for (const open of openIntervalsOfDate(periods, date, zone)) {
      const window =
        part === 'morning'
          ? { start: open.start, end: Math.min(open.end, middle) }
          : part === 'afternoon'
            ? { start: Math.max(open.start, middle), end: open.end }
            : { start: open.start, end: open.end };
      if (window.end > window.start) windows.push(window);
    }
  }
  return windows;
}
