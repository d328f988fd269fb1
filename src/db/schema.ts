// The database schema. Instants are UTC epoch milliseconds (integers); local dates are
// 'YYYY-MM-DD' text in the site's zone; lists are JSON text. Booking rules are columns of
// the resource, edited by admins: no rule lives in code.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { SeriesRule } from '../domain/recurrence.js';
import type { Violation } from '../domain/violations.js';
import { RESOURCE_KINDS } from '../domain/types.js';
import { ORGANISATION_KINDS, RENTAL_LAYOUTS, type RentalQuoteData } from '../domain/rental-quote.js';
import { RENTAL_STATUSES } from '../domain/rental-states.js';

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const bool = (name: string) => integer(name, { mode: 'boolean' });

export const sites = sqliteTable('sites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  address: text('address').notNull(),
  /** How many people the floor may hold at once (fire safety); null when not set. */
  safetyCapacity: integer('safety_capacity'),
  createdAt: integer('created_at').notNull(),
});

export const zones = sqliteTable(
  'zones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    floor: text('floor'),
    /** The zone's rectangle on the floor plan, in plan units (null: not drawn). */
    planX: integer('plan_x'),
    planY: integer('plan_y'),
    planWidth: integer('plan_width'),
    planHeight: integer('plan_height'),
    /** How many people the zone may hold at once (fire safety); null when not set. */
    safetyCapacity: integer('safety_capacity'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('zones_site_slug').on(t.siteId, t.slug)],
);

export interface EventLayout {
  layout: 'theatre' | 'cabaret' | 'workshop' | 'standing' | 'classroom';
  capacity: number;
}

export const resources = sqliteTable(
  'resources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    zoneId: integer('zone_id').references(() => zones.id),
    kind: text('kind', {
      enum: ['desk', 'meeting_room', 'event_space', 'digital_studio', 'vr_studio', 'sports_hall'],
    }).notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** The English name; null when the French one serves both (e.g. "Henry Dunant"). */
    nameEn: text('name_en'),
    /** Grammatical gender of the French name ('f' or 'm'), so messages agree with it. */
    nameGender: text('name_gender', { enum: ['f', 'm'] })
      .notNull()
      .default('f'),
    /** Path of the photo under the public folder, or null. */
    photo: text('photo'),
    /** The resource's rectangle on the floor plan, in plan units (null: not drawn). */
    planX: integer('plan_x'),
    planY: integer('plan_y'),
    planWidth: integer('plan_width'),
    planHeight: integer('plan_height'),
    description: text('description').notNull().default(''),
    descriptionEn: text('description_en'),
    capacity: integer('capacity').notNull(),
    equipment: json<string[]>('equipment')
      .notNull()
      .default(sql`'[]'`),
    accessibility: json<string[]>('accessibility')
      .notNull()
      .default(sql`'[]'`),
    layouts: json<EventLayout[]>('layouts')
      .notNull()
      .default(sql`'[]'`),
    // Booking rules as data.
    shape: text('shape', { enum: ['half_day', 'steps'] }).notNull(),
    slotStepMinutes: integer('slot_step_minutes').notNull(),
    minDurationMinutes: integer('min_duration_minutes').notNull(),
    maxDurationMinutes: integer('max_duration_minutes').notNull(),
    horizonDays: integer('horizon_days').notNull(),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    approvalRequired: bool('approval_required').notNull().default(false),
    checkInGraceMinutes: integer('check_in_grace_minutes'),
    capacityModel: text('capacity_model', { enum: ['exclusive', 'shared'] }).notNull(),
    sharedPlaces: integer('shared_places'),
    inductionRequired: bool('induction_required').notNull().default(false),
    halfDaySplit: text('half_day_split').notNull().default('13:00'),
    active: bool('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('resources_site_slug').on(t.siteId, t.slug), index('resources_kind').on(t.siteId, t.kind)],
);

/** Linked resources: a booking of one blocks the other (e.g. a shared partition). Stored once per pair. */
export const resourceLinks = sqliteTable(
  'resource_links',
  {
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    linkedResourceId: integer('linked_resource_id')
      .notNull()
      .references(() => resources.id),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.linkedResourceId] })],
);

/**
 * Check-in per resource kind: a booking of that kind not checked in by its start plus the
 * grace is released as a no-show. A kind without a row is never released. A resource's own
 * check_in_grace_minutes, when set, replaces the kind's grace for that resource.
 */
