/**
 * The monthly cube: every additive KPI's facts summed per (bucket, branch, service type), built
 * once per runner and parameter set by the same SQL in Node and the browser. A filter change then
 * answers all additive KPIs for all slices with one query over a few thousand rows instead of one
 * scan of the raw tables per KPI (each DuckDB-WASM query costs 5–20 ms however small the table).
 *
 * A bucket is a calendar month, split in two at the day after the as-of day, so that both
 * calendar periods and year-to-date periods (which end the day after the as-of day) are unions
 * of whole buckets. A slice whose bounds are not bucket bounds is answered from the raw facts.
 */
import { globalsCte, paramsCte, type KpiDef } from './define.ts';
import type { SqlParam, SqlRunner } from './runner.ts';

const DAY = 86_400_000;

/** The day of the month (2–32) at which each month's second bucket starts, from the as-of time (local ms). */
export function splitDay(asOf: number): number {
  return new Date(Math.floor(asOf / DAY) * DAY).getUTCDate() + 1;
}

/** Whether a local-ms instant is a bucket bound: a month's first day or its `split` day, at 00:00. */
export function isBucketBound(t: number, split: number): boolean {
  if (t % DAY !== 0) return false;
  const d = new Date(t).getUTCDate();
  return d === 1 || d === split;
}

/**
 * SQL of the cube for `kpis` (all additive), given one slice of parameters and the split day as
 * `$13`. Rows are kept at four levels (`lvl`: +1 by branch, +2 by service type; '' where a level
 * sums over all), so that every slice is answered by an equality join on (lvl, branch, service type).
 */
export function cubeSql(name: string, kpis: readonly KpiDef[]): string {
  const parts = kpis.map((k) => `SELECT '${k.id}' AS kpi, f.at, f.branch, f.service_type, f.num, f.den FROM (${k.facts}) f`);
  const bucket = `CASE WHEN day(u.at) < CAST($13 AS INTEGER) THEN date_trunc('month', u.at)
    ELSE date_trunc('month', u.at) + to_days(CAST($13 AS INTEGER) - 1) END`;
  return `CREATE OR REPLACE TABLE ${name} AS WITH ${paramsCte(1)},\n${globalsCte}
SELECT kpi, bucket, (1 - GROUPING(branch)) + 2 * (1 - GROUPING(service_type)) AS lvl,
  CASE WHEN GROUPING(branch) = 1 THEN '' ELSE branch END AS branch,
  CASE WHEN GROUPING(service_type) = 1 THEN '' ELSE service_type END AS service_type,
  CAST(sum(num) AS DOUBLE) AS num, CAST(sum(den) AS DOUBLE) AS den
FROM (SELECT u.kpi, CAST(${bucket} AS TIMESTAMP) AS bucket, u.branch, u.service_type, u.num, u.den
  FROM (${parts.join('\n  UNION ALL ')}) u WHERE u.at IS NOT NULL) b
GROUP BY GROUPING SETS ((kpi, bucket, branch, service_type), (kpi, bucket, branch), (kpi, bucket, service_type), (kpi, bucket))`;
}

/** One query over the cube for `slices` rows of `p`: per slice `k` and `kpi`, the summed `num` and `den`. */
export function cubeQuery(name: string, slices: number): string {
  return `WITH ${paramsCte(slices)},
q AS (SELECT p.*, CASE WHEN p.branch = '' THEN 0 ELSE 1 END + CASE WHEN p.service_type = '' THEN 0 ELSE 2 END AS lvl FROM p)
SELECT q.k AS k, f.kpi, sum(f.num) AS num, sum(f.den) AS den
FROM ${name} f JOIN q ON f.lvl = q.lvl AND f.branch = q.branch AND f.service_type = q.service_type AND f.bucket >= q.start AND f.bucket < q.stop
GROUP BY q.k, f.kpi`;
}

const built = new WeakMap<SqlRunner, Map<string, Promise<string>>>();

/**
 * The name of the cube table for these KPIs and parameters on `runner`, building it on first use.
 * `params` is one slice's parameters (only the shared ones, as-of and threshold, matter).
 */
export function ensureCube(runner: SqlRunner, kpis: readonly KpiDef[], params: readonly SqlParam[], split: number): Promise<string> {
  let cubes = built.get(runner);
  if (!cubes) built.set(runner, (cubes = new Map()));
  const key = JSON.stringify([kpis.map((k) => k.id), params[2], params[5], split]);
  let hit = cubes.get(key);
  if (!hit) {
    const name = `kpi_cube_${cubes.size}`;
    hit = runner.query(cubeSql(name, kpis), [...params, split]).then(() => name);
    hit.catch(() => cubes.delete(key));
    cubes.set(key, hit);
  }
  return hit;
}
