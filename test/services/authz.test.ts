// The permission matrix, walked cell by cell: every role against every protected action,
// on its own things and on other people's. docs/roles-and-permissions.md "## The matrix" is the
// same table in words; when one changes, the other must.
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  authorize,
  can,
  hasInduction,
  NotFound,
  type Action,
  type Actor,
  type Subjects,
} from '../../src/services/authz.js';

const ORG = 1;
const OTHER_ORG = 2;

const actors: Record<'member' | 'lead' | 'frontdesk' | 'admin', Actor> = {
  member: { id: 10, role: 'member', organisationIds: [ORG], leadOf: [], inductions: [] },
  lead: { id: 11, role: 'member', organisationIds: [ORG], leadOf: [ORG], inductions: [] },
  frontdesk: { id: 12, role: 'frontdesk', organisationIds: [], leadOf: [], inductions: [] },
  admin: { id: 13, role: 'admin', organisationIds: [], leadOf: [], inductions: [] },
};
type Who = 'anonymous' | keyof typeof actors;
const WHO: Who[] = ['anonymous', 'member', 'lead', 'frontdesk', 'admin'];

/** A teammate of member and lead (org 1), and a stranger in another organisation. */
const teammate = { id: 20, organisationIds: [ORG] };
const stranger = { id: 30, organisationIds: [OTHER_ORG] };

interface Case<A extends Action = Action> {
  action: A;
  label: string;
  /** The subject, built for the actor (some cases are about the actor's own things). */
  subject: (self: { id: number; organisationIds: readonly number[] }) => Subjects[A];
  allowed: Who[];
}

const ownBooking = (self: { id: number }) => ({ memberId: self.id, bookedById: self.id, organisationId: ORG });
const teamBooking = { memberId: teammate.id, bookedById: teammate.id, organisationId: ORG };
const strangerBooking = { memberId: stranger.id, bookedById: stranger.id, organisationId: OTHER_ORG };

