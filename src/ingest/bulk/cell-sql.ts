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
import { JS_SPACE, startOfDaySql, timestampSteps } from './timestamp-sql.ts';

const TRIM_CHARS = lit(String.fromCodePoint(...JS_SPACE));
const EDGES = `[${JS_SPACE.join(', ')}]`;
/** `raw` trimmed as JavaScript trims; trim() with this many characters is slow, so only where an edge needs it. */
const trimmed = (raw: string) => `CASE WHEN list_contains(${EDGES}, unicode(${raw})) OR list_contains(${EDGES}, unicode((${raw})[-1])) THEN trim(${raw}, ${TRIM_CHARS}) ELSE ${raw} END`;
/** Amounts Number() reads exactly as DuckDB's cast does: no sign, exponent, hex or bare dot. */
const DECIMAL_RE = '[0-9]{1,15}(\\.[0-9]{1,6})?';

/** `nullstr` for read_csv: the cells the JavaScript readers take as empty (a quoted token too, as there). */
export const READER_NULLS = `[${[...NULL_TOKENS].map(lit).join(', ')}]`;

/**
 * One cell in SQL: the steps from its raw text to its typed value (timestamps and dates as
 * local ms), each computed once per cell as a column of its own (nested SELECTs: DuckDB would
 * otherwise evaluate a shared subexpression, such as a regex's groups, once per use), the
 * value last; and `ok`, whether the row may keep the cell. Never `x IN (a, b, …)`: DuckDB
 * rewrites a long constant list into a join, and a join in the plan makes CREATE TABLE AS drop
 * the file's row order, which everything after relies on (rowid = record number).
 * `list_contains` and `list_position` stay scalar functions.
 */
export interface CellSql { steps: string[]; ok: string }

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
function labelSteps(spec: ColumnSpec, t: string, own: (j: number) => string): string[] | null {
  const cases = new Map<string, string>();
  const exact = new Map<string, string>();
  const chars = new Set([' ', '\t', '_', '-']);
  for (const l of spec.literals!) {
    const v = spec.read(l);
    if (NULL_TOKENS.has(l) || v === null || v instanceof Invalid) continue;
    const s = sqlValue(v);
    if (s === null) return null;
    cases.set(normLabel(l), s);
    exact.set(l, s);
    for (const c of l) for (const x of [c, c.toLowerCase(), c.toUpperCase()]) if (x.length === 1 && x.normalize('NFKC') === x) chars.add(x);
  }
  if (cases.size === 0) return null;
  const key = `regexp_replace(lower(${t}), '[ \\t_-]+', '', 'g')`;
  const charset = `[${[...chars].map(hex).join('')}]+`;
  // Most cells are one of the literals exactly: one list lookup; only the others are normalised.
  return [
    `coalesce(list_position([${[...exact.keys()].map(lit).join(', ')}], ${t}), 0)`,
    `CASE WHEN ${own(0)} > 0 THEN [${[...exact.values()].join(', ')}][${own(0)}]
      WHEN regexp_full_match(${t}, ${lit(charset)}) THEN CASE ${key} ${[...cases].map(([k, s]) => `WHEN ${lit(k)} THEN ${s}`).join(' ')} END END`,
  ];
}

/**
 * The steps from trimmed, non-empty text `t` to the typed value, the last one NULL where the
 * validator would refuse the cell; null when the kind has no SQL. `own(j)` names step j.
 */
function valueSteps(spec: ColumnSpec, t: string, own: (j: number) => string): string[] | null {
  if (spec.literals) return labelSteps(spec, t, own);
  switch (spec.kind) {
    case 'string': return spec.maxLength !== undefined && !spec.labels ? [`CASE WHEN strlen(${t}) <= ${spec.maxLength} THEN ${t} END`] : null;
    case 'timestamp': return timestampSteps(t, own);
    case 'date': {
      const steps = timestampSteps(t, own);
      return [...steps, startOfDaySql(own(steps.length - 1))];
    }
    case 'number': {
      // A plain decimal is read at once; only the others lose their ¥, 元 and thousands commas first.
      const n = trimmed(`regexp_replace(${t}, '^[¥￥]|元$|,', '', 'g')`);
      return [
        `regexp_full_match(${t}, ${lit(DECIMAL_RE)})`,
        `CASE WHEN ${own(0)} THEN TRY_CAST(${t} AS DOUBLE) WHEN regexp_full_match(${n}, ${lit(DECIMAL_RE)}) THEN TRY_CAST(${n} AS DOUBLE) END`,
      ];
    }
    default: return null;
  }
}

/**
 * The SQL reading raw VARCHAR column `raw` (NULL for a reader null token) as `spec` would, its
 * step k to be computed as column `col(k)`; null when the column's kind has no SQL twin (then
 * the dataset stays on the JavaScript path). The value is NULL for an empty cell and for a
 * refused one; `ok` tells them apart.
 */
export function cellSql(spec: ColumnSpec, raw: string, col: (k: number) => string): CellSql | null {
  if (spec.kind === 'string' && spec.pii === 'drop' && !spec.required && spec.maxLength !== undefined && !spec.labels) {
    // Dropped and optional: only its length can refuse it, and UTF-8 bytes never undercount JavaScript's characters.
    return { steps: ['NULL'], ok: `(${raw} IS NULL OR strlen(${raw}) <= ${spec.maxLength})` };
  }
  const [t, empty] = [col(0), col(1)];
  const kind = valueSteps(spec, t, (j) => col(2 + j));
  if (kind === null) return null;
  const value = col(2 + kind.length);
  return {
    steps: [trimmed(raw), `(${raw} IS NULL OR (${t} <> ${raw} AND list_contains(${READER_NULLS}, ${t})))`, ...kind, `CASE WHEN NOT ${empty} THEN ${col(1 + kind.length)} END`],
    // The value is NULL exactly when the cell is empty or refused.
    ok: spec.required ? `(${value} IS NOT NULL)` : `(${empty} OR ${value} IS NOT NULL)`,
  };
}
