// What the "For whom" fieldset of the booking form shows to staff: the members matching the
// name searched for (active ones), and the member already chosen, if any. Null for members,
// who book for themselves only and see no such fieldset.
import type { AccountService } from '../services/accounts.js';
import { can, NotFound, type Actor } from '../services/authz.js';
import { MEMBER_SEARCH_MAX } from './for-whom.js';
import { parseId } from './forms.js';

export interface MemberChoice {
  id: number;
  name: string;
  organisations: string;
}

export interface ForWhomView {
  members: MemberChoice[];
  /** A name was searched for (so "nobody matches" can be said). */
  searched: boolean;
  searchMax: number;
}

export function forWhomView(
  accounts: AccountService,
  actor: Actor,
  values: Record<string, unknown>,
): ForWhomView | null {
  if (!can(actor, 'booking.createForGuest')) return null;
  const q = typeof values.member_q === 'string' ? values.member_q.trim().slice(0, MEMBER_SEARCH_MAX) : '';
  const found = q ? accounts.search(actor, { q, status: 'active' }).members : [];
  const members: MemberChoice[] = found.map((m) => ({
    id: m.id,
    name: m.name,
    organisations: m.organisations.map((o) => o.name).join(', '),
  }));
  const chosen = parseId(typeof values.for_member === 'string' ? values.for_member : '');
  if (chosen !== null && !members.some((m) => m.id === chosen)) {
    try {
      const m = accounts.member(actor, chosen);
      if (m.active)
        members.unshift({ id: m.id, name: m.name, organisations: m.organisations.map((o) => o.name).join(', ') });
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
  }
  return { members, searched: q !== '', searchMax: MEMBER_SEARCH_MAX };
}
