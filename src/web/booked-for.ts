// The line staff read on a booking's page about whom it is for and who made it ("Booked by
// Fatou Accueil for Camille Membre", or the day guest's name); null for anyone else.
import type { MessageKey, Translate } from '../i18n/index.js';
import type { AccountService } from '../services/accounts.js';
import { can, NotFound, type Actor } from '../services/authz.js';
import type { BookingRow } from '../services/bookings.js';

function nameOf(accounts: AccountService, actor: Actor, id: number | null): string | null {
  if (id === null) return null;
  try {
    return accounts.member(actor, id).name;
  } catch (err) {
    if (err instanceof NotFound) return null;
    throw err;
  }
}

export function bookedForLine(
  accounts: AccountService,
  actor: Actor,
  booking: Pick<BookingRow, 'memberId' | 'bookedById' | 'guestName' | 'guestOrganisation'>,
  t: Translate,
): string | null {
  if (!can(actor, 'frontdesk.view')) return null;
  const by = nameOf(accounts, actor, booking.bookedById) ?? '';
  const guest = booking.guestName;
  if (booking.memberId === null && guest !== null) {
    const key: MessageKey = booking.guestOrganisation ? 'behalf.line.guestOrganisation' : 'behalf.line.guest';
    return t(key, { by, guest, organisation: booking.guestOrganisation ?? '' });
  }
  const person = nameOf(accounts, actor, booking.memberId) ?? '';
  if (booking.bookedById === booking.memberId) return t('behalf.line.self', { person });
  return t('behalf.line.member', { by, person });
}
