// A demo day for the front desk: on the seed's day if the site is still open then, else the
// next open day, the demo accounts hold desks and rooms, some checked in, one released as a
// no-show, a day guest has a desk, and three visitors are expected (one has arrived).
// Written once: its bookings carry idempotency keys "demo-day:<n>", and a second run finds
// them and writes nothing. Never in production (config.demoDay is refused there).
import { eq, inArray, like } from 'drizzle-orm';
import { immediate, type Db } from '../src/db/connection.js';
import { bookings, memberships, members, resources, visitors } from '../src/db/schema.js';
import { nextOpenDate } from '../src/domain/opening-hours.js';
import { localTimeOnDate } from '../src/domain/zoned-time.js';
import { Inventory } from '../src/services/inventory.js';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.js';

type Who = DemoAccount | 'guest';

interface DemoBooking {
  who: Who;
  resource: string;
  from: string;
  to: string;
  title?: string;
  headcount?: number;
  /** Minutes after the start the person checked in (by themselves, or at the desk when `atDesk`). */
  checkedIn?: number;
  atDesk?: boolean;
  released?: boolean;
}

const BOOKINGS: DemoBooking[] = [
  { who: 'member', resource: 'poste-os-01', from: '08:30', to: '13:00', checkedIn: 12 },
  { who: 'member2', resource: 'poste-os-02', from: '08:30', to: '13:00', released: true },
  { who: 'lead', resource: 'poste-os-03', from: '08:30', to: '19:00', checkedIn: 40, atDesk: true },
  { who: 'guest', resource: 'poste-os-04', from: '13:00', to: '19:00' },
  {
    who: 'lead',
    resource: 'salle-appia',
    from: '10:00',
    to: '11:00',
    title: 'Point d’équipe',
    headcount: 4,
    checkedIn: 2,
  },
  { who: 'member', resource: 'salle-barton', from: '14:00', to: '15:30', title: 'Atelier partenaires', headcount: 6 },
  { who: 'member2', resource: 'poste-os-05', from: '13:00', to: '19:00' },
];

const GUEST = { name: 'Jeanne Invitée', organisation: 'Mairie de Montrouge' };

const VISITORS: { name: string; organisation: string; host: DemoAccount; at: string; arrivedAfter?: number }[] = [
  { name: 'Marc Partenaire', organisation: 'Fondation Exemple', host: 'member', at: '09:30', arrivedAfter: 4 },
  { name: 'Nadia Reporter', organisation: 'Le Quotidien du Sud', host: 'lead', at: '11:00' },
  { name: 'Paul Candidat', organisation: '', host: 'member2', at: '15:00' },
];

const KEY = 'demo-day:';
const MINUTE = 60_000;

export interface DemoDayReport {
  /** The local date of the demo day, or null when it was there already (or the accounts are missing). */
  date: string | null;
  bookings: number;
  visitors: number;
}

export function seedDemoDay(db: Db, now: number): DemoDayReport {
  const snapshot = new Inventory(db).get();
  const zone = snapshot.site.timezone;
  return immediate(db, (tx): DemoDayReport => {
    const none = { date: null, bookings: 0, visitors: 0 };
    if (
      tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(like(bookings.idempotencyKey, `${KEY}%`))
        .get()
    )
      return none;
    const emails = Object.values(DEMO_ACCOUNTS).map((a) => a.email);
    const people = tx
      .select({ id: members.id, email: members.email })
      .from(members)
      .where(inArray(members.email, emails))
      .all();
    const idOf = (who: DemoAccount) => people.find((p) => p.email === DEMO_ACCOUNTS[who].email)?.id;
    const staff = idOf('frontdesk');
    if (staff === undefined || people.length < emails.length) return none;
    const date = nextOpenDate(snapshot.sitePeriods, snapshot.closures, now, zone);
    const at = (time: string) => {
      const resolved = localTimeOnDate(date, time, zone);
      if (!resolved.ok) throw new Error(`demo day: ${date}T${time} does not exist in ${zone}`);
      return resolved.instant;
    };
    const slugs = BOOKINGS.map((b) => b.resource);
    const ids = new Map(
      tx
        .select({ id: resources.id, slug: resources.slug })
        .from(resources)
        .where(inArray(resources.slug, slugs))
        .all()
        .map((r) => [r.slug, r.id]),
    );
    BOOKINGS.forEach((b, i) => {
      const resourceId = ids.get(b.resource);
      if (resourceId === undefined) throw new Error(`demo day: no resource ${b.resource}`);
      const memberId = b.who === 'guest' ? null : idOf(b.who)!;
      const organisationId =
        memberId === null
          ? null
          : (tx
              .select({ id: memberships.organisationId })
              .from(memberships)
              .where(eq(memberships.memberId, memberId))
              .get()?.id ?? null);
      const start = at(b.from);
      tx.insert(bookings)
        .values({
          resourceId,
          memberId,
          bookedById: memberId ?? staff,
          organisationId,
          startsAt: start,
          endsAt: at(b.to),
          headcount: b.headcount ?? 1,
          status: b.released ? 'released' : 'confirmed',
          title: b.title ?? '',
          idempotencyKey: `${KEY}${i + 1}`,
          createdAt: now,
          updatedAt: b.released ? start + 120 * MINUTE : now,
          checkedInAt: b.checkedIn === undefined ? null : start + b.checkedIn * MINUTE,
          checkedInById: b.checkedIn === undefined ? null : b.atDesk ? staff : memberId,
          guestName: b.who === 'guest' ? GUEST.name : null,
          guestOrganisation: b.who === 'guest' ? GUEST.organisation : null,
        })
        .run();
    });
    for (const v of VISITORS) {
      const expectedAt = at(v.at);
      tx.insert(visitors)
        .values({
          siteId: snapshot.site.id,
          hostMemberId: idOf(v.host)!,
          name: v.name,
          organisation: v.organisation,
          expectedAt,
          arrivedAt: v.arrivedAfter === undefined ? null : expectedAt + v.arrivedAfter * MINUTE,
          arrivalRecordedById: v.arrivedAfter === undefined ? null : staff,
          createdById: idOf(v.host)!,
          createdAt: now,
        })
        .run();
    }
    return { date, bookings: BOOKINGS.length, visitors: VISITORS.length };
  });
}
