// French public holidays from a maintained package, as local dates.
import joursFeries from '@socialgouv/jours-feries';

export interface Holiday {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

/**
 * The package builds each date at local midnight of the *process* zone and adds whole days
 * of 24 h, so across a DST change of that zone (TZ=Pacific/Auckland at Easter) a date can land
 * at 23:00 the day before. Reading the local calendar date 12 h later is exact in every zone.
 */
export function frenchPublicHolidays(year: number): Holiday[] {
  const days = joursFeries(year);
  return Object.entries(days)
    .map(([name, date]) => {
      const noon = new Date(date.getTime() + 12 * 3600_000);
      const iso = `${noon.getFullYear()}-${String(noon.getMonth() + 1).padStart(2, '0')}-${String(noon.getDate()).padStart(2, '0')}`;
      return { date: iso, name };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
