/** The shape of a KPI definition and the SQL fragments definitions share. */
import type { DatasetName } from '../datasets/define.ts';

export interface KpiDef {
  id: string;
  label: { zh: string; en: string };
  /** How it is computed, in words (shown on the Method page and in the report). */
  definition: { zh: string; en: string };
  /** rate: numerator/denominator; mean: average (hours); per_1000: numerator×1000/denominator. */
  kind: 'rate' | 'mean' | 'per_1000';
  unit: 'ratio' | 'hours' | 'per_1000_orders';
  direction: 'higher' | 'lower';
  target: number | null;
  stretch?: number | null;
  /** Where the target comes from (the seeds). */
  source: string;
  /** Datasets it reads; the KPI is skipped when an optional one is absent. */
  requires: readonly DatasetName[];
  /** Which filters apply (staff-based KPIs have no service type). */
  filters: { branch: boolean; service_type: boolean };
  /** Target given per year, compared after scaling to the period's length. */
  annual_target?: boolean;
  /** Extra common table expressions (each `name AS (...)`) for `sql`; the params CTE `p` comes first. */
  with?: readonly string[];
  /**
   * An additive KPI: one row per observation with columns `at` (its timestamp, which places it
   * in a period), `branch`, `service_type`, `num`, `den`. Numerator and denominator of a period
   * are the sums over its rows (for a mean: value = Σnum / Σden, n = Σden). May read `g.as_of`
   * and `g.satisfied` (from the CTE `g`). Additive KPIs are also answered from the monthly cube.
   * Each row also names its source row (`rowOf`: source_file, source_line, ds) for the drill-down.
   */
  facts?: string;
  /** For a mean over facts: how many `num` units make one unit of the KPI (ms per hour); value = Σnum / Σden / num_per_unit. */
  num_per_unit?: number;
  /** A KPI that is not a sum over rows: one row per slice `k` of `p`: k, numerator, denominator (rate, per_1000) or k, value, n (mean). */
  sql?: string;
  /**
   * For a `sql` KPI over the staff register: what each person adds to the numerator and
   * denominator of slice `p` (columns staff_id, num, den; same CTEs as `sql`), for the drill-down.
   * Sums to `sql`'s numerator and denominator (tested); the person is counted where `sql` counts them.
   */
  rows?: string;
}

/** Name and SQL type of each parameter of a slice, in `kpiParams` order. */
const PARAMS = [
  ['start', 'TIMESTAMP'], ['stop', 'TIMESTAMP'], ['as_of', 'TIMESTAMP'], ['branch', 'VARCHAR'], ['service_type', 'VARCHAR'],
  ['satisfied', 'INTEGER'], ['year_start', 'TIMESTAMP'], ['last_day', 'DATE'], ['recurring_days', 'INTEGER'],
  ['age_min', 'INTEGER'], ['age_max', 'INTEGER'], ['female_age_max', 'INTEGER'],
] as const;
/** Number of bound parameters per slice (one row of `p`). */
export const PARAMS_PER_SLICE = PARAMS.length;

/**
 * The parameters every KPI query sees, as the CTE `p`: one row per slice (a period and filter
 * evaluated together), keyed by `p.k`. Values are bound, never spliced. Per slice, in order:
 * start, stop (exclusive), as_of, branch ('' = all), service type ('' = all), satisfied
 * threshold, year start (for coverage), the period's last day, recurring window (days), age
 * bounds min/max, the stricter bound for women (-1: none).
 */
export function paramsCte(slices: number): string {
  const rows = [];
  for (let i = 0; i < slices; i++) {
    rows.push(`(${i}, ${PARAMS.map(([, type], j) => `CAST($${i * PARAMS_PER_SLICE + j + 1} AS ${type})`).join(', ')})`);
  }
  return `p AS (SELECT * FROM (VALUES ${rows.join(',\n  ')})\n  v(k, ${PARAMS.map(([name]) => name).join(', ')}))`;
}


/**
 * A one-slice query (a breakdown) with the parameters bound in place of `p`: every `p.<name>`
 * becomes a typed positional parameter and `CROSS JOIN p` goes. Planning the cross join with the
 * VALUES row cost DuckDB(-WASM) about a third of these small queries' time. Returns the SQL and,
 * per positional parameter, its index in `kpiParams`.
 */
