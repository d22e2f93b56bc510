/**
 * The monthly cube: every additive KPI's facts summed per (bucket, branch, service type), built
 * once per runner and parameter set by the same SQL in Node and the browser, and read into memory.
 * A filter change then answers all additive KPIs for all slices by adding a few bucket rows,
 * without a query (each DuckDB-WASM statement costs 10–20 ms of planning however small the table).
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
/** The bucket of `${alias}.at` ($13: the split day). */
const bucketOf = (alias: string) => `CAST(CASE WHEN day(${alias}.at) < CAST($13 AS INTEGER) THEN date_trunc('month', ${alias}.at)
    ELSE date_trunc('month', ${alias}.at) + to_days(CAST($13 AS INTEGER) - 1) END AS TIMESTAMP)`;

export function cubeSql(name: string, kpis: readonly KpiDef[]): string {
  const parts = kpis.map((k) => `SELECT '${k.id}' AS kpi, f.at, f.branch, f.service_type, f.num, f.den FROM (${k.facts}) f`);
  return `CREATE OR REPLACE TABLE ${name} AS WITH ${paramsCte(1)},\n${globalsCte}
SELECT kpi, bucket, (1 - GROUPING(branch)) + 2 * (1 - GROUPING(service_type)) AS lvl,
  CASE WHEN GROUPING(branch) = 1 THEN '' ELSE branch END AS branch,
  CASE WHEN GROUPING(service_type) = 1 THEN '' ELSE service_type END AS service_type,
  CAST(sum(num) AS DOUBLE) AS num, CAST(sum(den) AS DOUBLE) AS den
FROM (SELECT u.kpi, ${bucketOf('u')} AS bucket, u.branch, u.service_type, u.num, u.den
  FROM (${parts.join('\n  UNION ALL ')}) u WHERE u.at IS NOT NULL) b
GROUP BY GROUPING SETS ((kpi, bucket, branch, service_type), (kpi, bucket, branch), (kpi, bucket, service_type), (kpi, bucket))`;
}

/** The cube's rows in memory: per (lvl, branch, service type) and KPI, the buckets with their sums, in time order. */
export type CubeIndex = Map<string, Map<string, { bucket: number; num: number; den: number }[]>>;

const cellKey = (branch: string, service: string) => `${branch}\u0000${service}`;

/**
 * Sums a KPI's buckets in [start, stop) for a filter (''= all), as the cube's SQL would: a
 * filter level is a row group of the cube, a period a run of buckets. Null when no bucket exists.
 */
export function sumCube(index: CubeIndex, kpi: string, branch: string, service: string, start: number, stop: number): { num: number; den: number } | null {
  const rows = index.get(cellKey(branch, service))?.get(kpi);
  let hit = false;
  let num = 0;
  let den = 0;
  for (const r of rows ?? []) {
    if (r.bucket < start || r.bucket >= stop) continue;
    hit = true;
    num += r.num;
    den += r.den;
  }
  return hit ? { num, den } : null;
}

const built = new WeakMap<SqlRunner, Map<string, Promise<CubeIndex>>>();

/**
 * The cube for these KPIs and parameters on `runner`, built by SQL on first use and read into
 * memory once: a filter change then needs no query at all for additive KPIs (each DuckDB-WASM
 * statement costs 10–20 ms of planning however small its table). Sums of whole counts (and of
 * whole milliseconds for means) are exact in doubles, so the order of summation cannot matter.
 * `params` is one slice's parameters (only the shared ones, as-of and threshold, matter).
 */
export function ensureCube(runner: SqlRunner, kpis: readonly KpiDef[], params: readonly SqlParam[], split: number): Promise<CubeIndex> {
  let cubes = built.get(runner);
  if (!cubes) built.set(runner, (cubes = new Map()));
  const key = JSON.stringify([kpis.map((k) => k.id), params[2], params[5], split]);
  let hit = cubes.get(key);
  if (!hit) {
    const name = `kpi_cube_${cubes.size}`;
    hit = runner.query(cubeSql(name, kpis), [...params, split])
      .then(() => runner.query(`SELECT kpi, epoch_ms(bucket) AS bucket, branch, service_type, num, den FROM ${name} ORDER BY kpi, branch, service_type, bucket`))
      .then((rows) => {
        const index: CubeIndex = new Map();
        for (const r of rows) {
          // A NULL branch or service type cannot be selected by a filter (the SQL join never matched it either).
          if (r.branch === null || r.service_type === null) continue;
          const cell = cellKey(String(r.branch), String(r.service_type));
          let byKpi = index.get(cell);
          if (!byKpi) index.set(cell, (byKpi = new Map()));
          const list = byKpi.get(String(r.kpi)) ?? [];
          list.push({ bucket: Number(r.bucket), num: Number(r.num), den: Number(r.den) });
          byKpi.set(String(r.kpi), list);
        }
        return index;
      });
    hit.catch(() => cubes.delete(key));
    cubes.set(key, hit);
  }
  return hit;
}

