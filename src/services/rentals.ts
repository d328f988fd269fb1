// Event-space rentals for outside organisations: the public request, the requester's page
// (a secret link, no account), staff's queue and actions, and what the jobs do. Each change
// runs in ONE immediate transaction: the request, its history, the booking that holds the
// space (an option or a confirmed rental), and its mails. A hold is an ordinary booking of
// the event space, so the overlap rules, day views, the board and feeds see it.
import { immediate, readTransaction, type Db } from '../db/connection.js';
import { setBookingPublic } from '../db/bookings.js';
import {
  competingRentals,
  eraseRentalMessages,
  insertRental,
  insertRentalHistory,
  insertRentalMessage,
  rentalById,
  rentalHoldingBooking,
  rentalByTokenHash,
  rentalHistoryOf,
  rentalMessagesOf,
  rentalsIn,
  updateRental,
  type RentalChange,
  type RentalHistoryRow,
  type RentalMessageRow,
  type RentalRow,
} from '../db/rentals.js';
import {
  allRentalRates,
  nextQuoteSequence,
  rentalSettingsOf,
  saveRentalSettings,
  upsertRentalRate,
  type RentalRateRow,
} from '../db/rental-rates.js';
import { auditLogWriter } from '../db/audit.js';
import { checkRateForm, type RateErrors } from '../domain/rental-rates.js';
import type { Clock } from '../domain/clock.js';
import { addDays, daysBetween } from '../domain/local-date.js';
import {
  computeQuote,
  formatQuoteNumber,
  holdInterval,
  rateOn,
  setupOf,
  type RentalOption,
  type RentalQuoteData,
} from '../domain/rental-quote.js';
import { checkRentalForm, type RentalErrors, type RentalForm } from '../domain/rental-request.js';
import {
  openActions,
  refusalOf,
  RENTAL_STATUSES,
  type RentalAction,
  type RentalActor,
  type RentalStatus,
} from '../domain/rental-states.js';
import type { Suggestion } from '../domain/alternatives.js';
import type { Violation } from '../domain/violations.js';
import { localDateOf, localToInstant, parseLocalTime, startOfLocalDate } from '../domain/zoned-time.js';
import { formatInstant } from '../i18n/dates.js';
import type { Language } from '../i18n/index.js';
import { checkRentalSettings, type RentalSettings, type SettingErrors } from '../domain/rental-settings.js';
import { enqueueMail, type MailSettings, type OutboxKick } from '../mail/outbox.js';
import { composeRentalMail, type RentalMailExtra, type RentalMailKind } from '../mail/rental-mails.js';
import { authorize, can, NotFound, type Actor } from './authz.js';
import type { BookingService } from './bookings.js';
import { normaliseEmail } from './email-address.js';
import type { RateLimiter } from './rate-limit.js';
import { hashToken, isTokenShape, newToken } from './tokens.js';
import type { ResourceView } from '../db/inventory.js';

export type { RentalHistoryRow, RentalRateRow, RentalRow };

const DAY_MS = 86_400_000;

export type RentalRefusal =
  | 'not_allowed'
  | 'wrong_state'
  | 'no_quote'
  | 'quote_expired'
  | 'too_late'
  | 'no_rate'
  | 'bad_date'
  | 'empty_message'
  | 'unavailable';

export type RentalOutcome =
  { ok: true; rental: RentalRow } | { ok: false; refusal: RentalRefusal; violations?: Violation[] };

export type SubmitOutcome =
  | { ok: true; token: string; rental: RentalRow }
  | { ok: false; errors: RentalErrors }
  | { ok: false; unavailable: Availability }
  | { ok: false; limitedForMs: number };

/** Whether the space is free for an event (setup and teardown included), and if not the nearest free times. */
export interface Availability {
  free: boolean;
  violations: Violation[];
  /** Where the judged stretch starts (refusals show times of that day without their date). */
  requestStart: number;
  /** Nearest free stretches of the same length, as event times (setup and teardown taken off). */
  alternatives: { start: number; end: number }[];
}

