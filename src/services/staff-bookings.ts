// The front desk's list of every booking, with names: staff only ('frontdesk.view'), anyone
// else gets "not found". One page and its count are read in one transaction, so they agree.
import type { Db } from '../db/connection.js';
import { readTransaction } from '../db/connection.js';
import {
  countStaffBookings,
  staffBookings,
  type StaffBookingFilter,
  type StaffBookingRow,
} from '../db/staff-bookings.js';
import { authorize, type Actor } from './authz.js';

export type { StaffBookingFilter, StaffBookingRow };

/** Rows per page of the list. */
export const STAFF_PAGE_SIZE = 50;

export interface StaffBookingPage {
  rows: StaffBookingRow[];
  total: number;
  page: number;
  pages: number;
}

export class StaffBookingService {
  constructor(private readonly db: Db) {}

  /** Page `page` (from 1) of the bookings matching `filter`, sorted by start. */
  list(actor: Actor | null, filter: StaffBookingFilter, page: number): StaffBookingPage {
    authorize(actor, 'frontdesk.view');
    return readTransaction(this.db, () => {
      const total = countStaffBookings(this.db, filter);
      const pages = Math.max(1, Math.ceil(total / STAFF_PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pages);
      const rows = staffBookings(this.db, filter, {
        limit: STAFF_PAGE_SIZE,
        offset: (current - 1) * STAFF_PAGE_SIZE,
      });
      return { rows, total, page: current, pages };
    });
  }

  /** Every booking matching `filter` (the CSV export: all pages at once). */
  all(actor: Actor | null, filter: StaffBookingFilter): StaffBookingRow[] {
    authorize(actor, 'frontdesk.view');
    return staffBookings(this.db, filter, { limit: null, offset: 0 });
  }
}