/** A breakdown's facts summed per (bucket, branch, service type, key): `measures` are its numeric columns. */
export interface KeyedCubeSpec { id: string; facts: string; measures: readonly string[]; /** Measures kept as a maximum, not a sum. */ maxOf?: readonly string[] }
/** Per cell (branch, service type; '' = all) and key, the buckets with their measure sums, in time order. */
export type KeyedCubeIndex = Map<string, Map<string, { bucket: number; m: number[] }[]>>;

/** SQL of a breakdown's cube (parameters as for the KPI cube, `$13` the split day). */
export function keyedCubeSql(name: string, spec: KeyedCubeSpec): string {
  const sums = spec.measures.map((m) => `CAST(${spec.maxOf?.includes(m) ? 'max' : 'sum'}(${m}) AS DOUBLE) AS ${m}`).join(', ');
  return `CREATE OR REPLACE TABLE ${name} AS WITH ${paramsCte(1)},\n${globalsCte},\nf AS (${spec.facts})
SELECT bucket, CAST(key AS VARCHAR) AS key,
  CASE WHEN GROUPING(branch) = 1 THEN '' ELSE branch END AS branch,
  CASE WHEN GROUPING(service_type) = 1 THEN '' ELSE service_type END AS service_type, ${sums}
FROM (SELECT ${bucketOf('f')} AS bucket, f.* FROM f WHERE f.at IS NOT NULL) b
GROUP BY GROUPING SETS ((bucket, key, branch, service_type), (bucket, key, branch), (bucket, key, service_type), (bucket, key))`;
}

const keyedBuilt = new WeakMap<SqlRunner, Map<string, Promise<KeyedCubeIndex>>>();

/** A breakdown's cube on `runner`, built and read into memory on first use (see ensureCube). */
export function ensureKeyedCube(runner: SqlRunner, spec: KeyedCubeSpec, params: readonly SqlParam[], split: number): Promise<KeyedCubeIndex> {
  let cubes = keyedBuilt.get(runner);
  if (!cubes) keyedBuilt.set(runner, (cubes = new Map()));
  // As-of, satisfied threshold and recurring window: the parameters the facts may read (CTE g).
  const key = JSON.stringify([spec.id, params[2], params[5], params[8], split]);
  let hit = cubes.get(key);
  if (!hit) {
    const name = `bd_cube_${cubes.size}`;
    hit = runner.query(keyedCubeSql(name, spec), [...params, split])
      .then(() => runner.query(`SELECT epoch_ms(bucket) AS bucket, key, branch, service_type, ${spec.measures.join(', ')} FROM ${name} ORDER BY branch, service_type, key, bucket`))
      .then((rows) => {
        const index: KeyedCubeIndex = new Map();
        for (const r of rows) {
          if (r.branch === null || r.service_type === null || r.key === null) continue;
          const cell = cellKey(String(r.branch), String(r.service_type));
          let byKey = index.get(cell);
          if (!byKey) index.set(cell, (byKey = new Map()));
          const list = byKey.get(String(r.key)) ?? [];
          list.push({ bucket: Number(r.bucket), m: spec.measures.map((m) => Number(r[m])) });
          byKey.set(String(r.key), list);
        }
        return index;
      });
    hit.catch(() => cubes.delete(key));
    cubes.set(key, hit);
  }
  return hit;
}

/**
 * Per key, the measures over the buckets in [start, stop) of a cell (summed, or the maximum for
 * `maxOf` measures); keys without a bucket there are absent.
 */
export function sumKeyed(index: KeyedCubeIndex, spec: KeyedCubeSpec, branch: string, service: string, start: number, stop: number): Map<string, number[]> {
  const isMax = spec.measures.map((m) => spec.maxOf?.includes(m) ?? false);
  const out = new Map<string, number[]>();
  for (const [key, rows] of index.get(cellKey(branch, service)) ?? []) {
    let acc: number[] | null = null;
    for (const r of rows) {
      if (r.bucket < start || r.bucket >= stop) continue;
      if (!acc) acc = [...r.m];
      else for (let i = 0; i < r.m.length; i++) acc[i] = isMax[i] ? Math.max(acc[i]!, r.m[i]!) : acc[i]! + r.m[i]!;
    }
    if (acc) out.set(key, acc);
  }
  return out;
}
