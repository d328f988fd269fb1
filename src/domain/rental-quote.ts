// The price of renting the event space, in integer cents: the time used (half-day, day,
// evening), a reduction for some kinds of organisation, the options, then VAT at 20 %,
// rounded half up to the cent once, on the net total. Also the setup and teardown time each
// layout needs (the space is held for it too) and the yearly quote number (2027-0042).

export const ORGANISATION_KINDS = ['association', 'company', 'public_body', 'red_cross'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const RENTAL_LAYOUTS = ['theatre', 'cabaret', 'workshop', 'standing'] as const;
export type RentalLayout = (typeof RENTAL_LAYOUTS)[number];
export const RENTAL_OPTIONS = ['av_technician', 'catering_area', 'extra_setup'] as const;
export type RentalOption = (typeof RENTAL_OPTIONS)[number];

export const VAT_PERCENT = 20;
/** Daytime ends here (local wall clock, minutes from midnight); what runs later is charged as an evening. */
export const EVENING_FROM_MINUTES = 18 * 60;
/** A daytime stretch up to this long is a half-day; longer, a day. */
export const HALF_DAY_MAX_MINUTES = 4 * 60;
/** The extra setup option adds this much setup time. */
export const EXTRA_SETUP_MINUTES = 60;

/** A rate as admins set it, in force for events from `startsOn`. */
export interface RentalRate {
  id: number;
  startsOn: string;
  halfDayCents: number;
  dayCents: number;
  eveningCents: number;
  reductions: Partial<Record<string, number>>;
  optionCents: Partial<Record<string, number>>;
  setupMinutes: Partial<Record<string, { setup: number; teardown: number }>>;
}

/** A line of a quote: what, how many, at which price (cents, before VAT). */
export interface RentalQuoteLine {
  code: string;
  quantity: number;
  unitCents: number;
  totalCents: number;
  /** A reduction's percentage, for its label. */
  percent?: number;
}

/** A quote as sent: its lines and totals, frozen (a later rate does not change a quote already given). */
export interface RentalQuoteData {
  lines: RentalQuoteLine[];
  netCents: number;
  vatCents: number;
  grossCents: number;
  vatPercent: number;
  rateId: number;
}

/** What a quote depends on: the event's local times (minutes from midnight), who asks, what for. */
export interface QuoteInput {
  startMinutes: number;
  endMinutes: number;
  organisationKind: OrganisationKind;
  options: readonly RentalOption[];
}

/** The rate in force on a local date: the one with the latest start on or before it. */
export function rateOn<R extends Pick<RentalRate, 'startsOn'>>(rates: readonly R[], date: string): R | null {
  let best: R | null = null;
  for (const rate of rates) if (rate.startsOn <= date && (!best || rate.startsOn > best.startsOn)) best = rate;
  return best;
}

/** VAT on a net amount, rounded half up to the cent (amounts are never negative). */
export function vatOf(netCents: number, percent = VAT_PERCENT): number {
  return Math.floor((netCents * percent + 50) / 100);
}

/** The time lines: a half-day or a day for the daytime part, an evening for what runs past 18:00. */
function timeLines(input: QuoteInput, rate: RentalRate): RentalQuoteLine[] {
  const lines: RentalQuoteLine[] = [];
  const dayEnd = Math.min(input.endMinutes, EVENING_FROM_MINUTES);
  const daytime = dayEnd - input.startMinutes;
  if (daytime > 0) {
    const half = daytime <= HALF_DAY_MAX_MINUTES;
    const unitCents = half ? rate.halfDayCents : rate.dayCents;
    lines.push({ code: half ? 'half_day' : 'day', quantity: 1, unitCents, totalCents: unitCents });
  }
  if (input.endMinutes > EVENING_FROM_MINUTES)
    lines.push({ code: 'evening', quantity: 1, unitCents: rate.eveningCents, totalCents: rate.eveningCents });
  return lines;
}

/** Lines, reduction, options, VAT and totals of an event under a rate. */
export function computeQuote(input: QuoteInput, rate: RentalRate): RentalQuoteData {
  const lines = timeLines(input, rate);
  const space = lines.reduce((sum, l) => sum + l.totalCents, 0);
  const percent = Math.min(100, Math.max(0, rate.reductions[input.organisationKind] ?? 0));
  if (percent > 0) {
    // The reduction applies to the space, not to the options (they cost 21 what they cost).
    const off = Math.floor((space * percent + 50) / 100);
    lines.push({ code: 'reduction', quantity: 1, unitCents: -off, totalCents: -off, percent });
  }
  for (const option of RENTAL_OPTIONS) {
    if (!input.options.includes(option)) continue;
    const unitCents = rate.optionCents[option] ?? 0;
    lines.push({ code: option, quantity: 1, unitCents, totalCents: unitCents });
  }
  const netCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
  const vatCents = vatOf(netCents);
  return { lines, netCents, vatCents, grossCents: netCents + vatCents, vatPercent: VAT_PERCENT, rateId: rate.id };
}

/**
 * Setup before and teardown after the event, in minutes, for a layout and its options; each
 * rounded up to whole steps of the space (`stepMinutes`), so the hold starts and ends on its grid.
 */
export function setupOf(
  rate: Pick<RentalRate, 'setupMinutes'>,
  layout: RentalLayout,
  options: readonly RentalOption[],
  stepMinutes = 1,
): { setup: number; teardown: number } {
  const base = rate.setupMinutes[layout] ?? { setup: 0, teardown: 0 };
  const extra = options.includes('extra_setup') ? EXTRA_SETUP_MINUTES : 0;
  const up = (minutes: number) => Math.ceil(minutes / stepMinutes) * stepMinutes;
  return { setup: up(base.setup + extra), teardown: up(base.teardown) };
}

/** The stretch the space is held for: the event widened by its setup and teardown. */
export function holdInterval(
  event: { start: number; end: number },
  setup: { setup: number; teardown: number },
): { start: number; end: number } {
  return { start: event.start - setup.setup * 60_000, end: event.end + setup.teardown * 60_000 };
}

/** "2027-0042": the year and the number within it, four digits at least. */
export function formatQuoteNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}