export function inlineParamsQuery(k: { with?: readonly string[]; sql?: string }): { sql: string; pick: number[] } {
  if (!k.sql) throw new Error('a breakdown needs `sql`');
  const pick: number[] = [];
  let sql = (k.with?.length ? `WITH ${k.with.join(',\n')}\n${k.sql}` : k.sql).replace(/\s+CROSS JOIN p\b/g, '');
  PARAMS.forEach(([name, type], i) => {
    const ref = new RegExp(`\\bp\\.${name}\\b`, 'g');
    if (!ref.test(sql)) return;
    pick.push(i);
    sql = sql.replace(ref, `CAST($${pick.length} AS ${type})`);
  });
  const left = /\bp\.\w+|\bJOIN p\b|\bFROM p\b|,\s*p\b(?!\.)/.exec(sql);
  if (left) throw new Error(`cannot bind the parameters of this query in place: ${left[0]} is left`);
  return { sql, pick };
}

/** `alias.col` within the period [start, stop). */
export const inPeriod = (col: string) => `${col} >= p.start AND ${col} < p.stop`;
/** Branch filter on `alias.branch`. */
export const branchIs = (alias: string) => `(p.branch = '' OR ${alias}.branch = p.branch)`;
/** Service-type filter on `alias.service_type`. */
export const serviceIs = (alias: string) => `(p.service_type = '' OR ${alias}.service_type = p.service_type)`;
/**
 * The columns naming a fact's row in dataset `ds` (`alias` a row of it or of a table derived from
 * it): its source file and line, which the drill-down (drill.ts) uses to show the rows behind a figure.
 */
export const rowOf = (alias: string, ds: string) => `${alias}.source_file, ${alias}.source_line, '${ds}' AS ds`;
/** 1 when the condition holds, else 0 (NULL counts as not holding): a fact's count column. */
export const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
/** Seconds between two timestamps (works for TIMESTAMP and TIMESTAMP_MS alike). */
export const secondsBetween = (from: string, to: string) => `(epoch(${to}) - epoch(${from}))`;
/** Staff active in the window [from, p.stop): hired by its last day, not left before it began. */
export const activeStaff = (alias: string, from = 'p.start') => `${alias}.hired_at < p.stop AND (${alias}.left_at IS NULL OR ${alias}.left_at >= ${from})`;

/** The parameters shared by every slice of a query (slices must agree on them), as the one-row CTE `g`. */
export const globalsCte = 'g AS (SELECT as_of, satisfied, recurring_days FROM p WHERE k = 0)';

/** The SELECT that sums the facts `f` in each slice's period and filters into numerator/denominator (or value/n) per slice of `p`. */
function sumFacts(k: { kind?: KpiDef['kind']; num_per_unit?: number }): string {
  const sums = k.kind === 'mean'
    ? `CAST(sum(f.num) AS DOUBLE) / sum(f.den) / ${Number(k.num_per_unit ?? 1)} AS value, CAST(sum(f.den) AS DOUBLE) AS n`
    : 'CAST(sum(f.num) AS DOUBLE) AS numerator, CAST(sum(f.den) AS DOUBLE) AS denominator';
  return `SELECT p.k AS k, ${sums} FROM f CROSS JOIN p
  WHERE f.at >= p.start AND f.at < p.stop AND (p.branch = '' OR f.branch = p.branch) AND (p.service_type = '' OR f.service_type = p.service_type)
  GROUP BY p.k`;
}

/** The query of what each person adds to a staff KPI (`rows`) for one slice. */
export function kpiRowsQuery(k: Pick<KpiDef, 'id' | 'with' | 'rows'>): string {
  if (!k.rows) throw new Error(`${k.id} has no per-person rows`);
  return `WITH ${[paramsCte(1), ...(k.with ?? [])].join(',\n')}\n${k.rows}`;
}

/** Composes the full query for a KPI or breakdown over `slices` rows of `p`. */
export function kpiQuery(k: { with?: readonly string[]; sql?: string; facts?: string; kind?: KpiDef['kind']; num_per_unit?: number }, slices = 1): string {
  if (k.facts) return `WITH ${paramsCte(slices)},\n${globalsCte},\nf AS (${k.facts})\n${sumFacts(k)}`;
  if (!k.sql) throw new Error('a KPI needs `facts` or `sql`');
  return `WITH ${[paramsCte(slices), ...(k.with ?? [])].join(',\n')}\n${k.sql}`;
}