export const checkInPolicies = sqliteTable(
  'check_in_policies',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    resourceKind: text('resource_kind', {
      enum: ['desk', 'meeting_room', 'event_space', 'digital_studio', 'vr_studio', 'sports_hall'],
    }).notNull(),
    graceMinutes: integer('grace_minutes').notNull(),
    /** The grace of a member whose profile records an access need. */
    accessNeedGraceMinutes: integer('access_need_grace_minutes').notNull(),
    /** How long before the start one may already check in. */
    opensBeforeMinutes: integer('opens_before_minutes').notNull().default(30),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.resourceKind] })],
);

/** Weekly opening hours of a site; rows with a resource id replace the site's week for that resource. */
export const openingHours = sqliteTable(
  'opening_hours',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    resourceId: integer('resource_id').references(() => resources.id),
    weekday: integer('weekday').notNull(),
    opens: text('opens').notNull(),
    closes: text('closes').notNull(),
  },
  (t) => [index('opening_hours_site').on(t.siteId, t.resourceId)],
);

export const closures = sqliteTable(
  'closures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    resourceId: integer('resource_id').references(() => resources.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    kind: text('kind', { enum: ['public_holiday', 'maintenance', 'event', 'other'] }).notNull(),
    reason: text('reason').notNull(),
    reasonEn: text('reason_en'),
    /** Stable key of generated closures (e.g. 'holiday:2026-12-25') so seeding stays idempotent. */
    sourceKey: text('source_key').unique(),
    /** 'weekly' or 'yearly': the first occurrence (starts_at..ends_at) repeats at the same local times. */
    repeat: text('repeat', { enum: ['none', 'weekly', 'yearly'] })
      .notNull()
      .default('none'),
    /** Last local date ('YYYY-MM-DD') an occurrence of a repeating closure may start on; null: no repeat. */
    repeatUntil: text('repeat_until'),
  },
  (t) => [index('closures_site_time').on(t.siteId, t.startsAt)],
);

/**
 * One local date with other opening hours than the week's, or closed (opens and closes null),
 * for the site (resource_id null) or one resource, with the reason shown to members.
 */
export const openingExceptions = sqliteTable(
  'opening_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    resourceId: integer('resource_id').references(() => resources.id),
    date: text('date').notNull(),
    opens: text('opens'),
    closes: text('closes'),
    reason: text('reason').notNull(),
    reasonEn: text('reason_en'),
  },
  (t) => [index('opening_exceptions_site_date').on(t.siteId, t.date)],
);

export const members = sqliteTable('members', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ['member', 'frontdesk', 'admin'] })
    .notNull()
    .default('member'),
  language: text('language', { enum: ['fr', 'en'] })
    .notNull()
    .default('fr'),
  accessNeeds: json<string[]>('access_needs')
    .notNull()
    .default(sql`'[]'`),
  active: bool('active').notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deactivatedAt: integer('deactivated_at'),
});

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', {
    enum: ['association', 'social_enterprise', 'public_body', 'red_cross_unit', 'company'],
  }).notNull(),
  programme: text('programme', {
    enum: ['intrapreneurship', 'entrepreneurship', 'oeth', 'impact_data', 'coworking'],
  }).notNull(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on'),
  /** Plan quotas per calendar month in the site's zone; null = unlimited. */
  quotaRoomMinutesPerMonth: integer('quota_room_minutes_per_month'),
  quotaDeskHalfDaysPerMonth: integer('quota_desk_half_days_per_month'),
  createdAt: integer('created_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    isLead: bool('is_lead').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.organisationId] }), index('memberships_org').on(t.organisationId)],
);

/**
 * An organisation's plans with their history: monthly quotas (site-zone calendar months,
 * null = unlimited) from a local date on. The plan in force for a month is the latest one
 * starting before the next month begins (a plan from the 15th governs its whole month).
 * Replaces organisations.quota_* (kept, no longer read); the migration carried them over.
 */
export const organisationPlans = sqliteTable(
  'organisation_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    startsOn: text('starts_on').notNull(),
    roomMinutesPerMonth: integer('room_minutes_per_month'),
    deskHalfDaysPerMonth: integer('desk_half_days_per_month'),
    createdById: integer('created_by_id').references(() => members.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('organisation_plans_org_start').on(t.organisationId, t.startsOn, t.id)],
);

export const inductions = sqliteTable(
  'inductions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    resourceKind: text('resource_kind', { enum: ['digital_studio', 'vr_studio'] }).notNull(),
    recordedById: integer('recorded_by_id').references(() => members.id),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('inductions_member_kind').on(t.memberId, t.resourceKind)],
);

