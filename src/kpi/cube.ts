/**
 * Monthly cubes: facts with a key (a KPI id, a breakdown's category, bin, item…) summed per
 * (bucket, branch, service type, key), built once per runner and parameter set by the same SQL in
 * Node and the browser, and read into memory. A filter change then answers all additive KPIs and
 * the cubed breakdowns by adding a few bucket rows, without a query.
 *
 * A bucket is a calendar month, split in two at the day after the as-of day, so that both
 * calendar periods and year-to-date periods (which end the day after the as-of day) are unions
 * of whole buckets. A slice whose bounds are not bucket bounds is answered from the raw facts.
 */
import { globalsCte, paramsCte, type KpiDef } from './define.ts';
import { memo } from './memo.ts';
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

/** The bucket of `${alias}.at` ($13: the split day). */
const bucketOf = (alias: string) => `CAST(CASE WHEN day(${alias}.at) < CAST($13 AS INTEGER) THEN date_trunc('month', ${alias}.at)
    ELSE date_trunc('month', ${alias}.at) + to_days(CAST($13 AS INTEGER) - 1) END AS TIMESTAMP)`;

/** A cube cell's key: branch and service type ('' = all). */
export const cellKey = (branch: string, service: string) => `${branch}\u0000${service}`;
/** The branch and service type of a cell key. */
export const cellOf = (cell: string) => cell.split('\u0000') as [string, string];

/** The cube of additive KPIs: their facts with the KPI id as key, `num` and `den` summed. */
export function kpiCubeSpec(kpis: readonly KpiDef[]): CubeSpec {
  return {
    id: `kpis:${kpis.map((k) => k.id).join(',')}`,
    facts: kpis.map((k) => `SELECT f.at, f.branch, f.service_type, '${k.id}' AS key, f.num, f.den FROM (${k.facts}) f`).join('\n  UNION ALL '),
    measures: ['num', 'den'],
  };
}

/** Facts summed per (bucket, branch, service type, key): `measures` are their numeric columns. */
export interface CubeSpec { id: string; facts: string; measures: readonly string[]; /** Measures kept as a maximum, not a sum. */ maxOf?: readonly string[] }
/** One cell of a cube: per key, the buckets with their measure sums, in time order. */
export type CubeCell = Map<string, { bucket: number; m: number[] }[]>;
/**
 * Per cell (branch, service type; '' = all), its keys' buckets. Read a cell at a time: the build's
 * is a Map, the browser's (cube-pack.ts `unpackCube`) unpacks or sums a cell on its first read.
 */
export interface CubeIndex { get(cell: string): CubeCell | undefined; keys(): Iterable<string> }

/**
 * SQL of a cube, given one slice of parameters and the split day as `$13`. Rows are kept for each
 * filter level ('' where a level sums over all), so every slice is a lookup of one cell.
 */
export function cubeSql(name: string, spec: CubeSpec): string {
  const sums = spec.measures.map((m) => `CAST(${spec.maxOf?.includes(m) ? 'max' : 'sum'}(${m}) AS DOUBLE) AS ${m}`).join(', ');
  return `CREATE OR REPLACE TABLE ${name} AS WITH ${paramsCte(1)},\n${globalsCte},\nf AS (${spec.facts})
SELECT bucket, CAST(key AS VARCHAR) AS key,
  CASE WHEN GROUPING(branch) = 1 THEN '' ELSE branch END AS branch,
  CASE WHEN GROUPING(service_type) = 1 THEN '' ELSE service_type END AS service_type, ${sums}
FROM (SELECT ${bucketOf('f')} AS bucket, f.* FROM f WHERE f.at IS NOT NULL) b
GROUP BY GROUPING SETS ((bucket, key, branch, service_type), (bucket, key, branch), (bucket, key, service_type), (bucket, key))`;
}

/** Names each cube's table uniquely on its connection. */
let cubeSeq = 0;

/** The memo key of a cube: its spec and the parameters its facts may read (as-of, satisfied threshold, recurring window), and the split day. */
export const cubeKey = (spec: CubeSpec, params: readonly SqlParam[], split: number) => `cube:${JSON.stringify([spec.id, params[2], params[5], params[8], split])}`;

/**
 * The cube on `runner`, built by SQL on first use and read into memory once: a filter change then
 * needs no query (each DuckDB-WASM statement costs 10–20 ms of planning however small its table).
 * Sums of whole counts (and of whole milliseconds for means) are exact in doubles, so the order
 * of summation cannot matter. `params` is one slice's parameters (only the shared ones matter).
 */
export function ensureCube(runner: SqlRunner, spec: CubeSpec, params: readonly SqlParam[], split: number): Promise<CubeIndex> {
  return memo(runner, cubeKey(spec, params, split), async () => {
    const name = `cube_${cubeSeq++}`;
    await runner.query(cubeSql(name, spec), [...params, split]);
    const rows = await runner.query(`SELECT epoch_ms(bucket) AS bucket, key, branch, service_type, ${spec.measures.join(', ')} FROM ${name} ORDER BY branch, service_type, key, bucket`);
    const index = new Map<string, CubeCell>();
    for (const r of rows) {
      // A NULL branch or service type cannot be selected by a filter (the SQL never matched it either).
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
}

/**
 * Per key, the measures over the buckets in [start, stop) of a cell (summed, or the maximum for
 * `maxOf` measures); keys without a bucket there are absent.
 */
export function sumCube(index: CubeIndex, spec: CubeSpec, branch: string, service: string, start: number, stop: number): Map<string, number[]> {
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
