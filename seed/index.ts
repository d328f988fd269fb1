// Everything a first start (or `npm run seed`) writes: the inventory, then demo accounts.
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/connection.js';
import { seedDemoAccounts } from './accounts.js';
import { seedDemoDay } from './demo-day.js';
import { seedPublicRates } from './public-rates.js';
import { seedDemoRentals } from './demo-rentals.js';
import { seedInventory } from './seed.js';

export interface SeedAllReport {
  lines: string[];
}

export async function seedAll(db: Db, config: Config, now: number): Promise<SeedAllReport> {
  const inventory = seedInventory(db, now);
  const rates = seedPublicRates(db, now);
  const lines = [
    `Inventory: ${inventory.resourcesCreated} resources and ${inventory.closuresCreated} closures created.`,
    `Public rates: ${rates} created.`,
  ];
  // Demo accounts open the door to anyone who reads the README: never in production.
  if (config.production) return { lines };
  const demo = await seedDemoAccounts(db, config, now);
  if (demo.created.length === 0) {
    lines.push('Demo accounts: already there (their password is not shown again).');
  } else {
    lines.push(
      `Demo accounts created (password ${demo.passwordFromEnv ? 'from DEMO_PASSWORD' : 'generated, shown only this once'}):`,
    );
    for (const email of demo.created) lines.push(`  ${email}`);
    lines.push(`  password: ${demo.password}`);
  }
  if (config.demoDay) {
    const day = seedDemoDay(db, now);
    if (day.date)
      lines.push(
        `Demo day ${day.date}: ${day.bookings} bookings (check-ins, a no-show, a guest), ${day.visitors} visitors.`,
      );
    const rentals = seedDemoRentals(db, config, now);
    if (rentals > 0) lines.push(`Demo rentals: ${rentals} requests, one in each state.`);
  }
  return { lines };
}
