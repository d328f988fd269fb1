// Space management, zones and opening hours: admins edit zones (names, floor, safety capacity,
// order), the site's week and each resource's own week, and exceptions (a date with other
// hours or closed, with a reason members see). Every write is audited; the inventory triggers
// make it seen by every process's next request.
import type { Db } from '../db/connection.js';
import { immediate } from '../db/connection.js';
import { auditLogWriter } from '../db/audit.js';
import { listZones } from '../db/inventory.js';
import {
  allResourceRows,
  deleteException,
  insertException,
  insertZone,
  listExceptionRows,
  openingRows,
  replaceOpeningWeek,
  updateZone,
  zoneRow,
  zoneSlugTaken,
  type ExceptionRow,
} from '../db/space.js';
import type { Clock } from '../domain/clock.js';
import { validateException, validateWeek, type ExceptionForm, type HoursError } from '../domain/opening-exceptions.js';
import { authorize, NotFound, type Actor } from './authz.js';
import type { Inventory } from './inventory.js';
import { slugOf } from './space-resources.js';

export type { ExceptionRow };

export interface ZoneForm {
  name: string;
  nameEn: string;
  floor: string;
  safetyCapacity: string;
  sortOrder: string;
}

export type Saved = { kind: 'saved'; id: number } | { kind: 'invalid'; errors: Record<string, HoursError> };

const optionalInt = (text: string, max: number): number | null | 'invalid' => {
  if (text.trim() === '') return null;
  if (!/^\d{1,6}$/.test(text.trim())) return 'invalid';
  const n = Number(text.trim());
  return n > max ? 'invalid' : n;
};

export class SpaceHoursService {
  private readonly audit;

  constructor(
    private readonly db: Db,
    private readonly inventory: Inventory,
    private readonly clock: Clock,
  ) {
    this.audit = auditLogWriter(db);
  }

  private log(
    actor: Actor,
    action: string,
    subjectType: string,
    subjectId: number | null,
    details: Record<string, unknown>,
    ip: string | null,
  ) {
    this.audit({ at: this.clock.now(), actorId: actor.id, action, subjectType, subjectId, details, ip });
  }

  zones(actor: Actor | null) {
    authorize(actor, 'space.manage');
    return listZones(this.db, this.inventory.get().site.id);
  }

  saveZone(actor: Actor | null, id: number | null, form: ZoneForm, ip: string | null = null): Saved {
    authorize(actor, 'space.manage');
    const errors: Record<string, HoursError> = {};
    const name = form.name.trim();
    if (name === '') errors.name = 'required';
    else if (name.length > 120) errors.name = 'too_long';
    if (form.nameEn.trim().length > 120) errors.nameEn = 'too_long';
    if (form.floor.trim().length > 60) errors.floor = 'too_long';
    const safety = optionalInt(form.safetyCapacity, 100_000);
    if (safety === 'invalid') errors.safetyCapacity = 'invalid';
    const order = optionalInt(form.sortOrder, 10_000);
    if (order === 'invalid') errors.sortOrder = 'invalid';
    if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
    return immediate(this.db, (tx): Saved => {
      const siteId = this.inventory.get().site.id;
      if (id !== null && zoneRow(tx, id)?.siteId !== siteId) throw new NotFound();
      const values = {
        name,
        nameEn: form.nameEn.trim() || null,
        floor: form.floor.trim() || null,
        safetyCapacity: safety as number | null,
        sortOrder: (order as number | null) ?? 0,
      };
      let zoneId = id;
      if (zoneId === null) {
        let slug = slugOf(name);
        for (let n = 2; zoneSlugTaken(tx, siteId, slug); n++) slug = `${slugOf(name)}-${n}`;
        zoneId = insertZone(tx, { ...values, siteId, slug });
      } else updateZone(tx, zoneId, values);
      this.log(actor, id === null ? 'zone.create' : 'zone.change', 'zone', zoneId, values, ip);
      return { kind: 'saved', id: zoneId };
    });
  }

  /** The week of the site (null) or of a resource, as "HH:mm" per weekday ('' when closed). */
  week(actor: Actor | null, resourceId: number | null): Record<string, string> {
    authorize(actor, 'space.manage');
    const form: Record<string, string> = {};
    for (const row of openingRows(this.db, this.inventory.get().site.id, resourceId)) {
      form[`opens_${row.weekday}`] ??= row.opens;
      form[`closes_${row.weekday}`] = row.closes;
    }
    return form;
  }

  resources(actor: Actor | null) {
    authorize(actor, 'space.manage');
    return allResourceRows(this.db, this.inventory.get().site.id).filter((r) => r.active);
  }

  saveWeek(
    actor: Actor | null,
    resourceId: number | null,
    form: Record<string, string>,
    ip: string | null = null,
  ): Saved {
    authorize(actor, 'space.manage');
    const checked = validateWeek(form);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    return immediate(this.db, (tx): Saved => {
      const inventory = this.inventory.get();
      if (resourceId !== null && !inventory.resourcesById.has(resourceId)) throw new NotFound();
      // The site must keep a week; a resource without periods follows the site's.
      replaceOpeningWeek(tx, inventory.site.id, resourceId, checked.periods);
      this.log(
        actor,
        'hours.change',
        resourceId === null ? 'site' : 'resource',
        resourceId,
        { periods: checked.periods },
        ip,
      );
      return { kind: 'saved', id: resourceId ?? inventory.site.id };
    });
  }

  exceptions(actor: Actor | null): ExceptionRow[] {
    authorize(actor, 'space.manage');
    return listExceptionRows(this.db, this.inventory.get().site.id);
  }

  addException(actor: Actor | null, form: ExceptionForm, ip: string | null = null): Saved {
    authorize(actor, 'space.manage');
    return immediate(this.db, (tx): Saved => {
      const inventory = this.inventory.get();
      const checked = validateException(form, new Set(inventory.resources.map((r) => r.id)));
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors as Record<string, HoursError> };
      const id = insertException(tx, { ...checked.plan, siteId: inventory.site.id });
      this.log(actor, 'hours.exception.create', 'opening_exception', id, { ...checked.plan }, ip);
      return { kind: 'saved', id };
    });
  }

  removeException(actor: Actor | null, id: number, ip: string | null = null): void {
    authorize(actor, 'space.manage');
    immediate(this.db, () => {
      if (!deleteException(this.db, this.inventory.get().site.id, id)) throw new NotFound();
      this.log(actor, 'hours.exception.delete', 'opening_exception', id, {}, ip);
    });
  }
}