/** Server-side sessions: the cookie holds a random token; only its hash is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id').references(() => members.id),
    csrfSecret: text('csrf_secret').notNull(),
    language: text('language', { enum: ['fr', 'en'] }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_member').on(t.memberId), index('sessions_expires').on(t.expiresAt)],
);

/** Single-use tokens (invitation, password reset); only the hash is stored. */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['invitation', 'password_reset'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    createdById: integer('created_by_id').references(() => members.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('account_tokens_member').on(t.memberId)],
);

/** A recurring booking: the rule, plus one `bookings` row per occurrence. */
export const bookingSeries = sqliteTable(
  'booking_series',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    memberId: integer('member_id').references(() => members.id),
    bookedById: integer('booked_by_id').references(() => members.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** The recurrence rule as the domain's SeriesRule (JSON). */
    rule: json<SeriesRule>('rule').notNull(),
    firstStartLocal: text('first_start_local').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    title: text('title').notNull().default(''),
    idempotencyKey: text('idempotency_key'),
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('booking_series_idempotency').on(t.bookedById, t.idempotencyKey)],
);

export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelled', 'released', 'rejected'] as const;

export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    seriesId: integer('series_id').references(() => bookingSeries.id),
    /** The occurrence's original start in the series (iCalendar RECURRENCE-ID), kept when moved. */
    originalStartsAt: integer('original_starts_at'),
    /** For whom; null for bookings of external renters (see rental requests). */
    memberId: integer('member_id').references(() => members.id),
    bookedById: integer('booked_by_id').references(() => members.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    headcount: integer('headcount').notNull().default(1),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    title: text('title').notNull().default(''),
    isPublic: bool('is_public').notNull().default(false),
    idempotencyKey: text('idempotency_key'),
    /** Rises on every change: it is the iCalendar SEQUENCE. */
    version: integer('version').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    cancelledAt: integer('cancelled_at'),
    checkedInAt: integer('checked_in_at'),
    /** Who recorded the check-in: the member, or staff at the desk. */
    checkedInById: integer('checked_in_by_id').references(() => members.id),
    /** Set when the person left early: ends_at was brought back to this instant. */
    checkedOutAt: integer('checked_out_at'),
    /** A day guest booked by staff (member_id is then null): their name and organisation. */
    guestName: text('guest_name'),
    guestOrganisation: text('guest_organisation'),
  },
  (t) => [
    // Overlap queries bound starts_at from below, so they walk this index and stay flat with history.
    // It also holds what they read (end, status, member, headcount): the 7 days below the window
    // that the bound makes them walk are read from the index alone, with no row looked up.
    index('bookings_resource_start').on(t.resourceId, t.startsAt, t.endsAt, t.status, t.memberId, t.headcount),
    // A person's calendar feed answers "not modified" from this index alone (change stamp, version);
    // the id before them keeps a person's bookings in (start, id) order for their list, without a sort.
    index('bookings_member_start').on(t.memberId, t.startsAt, t.id, t.updatedAt, t.version),
    // "My bookings" lists what a person booked for others too. Only those rows are indexed here
    // (a person's own bookings are under bookings_member_start): walking this index never steps
    // over a member's own history to find the few made for someone else.
    index('bookings_booked_for_others')
      .on(t.bookedById, t.startsAt)
      .where(sql`member_id IS NOT booked_by_id`),
    index('bookings_series').on(t.seriesId),
    // The front desk's day, the list of all bookings and the no-show job read bookings by time, whatever the resource.
    index('bookings_start').on(t.startsAt),
    // The monthly quota sums an organisation's bookings from this index alone (end, status, resource for its kind).
    index('bookings_org_start').on(t.organisationId, t.startsAt, t.endsAt, t.status, t.resourceId),
    uniqueIndex('bookings_idempotency').on(t.bookedById, t.idempotencyKey),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: integer('actor_id').references(() => members.id),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: integer('subject_id'),
    details: json<Record<string, unknown>>('details')
      .notNull()
      .default(sql`'{}'`),
    ip: text('ip'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_subject').on(t.subjectType, t.subjectId)],
);

/** A message as sent: its text and HTML parts and, for a booking, an iCalendar invitation. */
export interface MailMessage {
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** A date a new series could not take, and why (violations as the domain gave them). */
export interface SkippedDate {
  localDate: string;
  localStart: string;
  start: number | null;
  end: number | null;
  violations: Violation[];
}

/** What a change knew that the database does not keep, for the worker to render. */
export interface OutboxDetails {
  /** A reminder: the start it reminds of (a booking moved since is not reminded of its old time). */
  startsAt?: number;
  /** A new series: the dates skipped. */
  skipped?: SkippedDate[];
  /** An approval or a decline: what staff wrote to the member. */
  message?: string;
  /** A booking cancelled by staff for a reason the member is told (e.g. a closure), in both languages. */
  reason?: { fr: string; en: string | null };
}

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'superseded'] as const;

/**
 * Mail outbox, written in the transaction of the change that causes it and sent by the
 * worker after commit. A booking change writes an intent (kind, booking or series, the
 * booking's version): the worker renders it when it sends it and keeps what it sent (to,
 * subject, message). Account mails, whose link holds a secret stored only hashed, are
 * written composed. Older rows are composed too.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at').notNull(),
    kind: text('kind').notNull(),
    /** Recipient, subject and message: written composed, or once an intent was rendered and sent. */
    toAddress: text('to_address'),
    subject: text('subject'),
    message: json<MailMessage>('message'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
    bookingId: integer('booking_id').references(() => bookings.id),
    seriesId: integer('series_id').references(() => bookingSeries.id),
    /** The booking's version when the intent was written. */
    sequence: integer('sequence'),
    details: json<OutboxDetails>('details'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_booking').on(t.bookingId)],
);

/** Per-person calendar feed tokens; only the hash is stored; rotating revokes the old one. */
export const feedTokens = sqliteTable(
  'feed_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('feed_tokens_member').on(t.memberId)],
);

/**
 * Reminder mails already queued: one row per booking, reminder kind and start, so a restart
 * never sends one twice, while a booking moved to another time is reminded of its new start.
 */
export const bookingReminders = sqliteTable(
  'booking_reminders',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id),
    /** 'day_before' or 'before:<minutes>' (see src/domain/reminders.ts). */
    kind: text('kind').notNull(),
    startsAt: integer('starts_at').notNull(),
    queuedAt: integer('queued_at').notNull(),
    /** Null when no mail could be written (inactive member, address refused). */
    outboxId: integer('outbox_id').references(() => outbox.id),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.kind, t.startsAt] })],
);