/** A request as its pages show it. */
export interface RentalDetail {
  rental: RentalRow;
  messages: RentalMessageRow[];
  actions: RentalAction[];
  /** The quote the rates give today (what a quote or re-quote would send). */
  proposal: RentalQuoteData | null;
}

export interface RentalSummary {
  rental: RentalRow;
  ageDays: number;
}

export interface RentalDeps {
  db: Db;
  bookings: BookingService;
  clock: Clock;
  outbox: OutboxKick;
  mail: MailSettings;
  limiter: RateLimiter;
}

/** Requests that hold nothing yet: they hear of a competitor taking their date. */
const WAITING: readonly RentalStatus[] = ['requested', 'quoted'];

export class RentalService {
  private readonly db: Db;
  private readonly bookings: BookingService;
  private readonly clock: Clock;
  private readonly audit;

  constructor(private readonly deps: RentalDeps) {
    this.db = deps.db;
    this.audit = auditLogWriter(deps.db);
    this.bookings = deps.bookings;
    this.clock = deps.clock;
  }

  private get zone(): string {
    return this.bookings.inventory.get().site.timezone;
  }

  /** The event space rented out (the first active one). */
  space(): ResourceView {
    const snapshot = this.bookings.inventory.get();
    const space = snapshot.resources.find((r) => r.kind === 'event_space' && r.active);
    if (!space) throw new NotFound();
    return this.bookings.inventory.resource(space.id)!;
  }

  today(): string {
    return localDateOf(this.clock.now(), this.zone);
  }

  rates(): RentalRateRow[] {
    return allRentalRates(this.db);
  }

  settings() {
    return rentalSettingsOf(this.db);
  }

  /** Adds a rate from its start date (or replaces the one starting that day); earlier quotes keep their prices. */
  addRate(actor: Actor, field: (name: string) => string): { ok: true } | { ok: false; errors: RateErrors } {
    authorize(actor, 'rental.manage');
    const checked = checkRateForm(field);
    if (!checked.ok) return checked;
    immediate(this.db, (tx) => {
      const now = this.clock.now();
      const row = upsertRentalRate(tx, { ...checked.rate, createdById: actor.id, createdAt: now });
      this.audit({
        at: now,
        actorId: actor.id,
        action: 'rental.rate',
        subjectType: 'rental_rate',
        subjectId: row.id,
        details: { startsOn: row.startsOn },
      });
    });
    return { ok: true };
  }

  /** Admins set the retention, option length, quote validity and warning time. */
  updateSettings(
    actor: Actor,
    field: (name: keyof RentalSettings) => string,
  ): { ok: true } | { ok: false; errors: SettingErrors } {
    authorize(actor, 'rental.manage');
    const checked = checkRentalSettings(field);
    if (!checked.ok) return checked;
    immediate(this.db, (tx) => {
      saveRentalSettings(tx, checked.settings);
      this.audit({
        at: this.clock.now(),
        actorId: actor.id,
        action: 'rental.settings',
        subjectType: 'rental_settings',
        subjectId: 1,
        details: { ...checked.settings },
      });
    });
    return { ok: true };
  }

  /** Whether a booking is the hold of a rental (an option or a confirmed rental). */
  holdsBooking(bookingId: number): boolean {
    return rentalHoldingBooking(this.db, bookingId);
  }

  // ---- The public form ----

  /** Checks the form and, when it is well formed, whether the space is free. */
  check(form: RentalForm): { errors: RentalErrors } | { errors: null; availability: Availability } {
    // Consent is asked for sending, not for looking at a date.
    const draft = this.draftOf({ ...form, consent: true });
    if (!draft.ok) return { errors: draft.errors };
    return { errors: null, availability: this.availability(draft.event, draft.hold, draft.headcount) };
  }