const CASES: Case[] = [
  {
    action: 'profile.edit',
    label: 'own profile',
    subject: (s) => ({ id: s.id, organisationIds: s.organisationIds }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  { action: 'profile.edit', label: "someone else's profile", subject: () => teammate, allowed: [] },
  {
    action: 'session.end',
    label: 'own session',
    subject: (s) => ({ memberId: s.id }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  { action: 'session.end', label: "someone else's session", subject: () => ({ memberId: stranger.id }), allowed: [] },
  { action: 'member.list', label: 'search members', subject: () => undefined, allowed: ['frontdesk', 'admin'] },
  {
    action: 'member.view',
    label: 'self',
    subject: (s) => ({ id: s.id, organisationIds: s.organisationIds }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  { action: 'member.view', label: 'a teammate', subject: () => teammate, allowed: ['lead', 'frontdesk', 'admin'] },
  { action: 'member.view', label: 'a stranger', subject: () => stranger, allowed: ['frontdesk', 'admin'] },
  {
    action: 'member.invite',
    label: 'a member into the own team',
    subject: () => ({ organisationId: ORG, role: 'member', asLead: false }),
    allowed: ['lead', 'admin'],
  },
  {
    action: 'member.invite',
    label: 'a lead into the own team',
    subject: () => ({ organisationId: ORG, role: 'member', asLead: true }),
    allowed: ['admin'],
  },
  {
    action: 'member.invite',
    label: 'a member into another team',
    subject: () => ({ organisationId: OTHER_ORG, role: 'member', asLead: false }),
    allowed: ['admin'],
  },
  {
    action: 'member.invite',
    label: 'a front-desk agent',
    subject: () => ({ organisationId: null, role: 'frontdesk', asLead: false }),
    allowed: ['admin'],
  },
  {
    action: 'member.invite',
    label: 'an admin into the own team',
    subject: () => ({ organisationId: ORG, role: 'admin', asLead: false }),
    allowed: ['admin'],
  },
  { action: 'member.setRole', label: 'of someone else', subject: () => stranger, allowed: ['admin'] },
  {
    action: 'member.setRole',
    label: 'of oneself',
    subject: (s) => ({ id: s.id, organisationIds: s.organisationIds }),
    allowed: [],
  },
  { action: 'member.deactivate', label: 'someone else', subject: () => teammate, allowed: ['admin'] },
  {
    action: 'member.deactivate',
    label: 'oneself',
    subject: (s) => ({ id: s.id, organisationIds: s.organisationIds }),
    allowed: [],
  },
  { action: 'member.recordInduction', label: 'for someone', subject: () => stranger, allowed: ['frontdesk', 'admin'] },
  {
    action: 'organisation.list',
    label: 'all organisations',
    subject: () => undefined,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'organisation.view',
    label: 'own organisation',
    subject: () => ({ id: ORG }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'organisation.view',
    label: 'another organisation',
    subject: () => ({ id: OTHER_ORG }),
    allowed: ['frontdesk', 'admin'],
  },
  { action: 'organisation.create', label: 'a new one', subject: () => undefined, allowed: ['admin'] },
  {
    action: 'organisation.edit',
    label: 'plan, quotas, programme of the own one',
    subject: () => ({ id: ORG }),
    allowed: ['admin'],
  },
  { action: 'organisation.manageMembers', label: 'of the own one', subject: () => ({ id: ORG }), allowed: ['admin'] },
  {
    action: 'team.view',
    label: 'own team and its quota use',
    subject: () => ({ id: ORG }),
    allowed: ['lead', 'frontdesk', 'admin'],
  },
  { action: 'team.view', label: 'another team', subject: () => ({ id: OTHER_ORG }), allowed: ['frontdesk', 'admin'] },
  {
    action: 'team.removeMember',
    label: 'a teammate from the own team',
    subject: () => ({ id: ORG, memberId: teammate.id }),
    allowed: ['lead', 'admin'],
  },
  {
    action: 'team.removeMember',
    label: 'oneself from the own team',
    subject: (s) => ({ id: ORG, memberId: s.id }),
    allowed: ['admin'],
  },
  {
    action: 'team.removeMember',
    label: 'someone from another team',
    subject: () => ({ id: OTHER_ORG, memberId: stranger.id }),
    allowed: ['admin'],
  },
  {
    action: 'booking.create',
    label: 'for oneself',
    subject: () => undefined,
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.createOnBehalf',
    label: 'for oneself',
    subject: (s) => ({ memberId: s.id }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.createOnBehalf',
    label: 'for someone else',
    subject: () => ({ memberId: teammate.id }),
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.view',
    label: 'own booking',
    subject: ownBooking,
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.view',
    label: "a teammate's booking",
    subject: () => teamBooking,
    allowed: ['lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.view',
    label: "another member's booking",
    subject: () => strangerBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.change',
    label: 'own booking',
    subject: ownBooking,
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.change',
    label: "a teammate's booking",
    subject: () => teamBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.change',
    label: "another member's booking",
    subject: () => strangerBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.cancel',
    label: 'own booking',
    subject: ownBooking,
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.cancel',
    label: "a teammate's booking",
    subject: () => teamBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.cancel',
    label: "another member's booking",
    subject: () => strangerBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.cancel',
    label: 'a rental booked by the actor (no member)',
    subject: (s) => ({ memberId: null, bookedById: s.id, organisationId: null }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.checkIn',
    label: 'own booking',
    subject: ownBooking,
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'booking.checkIn',
    label: "another member's booking",
    subject: () => strangerBooking,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'visitor.register',
    label: 'own visitor',
    subject: (s) => ({ hostMemberId: s.id }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'visitor.register',
    label: "someone else's visitor",
    subject: () => ({ hostMemberId: teammate.id }),
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'visitor.cancel',
    label: 'own visitor',
    subject: (s) => ({ hostMemberId: s.id }),
    allowed: ['member', 'lead', 'frontdesk', 'admin'],
  },
  {
    action: 'visitor.cancel',
    label: "someone else's visitor",
    subject: () => ({ hostMemberId: teammate.id }),
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'visitor.manage',
    label: 'mark arrival and departure',
    subject: () => undefined,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'booking.createForGuest',
    label: 'book for a day guest',
    subject: () => undefined,
    allowed: ['frontdesk', 'admin'],
  },
  { action: 'frontdesk.view', label: 'the day list', subject: () => undefined, allowed: ['frontdesk', 'admin'] },
  { action: 'kiosk.manage', label: 'lobby screen links', subject: () => undefined, allowed: ['admin'] },
  { action: 'audit.view', label: 'the audit log', subject: () => undefined, allowed: ['admin'] },
  { action: 'space.manage', label: 'resources, closures, pricing', subject: () => undefined, allowed: ['admin'] },
  { action: 'rental.manage', label: 'rental requests', subject: () => undefined, allowed: ['admin'] },
  { action: 'reports.view', label: 'usage reports', subject: () => undefined, allowed: ['lead', 'admin'] },
  { action: 'publicRates.manage', label: 'public rates', subject: () => undefined, allowed: ['admin'] },
  { action: 'approval.view', label: 'the approval queue', subject: () => undefined, allowed: ['frontdesk', 'admin'] },
  { action: 'approval.decide', label: 'approve or decline', subject: () => undefined, allowed: ['admin'] },
  {
    action: 'eventSpace.view',
    label: 'the event space month',
    subject: () => undefined,
    allowed: ['frontdesk', 'admin'],
  },
  {
    action: 'rental.view',
    label: 'the rental queue, read only',
    subject: () => undefined,
    allowed: ['frontdesk', 'admin'],
  },
];

// The table mixes actions, so it calls the checks through their untyped shape.
const canAny = can as (actor: Actor | null, action: Action, subject?: unknown) => boolean;
const authorizeAny = authorize as (actor: Actor | null, action: Action, subject?: unknown) => void;

describe('permission matrix', () => {
  it('has at least one case for every action', () => {
    const covered = new Set(CASES.map((c) => c.action));
    expect(ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
  });

  for (const c of CASES) {
    for (const who of WHO) {
      const expected = c.allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${c.action} (${c.label})`, () => {
        const actor = who === 'anonymous' ? null : actors[who];
        const subject = c.subject(actor ?? { id: -1, organisationIds: [] });
        expect(canAny(actor, c.action, subject)).toBe(expected);
        if (expected) expect(() => authorizeAny(actor, c.action, subject)).not.toThrow();
        else expect(() => authorizeAny(actor, c.action, subject)).toThrow(NotFound);
      });
    }
  }

  it('refusals answer like a missing record: 404, nothing about why', () => {
    try {
      authorize(actors.member, 'booking.view', strangerBooking);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(NotFound);
      expect((err as NotFound).statusCode).toBe(404);
      expect((err as Error).message).toBe('not found');
    }
  });

  it('studios need an induction of the person the booking is for', () => {
    expect(hasInduction({ inductions: ['digital_studio'] }, 'digital_studio')).toBe(true);
    expect(hasInduction({ inductions: ['digital_studio'] }, 'vr_studio')).toBe(false);
    expect(hasInduction({ inductions: [] }, 'digital_studio')).toBe(false);
  });
});
