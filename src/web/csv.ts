// CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads accents right), CRLF rows,
// quoted cells where needed, and a cell that a spreadsheet would run as a formula disarmed.

const BOM = '\uFEFF';
/** A spreadsheet runs a cell starting with one of these (CWE-1236), e.g. "=HYPERLINK(...)". */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, safe to open: a formula is read as text (leading '), quotes are doubled. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: a header row, then one row per record. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
