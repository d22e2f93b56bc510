/**
 * What office exports put around the table: title lines above the header (company name,
 * "导出时间：…") and summary rows (合计, 总计, 小计, Total). Both are recognised, never accepted,
 * and listed in the manifest with their line, so nothing a user hands over is passed over in silence.
 */
import { normLabel } from '../datasets/fields.ts';

/** The header row is looked for among this many first non-blank lines. */
export const HEADER_SEARCH_LINES = 30;

/** A line above the header, as written to the manifest (cut: a title is short, a stray table is not). */
export interface SkippedLine { line: number; text: string }
/** A summary row: its line and the label that marked it. */
export interface SummaryRow { line: number; label: string }

const SUMMARY_LABELS = new Set(['合计', '总计', '小计', '总合计', '汇总', '合计金额', 'total', 'totals', 'subtotal', 'grandtotal', 'sum']);

/** A label as the validator compares labels, also without colons (`合计：`; NFKC makes `：` a `:`). */
const norm = (s: string) => normLabel(s).replace(/:/g, '');

/**
 * The summary label of a record, or null. Only the first non-empty cell counts (where every
 * office tool writes it), and the ingest asks only about a record the validator refused, so a
 * valid row is never taken for a total.
 */
export function summaryLabel(fields: readonly string[]): string | null {
  const first = fields.find((f) => f.trim() !== '');
  if (first === undefined) return null;
  return SUMMARY_LABELS.has(norm(first)) ? first.trim().slice(0, 40) : null;
}

/** A skipped line's text for the manifest: its non-empty cells, cut to 200 characters. */
export function skippedText(fields: readonly string[]): string {
  return fields.map((f) => f.trim()).filter((f) => f !== '').join(' ').slice(0, 200);
}

/** Warns once per source about its summary rows (the first one named). */
export function warnSummaryRows(name: string, rows: readonly SummaryRow[], warn: (m: string) => void): void {
  if (rows.length > 0) warn(`${name}: ${rows.length} summary row(s) (${rows[0]!.label}, line ${rows[0]!.line}) not read as data (listed in the manifest)`);
}
