// Reads the "For whom" part of the booking form (staff only): oneself, a member chosen from
// a name search, or a day guest (name, organisation). Whether the actor may book for them is
// the bookings service's question; this file only checks that the fields are well formed.
import { GUEST_NAME_MAX, GUEST_ORGANISATION_MAX, type DayGuest } from '../services/bookings.js';
import type { Body } from './booking-form.js';

export type ForWhomField = 'for' | 'for_member' | 'guest_name' | 'guest_organisation';
export type ForWhomErrors = Partial<Record<ForWhomField, 'required' | 'invalid' | 'too_long'>>;

export type ForWhom = { mode: 'me' } | { mode: 'member'; memberId: number } | { mode: 'guest'; guest: DayGuest };

/** The longest member name search. */
export const MEMBER_SEARCH_MAX = 100;

function one(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function parseForWhom(body: Body): { ok: true; whom: ForWhom } | { ok: false; errors: ForWhomErrors } {
  const mode = one(body, 'for') || 'me';
  if (mode === 'me') return { ok: true, whom: { mode: 'me' } };
  if (mode === 'member') {
    const text = one(body, 'for_member');
    if (!text) return { ok: false, errors: { for_member: 'required' } };
    if (!/^[1-9]\d{0,8}$/.test(text)) return { ok: false, errors: { for_member: 'invalid' } };
    return { ok: true, whom: { mode: 'member', memberId: Number(text) } };
  }
  if (mode === 'guest') {
    const errors: ForWhomErrors = {};
    const name = one(body, 'guest_name');
    const organisation = one(body, 'guest_organisation');
    if (!name) errors.guest_name = 'required';
    else if (name.length > GUEST_NAME_MAX) errors.guest_name = 'too_long';
    if (organisation.length > GUEST_ORGANISATION_MAX) errors.guest_organisation = 'too_long';
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, whom: { mode: 'guest', guest: { name, organisation } } };
  }
  return { ok: false, errors: { for: 'invalid' } };
}
