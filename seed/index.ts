// Everything a first start (or `npm run seed`) writes: the inventory, then demo accounts.
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/connection.js';
import { seedInventory } from './seed.js';

export interface SeedAllReport {
  lines: string[];
}

export async function seedAll(db: Db, _config: Config, now: number): Promise<SeedAllReport> {
  const inventory = seedInventory(db, now);
  return {
    lines: [`Inventory: ${inventory.resourcesCreated} resources and ${inventory.closuresCreated} closures created.`],
  };
}
