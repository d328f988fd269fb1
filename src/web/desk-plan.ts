// The floor plan of the desk page, drawn from data: each zone and space where its plan
// rectangle puts it, each desk a control named with its state in words ("Poste OS-03,
// libre"); its state is also drawn by a pattern and a border, never by colour alone.
import type { ResourceView, ZoneRow } from '../services/catalogue.js';
import type { DeskHolder } from '../services/desk-plan.js';
import type { NameGender } from '../i18n/names.js';

export type DeskState = 'free' | 'taken' | 'mine' | 'team';

/** A rectangle on the floor plan, in plan units. */
type PlanRect = NonNullable<ResourceView['plan']>;

export interface PlanArea {
  rect: PlanRect;
  name: string;
}

export interface PlanDesk {
  id: number;
  rect: PlanRect;
  /** The short name drawn on the desk ("OS-03"), part of its accessible name. */
  short: string;
  /** Its accessible name: name and state in words. */
  label: string;
  state: DeskState;
  /** The person's own booking of it, for a desk that is theirs. */
  bookingHref: string | null;
}

export interface DeskPlanView {
  viewBox: string;
  zones: PlanArea[];
  spaces: PlanArea[];
  desks: PlanDesk[];
}

/** A plan rectangle of a row, or null when the row is not drawn. */
function zoneRect(z: ZoneRow): PlanRect | null {
  if (z.planX === null || z.planY === null || z.planWidth === null || z.planHeight === null) return null;
  return { x: z.planX, y: z.planY, width: z.planWidth, height: z.planHeight };
}

/** The box around everything drawn, with a margin, as an SVG viewBox. */
function viewBoxOf(rects: readonly PlanRect[]): string {
  const margin = 10;
  const left = Math.min(...rects.map((r) => r.x)) - margin;
  const top = Math.min(...rects.map((r) => r.y)) - margin;
  const right = Math.max(...rects.map((r) => r.x + r.width)) + margin;
  const bottom = Math.max(...rects.map((r) => r.y + r.height)) + margin;
  return `${left} ${top} ${right - left} ${bottom - top}`;
}

/** A desk's short name: the last word of its name ("Poste OS-03" -> "OS-03"). */
export function shortName(name: string): string {
  return name.trim().split(/\s+/).pop() ?? name;
}

export interface DeskPlanInput {
  zones: readonly ZoneRow[];
  /** Every resource of the site; those with a plan rectangle are drawn. */
  resources: readonly ResourceView[];
  /** Desks taken in the half-day shown. */
  taken: ReadonlySet<number>;
  holders: ReadonlyMap<number, DeskHolder>;
  zoneName: (z: ZoneRow) => string;
  resourceName: (r: ResourceView) => string;
  /** The accessible name of a desk in a state. */
  deskLabel: (state: DeskState, name: string, gender: NameGender) => string;
}

/** The plan, or null when no desk is drawn (an inventory without coordinates). */
export function deskPlan(input: DeskPlanInput): DeskPlanView | null {
  const desks: PlanDesk[] = [];
  const spaces: PlanArea[] = [];
  for (const r of input.resources) {
    if (!r.plan) continue;
    if (r.kind !== 'desk') {
      spaces.push({ rect: r.plan, name: input.resourceName(r) });
      continue;
    }
    const holder = input.holders.get(r.id);
    const state: DeskState = holder?.state ?? (input.taken.has(r.id) ? 'taken' : 'free');
    const name = input.resourceName(r);
    desks.push({
      id: r.id,
      rect: r.plan,
      short: shortName(name),
      label: input.deskLabel(state, name, r.nameGender),
      state,
      bookingHref: holder?.bookingId ? `/bookings/${holder.bookingId}` : null,
    });
  }
  if (desks.length === 0) return null;
  const zones = input.zones.flatMap((z) => {
    const rect = zoneRect(z);
    return rect ? [{ rect, name: input.zoneName(z) }] : [];
  });
  return { viewBox: viewBoxOf([...zones, ...spaces, ...desks].map((a) => a.rect)), zones, spaces, desks };
}
