// `npm run restore -- FILE`: checks a backup (SQLite's integrity check, our tables) and puts
// it in place of the configured database, the server stopped. The next start applies any
// migration the copy lacks.
import { loadConfig } from '../config.js';
import { RestoreRefused, restoreDatabase } from '../db/backup.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- FILE   (a file written by npm run backup; stop the server first)');
  process.exit(2);
}
const config = loadConfig();
try {
  const { bookings, migrations } = restoreDatabase(file, config.databasePath);
  console.log(`Restored ${file} to ${config.databasePath}: ${bookings} bookings, ${migrations} migrations applied.`);
} catch (err) {
  console.error(`Restore refused: ${err instanceof RestoreRefused ? err.message : (err as Error).message}`);
  process.exit(1);
}
