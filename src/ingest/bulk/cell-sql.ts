/**
 * The bulk ingest's cell readers in SQL, generated from the column specs. Each recognises only
 * cells whose value it can state exactly as the JavaScript reader (`spec.read`) would:
 * canonical dates (`2026-07-05 14:03:00`), plain decimals, free text without surrounding white
 * space, and the exact labels a column lists (`literals`, each one's value taken from `read`).
 * Any other cell marks its row "not canonical" and the row goes through the JavaScript
 * validator, so reasons, values and line numbers are the ones the browser gives. The cells
 * that are exactly a null token arrive as NULL (`READER_NULLS`, given to DuckDB's reader).
 */
import { Invalid, NULL_TOKENS, type ColumnSpec } from '../../datasets/fields.ts';
import { lit } from '../../lib/sql-text.ts';

/** Code points String.prototype.trim removes: a text cell starting or ending with one goes to JavaScript. */
const JS_SPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

const YMD = '[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const TIMESTAMP_RE = `${YMD}( ([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?`;
const DECIMAL_RE = '(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?';

/** `nullstr` for read_csv: the cells the JavaScript readers take as empty (a quoted token too, as there). */
export const READER_NULLS = `[${[...NULL_TOKENS].map(lit).join(', ')}]`;

/**
 * One cell in SQL: its typed value (timestamps and dates as local ms) and whether it is
 * canonical. Never `x IN (a, b, …)`: DuckDB rewrites a long constant list into a join, and a
 * join in the plan makes CREATE TABLE AS drop the file's row order, which everything after
 * relies on (rowid = record number). `list_contains` stays a scalar function.
 */
export interface CellSql { value: string; ok: string }

function sqlValue(v: unknown): string | null {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string') return lit(v);
  return null;
}

/**
 * The SQL reading raw VARCHAR expression `raw` as `spec` would, or null when the column's kind
 * has no SQL twin (then the dataset stays on the JavaScript path).
 */
export function cellSql(spec: ColumnSpec, raw: string): CellSql | null {
  let value: string;
  let ok: string;
  if (spec.literals) {
    const cases = new Map<string, string>();
    for (const l of spec.literals) {
      const v = spec.read(l);
      if (cases.has(l) || NULL_TOKENS.has(l) || v === null || v instanceof Invalid) continue;
      const s = sqlValue(v);
      if (s === null) return null;
      cases.set(l, s);
    }
    if (cases.size === 0) return null;
    value = `CASE ${raw} ${[...cases].map(([l, s]) => `WHEN ${lit(l)} THEN ${s}`).join(' ')} END`;
    ok = `list_contains([${[...cases.keys()].map(lit).join(', ')}], ${raw})`;
  } else if (spec.kind === 'string' && spec.maxLength !== undefined && !spec.labels && spec.pii === 'drop' && !spec.required) {
    // Dropped and optional: only its length can refuse it, and UTF-8 bytes never undercount JavaScript's characters.
    value = 'NULL';
    ok = `strlen(${raw}) <= ${spec.maxLength}`;
  } else if (spec.kind === 'string' && spec.maxLength !== undefined && !spec.labels) {
    const edges = `[${JS_SPACE.join(', ')}]`;
    value = raw;
    ok = `(NOT list_contains(${edges}, unicode(${raw})) AND NOT list_contains(${edges}, unicode((${raw})[-1])) AND strlen(${raw}) <= ${spec.maxLength})`;
  } else if (spec.kind === 'timestamp' || spec.kind === 'date') {
    // The pattern admits only the canonical shapes; DuckDB's cast then refuses impossible days.
    const re = spec.kind === 'date' ? YMD : TIMESTAMP_RE;
    const cast = `TRY_CAST(${raw} AS TIMESTAMP)`;
    value = `epoch_ms(${cast})`;
    ok = `(regexp_full_match(${raw}, ${lit(re)}) AND ${cast} IS NOT NULL)`;
  } else if (spec.kind === 'number') {
    value = `TRY_CAST(${raw} AS DOUBLE)`;
    ok = `regexp_full_match(${raw}, ${lit(DECIMAL_RE)})`;
  } else {
    return null;
  }
  // Every reader above gives NULL for a NULL cell and a non-NULL truth value for any other.
  return { value, ok: spec.required ? `(${raw} IS NOT NULL AND ${ok})` : `(${raw} IS NULL OR ${ok})` };
}
