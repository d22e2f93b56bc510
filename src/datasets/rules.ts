/**
 * Cross-field row rules as data. Each rule is checked by the JavaScript validator (`check`)
 * and, in the bulk ingest, by DuckDB inside the load (`sql`): both come from the one
 * definition here, and test/unit/rules.test.ts holds them to the same verdicts.
 */
import { lit } from '../lib/sql-text.ts';
import type { RowContext, RowIssue } from './row.ts';

export interface RowRule {
  /** The columns the rule reads. */
  columns: readonly string[];
  /** What is wrong with `row` (nothing when it passes). Timestamps and dates are local ms. */
  check(row: Readonly<Record<string, unknown>>, ctx: RowContext): RowIssue[];
  /**
   * SQL that is true exactly when check() finds nothing; `value(c)` is column c's typed value
   * (timestamps and dates as local ms, labels as their code), `asOf` the as-of limit in ms.
   */
  sql(value: (column: string) => string, asOf: string): string;
}

const NONE: RowIssue[] = [];

/** `later` must not be before `earlier` when both are present. */
export function notBefore(later: string, earlier: string): RowRule {
  const issue = [{ column: later, message: `${later} is before ${earlier}` }];
  return {
    columns: [later, earlier],
    check: (row) => {
      const a = row[earlier];
      const b = row[later];
      return typeof a === 'number' && typeof b === 'number' && b < a ? issue : NONE;
    },
    sql: (v) => `coalesce(${v(later)} >= ${v(earlier)}, true)`,
  };
}

/** No timestamp or date among `columns` may lie after the as-of limit. */
export function notAfterAsOf(...columns: string[]): RowRule {
  const issues = new Map(columns.map((c) => [c, { column: c, message: `${c} is after the as-of time` }]));
  return {
    columns,
    check: (row, ctx) => {
      let out = NONE;
      for (const c of columns) {
        const v = row[c];
        if (typeof v === 'number' && v > ctx.asOfLimit) out = [...out, issues.get(c)!];
      }
      return out;
    },
    sql: (v, asOf) => columns.map((c) => `coalesce(${v(c)} <= ${asOf}, true)`).join(' AND '),
  };
}

type Condition = { column: string; equals: string | boolean };
const sqlValue = (x: string | boolean) => (typeof x === 'boolean' ? String(x) : lit(x));

/** `column` must have a value when `when` holds (e.g. closed_at once the status is closed). */
export function requiredWhen(column: string, when: Condition, message: string): RowRule {
  const issue = [{ column, message }];
  return {
    columns: [column, when.column],
    check: (row) => (row[when.column] === when.equals && row[column] === null ? issue : NONE),
    sql: (v) => `(${v(when.column)} IS DISTINCT FROM ${sqlValue(when.equals)} OR ${v(column)} IS NOT NULL)`,
  };
}

/** `column` must be empty when `when` holds (e.g. no assessment result when there was no assessment). */
export function emptyWhen(column: string, when: Condition, message: string): RowRule {
  const issue = [{ column, message }];
  return {
    columns: [column, when.column],
    check: (row) => (row[when.column] === when.equals && row[column] !== null ? issue : NONE),
    sql: (v) => `(${v(when.column)} IS DISTINCT FROM ${sqlValue(when.equals)} OR ${v(column)} IS NULL)`,
  };
}

/** Every issue `rules` find in `row`, in rule order. */
export function ruleIssues(rules: readonly RowRule[], row: Readonly<Record<string, unknown>>, ctx: RowContext): RowIssue[] {
  let out = NONE;
  for (const r of rules) {
    const found = r.check(row, ctx);
    if (found.length > 0) out = [...out, ...found];
  }
  return out;
}
