/**
 * CSV output that spreadsheets open safely: cells that Excel would run as a formula
 * (leading = + - @ tab CR) are prefixed with an apostrophe (OWASP "CSV injection"), every
 * cell is quoted when needed, and a UTF-8 BOM makes Excel on Chinese Windows read UTF-8.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Escapes one cell: neutralises formulas, quotes separators, quotes and line breaks. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Builds a CSV document (with BOM) from a header and rows. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
