import { describe, expect, it } from 'vitest';
import {
  nextStatus,
  openActions,
  refusalOf,
  type RentalAction,
  type RentalActor,
  type RentalState,
  type RentalStatus,
} from '../../src/domain/rental-states.js';

const state = (status: RentalStatus, more: Partial<RentalState> = {}): RentalState => ({
  status,
  hasQuote: true,
  quoteValid: true,
  daysToEvent: 60,
  ...more,
});

describe('nextStatus', () => {
  const rows: [RentalAction, RentalActor, RentalStatus, RentalStatus | null][] = [
    ['quote', 'staff', 'requested', 'requested'],
    ['quote', 'staff', 'quoted', 'quoted'],
    ['quote', 'staff', 'option', 'option'],
    ['quote', 'requester', 'requested', null],
    ['askChanges', 'staff', 'quoted', 'requested'],
    ['askChanges', 'staff', 'option', null],
    ['option', 'staff', 'quoted', 'option'],
    ['option', 'staff', 'requested', 'option'],
    ['option', 'staff', 'confirmed', null],
    ['accept', 'requester', 'quoted', 'option'],
    ['accept', 'requester', 'option', 'option'],
    ['accept', 'staff', 'quoted', null],
    ['accept', 'requester', 'requested', null],
    ['confirm', 'staff', 'option', 'confirmed'],
    ['confirm', 'staff', 'quoted', 'confirmed'],
    ['confirm', 'staff', 'requested', null],
    ['confirm', 'requester', 'option', null],
    ['decline', 'staff', 'option', 'declined'],
    ['decline', 'staff', 'confirmed', null],
    ['cancel', 'requester', 'option', 'cancelled'],
    ['cancel', 'requester', 'confirmed', 'cancelled'],
    ['cancel', 'staff', 'confirmed', 'cancelled'],
    ['cancel', 'staff', 'option', null],
    ['cancel', 'requester', 'held', null],
    ['reply', 'requester', 'quoted', 'quoted'],
    ['reply', 'requester', 'declined', null],
    ['expire', 'system', 'option', 'expired'],
    ['expire', 'system', 'confirmed', null],
    ['hold', 'system', 'confirmed', 'held'],
    ['hold', 'system', 'option', null],
  ];
  it.each(rows)('%s by %s in %s -> %s', (action, by, from, to) => {
    expect(nextStatus(action, by, state(from))).toBe(to);
  });
});

describe('refusalOf', () => {
  it('needs a quote to accept or confirm', () => {
    expect(refusalOf('accept', 'requester', state('option', { hasQuote: false }))).toBe('no_quote');
    expect(refusalOf('confirm', 'staff', state('option', { hasQuote: false }))).toBe('no_quote');
  });
  it('refuses an expired quote', () => {
    expect(refusalOf('accept', 'requester', state('quoted', { quoteValid: false }))).toBe('quote_expired');
  });
  it('lets the requester cancel a confirmed rental up to 14 days before, staff always', () => {
    expect(refusalOf('cancel', 'requester', state('confirmed', { daysToEvent: 14 }))).toBeNull();
    expect(refusalOf('cancel', 'requester', state('confirmed', { daysToEvent: 13 }))).toBe('too_late');
    expect(refusalOf('cancel', 'staff', state('confirmed', { daysToEvent: 1 }))).toBeNull();
    // An option is not yet a commitment: it may be dropped up to the last day.
    expect(refusalOf('cancel', 'requester', state('option', { daysToEvent: 1 }))).toBeNull();
  });
});

it('lists the actions open to each side', () => {
  expect(openActions('requester', state('quoted'))).toEqual(['accept', 'cancel', 'reply']);
  expect(openActions('staff', state('quoted'))).toEqual(['quote', 'askChanges', 'option', 'confirm', 'decline']);
  expect(openActions('staff', state('held'))).toEqual([]);
  expect(openActions('requester', state('expired'))).toEqual([]);
});
