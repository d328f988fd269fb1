// The floor plan's coordinates in the seed: every zone and resource drawn, each inside its
// zone, none on top of another (the plan is read by eye and by pointer).
import { describe, expect, it } from 'vitest';
import { defaultInventory, ZONES, type PlanSeed } from '../../seed/inventory.js';

const inside = (a: PlanSeed, b: PlanSeed) =>
  a.planX >= b.planX &&
  a.planY >= b.planY &&
  a.planX + a.planWidth <= b.planX + b.planWidth &&
  a.planY + a.planHeight <= b.planY + b.planHeight;
const overlap = (a: PlanSeed, b: PlanSeed) =>
  a.planX < b.planX + b.planWidth &&
  b.planX < a.planX + a.planWidth &&
  a.planY < b.planY + b.planHeight &&
  b.planY < a.planY + a.planHeight;

describe('the seed floor plan', () => {
  const resources = defaultInventory();

  it('draws every zone and every resource, each inside its zone', () => {
    for (const r of resources) {
      const zone = ZONES.find((z) => z.slug === r.zone)!;
      expect(r.plan, r.slug).toBeDefined();
      expect(inside(r.plan!, zone), `${r.slug} in ${zone.slug}`).toBe(true);
    }
  });

  it('puts no two zones and no two resources on top of each other', () => {
    const pairs = (items: { name: string; plan: PlanSeed }[]) =>
      items.flatMap((a, i) =>
        items
          .slice(i + 1)
          .filter((b) => overlap(a.plan, b.plan))
          .map((b) => `${a.name}/${b.name}`),
      );
    expect(pairs(ZONES.map((z) => ({ name: z.slug, plan: z })))).toEqual([]);
    expect(pairs(resources.map((r) => ({ name: r.slug, plan: r.plan! })))).toEqual([]);
  });

  it('gives a desk room for a 24 px target once the plan is 44rem wide', () => {
    // The plan's 1000 units are never drawn narrower than 704 px (public/timeline.css).
    for (const r of resources.filter((d) => d.kind === 'desk')) {
      expect(r.plan!.planWidth * 0.704, r.slug).toBeGreaterThanOrEqual(24);
      expect(r.plan!.planHeight * 0.704, r.slug).toBeGreaterThanOrEqual(24);
    }
  });
});
