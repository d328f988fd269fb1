// `npm run seed`: seeds the configured database (idempotent) and prints what it did.
import { loadConfig } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { seedAll } from './index.js';

const config = loadConfig();
const db = openDatabase(config.databasePath);
try {
  const report = await seedAll(db, config, Date.now());
  for (const line of report.lines) console.log(line);
} finally {
  closeDatabase(db);
}
