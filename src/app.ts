// buildApp(deps): the whole web application as one Fastify instance. Plugins and route
// modules are registered explicitly, in order, so what runs before what is visible here.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { Clock } from './domain/clock.js';
import type { OutboxKick } from './mail/worker.js';
import { buildServices, systemClock, type Services } from './services/index.js';
import assets from './web/plugins/assets.js';
import csrf from './web/plugins/csrf.js';
import errors, { answerFrameworkError } from './web/plugins/errors.js';
import formBody from './web/plugins/form-body.js';
import i18n from './web/plugins/i18n.js';
import securityHeaders from './web/plugins/security-headers.js';
import session from './web/plugins/session.js';
import views from './web/plugins/views.js';
import adminOutboxRoutes from './web/routes/admin-outbox.js';
import adminApprovalRoutes from './web/routes/admin-approvals.js';
import adminEventSpaceRoutes from './web/routes/admin-event-space.js';
import adminAuditRoutes from './web/routes/admin-audit.js';
import adminClosureRoutes from './web/routes/admin-closures.js';
import adminResourceRoutes from './web/routes/admin-resources.js';
import adminHoursRoutes from './web/routes/admin-hours.js';
import adminMemberRoutes from './web/routes/admin-members.js';
import adminOrganisationRoutes from './web/routes/admin-organisations.js';
import adminPriceRoutes from './web/routes/admin-prices.js';
import adminReportRoutes from './web/routes/admin-reports.js';
import authRoutes from './web/routes/auth.js';
import bookRoutes from './web/routes/book.js';
import bookingRoutes from './web/routes/bookings.js';
import cancelRoutes from './web/routes/cancel.js';
import catalogueRoutes from './web/routes/catalogue.js';
import checkInRoutes from './web/routes/check-in.js';
import feedRoutes from './web/routes/feeds.js';
import frontDeskRoutes from './web/routes/frontdesk.js';
import kioskRoutes from './web/routes/kiosks.js';
import healthRoutes from './web/routes/health.js';
import homeRoutes from './web/routes/home.js';
import languageRoutes from './web/routes/language.js';
import profileRoutes from './web/routes/profile.js';
import teamRoutes from './web/routes/team.js';
import staffBookingRoutes from './web/routes/staff-bookings.js';
import visitorRoutes from './web/routes/visitors.js';
import rentalRoutes from './web/routes/rentals.js';
import rentalAdminRoutes from './web/routes/rentals-admin.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Injected so tests can stand on a fixed day; defaults to the system clock. */
  clock?: Clock;
  /** The mail outbox worker; services kick it after a commit that enqueued mail. */
  outbox?: OutboxKick;
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: { config: Config; clock: Clock };
    services: Services;
    outbox: OutboxKick;
    /** Every route as registered (method, URL): what a scan of the whole app walks. */
    routeList: readonly { method: string; url: string }[];
  }
}

/**
 * Fastify's own hop count now trusts nobody (it cannot tell a proxy from a client), so a count
 * is a function of the hop: right only when the app is reachable through its proxies alone.
 */
function proxyTrust(trust: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      // Secrets never reach the log: cookies, CSRF tokens and passwords are redacted.
      redact: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    trustProxy: proxyTrust(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
  });

  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });

  const clock = deps.clock ?? systemClock;
  const outbox = deps.outbox ?? { kick() {} };
  app.decorate('deps', { config, clock });
  app.decorate('outbox', outbox);
  app.decorate('services', buildServices({ db, clock, config, outbox }));

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  await app.register(securityHeaders, { https: config.baseUrl.startsWith('https:') });
  await app.register(fastifyCookie);
  await app.register(formBody, { bodyLimit: 64 * 1024 });
  await app.register(i18n);
  // After i18n (a member's profile language wins), before every route; CSRF checks each unsafe request.
  await app.register(session);
  await app.register(csrf);
  await app.register(views, { cache: process.env.TEMPLATE_RELOAD !== '1' });
  await app.register(errors);
  await app.register(assets);

  await app.register(healthRoutes);
  await app.register(languageRoutes);
  await app.register(homeRoutes);
  await app.register(catalogueRoutes);
  await app.register(bookingRoutes);
  await app.register(cancelRoutes);
  await app.register(checkInRoutes);
  await app.register(bookRoutes);
  await app.register(authRoutes);
  await app.register(profileRoutes);
  await app.register(teamRoutes);
  await app.register(adminMemberRoutes);
  await app.register(adminOrganisationRoutes);
  await app.register(adminAuditRoutes);
  await app.register(adminClosureRoutes);
  await app.register(adminResourceRoutes);
  await app.register(adminHoursRoutes);
  await app.register(adminOutboxRoutes);
  await app.register(adminReportRoutes);
  await app.register(adminPriceRoutes);
  await app.register(adminApprovalRoutes);
  await app.register(adminEventSpaceRoutes);
  await app.register(feedRoutes);
  await app.register(staffBookingRoutes);
  await app.register(visitorRoutes);
  await app.register(frontDeskRoutes);
  await app.register(kioskRoutes);
  await app.register(rentalRoutes);
  await app.register(rentalAdminRoutes);
  return app;
}
