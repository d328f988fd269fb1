// "Find a time": loads the context of every room that could fit over the windows asked
// for, and lets the domain pick the options.
import { findTimes, fitsNeeds, type FindTimeQuery, type TimeOption } from '../domain/find-time.js';
import type { Actor } from './authz.js';
import { organisationFor } from './booking-context.js';
import type { Clock } from '../domain/clock.js';
import type { BookingService } from './bookings.js';
import { NotFound } from './authz.js';

export class FindService {
  constructor(
    private readonly bookings: BookingService,
    private readonly clock: Clock,
  ) {}

  find(actor: Actor, query: Omit<FindTimeQuery, 'memberId' | 'organisationId'>): TimeOption[] {
    if (query.windows.length === 0) return [];
    const person = this.bookings.loader.loadPerson(actor.id);
    if (!person) throw new NotFound();
    const organisationId = organisationFor(person, null);
    const now = this.clock.now();
    const span = {
      start: Math.min(...query.windows.map((w) => w.start)),
      end: Math.max(...query.windows.map((w) => w.end)),
    };
    const full = { ...query, memberId: actor.id, organisationId };
    const candidates = this.bookings.inventory
      .get()
      .resources.filter((r) => r.active && fitsNeeds(r, full))
      .map((resource) => ({
        resource,
        context: this.bookings.loader.contextFor(resource, person, span, now, { organisationId }),
      }));
    return findTimes(full, candidates);
  }
}
