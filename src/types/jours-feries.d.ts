declare module '@socialgouv/jours-feries' {
  /** French public holidays of a year, by French name, at local midnight of the process zone. */
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
