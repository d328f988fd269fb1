// Writes the default inventory of 21. Idempotent: rows are found by their natural keys
// (slugs, holiday dates) and never overwritten, so running it twice changes nothing and
// an admin's later edits survive.
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { immediate, type Db } from '../src/db/connection.js';
import { checkInPolicies, closures, openingHours, resourceLinks, resources, sites, zones } from '../src/db/schema.js';
import { frenchPublicHolidays, type Holiday } from './holidays.js';
import { CHECK_IN_POLICIES, defaultInventory, HOLIDAY_NAMES_EN, SITE, SITE_HOURS, ZONES } from './inventory.js';

export interface SeedReport {
  siteId: number;
  resourcesCreated: number;
  closuresCreated: number;
}

export function seedInventory(db: Db, now: number): SeedReport {
  return immediate(db, (tx) => {
    tx.insert(sites)
      .values({ ...SITE, createdAt: now })
      .onConflictDoNothing()
      .run();
    const site = tx.select().from(sites).where(eq(sites.slug, SITE.slug)).get();
    if (!site) throw new Error('site missing after insert');

    const existingSiteHours = tx
      .select({ id: openingHours.id })
      .from(openingHours)
      .where(and(eq(openingHours.siteId, site.id), isNull(openingHours.resourceId)))
      .get();
    if (!existingSiteHours) {
      tx.insert(openingHours)
        .values(SITE_HOURS.map((h) => ({ siteId: site.id, resourceId: null, ...h })))
        .run();
    }

    for (const { kind, ...policy } of CHECK_IN_POLICIES)
      tx.insert(checkInPolicies)
        .values({ siteId: site.id, resourceKind: kind, ...policy })
        .onConflictDoNothing()
        .run();

    ZONES.forEach((zone, i) => {
      tx.insert(zones)
        .values({ siteId: site.id, sortOrder: i, ...zone })
        .onConflictDoNothing()
        .run();
    });
    const zoneIds = new Map(
      tx
        .select()
        .from(zones)
        .where(eq(zones.siteId, site.id))
        .all()
        .map((z) => [z.slug, z.id] as const),
    );

    const inventory = defaultInventory();
    let resourcesCreated = 0;
    inventory.forEach((seed, i) => {
      const inserted = tx
        .insert(resources)
        .values({
          siteId: site.id,
          zoneId: zoneIds.get(seed.zone) ?? null,
          kind: seed.kind,
          slug: seed.slug,
          name: seed.name,
          nameEn: seed.nameEn ?? null,
          nameGender: seed.nameGender,
          description: seed.description,
          descriptionEn: seed.descriptionEn,
          capacity: seed.capacity,
          equipment: seed.equipment,
          accessibility: seed.accessibility,
          layouts: seed.layouts ?? [],
          sortOrder: i,
          ...seed.plan,
          ...seed.rules,
        })
        .onConflictDoNothing()
        .returning({ id: resources.id })
        .all();
      if (inserted.length === 0) return;
      resourcesCreated++;
      const id = inserted[0]!.id;
      if (seed.hours?.length) {
        tx.insert(openingHours)
          .values(seed.hours.map((h) => ({ siteId: site.id, resourceId: id, ...h })))
          .run();
      }
    });

    const ids = new Map(
      tx
        .select({ id: resources.id, slug: resources.slug })
        .from(resources)
        .where(eq(resources.siteId, site.id))
        .all()
        .map((r) => [r.slug, r.id] as const),
    );
    for (const seed of inventory) {
      for (const other of seed.linkedTo ?? []) {
        const a = ids.get(seed.slug);
        const b = ids.get(other);
        if (a !== undefined && b !== undefined)
          tx.insert(resourceLinks).values({ resourceId: a, linkedResourceId: b }).onConflictDoNothing().run();
      }
    }

    const year = DateTime.fromMillis(now, { zone: site.timezone }).year;
    let closuresCreated = 0;
    for (const holiday of [...frenchPublicHolidays(year), ...frenchPublicHolidays(year + 1)]) {
      const { start, end } = localDay(holiday, site.timezone);
      const result = tx
        .insert(closures)
        .values({
          siteId: site.id,
          resourceId: null,
          startsAt: start,
          endsAt: end,
          kind: 'public_holiday',
          reason: holiday.name,
          reasonEn: HOLIDAY_NAMES_EN[holiday.name] ?? holiday.name,
          sourceKey: `holiday:${holiday.date}`,
        })
        .onConflictDoNothing()
        .run();
      closuresCreated += result.changes;
    }
    return { siteId: site.id, resourcesCreated, closuresCreated };
  });
}

function localDay(holiday: Holiday, zone: string): { start: number; end: number } {
  const start = DateTime.fromISO(holiday.date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

/** True when the database holds no site yet: the first start seeds it. */
export function isEmpty(db: Db): boolean {
  return db.select({ id: sites.id }).from(sites).limit(1).all().length === 0;
}
