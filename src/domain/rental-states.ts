// The life of a rental request as a state machine: who may do what in which state, and where
// it leads. requested -> quoted -> option -> confirmed -> held; or declined, cancelled,
// expired. Staff ask for changes (back to requested) or re-quote; the requester accepts a
// quote, replies, or cancels while the event is far enough ahead.

export const RENTAL_STATUSES = [
  'requested',
  'quoted',
  'option',
  'confirmed',
  'held',
  'declined',
  'cancelled',
  'expired',
] as const;
export type RentalStatus = (typeof RENTAL_STATUSES)[number];

export type RentalAction =
  'quote' | 'askChanges' | 'option' | 'accept' | 'confirm' | 'decline' | 'cancel' | 'reply' | 'expire' | 'hold';

export type RentalActor = 'requester' | 'staff' | 'system';

/** Ended requests: nothing more happens to them but the erasure of their contact details. */
export const FINAL_STATUSES: readonly RentalStatus[] = ['held', 'declined', 'cancelled', 'expired'];
/** States that hold the space through a booking. */
export const HOLDING_STATUSES: readonly RentalStatus[] = ['option', 'confirmed'];

/** How many days before the event the requester may still cancel a confirmed rental themselves. */
export const CANCEL_NOTICE_DAYS = 14;

interface Transition {
  by: RentalActor;
  from: readonly RentalStatus[];
  /** The state it leads to; 'same' keeps it. */
  to: RentalStatus | 'same';
}

const TRANSITIONS: Record<RentalAction, Transition> = {
  // A quote, or a new one replacing it; an option stays an option (its hold is kept).
  quote: { by: 'staff', from: ['requested', 'quoted', 'option'], to: 'same' },
  askChanges: { by: 'staff', from: ['requested', 'quoted'], to: 'requested' },
  option: { by: 'staff', from: ['requested', 'quoted'], to: 'option' },
  accept: { by: 'requester', from: ['quoted', 'option'], to: 'option' },
  confirm: { by: 'staff', from: ['quoted', 'option'], to: 'confirmed' },
  decline: { by: 'staff', from: ['requested', 'quoted', 'option'], to: 'declined' },
  cancel: { by: 'requester', from: ['requested', 'quoted', 'option', 'confirmed'], to: 'cancelled' },
  reply: { by: 'requester', from: ['requested', 'quoted', 'option', 'confirmed'], to: 'same' },
  expire: { by: 'system', from: ['option'], to: 'expired' },
  hold: { by: 'system', from: ['confirmed'], to: 'held' },
};

/** What a request looks like to the machine. */
export interface RentalState {
  status: RentalStatus;
  hasQuote: boolean;
  /** Whether the quote may still be accepted (its validity date not passed). */
  quoteValid: boolean;
  /** Whole days from today to the event's date (site's zone). */
  daysToEvent: number;
}

/** Staff may cancel a confirmed rental too (they decline the others). */
function staffCancel(action: RentalAction, by: RentalActor, state: RentalState): boolean {
  return action === 'cancel' && by === 'staff' && state.status === 'confirmed';
}

/** Why an action is not open, or null when it is. */
export function refusalOf(action: RentalAction, by: RentalActor, state: RentalState): string | null {
  const t = TRANSITIONS[action];
  if (t.by !== by && !staffCancel(action, by, state)) return 'not_allowed';
  if (!t.from.includes(state.status)) return 'wrong_state';
  if ((action === 'accept' || action === 'confirm') && !state.hasQuote) return 'no_quote';
  if (action === 'accept' && !state.quoteValid) return 'quote_expired';
  if (
    action === 'cancel' &&
    by === 'requester' &&
    state.status === 'confirmed' &&
    state.daysToEvent < CANCEL_NOTICE_DAYS
  )
    return 'too_late';
  return null;
}

/** The state an action leads to, or null when it is not open. */
export function nextStatus(action: RentalAction, by: RentalActor, state: RentalState): RentalStatus | null {
  if (refusalOf(action, by, state) !== null) return null;
  const to = TRANSITIONS[action].to;
  return to === 'same' ? state.status : to;
}

/** The actions open to `by` in this state, in the order a page offers them. */
export function openActions(by: RentalActor, state: RentalState): RentalAction[] {
  return (Object.keys(TRANSITIONS) as RentalAction[]).filter((a) => refusalOf(a, by, state) === null);
}

/** Whether the state holds the space. */
export function holdsSpace(status: RentalStatus): boolean {
  return HOLDING_STATUSES.includes(status);
}

/** Requests ended before this instant have kept their contact details long enough (months of 30 days). */
export function rentalErasureCutoff(now: number, retentionMonths: number): number {
  return now - retentionMonths * 30 * 86_400_000;
}