  /** Records a request (it holds nothing yet) and tells the requester, with the link to their page. */
  submit(form: RentalForm, lang: Language, address: string): SubmitOutcome {
    const draft = this.draftOf(form);
    if (!draft.ok) return { ok: false, errors: draft.errors };
    const availability = this.availability(draft.event, draft.hold, draft.headcount);
    if (!availability.free) return { ok: false, unavailable: availability };
    const limitedForMs = this.deps.limiter.take([['rentalRequestPerAddress', address]]);
    if (limitedForMs > 0) return { ok: false, limitedForMs };
    const token = newToken();
    const rental = immediate(this.db, (tx) => {
      const now = this.clock.now();
      const d = draft.draft;
      const row = insertRental(tx, {
        tokenHash: hashToken(token),
        status: 'requested',
        resourceId: this.space().id,
        organisation: d.organisation,
        organisationKind: d.kind,
        contactName: d.contactName,
        email: draft.email,
        phone: d.phone,
        language: lang,
        title: d.title,
        localDate: d.date,
        localStart: form.start,
        localEnd: form.end,
        startsAt: draft.event.start,
        endsAt: draft.event.end,
        layout: d.layout,
        headcount: d.headcount,
        purpose: d.purpose,
        isPublic: d.isPublic,
        options: d.options,
        consentAt: now,
        createdAt: now,
        updatedAt: now,
      });
      this.history(tx, row, 'requester', null, 'request', null, { options: d.options });
      this.mail(tx, 'received', row, { link: `${this.deps.mail.baseUrl}/rentals/${token}` });
      return row;
    });
    this.deps.outbox.kick();
    return { ok: true, token, rental };
  }

  private draftOf(form: RentalForm) {
    const space = this.space();
    const capacityOf = (layout: string) => space.layouts.find((l) => l.layout === layout)?.capacity ?? null;
    const checked = checkRentalForm(form, capacityOf);
    const email = normaliseEmail(form.email);
    const errors: RentalErrors = checked.ok ? {} : { ...checked.errors };
    if (form.email.trim() === '') errors.email = 'required';
    else if (!email) errors.email = 'invalid';
    let event: { start: number; end: number } | null = null;
    if (checked.ok) {
      const s = localToInstant(checked.draft.date, checked.draft.startMinutes, this.zone);
      const e = localToInstant(checked.draft.date, checked.draft.endMinutes, this.zone);
      if (!s.ok) errors.start = 'invalid';
      if (!e.ok) errors.end = 'invalid';
      if (s.ok && e.ok) event = { start: s.instant, end: e.instant };
    }
    const rate = checked.ok ? rateOn(this.rates(), checked.draft.date) : null;
    if (checked.ok && !rate) errors.date = 'invalid';
    if (!checked.ok || !email || !event || !rate || Object.keys(errors).length > 0)
      return { ok: false as const, errors };
    const step = space.rules.slotStepMinutes;
    const hold = holdInterval(event, setupOf(rate, checked.draft.layout, checked.draft.options, step));
    return { ok: true as const, draft: checked.draft, email, event, hold, headcount: checked.draft.headcount };
  }

  /** The space judged for the hold; alternatives given back as event times. */
  private availability(
    event: { start: number; end: number },
    hold: { start: number; end: number },
    headcount: number,
    exclude: readonly number[] = [],
  ): Availability {
    const space = this.space();
    const judged = this.bookings.judgeForRental(space.id, hold.start, hold.end, headcount, exclude);
    const before = event.start - hold.start;
    const after = hold.end - event.end;
    return {
      free: judged.violations.length === 0,
      violations: judged.violations,
      requestStart: hold.start,
      alternatives: judged.alternatives.map((a: Suggestion) => ({ start: a.start + before, end: a.end - after })),
    };
  }

  // ---- The requester's page ----

  /** The request behind a link, or null (an unknown or malformed token, an erased request). */
  byToken(token: string): RentalDetail | null {
    if (!isTokenShape(token)) return null;
    return readTransaction(this.db, () => {
      const rental = rentalByTokenHash(this.db, hashToken(token));
      if (!rental || rental.erasedAt !== null) return null;
      return this.detailOf(rental, 'requester');
    });
  }

