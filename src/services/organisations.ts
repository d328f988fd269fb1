// Organisations hosted at 21: their programme, their plan (monthly quotas the booking engine
// enforces), their people and leads. Admins edit; leads and staff see a team and its quota use.
import type { Clock } from '../domain/clock.js';
import { immediate, type Db } from '../db/connection.js';
import { bookingQueries, type BookingQueries } from '../db/bookings.js';
import { memberByEmail } from '../db/members.js';
import {
  addMembership,
  insertOrganisation,
  membership,
  organisationById,
  organisationNames,
  organisationsWithCounts,
  peopleOf,
  removeMembership,
  setMembershipLead,
  updateOrganisation,
  type OrganisationRow,
} from '../db/organisations.js';
import { isLocalDate } from '../domain/local-date.js';
import { calendarMonthOf, usageWithin } from '../domain/quota.js';
import { auditWriter, type AuditWriter } from './audit.js';
import { cleanName, type FieldErrors } from './accounts.js';
import { authorize, NotFound, type Actor, type Role } from './authz.js';
import { normaliseEmail } from './email-address.js';
import type { Inventory } from './inventory.js';
import type { OrganisationPlanService } from './organisation-plans.js';
import type { ClientInfo } from './sessions.js';

export const ORGANISATION_KINDS = [
  'association',
  'social_enterprise',
  'public_body',
  'red_cross_unit',
  'company',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const PROGRAMMES = ['intrapreneurship', 'entrepreneurship', 'oeth', 'impact_data', 'coworking'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export interface OrganisationSummary {
  id: number;
  name: string;
  kind: OrganisationKind;
  programme: Programme;
  startsOn: string;
  endsOn: string | null;
  quotaRoomMinutesPerMonth: number | null;
  quotaDeskHalfDaysPerMonth: number | null;
  memberCount: number;
}

export interface TeamMember {
  id: number;
  name: string;
  email: string;
  role: Role;
  isLead: boolean;
  active: boolean;
  pending: boolean;
}

export interface QuotaUse {
  /** "YYYY-MM" in the site's zone. */
  month: string;
  roomMinutes: { used: number; limit: number | null };
  deskHalfDays: { used: number; limit: number | null };
}

export interface OrganisationDetail extends OrganisationSummary {
  members: TeamMember[];
  quota: QuotaUse;
}

export interface OrganisationInput {
  name: unknown;
  kind: unknown;
  programme: unknown;
  startsOn: unknown;
  endsOn: unknown;
  /** Meeting-room hours per month as typed (a quarter-hour at most precise); empty = unlimited. */
  quotaRoomHours: unknown;
  /** Desk half-days per month; empty = unlimited. */
  quotaDeskHalfDays: unknown;
}

type OrgField = 'name' | 'kind' | 'programme' | 'startsOn' | 'endsOn' | 'quotaRoomHours' | 'quotaDeskHalfDays';

const QUOTA_MAX = 100_000;

function localDate(raw: unknown): string | null {
  return typeof raw === 'string' && isLocalDate(raw) ? raw : null;
}

function optionalNumber(raw: unknown, parse: (text: string) => number | null): number | null | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const value = parse(String(raw).trim().replace(',', '.'));
  return value === null || value < 0 || value > QUOTA_MAX ? undefined : value;
}

/** Validates the organisation form; returns the row values or the field errors. */
export function parseOrganisation(
  input: OrganisationInput,
): { values: Omit<OrganisationRow, 'id' | 'createdAt'> } | { errors: FieldErrors<OrgField> } {
  const errors: FieldErrors<OrgField> = {};
  const name = cleanName(input.name);
  if (!name) errors.name = typeof input.name === 'string' && input.name.trim() !== '' ? 'invalid' : 'required';
  if (!(ORGANISATION_KINDS as readonly unknown[]).includes(input.kind)) errors.kind = 'invalid';
  if (!(PROGRAMMES as readonly unknown[]).includes(input.programme)) errors.programme = 'invalid';
  const startsOn = localDate(input.startsOn);
  if (!startsOn) errors.startsOn = input.startsOn ? 'invalid' : 'required';
  let endsOn: string | null = null;
  if (input.endsOn !== undefined && input.endsOn !== '') {
    endsOn = localDate(input.endsOn);
    if (!endsOn) errors.endsOn = 'invalid';
    else if (startsOn && endsOn < startsOn) errors.endsOn = 'before_start';
  }
  const roomHours = optionalNumber(input.quotaRoomHours, (t) => (/^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : null));
  if (roomHours === undefined) errors.quotaRoomHours = 'invalid';
  const deskHalfDays = optionalNumber(input.quotaDeskHalfDays, (t) => (/^\d+$/.test(t) ? Number(t) : null));
  if (deskHalfDays === undefined) errors.quotaDeskHalfDays = 'invalid';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    values: {
      name: name!,
      kind: input.kind as OrganisationKind,
      programme: input.programme as Programme,
      startsOn: startsOn!,
      endsOn,
      quotaRoomMinutesPerMonth: roomHours === null ? null : Math.round(roomHours! * 60),
      quotaDeskHalfDaysPerMonth: deskHalfDays ?? null,
    },
  };
}

