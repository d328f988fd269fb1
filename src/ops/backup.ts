// `npm run backup -- FILE`: a consistent copy of the configured database, taken while the
// server runs (see src/db/backup.ts). Restore it with `npm run restore -- FILE`.
import { loadConfig } from '../config.js';
import { backupDatabase, RestoreRefused } from '../db/backup.js';

const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- FILE   (a new file: the copy of the database)');
  process.exit(2);
}
const config = loadConfig();
try {
  const { pages, bytes } = await backupDatabase(config.databasePath, target);
  console.log(`Backup of ${config.databasePath} written to ${target}: ${pages} pages, ${bytes} bytes.`);
} catch (err) {
  console.error(`Backup failed: ${err instanceof RestoreRefused ? err.message : (err as Error).message}`);
  process.exit(1);
}
