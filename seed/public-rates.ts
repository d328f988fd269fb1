// Default public rates (cents excluding VAT), written once on a first start when there are none:
// from then on admins own them on /admin/prices. They value the hours given to organisations.
import { immediate, type Db } from '../src/db/connection.js';
import { insertPublicRate, publicRateCount } from '../src/db/reports.js';

export const DEFAULT_PUBLIC_RATES = [
  { resourceKind: 'desk', unit: 'half_day', amountCents: 1_500 },
  { resourceKind: 'meeting_room', unit: 'hour', amountCents: 3_500 },
  { resourceKind: 'event_space', unit: 'hour', amountCents: 20_000 },
  { resourceKind: 'digital_studio', unit: 'hour', amountCents: 6_000 },
  { resourceKind: 'vr_studio', unit: 'hour', amountCents: 6_000 },
  { resourceKind: 'sports_hall', unit: 'hour', amountCents: 4_000 },
] as const;

/** The date the default rates hold from: before any booking the system can hold. */
export const DEFAULT_RATES_START = '2020-01-01';

export function seedPublicRates(db: Db, now: number): number {
  return immediate(db, (tx) => {
    if (publicRateCount(tx) > 0) return 0;
    for (const rate of DEFAULT_PUBLIC_RATES)
      insertPublicRate(tx, { ...rate, startsOn: DEFAULT_RATES_START, createdById: null, createdAt: now });
    return DEFAULT_PUBLIC_RATES.length;
  });
}
