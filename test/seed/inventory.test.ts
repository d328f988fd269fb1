import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { closeDatabase, openDatabase, type Db } from '../../src/db/connection.js';
import { frenchPublicHolidays } from '../../seed/holidays.js';
import { defaultInventory, SITE_HOURS, ZONES } from '../../seed/inventory.js';
import { seedInventory } from '../../seed/seed.js';
import { tempDir } from '../helpers/app.js';

describe('default inventory (pure)', () => {
  const inventory = defaultInventory();
  const byKind = (kind: string) => inventory.filter((r) => r.kind === kind);

  it('has the counts of PRODUCT.md', () => {
    expect(byKind('desk')).toHaveLength(64);
    expect(byKind('meeting_room')).toHaveLength(8);
    expect(byKind('event_space')).toHaveLength(1);
    expect(byKind('digital_studio')).toHaveLength(1);
    expect(byKind('vr_studio')).toHaveLength(1);
    expect(byKind('sports_hall')).toHaveLength(1);
  });

  it('puts desks in named zones, with some adjustable and wheelchair-accessible ones', () => {
    const desks = byKind('desk');
    const zones = new Set(desks.map((d) => d.zone));
    expect(zones.size).toBeGreaterThanOrEqual(3);
    for (const zone of zones) expect(ZONES.some((z) => z.slug === zone)).toBe(true);
    expect(desks.filter((d) => d.accessibility.includes('adjustable_height_desk')).length).toBeGreaterThan(0);
    expect(desks.filter((d) => d.accessibility.includes('wheelchair_accessible')).length).toBeGreaterThan(0);
    expect(desks.every((d) => d.rules.shape === 'half_day')).toBe(true);
  });

  it('gives meeting rooms capacities from 4 to 20 and equipment, bookable by 15 minutes up to 8 weeks ahead', () => {
    const rooms = byKind('meeting_room');
    expect(Math.min(...rooms.map((r) => r.capacity))).toBe(4);
    expect(Math.max(...rooms.map((r) => r.capacity))).toBe(20);
    expect(rooms.every((r) => r.equipment.length > 0)).toBe(true);
    expect(
      rooms.every(
        (r) =>
          r.rules.slotStepMinutes === 15 &&
          r.rules.minDurationMinutes === 15 &&
          r.rules.maxDurationMinutes === 240 &&
          r.rules.horizonDays === 56,
      ),
    ).toBe(true);
  });

  it('gives the event space layouts, approval and set-up buffers; studios need an induction; the hall is shared', () => {
    const [event] = byKind('event_space');
    expect(event?.layouts?.map((l) => l.layout).sort()).toEqual(['cabaret', 'theatre', 'workshop']);
    expect(event?.rules.approvalRequired).toBe(true);
    expect(event?.rules.bufferBeforeMinutes).toBeGreaterThan(0);
    expect(event?.hours?.every((h) => h.closes > '19:00')).toBe(true);
    expect(byKind('digital_studio')[0]?.rules.inductionRequired).toBe(true);
    expect(byKind('vr_studio')[0]?.rules.inductionRequired).toBe(true);
    expect(byKind('sports_hall')[0]?.rules).toMatchObject({ capacityModel: 'shared', sharedPlaces: 20 });
  });

  it('opens Monday to Friday 08:30–19:00', () => {
    expect(SITE_HOURS).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '19:00' })));
  });

  it('has unique slugs', () => {
    expect(new Set(inventory.map((r) => r.slug)).size).toBe(inventory.length);
  });
});

describe('French public holidays', () => {
  it('come from the package, 11 a year, on the right dates whatever the process zone', () => {
    const y2027 = frenchPublicHolidays(2027);
    expect(y2027).toHaveLength(11);
    expect(y2027.map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
    expect(frenchPublicHolidays(2026).find((h) => h.name === 'Lundi de Pâques')?.date).toBe('2026-04-06');
  });
});

describe('seedInventory on a real SQLite file', () => {
  let db: Db | undefined;
  let dir: string | undefined;
  afterEach(() => {
    if (db) closeDatabase(db);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const dump = (d: Db) =>
    ['sites', 'zones', 'resources', 'resource_links', 'opening_hours', 'closures'].map((table) =>
      d.$client.prepare(`SELECT * FROM ${table} ORDER BY 1`).all(),
    );

  it('creates the inventory and the holidays of this year and next, and changes nothing the second time', () => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'seed.sqlite'));
    const now = Date.UTC(2026, 10, 30, 12);
    const first = seedInventory(db, now);
    expect(first.resourcesCreated).toBe(76);
    expect(first.closuresCreated).toBe(22);
    const before = dump(db);
    const second = seedInventory(db, now);
    expect(second).toMatchObject({ resourcesCreated: 0, closuresCreated: 0 });
    expect(dump(db)).toEqual(before);

    const christmas = db.$client
      .prepare("SELECT starts_at, ends_at, reason, reason_en FROM closures WHERE source_key = 'holiday:2026-12-25'")
      .get() as { starts_at: number; ends_at: number; reason: string; reason_en: string };
    // Paris is UTC+1 in December: the local day starts at 23:00 UTC the day before.
    expect(christmas).toEqual({
      starts_at: Date.UTC(2026, 11, 24, 23),
      ends_at: Date.UTC(2026, 11, 25, 23),
      reason: 'Noël',
      reason_en: 'Christmas Day',
    });
    const easterMonday2027 = db.$client
      .prepare("SELECT starts_at, ends_at FROM closures WHERE source_key = 'holiday:2027-03-29'")
      .get() as { starts_at: number; ends_at: number };
    // The day after the spring change: UTC+2.
    expect(easterMonday2027).toEqual({ starts_at: Date.UTC(2027, 2, 28, 22), ends_at: Date.UTC(2027, 2, 29, 22) });
  });

  it('keeps an admin change when run again', () => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'seed.sqlite'));
    seedInventory(db, Date.UTC(2026, 10, 30));
    db.$client.prepare("UPDATE resources SET capacity = 18 WHERE slug = 'salle-dunant'").run();
    seedInventory(db, Date.UTC(2026, 10, 30));
    expect(db.$client.prepare("SELECT capacity FROM resources WHERE slug = 'salle-dunant'").get()).toEqual({
      capacity: 18,
    });
  });
});