/** A visitor a member expects; erased 30 days after the expected day (see src/jobs/). */
export const visitors = sqliteTable(
  'visitors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    hostMemberId: integer('host_member_id')
      .notNull()
      .references(() => members.id),
    name: text('name').notNull(),
    organisation: text('organisation').notNull().default(''),
    expectedAt: integer('expected_at').notNull(),
    arrivedAt: integer('arrived_at'),
    arrivalRecordedById: integer('arrival_recorded_by_id').references(() => members.id),
    leftAt: integer('left_at'),
    cancelledAt: integer('cancelled_at'),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('visitors_expected').on(t.expectedAt), index('visitors_host').on(t.hostMemberId, t.expectedAt)],
);

/** Lobby screens: a revocable token in the URL (only its hash is stored) shows what is free, no names. */
export const kioskTokens = sqliteTable('kiosk_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id')
    .notNull()
    .references(() => sites.id),
  label: text('label').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdById: integer('created_by_id')
    .notNull()
    .references(() => members.id),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
});

/**
 * One row whose version rises with every change to the inventory (sites, zones, resources and
 * their links, opening hours, closures), by triggers: a process keeping the inventory in memory
 * reads this number per request and reads the inventory again when it moved, whoever wrote.
 */
export const inventoryVersion = sqliteTable('inventory_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});

/**
 * Public rates per resource kind, with their history: a rate holds from its local start date
 * until the next one of the same kind. They value the hours given to organisations (in kind),
 * in integer cents excluding VAT, per hour or per half-day.
 */
export const publicRates = sqliteTable(
  'public_rates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceKind: text('resource_kind', { enum: RESOURCE_KINDS }).notNull(),
    unit: text('unit', { enum: ['hour', 'half_day'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    startsOn: text('starts_on').notNull(),
    createdById: integer('created_by_id').references(() => members.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('public_rates_kind_start').on(t.resourceKind, t.startsOn)],
);

/**
 * A request from an outside organisation to rent the event space. It holds nothing until an
 * option or a confirmation, which hold the space through `booking_id` (an ordinary booking).
 * The requester has no account: the link to their page holds a token stored only hashed.
 */
export const rentalRequests = sqliteTable(
  'rental_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status', { enum: RENTAL_STATUSES }).notNull(),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
    organisation: text('organisation').notNull(),
    organisationKind: text('organisation_kind', { enum: ORGANISATION_KINDS }).notNull(),
    contactName: text('contact_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull(),
    language: text('language', { enum: ['fr', 'en'] }).notNull(),
    title: text('title').notNull(),
    /** The event's local date and wall-clock times in the site's zone, as asked. */
    localDate: text('local_date').notNull(),
    localStart: text('local_start').notNull(),
    localEnd: text('local_end').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    layout: text('layout', { enum: RENTAL_LAYOUTS }).notNull(),
    headcount: integer('headcount').notNull(),
    purpose: text('purpose').notNull(),
    isPublic: bool('is_public').notNull().default(false),
    options: json<string[]>('options')
      .notNull()
      .default(sql`'[]'`),
    consentAt: integer('consent_at').notNull(),
    /** The booking that holds the space while an option or a confirmed rental. */
    bookingId: integer('booking_id').references(() => bookings.id),
    quoteNumber: text('quote_number'),
    quote: json<RentalQuoteData>('quote'),
    /** Last local date the quote may be accepted. */
    quoteValidUntil: text('quote_valid_until'),
    quoteAcceptedAt: integer('quote_accepted_at'),
    /** When an option lapses, the requester having been warned once before (optionWarnedAt). */
    optionUntil: integer('option_until'),
    optionWarnedAt: integer('option_warned_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Contact details erased after the retention period (declined, cancelled or expired requests). */
    erasedAt: integer('erased_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('rental_requests_status').on(t.status, t.updatedAt),
    index('rental_requests_date').on(t.resourceId, t.startsAt),
    // Members' refusals ask whether the booking in the way is a rental's hold.
    index('rental_requests_booking').on(t.bookingId),
  ],
);

/** Messages between the requester and staff, in order. */
export const rentalMessages = sqliteTable(
  'rental_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => rentalRequests.id),
    author: text('author', { enum: ['requester', 'staff'] }).notNull(),
    memberId: integer('member_id').references(() => members.id),
    body: text('body').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('rental_messages_request').on(t.requestId, t.at)],
);

/** Who did what to a request, and when: every state change and message. */
export const rentalHistory = sqliteTable(
  'rental_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => rentalRequests.id),
    at: integer('at').notNull(),
    actor: text('actor', { enum: ['requester', 'staff', 'system'] }).notNull(),
    memberId: integer('member_id').references(() => members.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    details: json<Record<string, unknown>>('details')
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [index('rental_history_request').on(t.requestId, t.at)],
);

/** Rental rates; a rate applies to events from its start date until the next rate's. */
export const rentalRates = sqliteTable(
  'rental_rates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startsOn: text('starts_on').notNull(),
    halfDayCents: integer('half_day_cents').notNull(),
    dayCents: integer('day_cents').notNull(),
    eveningCents: integer('evening_cents').notNull(),
    /** Per organisation kind, the reduction in percent (0-100). */
    reductions: json<Partial<Record<string, number>>>('reductions').notNull(),
    /** Per option, its price in cents. */
    optionCents: json<Partial<Record<string, number>>>('option_cents').notNull(),
    /** Per layout, the setup and teardown minutes that also hold the space. */
    setupMinutes: json<Partial<Record<string, { setup: number; teardown: number }>>>('setup_minutes').notNull(),
    createdById: integer('created_by_id').references(() => members.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('rental_rates_starts_on').on(t.startsOn)],
);

/** One row: the rental settings admins edit. */
export const rentalSettings = sqliteTable('rental_settings', {
  id: integer('id').primaryKey(),
  retentionMonths: integer('retention_months').notNull().default(12),
  optionDays: integer('option_days').notNull().default(14),
  quoteValidityDays: integer('quote_validity_days').notNull().default(30),
  /** How long before an option lapses its requester is warned. */
  warnHours: integer('warn_hours').notNull().default(48),
});

/** The last quote number given in each year (2027-0042 is the 42nd of 2027). */
export const quoteSequences = sqliteTable('quote_sequences', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});
