// The composition root of the services: every service is built here, once, from the
// database, the clock and the config. Plugins, routes and jobs receive them; none builds one.
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';
import { bookingMailListener } from '../mail/booking-mails.js';
import { intentWriter } from '../mail/outbox.js';
import { seriesMailListener } from '../mail/series-mails.js';
import type { OutboxKick } from '../mail/worker.js';
import { AccountService } from './accounts.js';
import { ApprovalService } from './approvals.js';
import { AuditService } from './audit.js';
import { DeskPlanService } from './desk-plan.js';
import { AvailabilityService } from './availability.js';
import { BookingService } from './bookings.js';
import { CatalogueService } from './catalogue.js';
import { CheckInService } from './check-in.js';
import { FeedTokenService } from './feed-tokens.js';
import { FeedService } from './feeds.js';
import { FindService } from './find.js';
import { FreeTimesService } from './free-times.js';
import { FrontDeskService } from './frontdesk.js';
import { HealthService } from './health.js';
import { HomeService } from './home.js';
import { Inventory } from './inventory.js';
import { KioskService } from './kiosks.js';
import { OrganisationPlanService } from './organisation-plans.js';
import { OrganisationService } from './organisations.js';
import { OutboxService } from './outbox.js';
import { PublicEventService } from './public-events.js';
import { PublicRateService } from './public-rates.js';
import { RateLimiter } from './rate-limit.js';
import { ReportService } from './reports.js';
import { RentalService } from './rentals.js';
import { SeriesService } from './series.js';
import { SessionService } from './sessions.js';
import { SpaceService } from './space.js';
import { SpaceResourceService } from './space-resources.js';
import { SpaceHoursService } from './space-hours.js';
import { StaffBookingService } from './staff-bookings.js';
import { VisitorService } from './visitors.js';

export const systemClock: Clock = { now: () => Date.now() };

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  config: Config;
  /** The mail outbox worker, told after a commit that queued mail. */
  outbox: OutboxKick;
}

export type Services = ReturnType<typeof buildServices>;

export function buildServices({ db, clock, config, outbox }: ServiceDeps) {
  const inventory = new Inventory(db);
  const bookings = new BookingService(db, inventory, clock);
  const intents = intentWriter(db);
  bookings.onChange(bookingMailListener(intents, outbox, clock));
  const series = new SeriesService(db, bookings, clock);
  series.onCreated(seriesMailListener(intents, outbox, clock));
  const sessions = new SessionService(db, clock);
  const limiter = new RateLimiter(clock);
  const accounts = new AccountService(db, clock, sessions, limiter, {
    baseUrl: config.baseUrl,
    kickOutbox: () => outbox.kick(),
    onDeactivated: (tx, memberId, actorId, now) => bookings.cancelFutureOf(tx, memberId, actorId, now),
  });
  const organisationPlans = new OrganisationPlanService(db, clock, inventory);
  const services = {
    inventory,
    catalogue: new CatalogueService(db, inventory),
    bookings,
    checkIn: new CheckInService(db, bookings, inventory, clock),
    series,
    availability: new AvailabilityService(bookings.loader.queries),
    deskPlan: new DeskPlanService(bookings.loader.queries),
    find: new FindService(bookings, clock),
    sessions,
    limiter,
    accounts,
    organisationPlans,
    organisations: new OrganisationService(db, clock, inventory, organisationPlans),
    audit: new AuditService(db),
    feeds: new FeedService(db, inventory, { baseUrl: config.baseUrl, mailFrom: config.mailFrom }),
    feedTokens: new FeedTokenService(db, clock),
    publicEvents: new PublicEventService(db, () => inventory.get(), clock),
    outbox: new OutboxService(db, clock, outbox, { baseUrl: config.baseUrl, mailFrom: config.mailFrom }),
    health: new HealthService(db, clock, config.databasePath),
    staffBookings: new StaffBookingService(db),
    visitors: new VisitorService(db, inventory, clock, outbox),
    frontDesk: new FrontDeskService(db, inventory, clock),
    kiosks: new KioskService(db, inventory, clock),
    reports: new ReportService(db, inventory, clock, bookings.loader),
    publicRates: new PublicRateService(db, clock),
    approvals: new ApprovalService(db, bookings, inventory, clock),
    rentals: new RentalService({
      db,
      bookings,
      clock,
      outbox,
      mail: { baseUrl: config.baseUrl, mailFrom: config.mailFrom },
      limiter,
    }),
    space: new SpaceService(db, inventory, bookings, clock),
    spaceResources: new SpaceResourceService(db, inventory, bookings, clock),
    spaceHours: new SpaceHoursService(db, inventory, clock),
  };
  // The home page and a space's free times read through the services above rather than building their own.
  const home = new HomeService(db, inventory, bookings, services.checkIn, services.availability, clock);
  const freeTimes = new FreeTimesService(inventory, services.availability, clock);
  return { ...services, home, freeTimes };
}
