// `npm run invite-admin -- EMAIL "NAME" [fr|en]`: invites the first admin of a new installation.
// Production creates no demo accounts, so someone must hold the keys first; once an active admin
// exists the command refuses, and admins invite everyone else from /admin/members.
import { loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { emlDirectory, transportFromConfig } from '../mail/transport.js';
import { createOutboxWorker } from '../mail/worker.js';
import { TOKEN_LIFETIME } from '../services/accounts.js';
import { buildServices, systemClock } from '../services/index.js';

const [email, name, language] = process.argv.slice(2);
if (!email || !name) {
  console.error('Usage: npm run invite-admin -- EMAIL "NAME" [fr|en]   (the first admin of this installation)');
  process.exit(2);
}
const config = loadConfig();
const db = openDatabase(config.databasePath);
const outbox = createOutboxWorker({ db, clock: systemClock, transport: transportFromConfig(config), settings: config });
const { accounts } = buildServices({ db, clock: systemClock, config, outbox: { kick: () => undefined } });
const result = accounts.inviteFirstAdmin({ email, name, language: language ?? 'fr' });
if (result.kind === 'admin_exists') {
  console.error('Refused: this installation already has an active admin, who invites others from /admin/members.');
} else if (result.kind === 'problems') {
  console.error(
    `Refused: ${Object.entries(result.errors)
      .map(([field, error]) => `${field} ${error}`)
      .join(', ')}.`,
  );
} else {
  // Sent now rather than at the app's next start, so the link arrives whether or not the app runs.
  await outbox.runOnce();
  const where = config.smtpUrl ? 'by e-mail' : `as an .eml file in ${emlDirectory(config)}`;
  console.log(
    `Invitation for ${email} sent ${where}; the link is valid for ${TOKEN_LIFETIME.invitation / 86_400_000} days.`,
  );
}
closeDatabase(db);
process.exit(result.kind === 'sent' ? 0 : 1);
