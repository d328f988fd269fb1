// Whose desks are taken in a half-day, as the floor plan shows them to one person: theirs,
// their team's (a booking made for one of their organisations) or someone else's. Names are
// never given: a plan tells where a colleague sits, not who sits elsewhere.
import type { Interval } from '../domain/types.js';
import type { BookingQueries } from '../db/bookings.js';
import type { Actor } from './authz.js';

/** How a desk that is taken relates to the person looking at the plan. */
export interface DeskHolder {
  state: 'mine' | 'team';
  /** The booking, for the person's own desk (a link to it); null for the team's. */
  bookingId: number | null;
}

export class DeskPlanService {
  constructor(private readonly queries: BookingQueries) {}

  /** The desks among `deskIds` held during `slot` by the actor or their teams, by desk id. */
  holders(actor: Actor, deskIds: readonly number[], slot: Interval): Map<number, DeskHolder> {
    const held = new Map<number, DeskHolder>();
    const shown = new Set(deskIds);
    for (const organisationId of actor.organisationIds) {
      for (const b of this.queries.organisationActive(organisationId, ['desk'], slot.start, slot.end))
        if (shown.has(b.resourceId) && b.memberId !== actor.id)
          held.set(b.resourceId, { state: 'team', bookingId: null });
    }
    for (const b of this.queries.memberActiveDesks(actor.id, slot.start, slot.end))
      if (shown.has(b.resourceId)) held.set(b.resourceId, { state: 'mine', bookingId: b.id });
    return held;
  }
}