  accept(token: string): RentalOutcome {
    return this.asRequester(token, 'accept', (tx, rental, now) => {
      const optionUntil =
        rental.status === 'option'
          ? rental.optionUntil
          : Math.min(now + this.settings().optionDays * DAY_MS, rental.startsAt);
      return this.hold(tx, rental, 'option', null, { quoteAcceptedAt: now, optionUntil, optionWarnedAt: null });
    });
  }

  cancel(token: string): RentalOutcome {
    return this.asRequester(token, 'cancel', (tx, rental) => this.end(tx, rental, 'cancelled', 'requester', null));
  }

  reply(token: string, body: string): RentalOutcome {
    const text = body.trim();
    if (text === '') return { ok: false, refusal: 'empty_message' };
    return this.asRequester(token, 'reply', (tx, rental, now) => {
      insertRentalMessage(tx, { requestId: rental.id, author: 'requester', memberId: null, body: text, at: now });
      this.history(tx, rental, 'requester', null, 'reply', rental.status);
      return { ok: true, rental: updateRental(tx, rental.id, { updatedAt: now }) };
    });
  }

  private asRequester(
    token: string,
    action: RentalAction,
    write: (tx: Db, rental: RentalRow, now: number) => RentalOutcome,
  ): RentalOutcome {
    if (!isTokenShape(token)) throw new NotFound();
    const outcome = immediate(this.db, (tx) => {
      const rental = rentalByTokenHash(tx, hashToken(token));
      if (!rental || rental.erasedAt !== null) throw new NotFound();
      const refusal = refusalOf(action, 'requester', this.stateOf(rental));
      if (refusal) return { ok: false as const, refusal: refusal as RentalRefusal };
      return write(tx, rental, this.clock.now());
    });
    this.deps.outbox.kick();
    return outcome;
  }

  // ---- Staff ----

  /** The queue: every request in a state, longest waiting first. */
  queue(actor: Actor): Record<RentalStatus, RentalSummary[]> {
    authorize(actor, 'rental.view');
    const now = this.clock.now();
    const all = rentalsIn(this.db, RENTAL_STATUSES, 2000);
    const out = Object.fromEntries(RENTAL_STATUSES.map((s) => [s, [] as RentalSummary[]])) as Record<
      RentalStatus,
      RentalSummary[]
    >;
    for (const rental of all)
      out[rental.status].push({ rental, ageDays: Math.floor((now - rental.updatedAt) / DAY_MS) });
    return out;
  }

  detail(actor: Actor, id: number): RentalDetail & { history: RentalHistoryRow[] } {
    authorize(actor, 'rental.view');
    return readTransaction(this.db, () => {
      const rental = rentalById(this.db, id);
      if (!rental) throw new NotFound();
      const detail = this.detailOf(rental, 'staff');
      return {
        ...detail,
        actions: can(actor, 'rental.manage') ? detail.actions : [],
        history: rentalHistoryOf(this.db, id),
      };
    });
  }

  /** Sends a quote (or a new one) from the rate in force on the event's date. */
  quote(actor: Actor, id: number): RentalOutcome {
    return this.asStaff(actor, id, 'quote', (tx, rental, now) => {
      const quote = this.proposalFor(rental);
      if (!quote) return { ok: false, refusal: 'no_rate' };
      const today = localDateOf(now, this.zone);
      const year = Number(today.slice(0, 4));
      const change: RentalChange = {
        status: rental.status === 'option' ? 'option' : 'quoted',
        quote,
        quoteNumber: formatQuoteNumber(year, nextQuoteSequence(tx, year)),
        quoteValidUntil: addDays(today, this.settings().quoteValidityDays),
        quoteAcceptedAt: null,
        updatedAt: now,
      };
      const updated = updateRental(tx, rental.id, change);
      this.history(tx, updated, 'staff', actor.id, rental.quote ? 'requote' : 'quote', rental.status, {
        number: change.quoteNumber,
        grossCents: quote.grossCents,
      });
      this.mail(tx, 'quoted', updated);
      return { ok: true, rental: updated };
    });
  }

