/**
 * The bulk ingest's cell readers in SQL, generated from the column specs: each reads a raw
 * VARCHAR cell as `spec.read` would, for every form the README lists: text trimmed of the
 * white space JavaScript trims, the null tokens, every date and timestamp shape
 * (timestamp-sql.ts), amounts as exported (`¥1,200.00`, `260元`), and labels compared as the
 * validator compares them (case, spaces, `_`, `-`), their values taken from `read`. A cell the
 * SQL cannot vouch for marks its row "not ok" and the row goes through the JavaScript
 * validator, so reasons, values and line numbers are the browser's; test/ingest/cell-sql.test.ts
 * holds both to the same verdict, cell by cell, on a corpus of every form.
 */
import { Invalid, NULL_TOKENS, normLabel, type ColumnSpec } from '../../datasets/fields.ts';
import { lit } from '../../lib/sql-text.ts';
import { startOfDaySql, timestampSql } from './timestamp-sql.ts';

/** Code points String.prototype.trim removes. */
const JS_SPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const TRIM_CHARS = lit(String.fromCodePoint(...JS_SPACE));
/** Amounts Number() reads exactly as DuckDB's cast does: no sign, exponent, hex or bare dot. */
const DECIMAL_RE = '[0-9]{1,15}(\\.[0-9]{1,6})?';

/** `nullstr` for read_csv: the cells the JavaScript readers take as empty (a quoted token too, as there). */
export const READER_NULLS = `[${[...NULL_TOKENS].map(lit).join(', ')}]`;
const NULLS = `[${[...NULL_TOKENS].map(lit).join(', ')}]`;

/**
 * One cell in SQL: its typed value (timestamps and dates as local ms), and whether the row may
 * keep it given that value (as column `v`; computed once, in an inner SELECT). Never `x IN (a, b, …)`: DuckDB rewrites a long constant list into a join, and a
 * join in the plan makes CREATE TABLE AS drop the file's row order, which everything after
 * relies on (rowid = record number). `list_contains` stays a scalar function.
 */
export interface CellSql { value: string; ok: (v: string) => string }

function sqlValue(v: unknown): string | null {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string') return lit(v);
  return null;
}

const hex = (c: string) => `\\x{${c.codePointAt(0)!.toString(16)}}`;

/**
 * Labels as the validator compares them: the key (lower case, without spaces, `_`, `-`) looked
 * up among the keys of the column's literals. Only cells made of the literals' own characters
 * (either case) take this path: for those DuckDB's lower() and NFKC agree with JavaScript's.
 */
function labelSql(spec: ColumnSpec, t: string): string | null {
  const cases = new Map<string, string>();
  const chars = new Set([' ', '\t', '_', '-']);
  for (const l of spec.literals!) {
    const v = spec.read(l);
    if (NULL_TOKENS.has(l) || v === null || v instanceof Invalid) continue;
    const s = sqlValue(v);
    if (s === null) return null;
    cases.set(normLabel(l), s);
    for (const c of l) for (const x of [c, c.toLowerCase(), c.toUpperCase()]) if (x.length === 1 && x.normalize('NFKC') === x) chars.add(x);
  }
  if (cases.size === 0) return null;
  const key = `regexp_replace(lower(${t}), '[ \\t_-]+', '', 'g')`;
  const charset = `[${[...chars].map(hex).join('')}]+`;
  return `CASE WHEN regexp_full_match(${t}, ${lit(charset)}) THEN CASE ${key} ${[...cases].map(([k, s]) => `WHEN ${lit(k)} THEN ${s}`).join(' ')} END END`;
}

/** The typed value of trimmed, non-null text `t`, NULL where the validator would refuse it; null when the kind has no SQL. */
function valueSql(spec: ColumnSpec, t: string): string | null {
  if (spec.literals) return labelSql(spec, t);
  switch (spec.kind) {
    case 'string': return spec.maxLength !== undefined && !spec.labels ? `CASE WHEN strlen(${t}) <= ${spec.maxLength} THEN ${t} END` : null;
    case 'timestamp': return timestampSql(t);
    case 'date': return startOfDaySql(timestampSql(t));
    case 'number': {
      const n = `trim(regexp_replace(${t}, '^[¥￥]|元$|,', '', 'g'), ${TRIM_CHARS})`;
      return `CASE WHEN regexp_full_match(${n}, ${lit(DECIMAL_RE)}) THEN TRY_CAST(${n} AS DOUBLE) END`;
    }
    default: return null;
  }
}

/**
 * The SQL reading raw VARCHAR expression `raw` (NULL for a reader null token) as `spec` would,
 * or null when the column's kind has no SQL twin (then the dataset stays on the JavaScript path).
 * `value` is NULL for an empty cell and for a refused one; `ok` tells them apart.
 */
export function cellSql(spec: ColumnSpec, raw: string): CellSql | null {
  if (spec.kind === 'string' && spec.pii === 'drop' && !spec.required && spec.maxLength !== undefined && !spec.labels) {
    // Dropped and optional: only its length can refuse it, and UTF-8 bytes never undercount JavaScript's characters.
    return { value: 'NULL', ok: () => `(${raw} IS NULL OR strlen(${raw}) <= ${spec.maxLength})` };
  }
  const t = `trim(${raw}, ${TRIM_CHARS})`;
  const empty = `(${raw} IS NULL OR list_contains(${NULLS}, ${t}))`;
  const v = valueSql(spec, t);
  if (v === null) return null;
  const value = `CASE WHEN NOT ${empty} THEN ${v} END`;
  // The value is NULL exactly when the cell is empty or refused.
  return { value, ok: (x) => (spec.required ? `(${x} IS NOT NULL)` : `(${empty} OR ${x} IS NOT NULL)`) };
}
