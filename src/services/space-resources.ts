// Space management, resources: admins list, create, edit, retire and restore resources with
// every field and booking rule, validated by the domain (resource-rules.ts). A rule change or
// a retirement that falls on bookings not yet ended lists them first; on confirmation they are
// cancelled (members told, with the reason the admin gave) or kept, in the write's transaction.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import { listZones } from '../db/inventory.js';
import {
  activeBookingsBetween,
  allResourceRows,
  insertResource,
  linkedIds,
  resourceRow,
  setLinks,
  slugTaken,
  updateResource,
  type AffectedBookingRow,
  type NewResource,
  type ResourceRow,
} from '../db/space.js';
import type { Clock } from '../domain/clock.js';
import {
  bookingsBrokenByRules,
  validateResource,
  type ResourceError,
  type ResourceField,
  type ResourceForm,
  type ResourcePlan,
} from '../domain/resource-rules.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { BookingService } from './bookings.js';
import type { Inventory } from './inventory.js';
import type { AffectedChoice } from './space.js';
import { cancelAffected, type SpaceReason } from './space-cancel.js';

export type { ResourceRow };

export type ResourceOutcome =
  | { kind: 'saved'; id: number; cancelled: number }
  | { kind: 'invalid'; errors: Partial<Record<ResourceField, ResourceError>> }
  | { kind: 'confirm'; affected: AffectedBookingRow[] };

/** What the admin decided for the bookings, and the reason members are told if they are cancelled. */
export interface ResourceChoice extends AffectedChoice {
  reason: SpaceReason;
}

const FOREVER = 8.64e15;

/** "Salle Henry Dunant" -> "salle-henry-dunant". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'ressource';
}

function columnsOf(plan: ResourcePlan): Omit<NewResource, 'siteId' | 'slug'> {
  return {
    zoneId: plan.zoneId,
    kind: plan.kind,
    name: plan.name,
    nameEn: plan.nameEn,
    nameGender: plan.nameGender,
    photo: plan.photo,
    planX: plan.plan?.x ?? null,
    planY: plan.plan?.y ?? null,
    planWidth: plan.plan?.width ?? null,
    planHeight: plan.plan?.height ?? null,
    description: plan.description,
    descriptionEn: plan.descriptionEn,
    capacity: plan.capacity,
    equipment: plan.equipment,
    accessibility: plan.accessibility,
    layouts: plan.layouts,
    ...plan.rules,
  };
}

export class SpaceResourceService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly bookings: BookingService,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  /** Every resource of the site, retired ones included. */
  list(actor: Actor | null) {
    authorize(actor, 'space.manage');
    return allResourceRows(this.db, this.inventory.get().site.id);
  }

  /** A resource with its links, for its form. */
  get(actor: Actor | null, id: number): { row: ResourceRow; links: number[] } {
    authorize(actor, 'space.manage');
    const row = resourceRow(this.db, id);
    if (!row || row.siteId !== this.inventory.get().site.id) throw new NotFound();
    return { row, links: linkedIds(this.db, id) };
  }

  /** The zones and the resources a form may name. */
  choices(actor: Actor | null) {
    authorize(actor, 'space.manage');
    const siteId = this.inventory.get().site.id;
    return { zones: listZones(this.db, siteId), resources: allResourceRows(this.db, siteId) };
  }

  save(actor: Actor | null, id: number | null, form: ResourceForm, choice: ResourceChoice, ip: string | null = null) {
    authorize(actor, 'space.manage');
    return immediate(this.db, (tx): ResourceOutcome => {
      const siteId = this.inventory.get().site.id;
      const previous = id === null ? null : resourceRow(tx, id);
      if (id !== null && (!previous || previous.siteId !== siteId)) throw new NotFound();
      const zoneIds = new Set(listZones(tx, siteId).map((z) => z.id));
      const linkableIds = new Set(allResourceRows(tx, siteId).flatMap((r) => (r.id === id ? [] : [r.id])));
      const checked = validateResource(form, { zoneIds, linkableIds });
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
      const plan = checked.plan;
      const now = this.clock.now();
      const affected =
        id === null
          ? []
          : bookingsBrokenByRules(
              activeBookingsBetween(tx, id, now, FOREVER),
              plan.rules,
              plan.capacity,
              this.inventory.get().site.timezone,
            );
      if (affected.length > 0 && !choice.confirm) return { kind: 'confirm', affected };
      const columns = columnsOf(plan);
      const resourceId = id ?? insertResource(tx, { ...columns, siteId, slug: this.freeSlug(tx, siteId, plan.name) });
      if (id !== null) updateResource(tx, id, columns);
      setLinks(tx, resourceId, plan.linkedResourceIds);
      const cancelled = choice.cancel
        ? cancelAffected(tx, this.bookings, this.audit, affected, actor.id, now, choice.reason)
        : 0;
      this.audit({
        at: now,
        actorId: actor.id,
        action: id === null ? 'resource.create' : 'resource.change',
        subjectType: 'resource',
        subjectId: resourceId,
        details: { ...columns, links: plan.linkedResourceIds, affected: affected.map((b) => b.id), cancelled },
        ip,
      });
      return { kind: 'saved', id: resourceId, cancelled };
    });
  }

  /**
   * Retires a resource (it takes no new booking and leaves the day views; its history stays)
   * or brings it back. Retiring lists its bookings not yet ended first.
   */
  setActive(actor: Actor | null, id: number, active: boolean, choice: ResourceChoice, ip: string | null = null) {
    authorize(actor, 'space.manage');
    return immediate(this.db, (tx): ResourceOutcome => {
      const row = resourceRow(tx, id);
      if (!row || row.siteId !== this.inventory.get().site.id) throw new NotFound();
      const now = this.clock.now();
      const affected = active ? [] : activeBookingsBetween(tx, id, now, FOREVER);
      if (affected.length > 0 && !choice.confirm) return { kind: 'confirm', affected };
      updateResource(tx, id, { active });
      const cancelled = choice.cancel
        ? cancelAffected(tx, this.bookings, this.audit, affected, actor.id, now, choice.reason)
        : 0;
      this.audit({
        at: now,
        actorId: actor.id,
        action: active ? 'resource.restore' : 'resource.retire',
        subjectType: 'resource',
        subjectId: id,
        details: { affected: affected.map((b) => b.id), cancelled },
        ip,
      });
      return { kind: 'saved', id, cancelled };
    });
  }

  private freeSlug(tx: Db, siteId: number, name: string): string {
    const base = slugOf(name);
    let slug = base;
    for (let n = 2; slugTaken(tx, siteId, slug); n++) slug = `${base}-${n}`;
    return slug;
  }
}
