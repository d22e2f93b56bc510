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
  /** Extra common table expressions (each `name AS (...)`); the params CTE `p` comes first. */
  with?: readonly string[];
  /** Returns one row: numerator, denominator (rate, per_1000) or value, n (mean). */
  sql: string;
}

/**
 * The parameters every KPI query sees, as the CTE `p`. Values are bound, never spliced:
 * $1 start, $2 stop (exclusive), $3 as_of, $4 branch ('' = all), $5 service type ('' = all),
 * $6 satisfied threshold, $7 year start (for coverage), $8 period's last day, $9 recurring window
 * (days), $10/$11 age bounds, $12 the stricter bound for women (-1: none).
 */
export const PARAMS_CTE = `p AS (SELECT CAST($1 AS TIMESTAMP) AS start, CAST($2 AS TIMESTAMP) AS stop, CAST($3 AS TIMESTAMP) AS as_of,
  CAST($4 AS VARCHAR) AS branch, CAST($5 AS VARCHAR) AS service_type, CAST($6 AS INTEGER) AS satisfied,
  CAST($7 AS TIMESTAMP) AS year_start, CAST($8 AS DATE) AS last_day, CAST($9 AS INTEGER) AS recurring_days,
  CAST($10 AS INTEGER) AS age_min, CAST($11 AS INTEGER) AS age_max, CAST($12 AS INTEGER) AS female_age_max)`;

/** `alias.col` within the period [start, stop). */
export const inPeriod = (col: string) => `${col} >= p.start AND ${col} < p.stop`;
/** Branch filter on `alias.branch`. */
export const branchIs = (alias: string) => `(p.branch = '' OR ${alias}.branch = p.branch)`;
/** Service-type filter on `alias.service_type`. */
export const serviceIs = (alias: string) => `(p.service_type = '' OR ${alias}.service_type = p.service_type)`;
/** Seconds between two timestamps (works for TIMESTAMP and TIMESTAMP_MS alike). */
export const secondsBetween = (from: string, to: string) => `(epoch(${to}) - epoch(${from}))`;
/** Staff active in the window [from, p.stop): hired by its last day, not left before it began. */
export const activeStaff = (alias: string, from = 'p.start') => `${alias}.hired_at < p.stop AND (${alias}.left_at IS NULL OR ${alias}.left_at >= ${from})`;

/** Composes the full query for a KPI. */
export function kpiQuery(k: Pick<KpiDef, 'with' | 'sql'>): string {
  return `WITH ${[PARAMS_CTE, ...(k.with ?? [])].join(',\n')}\n${k.sql}`;
}