  askChanges(actor: Actor, id: number, message: string): RentalOutcome {
    const text = message.trim();
    if (text === '') return { ok: false, refusal: 'empty_message' };
    return this.asStaff(actor, id, 'askChanges', (tx, rental, now) => {
      insertRentalMessage(tx, { requestId: rental.id, author: 'staff', memberId: actor.id, body: text, at: now });
      const updated = updateRental(tx, rental.id, { status: 'requested', quoteAcceptedAt: null, updatedAt: now });
      this.history(tx, updated, 'staff', actor.id, 'askChanges', rental.status);
      this.mail(tx, 'changes', updated, { message: text });
      return { ok: true, rental: updated };
    });
  }

  /** Holds the space until the end of `untilDate` (a local date before the event's). */
  option(actor: Actor, id: number, untilDate: string): RentalOutcome {
    return this.asStaff(actor, id, 'option', (tx, rental, now) => {
      const today = localDateOf(now, this.zone);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(untilDate) || untilDate < today || untilDate >= rental.localDate)
        return { ok: false, refusal: 'bad_date' };
      const optionUntil = startOfLocalDate(addDays(untilDate, 1), this.zone);
      return this.hold(tx, rental, 'option', actor.id, { optionUntil, optionWarnedAt: null });
    });
  }

  confirm(actor: Actor, id: number): RentalOutcome {
    return this.asStaff(actor, id, 'confirm', (tx, rental) =>
      this.hold(tx, rental, 'confirmed', actor.id, { optionUntil: null }),
    );
  }

  decline(actor: Actor, id: number, message: string): RentalOutcome {
    const text = message.trim();
    if (text === '') return { ok: false, refusal: 'empty_message' };
    return this.asStaff(actor, id, 'decline', (tx, rental, now) => {
      insertRentalMessage(tx, { requestId: rental.id, author: 'staff', memberId: actor.id, body: text, at: now });
      return this.end(tx, rental, 'declined', 'staff', actor.id, text);
    });
  }

  cancelByStaff(actor: Actor, id: number, message: string): RentalOutcome {
    const text = message.trim();
    if (text === '') return { ok: false, refusal: 'empty_message' };
    return this.asStaff(actor, id, 'cancel', (tx, rental, now) => {
      insertRentalMessage(tx, { requestId: rental.id, author: 'staff', memberId: actor.id, body: text, at: now });
      return this.end(tx, rental, 'cancelled', 'staff', actor.id, text);
    });
  }

  private asStaff(
    actor: Actor,
    id: number,
    action: RentalAction,
    write: (tx: Db, rental: RentalRow, now: number) => RentalOutcome,
  ): RentalOutcome {
    authorize(actor, 'rental.manage');
    const outcome = immediate(this.db, (tx) => {
      const rental = rentalById(tx, id);
      if (!rental) throw new NotFound();
      const refusal = refusalOf(action, 'staff', this.stateOf(rental));
      if (refusal) return { ok: false as const, refusal: refusal as RentalRefusal };
      return write(tx, rental, this.clock.now());
    });
    this.deps.outbox.kick();
    return outcome;
  }

  // ---- Jobs (called by src/jobs/rental-*.ts, each round in one transaction) ----

  /** Warns options lapsing within the warning time (once), then expires those lapsed, freeing the space. */
  expireOptionsIn(tx: Db, options: RentalRow[], now: number): { warned: number; expired: number } {
    const warnMs = this.settings().warnHours * 3_600_000;
    let warned = 0;
    let expired = 0;
    for (const rental of options) {
      if (rental.status !== 'option' || rental.optionUntil === null) continue;
      if (rental.optionUntil <= now) {
        this.end(tx, rental, 'expired', 'system', null);
        expired++;
      } else if (rental.optionWarnedAt === null && rental.optionUntil - now <= warnMs) {
        const updated = updateRental(tx, rental.id, { optionWarnedAt: now, updatedAt: rental.updatedAt });
        this.history(tx, updated, 'system', null, 'warn', rental.status);
        this.mail(tx, 'warning', updated);
        warned++;
      }
    }
    return { warned, expired };
  }

  /** A confirmed rental whose event is over becomes held (the history says so). */
  markHeldIn(tx: Db, rental: RentalRow, now: number): void {
    const updated = updateRental(tx, rental.id, { status: 'held', updatedAt: now });
    this.history(tx, updated, 'system', null, 'hold', rental.status);
  }

  /** Erases a finished request's contact details and messages, keeping what and when for the records. */
  eraseIn(tx: Db, rental: RentalRow, now: number): void {
    updateRental(tx, rental.id, {
      contactName: '',
      email: '',
      phone: '',
      purpose: '',
      erasedAt: now,
      updatedAt: rental.updatedAt,
    });
    eraseRentalMessages(tx, rental.id);
    this.history(tx, rental, 'system', null, 'erase', rental.status);
  }

  // ---- Shared steps ----

  private stateOf(rental: RentalRow) {
    const today = localDateOf(this.clock.now(), this.zone);
    return {
      status: rental.status,
      hasQuote: rental.quote !== null,
      quoteValid: rental.quoteValidUntil !== null && today <= rental.quoteValidUntil,
      daysToEvent: daysBetween(today, rental.localDate),
    };
  }

  private detailOf(rental: RentalRow, by: RentalActor): RentalDetail {
    return {
      rental,
      messages: rentalMessagesOf(this.db, rental.id),
      actions: openActions(by, this.stateOf(rental)),
      proposal: by === 'staff' ? this.proposalFor(rental) : null,
    };
  }

  /** The quote today's rates give the request. */
  private proposalFor(rental: RentalRow): RentalQuoteData | null {
    const rate = rateOn(this.rates(), rental.localDate);
    if (!rate) return null;
    return computeQuote(
      {
        startMinutes: parseLocalTime(rental.localStart)!,
        endMinutes: parseLocalTime(rental.localEnd)!,
        organisationKind: rental.organisationKind,
        options: rental.options as RentalOption[],
      },
      rate,
    );
  }

  /** The stretch a request holds: its event, with setup and teardown of the rate in force. */
  private holdOf(rental: RentalRow): { start: number; end: number } {
    const rate = rateOn(this.rates(), rental.localDate);
    const step = this.space().rules.slotStepMinutes;
    const setup = rate
      ? setupOf(rate, rental.layout, rental.options as RentalOption[], step)
      : { setup: 0, teardown: 0 };
    return holdInterval({ start: rental.startsAt, end: rental.endsAt }, setup);
  }

  /**
   * Puts the request in a holding state (option or confirmed): writes its booking, or moves the
   * one it has; the requests waiting for the same time are told, with the nearest free times.
   */
  private hold(
    tx: Db,
    rental: RentalRow,
    status: 'option' | 'confirmed',
    actorId: number | null,
    more: Partial<RentalChange>,
  ): RentalOutcome {
    const now = this.clock.now();
    const bookingStatus = status === 'option' ? 'pending' : 'confirmed';
    let bookingId = rental.bookingId;
    const current = bookingId !== null ? this.bookings.loader.queries.byId(bookingId) : undefined;
    const holding = current && (current.status === 'pending' || current.status === 'confirmed');
    if (!holding) {
      const span = this.holdOf(rental);
      const held = this.bookings.holdForRentalIn(
        tx,
        {
          resourceId: rental.resourceId,
          ...span,
          headcount: rental.headcount,
          title: rental.title,
          organisation: rental.organisation,
        },
        bookingStatus,
        actorId,
      );
      if (!held.ok) return { ok: false, refusal: 'unavailable', violations: held.violations };
      bookingId = held.booking.id;
    } else if (bookingStatus === 'confirmed') {
      this.bookings.setRentalHoldStatusIn(tx, bookingId!, 'confirmed', actorId);
    }
    if (status === 'confirmed' && rental.isPublic) setBookingPublic(tx, bookingId!, true, now);
    const updated = updateRental(tx, rental.id, { ...more, status, bookingId, updatedAt: now });
    const by = actorId === null ? 'requester' : 'staff';
    const action = status === 'confirmed' ? 'confirm' : by === 'requester' ? 'accept' : 'option';
    this.history(tx, updated, by, actorId, action, rental.status);
    if (status === 'confirmed')
      this.mail(tx, 'confirmed', updated, { booking: this.bookings.loader.queries.byId(bookingId!) });
    else if (rental.status !== 'option') this.mail(tx, 'option', updated);
    if (!holding) this.tellCompetitors(tx, updated);
    return { ok: true, rental: updated };
  }

  /** Ends a request (declined, cancelled, expired) and frees what it held. */
  private end(
    tx: Db,
    rental: RentalRow,
    status: 'declined' | 'cancelled' | 'expired',
    by: RentalActor,
    actorId: number | null,
    message?: string,
  ): RentalOutcome {
    const now = this.clock.now();
    let booking;
    if (rental.bookingId !== null) {
      const bookingStatus = status === 'expired' ? 'released' : 'cancelled';
      booking = this.bookings.setRentalHoldStatusIn(tx, rental.bookingId, bookingStatus, actorId);
    }
    const updated = updateRental(tx, rental.id, { status, optionUntil: null, updatedAt: now });
    this.history(
      tx,
      updated,
      by,
      actorId,
      status === 'expired' ? 'expire' : status === 'declined' ? 'decline' : 'cancel',
      rental.status,
    );
    const kind: RentalMailKind = status === 'expired' ? 'expired' : status === 'declined' ? 'declined' : 'cancelled';
    // Only a confirmed rental had an invitation: its calendar entry is cancelled.
    const invitation = rental.status === 'confirmed' && booking ? { booking } : {};
    this.mail(tx, kind, updated, { ...(message ? { message } : {}), ...invitation });
    return { ok: true, rental: updated };
  }

  /** Requests waiting for an overlapping time hear that it is taken, with the nearest free times. */
  private tellCompetitors(tx: Db, taken: RentalRow): void {
    const span = this.holdOf(taken);
    const zone = this.zone;
    for (const other of competingRentals(
      tx,
      taken.id,
      taken.resourceId,
      span.start - 3 * 3_600_000,
      span.end + 3 * 3_600_000,
      WAITING,
    )) {
      const availability = this.availability(
        { start: other.startsAt, end: other.endsAt },
        this.holdOf(other),
        other.headcount,
      );
      if (availability.free) continue;
      const alternatives = availability.alternatives.map(
        // Worded like the public form's suggestions: the date in the requester's words, times in the site's zone.
        (a) => {
          const words = (instant: number, style: 'weekdayDate' | 'time') =>
            formatInstant(instant, other.language, zone, style);
          return `${words(a.start, 'weekdayDate')}, ${words(a.start, 'time')} – ${words(a.end, 'time')}`;
        },
      );
      this.history(tx, other, 'system', null, 'competitor', other.status, { by: taken.id });
      this.mail(tx, 'competing', other, { alternatives });
    }
  }

  private history(
    tx: Db,
    rental: RentalRow,
    actor: RentalActor,
    memberId: number | null,
    action: string,
    fromStatus: RentalStatus | null,
    details: Record<string, unknown> = {},
  ): void {
    insertRentalHistory(tx, {
      requestId: rental.id,
      at: this.clock.now(),
      actor,
      memberId,
      action,
      fromStatus,
      toStatus: rental.status,
      details,
    });
  }

  private mail(tx: Db, kind: RentalMailKind, rental: RentalRow, extra: RentalMailExtra = {}): void {
    if (rental.erasedAt !== null || rental.email === '') return;
    const snapshot = this.bookings.inventory.get();
    const space = this.bookings.inventory.resource(rental.resourceId);
    const lang = rental.language;
    const place = {
      resourceName: (lang === 'en' && space?.nameEn) || space?.name || '',
      siteAddress: snapshot.site.address,
      zone: snapshot.site.timezone,
    };
    enqueueMail(tx, composeRentalMail(kind, rental, place, this.deps.mail, extra), this.clock.now());
  }
}
