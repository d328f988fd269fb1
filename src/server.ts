// Entry point: read config, open (and migrate) the database, seed an empty one, listen,
// and close with grace on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { systemClock } from './services/index.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { closeDatabase, openDatabase } from './db/connection.js';
import { transportFromConfig } from './mail/transport.js';
import { createOutboxWorker } from './mail/worker.js';
import { createReminderJob } from './jobs/reminders.js';
import { createVisitorErasureJob } from './jobs/visitor-erasure.js';
import { createNoShowJob } from './jobs/no-shows.js';
import { createRentalErasureJob } from './jobs/rental-erasure.js';
import { createRentalOptionJob } from './jobs/rental-options.js';
import { isEmpty } from '../seed/seed.js';
import { seedAll } from '../seed/index.js';

const started = performance.now();
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(1);
  }
  throw err;
}

const db = openDatabase(config.databasePath);
if (config.seedOnStart && isEmpty(db)) {
  const report = await seedAll(db, config, Date.now());
  for (const line of report.lines) console.log(line);
}
const outbox = createOutboxWorker({
  db,
  clock: systemClock,
  transport: transportFromConfig(config),
  settings: config,
});
const app = await buildApp({ config, db, outbox });
const reminders = createReminderJob({ db, clock: systemClock, reminders: config.reminders, outbox });
const visitorErasure = createVisitorErasureJob({ db, clock: systemClock });
const noShows = createNoShowJob({ checkIn: app.services.checkIn, outbox });
const rentalOptions = createRentalOptionJob({ db, clock: systemClock, rentals: app.services.rentals, outbox });
const rentalErasure = createRentalErasureJob({ db, clock: systemClock, rentals: app.services.rentals });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    reminders.stop();
    visitorErasure.stop();
    noShows.stop();
    rentalOptions.stop();
    rentalErasure.stop();
    await app.close();
    await outbox.stop();
  } finally {
    closeDatabase(db);
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  console.error(`Could not listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  closeDatabase(db);
  process.exit(1);
}
// Mail waits for the server to be up; messages left by a previous run go out now.
outbox.start(app.log);
reminders.start(app.log);
visitorErasure.start(app.log);
noShows.start(app.log);
rentalOptions.start(app.log);
rentalErasure.start(app.log);
const ms = Math.round(performance.now() - started);
console.log(`21 booking app listening at ${config.baseUrl} (ready in ${ms} ms, database ${config.databasePath})`);
