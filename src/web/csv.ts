// CSV files for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so Excel reads accents,
// CRLF line ends, every cell quoted, and cells a spreadsheet would run as a formula
// (= + - @, tab, carriage return) disarmed with a leading apostrophe (OWASP CSV injection).
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvDocument(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