export class OrganisationService {
  private readonly audit: AuditWriter;
  private readonly bookings: BookingQueries;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly inventory: Inventory,
    private readonly plans: OrganisationPlanService,
  ) {
    this.bookings = bookingQueries(db);
    this.audit = auditWriter(db);
  }

  list(actor: Actor | null): OrganisationSummary[] {
    authorize(actor, 'organisation.list');
    return organisationsWithCounts(this.db).map(({ createdAt: _createdAt, ...org }) => ({
      ...org,
      ...this.quotasThisMonth(org.id),
    }));
  }

  /** Organisations a member belongs to, by name, for forms (a lead's invitation form, the admin's). */
  choices(actor: Actor | null): { id: number; name: string }[] {
    if (actor?.role === 'admin') return organisationNames(this.db);
    const ids = actor?.leadOf ?? [];
    return ids.length === 0 ? [] : organisationNames(this.db, ids);
  }

  /** One organisation with its people and this month's quota use: staff, or a lead of it. */
  detail(actor: Actor | null, id: number): OrganisationDetail {
    authorize(actor, 'team.view', { id });
    const org = organisationById(this.db, id);
    if (!org) throw new NotFound();
    const people = peopleOf(this.db, id).map(({ passwordHash, ...m }) => ({ ...m, pending: passwordHash === null }));
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      programme: org.programme,
      startsOn: org.startsOn,
      endsOn: org.endsOn,
      ...this.quotasThisMonth(org.id),
      memberCount: people.length,
      members: people,
      quota: this.quotaUse(org),
    };
  }

  /** The quotas of the plan in force this month (organisations.quota_* are no longer read). */
  private quotasThisMonth(
    id: number,
  ): Pick<OrganisationSummary, 'quotaRoomMinutesPerMonth' | 'quotaDeskHalfDaysPerMonth'> {
    const plan = this.plans.thisMonth(id);
    return {
      quotaRoomMinutesPerMonth: plan?.roomMinutes ?? null,
      quotaDeskHalfDaysPerMonth: plan?.deskHalfDays ?? null,
    };
  }

  /** This month's use of the plan, counted the way the booking engine counts it. */
  private quotaUse(org: OrganisationRow): QuotaUse {
    const limits = this.quotasThisMonth(org.id);
    const { site, resourcesById } = this.inventory.get();
    const month = calendarMonthOf(this.clock.now(), site.timezone);
    const split = [...resourcesById.values()].find((r) => r.kind === 'desk')?.rules.halfDaySplit ?? '13:00';
    const rooms = this.bookings.organisationActive(org.id, ['meeting_room'], month.start, month.end);
    const desks = this.bookings.organisationActive(org.id, ['desk'], month.start, month.end);
    return {
      month: month.month,
      roomMinutes: {
        used: usageWithin(rooms, month, 'minutes', site.timezone, split),
        limit: limits.quotaRoomMinutesPerMonth,
      },
      deskHalfDays: {
        used: usageWithin(desks, month, 'half_days', site.timezone, split),
        limit: limits.quotaDeskHalfDaysPerMonth,
      },
    };
  }

  create(
    actor: Actor | null,
    input: OrganisationInput,
    ctx: ClientInfo,
  ): { kind: 'saved'; id: number } | { kind: 'problems'; errors: FieldErrors<OrgField> } {
    authorize(actor, 'organisation.create');
    const parsed = parseOrganisation(input);
    if ('errors' in parsed) return { kind: 'problems', errors: parsed.errors };
    const now = this.clock.now();
    const id = immediate(this.db, (tx) => {
      const id = insertOrganisation(tx, { ...parsed.values, createdAt: now });
      // The quotas typed with a new organisation are its first plan, from its start.
      const { startsOn, quotaRoomMinutesPerMonth, quotaDeskHalfDaysPerMonth } = parsed.values;
      this.plans.addIn(
        tx,
        id,
        {
          name: '',
          startsOn,
          roomMinutesPerMonth: quotaRoomMinutesPerMonth,
          deskHalfDaysPerMonth: quotaDeskHalfDaysPerMonth,
        },
        actor.id,
        now,
      );
      this.audit(
        {
          action: 'organisation.created',
          actorId: actor.id,
          subjectType: 'organisation',
          subjectId: id,
          details: { ...parsed.values },
          ip: ctx.ip,
        },
        now,
      );
      return id;
    });
    return { kind: 'saved', id };
  }

  update(
    actor: Actor | null,
    id: number,
    input: OrganisationInput,
    ctx: ClientInfo,
  ): { kind: 'saved' } | { kind: 'problems'; errors: FieldErrors<OrgField> } {
    authorize(actor, 'organisation.edit', { id });
    const parsed = parseOrganisation(input);
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const before = organisationById(tx, id);
      if (!before) throw new NotFound();
      if ('errors' in parsed) return { kind: 'problems' as const, errors: parsed.errors };
      // Quotas change by adding a plan from a date (organisation-plans.ts), never in place.
      const { quotaRoomMinutesPerMonth: _rooms, quotaDeskHalfDaysPerMonth: _desks, ...values } = parsed.values;
      updateOrganisation(tx, id, values);
      const changed = Object.fromEntries(
        Object.entries(values)
          .filter(([key, value]) => before[key as keyof typeof before] !== value)
          .map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
      );
      if (Object.keys(changed).length > 0)
        this.audit(
          {
            action: 'organisation.updated',
            actorId: actor.id,
            subjectType: 'organisation',
            subjectId: id,
            details: changed,
            ip: ctx.ip,
          },
          now,
        );
      return { kind: 'saved' as const };
    });
  }

  /** Adds an existing account to the organisation (new people are invited instead). */
  addMember(
    actor: Actor | null,
    id: number,
    emailRaw: unknown,
    asLead: boolean,
    ctx: ClientInfo,
  ): { kind: 'saved' } | { kind: 'problems'; errors: FieldErrors<'email'> } {
    authorize(actor, 'organisation.manageMembers', { id });
    const email = normaliseEmail(emailRaw);
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      if (!organisationById(tx, id)) throw new NotFound();
      if (!email)
        return {
          kind: 'problems' as const,
          errors: { email: typeof emailRaw === 'string' && emailRaw.trim() !== '' ? 'invalid' : 'required' },
        };
      const member = memberByEmail(tx, email);
      if (!member) return { kind: 'problems' as const, errors: { email: 'unknown' } };
      if (addMembership(tx, { memberId: member.id, organisationId: id, isLead: asLead }))
        this.audit(
          {
            action: 'membership.added',
            actorId: actor.id,
            subjectType: 'member',
            subjectId: member.id,
            details: { organisationId: id, asLead },
            ip: ctx.ip,
          },
          now,
        );
      return { kind: 'saved' as const };
    });
  }

  removeMember(actor: Actor | null, id: number, memberId: number, ctx: ClientInfo): void {
    authorize(actor, 'team.removeMember', { id, memberId });
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      if (!removeMembership(tx, id, memberId)) throw new NotFound();
      this.audit(
        {
          action: 'membership.removed',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: memberId,
          details: { organisationId: id },
          ip: ctx.ip,
        },
        now,
      );
    });
  }

  setLead(actor: Actor | null, id: number, memberId: number, isLead: boolean, ctx: ClientInfo): void {
    authorize(actor, 'organisation.manageMembers', { id });
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      const row = membership(tx, id, memberId);
      if (!row) throw new NotFound();
      if (row.isLead === isLead) return;
      setMembershipLead(tx, id, memberId, isLead);
      this.audit(
        {
          action: 'membership.lead_changed',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: memberId,
          details: { organisationId: id, isLead },
          ip: ctx.ip,
        },
        now,
      );
    });
  }
}
