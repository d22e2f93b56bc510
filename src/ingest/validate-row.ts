/**
 * Validation of one CSV record against a dataset: each cell through its column's reader (the
 * function behind its zod schema, called directly: zod's own overhead dominated at 1M rows),
 * then derived values, then cross-field rules. The same code runs in the build and the browser.
 */
import type { Dataset } from '../datasets/define.ts';
import type { RowContext } from '../datasets/row.ts';
import { Invalid, type ColumnSpec } from '../datasets/fields.ts';
import { ruleIssues } from '../datasets/rules.ts';

/** One reason a record was rejected. `column` is null when the whole row is at fault. */
export interface Problem { column: string | null; value: string; reason: string }

export type RecordResult =
  | { ok: true; row: Record<string, unknown> }
  | { ok: false; problems: Problem[] };

const MEMO_LIMIT = 20_000;

/**
 * A column's cell reader. Low-cardinality kinds (codes, yes/no, scores, dates, dictionary
 * text) are memoised; ids, timestamps and amounts are nearly unique, so a memo would only churn.
 */
function cellReader(spec: ColumnSpec): (raw: string) => unknown {
  if (!(spec.dictionary || spec.kind === 'boolean' || spec.kind === 'integer' || spec.kind === 'date')) return spec.read;
  const memo = new Map<string, unknown>();
  return (raw) => {
    let v = memo.get(raw);
    if (v === undefined) {
      v = spec.read(raw);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(raw, v);
    }
    return v;
  };
}

/** Validates records of one file: `columns` maps header positions to canonical columns. */
export function recordValidator(dataset: Dataset, columns: readonly (string | null)[]): (fields: readonly string[], ctx: RowContext) => RecordResult {
  const mapped = columns.map((c, i) => (c ? { name: c, index: i, read: cellReader(dataset.columns[c]!) } : null)).filter((x) => x !== null);
  // Columns absent from the file still go through their schema (as empty), so required ones fail.
  const absent = Object.keys(dataset.columns).filter((c) => !columns.includes(c)).map((c) => ({ name: c, read: cellReader(dataset.columns[c]!) }));
  const width = columns.length;
  return (fields, ctx) => {
    if (fields.length !== width && !(fields.length > width && fields.slice(width).every((f) => f.trim() === ''))) {
      return { ok: false, problems: [{ column: null, value: '', reason: `row has ${fields.length} fields, the header has ${width}` }] };
    }
    const row: Record<string, unknown> = {};
    let problems: Problem[] | null = null;
    for (const m of mapped) {
      const raw = fields[m.index]!;
      const v = m.read(raw);
      if (v instanceof Invalid) (problems ??= []).push({ column: m.name, value: raw, reason: v.reason });
      else row[m.name] = v;
    }
    for (const a of absent) {
      const v = a.read('');
      if (v instanceof Invalid) (problems ??= []).push({ column: a.name, value: '', reason: v.reason });
      else row[a.name] = v;
    }
    if (problems) return { ok: false, problems };
    dataset.derive?.(row as never);
    const issues = ruleIssues(dataset.rules, row, ctx);
    if (issues.length > 0) {
      const raw = (c: string) => { const m = mapped.find((x) => x.name === c); return m ? fields[m.index] ?? '' : ''; };
      return { ok: false, problems: issues.map((i) => ({ column: i.column, value: i.column ? raw(i.column) : '', reason: i.message })) };
    }
    return { ok: true, row };
  };
}
