// Who may do what: pure functions of an actor and a subject, no I/O. Services call
// `authorize()` before they read or write; templates only hide links with `can()`.
// The rule for everything a person may not see is "not found": a member trying another
// member's booking gets exactly the answer a booking that does not exist gets (404), so
// nobody learns what exists by probing ids. The matrix is written out in
// docs/roles-and-permissions.md, "## The matrix", and walked by test/services/authz.test.ts.

export const ROLES = ['member', 'frontdesk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const INDUCTION_KINDS = ['digital_studio', 'vr_studio'] as const;
export type InductionKind = (typeof INDUCTION_KINDS)[number];

/** The signed-in person as permission checks see them. Organisation lead is not a role: it is `leadOf`. */
export interface Actor {
  id: number;
  role: Role;
  /** Organisations the person belongs to. */
  organisationIds: readonly number[];
  /** Organisations the person leads (a subset of organisationIds). */
  leadOf: readonly number[];
  /** Resource kinds the person had the induction for. */
  inductions: readonly InductionKind[];
}

/** A booking as far as permissions care: whose it is and for which organisation. */
export interface BookingSubject {
  memberId: number | null;
  bookedById: number | null;
  organisationId: number | null;
}

export interface MemberSubject {
  id: number;
  /** Organisations the member belongs to (lets a lead see their team). */
  organisationIds: readonly number[];
}

export interface OrganisationSubject {
  id: number;
}

/** An expected visitor as far as permissions care: whose guest they are. */
export interface VisitorSubject {
  hostMemberId: number;
}

export interface InviteSubject {
  /** The organisation the invitee joins; null for staff accounts without one. */
  organisationId: number | null;
  role: Role;
  /** Whether the invitee becomes a lead of that organisation. */
  asLead: boolean;
}

/** Every protected action, and the subject it is checked against (`undefined` = none). */
export interface Subjects {
  // Own account
  'profile.edit': MemberSubject;
  'session.end': { memberId: number };
  // People
  'member.list': undefined;
  'member.view': MemberSubject;
  'member.invite': InviteSubject;
  'member.setRole': MemberSubject;
  'member.deactivate': MemberSubject;
  'member.recordInduction': MemberSubject;
  // Organisations
  'organisation.list': undefined;
  'organisation.view': OrganisationSubject;
  'organisation.create': undefined;
  'organisation.edit': OrganisationSubject;
  'organisation.manageMembers': OrganisationSubject;
  'team.view': OrganisationSubject;
  'team.removeMember': OrganisationSubject & { memberId: number };
  // Bookings (enforced by the bookings service)
  'booking.create': undefined;
  'booking.createOnBehalf': { memberId: number };
  'booking.createForGuest': undefined;
  'booking.view': BookingSubject;
  'booking.change': BookingSubject;
  'booking.cancel': BookingSubject;
  'booking.checkIn': BookingSubject;
  // Visitors (enforced by the visitors service)
  'visitor.register': VisitorSubject;
  'visitor.cancel': VisitorSubject;
  'visitor.manage': undefined;
  // Staff areas
  'frontdesk.view': undefined;
  'kiosk.manage': undefined;
  'audit.view': undefined;
  'space.manage': undefined;
  'rental.manage': undefined;
  'rental.view': undefined;
  'reports.view': undefined;
  'publicRates.manage': undefined;
  // Approvals of pending bookings and the event space's month (enforced by the approvals service)
  'approval.view': undefined;
  'approval.decide': undefined;
  'eventSpace.view': undefined;
}

export type Action = keyof Subjects;
export const ACTIONS = [
  'profile.edit',
  'session.end',
  'member.list',
  'member.view',
  'member.invite',
  'member.setRole',
  'member.deactivate',
  'member.recordInduction',
  'organisation.list',
  'organisation.view',
  'organisation.create',
  'organisation.edit',
  'organisation.manageMembers',
  'team.view',
  'team.removeMember',
  'booking.create',
  'booking.createOnBehalf',
  'booking.createForGuest',
  'booking.view',
  'booking.change',
  'booking.cancel',
  'booking.checkIn',
  'visitor.register',
  'visitor.cancel',
  'visitor.manage',
  'frontdesk.view',
  'kiosk.manage',
  'audit.view',
  'space.manage',
  'rental.manage',
  'rental.view',
  'reports.view',
  'publicRates.manage',
  'approval.view',
  'approval.decide',
  'eventSpace.view',
] as const satisfies readonly Action[];

type SubjectArgs<A extends Action> = Subjects[A] extends undefined ? [] : [subject: Subjects[A]];

const isStaff = (a: Actor) => a.role === 'frontdesk' || a.role === 'admin';
const isAdmin = (a: Actor) => a.role === 'admin';
const leads = (a: Actor, organisationId: number | null) => organisationId !== null && a.leadOf.includes(organisationId);
const ownsBooking = (a: Actor, b: BookingSubject) =>
  b.memberId === a.id || (b.memberId === null && b.bookedById === a.id);

type Rules = { [A in Action]: (actor: Actor, subject: Subjects[A]) => boolean };

const RULES: Rules = {
  'profile.edit': (a, m) => m.id === a.id,
  'session.end': (a, s) => s.memberId === a.id,

  'member.list': isStaff,
  'member.view': (a, m) => m.id === a.id || isStaff(a) || m.organisationIds.some((o) => a.leadOf.includes(o)),
  // A lead brings people into their own team as plain members; only an admin creates staff or leads.
  'member.invite': (a, i) => isAdmin(a) || (i.role === 'member' && !i.asLead && leads(a, i.organisationId)),
  // Not on oneself: the last admin must not lock everybody out by accident.
  'member.setRole': (a, m) => isAdmin(a) && m.id !== a.id,
  'member.deactivate': (a, m) => isAdmin(a) && m.id !== a.id,
  'member.recordInduction': isStaff,

  'organisation.list': isStaff,
  'organisation.view': (a, o) => isStaff(a) || a.organisationIds.includes(o.id),
  'organisation.create': isAdmin,
  'organisation.edit': isAdmin,
  'organisation.manageMembers': isAdmin,
  'team.view': (a, o) => isStaff(a) || leads(a, o.id),
  // A lead may take someone off their team, but not themselves (an admin does that).
  'team.removeMember': (a, s) => isAdmin(a) || (leads(a, s.id) && s.memberId !== a.id),

  'booking.create': () => true,
  'booking.createOnBehalf': (a, s) => isStaff(a) || s.memberId === a.id,
  'booking.createForGuest': isStaff,
  'booking.view': (a, b) => ownsBooking(a, b) || isStaff(a) || leads(a, b.organisationId),
  'booking.change': (a, b) => ownsBooking(a, b) || isStaff(a),
  'booking.cancel': (a, b) => ownsBooking(a, b) || isStaff(a),
  'booking.checkIn': (a, b) => ownsBooking(a, b) || isStaff(a),

  // A member expects their own visitors; staff register, cancel and welcome anyone's.
  'visitor.register': (a, v) => v.hostMemberId === a.id || isStaff(a),
  'visitor.cancel': (a, v) => v.hostMemberId === a.id || isStaff(a),
  'visitor.manage': isStaff,

  'frontdesk.view': isStaff,
  'kiosk.manage': isAdmin,
  'audit.view': isAdmin,
  'space.manage': isAdmin,
  'rental.manage': isAdmin,
  // A lead sees the reports of their own organisations only (the reports service narrows them).
  'reports.view': (a) => isAdmin(a) || a.leadOf.length > 0,
  'publicRates.manage': isAdmin,
  // The front desk sees the queue and the event space's month to answer questions; admins decide.
  'approval.view': isStaff,
  'approval.decide': isAdmin,
  'eventSpace.view': isStaff,
  // The front desk sees the rental queue (callers ask about events) but does not act on it.
  'rental.view': isStaff,
};

/** May `actor` do `action` on `subject`? Signed-out visitors (null) may do none of these. */
export function can<A extends Action>(actor: Actor | null, action: A, ...subject: SubjectArgs<A>): boolean {
  if (!actor) return false;
  const rule = RULES[action] as (actor: Actor, subject: Subjects[A] | undefined) => boolean;
  return rule(actor, subject[0]);
}

/**
 * Thrown when a person may not see or do something; answers exactly like a missing
 * record (404), so it says nothing about what exists.
 */
export class NotFound extends Error {
  readonly statusCode = 404;
  readonly code = 'not_found';
  constructor(message = 'not found') {
    super(message);
    this.name = 'NotFound';
  }
}

/** Throws NotFound unless `actor` may do `action`; the one call services make before acting. */
export function authorize<A extends Action>(
  actor: Actor | null,
  action: A,
  ...subject: SubjectArgs<A>
): asserts actor is Actor {
  if (!can(actor, action, ...subject)) throw new NotFound();
}

/**
 * The digital and VR studios are for people who had the induction. This is about the person
 * the booking is FOR (also when front desk books on their behalf), not about who clicks.
 */
export function hasInduction(person: { inductions: readonly InductionKind[] }, kind: string): boolean {
  return (person.inductions as readonly string[]).includes(kind);
}

/** Whether a resource kind needs an induction at all. */
export function isInductionKind(kind: string): kind is InductionKind {
  return (INDUCTION_KINDS as readonly string[]).includes(kind);
}
