/**
 * Runs the catalogue for a period and filter on any runner, and turns raw counts into results:
 * value, Wilson interval, target (from configuration), met / missed / insufficient data.
 */
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import type { Config } from './config.ts';
import { KPIS } from './catalogue.ts';
import { ensureCube, isBucketBound, kpiCubeSpec, splitDay, sumCube } from './cube.ts';
import { kpiQuery, type KpiDef } from './define.ts';
import type { Period } from './period.ts';
import type { SqlParam, SqlRunner } from './runner.ts';
import { wilson } from './stats.ts';

export interface KpiFilter { branch?: string | null; serviceType?: string | null }

export interface KpiResult {
  id: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Observations behind a mean (null for rates). */
  n: number | null;
  target: number | null;
  stretch: number | null;
  met: boolean | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Why `met` is null: no target, too few observations, or a filter the KPI cannot take. */
  status: 'met' | 'missed' | 'insufficient' | 'no_target' | 'not_applicable' | 'no_data';
}

export interface KpiContext { period: Period; asOf: number; filter?: KpiFilter; config: Config }

/**
 * A context's slice as plain values (local ms, codes, numbers): what `kpiParams` binds, formatted,
 * for the SQL, and what the rosters (roster.ts) filter by in JS.
 */
export interface SliceValues {
  start: number;
  stop: number;
  asOf: number;
  /** '' = all branches / all service types. */
  branch: string;
  serviceType: string;
  satisfied: number;
  /** 1 January of the period's year (training coverage counts from there). */
  yearStart: number;
  /** The period's last day, 00:00. */
  lastDay: number;
  recurringDays: number;
  ageMin: number;
  ageMax: number;
  /** -1: no stricter bound for women. */
  femaleAgeMax: number;
}

/** The slice values of a context. */
export function sliceValues(ctx: KpiContext): SliceValues {
  const { period, asOf, filter, config } = ctx;
  return {
    start: period.start, stop: period.end, asOf, branch: filter?.branch ?? '', serviceType: filter?.serviceType ?? '',
    satisfied: config.satisfied_threshold, yearStart: Date.UTC(new Date(period.start).getUTCFullYear(), 0, 1), lastDay: period.end - 86_400_000,
    recurringDays: config.recurring_window_days, ageMin: config.age_bounds.min, ageMax: config.age_bounds.max, femaleAgeMax: config.age_bounds.female_max ?? -1,
  };
}

/** The bound parameters of the `p` CTE for a context (see define.ts), in its order. */
export function kpiParams(ctx: KpiContext): SqlParam[] {
  const v = sliceValues(ctx);
  return [
    formatLocalTimestamp(v.start), formatLocalTimestamp(v.stop), formatLocalTimestamp(v.asOf), v.branch, v.serviceType, v.satisfied,
    formatLocalTimestamp(v.yearStart), formatLocalDate(v.lastDay), v.recurringDays, v.ageMin, v.ageMax, v.femaleAgeMax,
  ];
}

/** The target a KPI is compared with, from configuration, scaled to the period for yearly targets. */
export function targetFor(k: KpiDef, config: Config, period: Period): { target: number | null; stretch: number | null } {
  const t = config.targets[k.id];
  const target = t ? t.target : k.target;
  const stretch = t ? t.stretch : (k.stretch ?? null);
  const scale = k.annual_target ? period.months / 12 : 1;
  return { target: target === null ? null : target * scale, stretch: stretch === null ? null : stretch * scale };
}

/** Evaluates one KPI's raw row into a result. */
export function evaluate(k: KpiDef, row: Record<string, unknown> | undefined, ctx: KpiContext): KpiResult {
  const { target, stretch } = targetFor(k, ctx.config, ctx.period);
  const base = { id: k.id, period: ctx.period.id, target, stretch };
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  let value: number | null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  let n: number | null = null;
  let ci: { low: number; high: number } | null = null;
  if (k.kind === 'mean') {
    value = num(row?.value);
    n = num(row?.n) ?? 0;
  } else {
    numerator = num(row?.numerator) ?? 0;
    denominator = num(row?.denominator) ?? 0;
    const scale = k.kind === 'per_1000' ? 1000 : 1;
    value = denominator > 0 ? (numerator * scale) / denominator : null;
    const w = wilson(numerator, denominator);
    ci = w && { low: w.low * scale, high: w.high * scale };
  }
  const size = k.kind === 'mean' ? n! : denominator!;
  let status: KpiResult['status'];
  let met: boolean | null = null;
  if (value === null) status = 'no_data';
  else if (size < ctx.config.sample_floor) status = 'insufficient';
  else if (target === null) status = 'no_target';
  else {
    met = k.direction === 'higher' ? value >= target : value <= target;
    status = met ? 'met' : 'missed';
  }
  return { ...base, value, numerator, denominator, n, met, ci_low: ci?.low ?? null, ci_high: ci?.high ?? null, status };
}

/** KPIs whose datasets are all present (optional datasets may be missing). */
export function availableKpis(tables: ReadonlySet<string>): KpiDef[] {
  return KPIS.filter((k) => k.requires.every((d) => tables.has(d)));
}

/** Computes every available KPI for the context. */
export async function computeKpis(runner: SqlRunner, ctx: KpiContext, kpis?: readonly KpiDef[]): Promise<KpiResult[]> {
  return (await computeKpiSlices(runner, [ctx], kpis))[0]!;
}

export interface SliceOptions {
  /** Answer additive KPIs from the monthly cube where the periods allow (default true); false: always from the raw facts. */
  cube?: boolean;
}

/** A context and the KPIs wanted for it. */
export interface KpiRequest { ctx: KpiContext; kpis: readonly KpiDef[] }

/**
 * Computes the KPIs for several contexts (periods, filters) at once: all additive KPIs of
 * bucket-aligned periods in one query over the cube, every other KPI in one query with one row
 * of `p` per context. Returns one result list per context, in the order given.
 */
export async function computeKpiSlices(runner: SqlRunner, ctxs: readonly KpiContext[], kpis?: readonly KpiDef[], opts: SliceOptions = {}): Promise<KpiResult[][]> {
  const list = kpis ?? availableKpis(await runner.tables());
  return computeKpiRequests(runner, ctxs.map((ctx) => ({ ctx, kpis: list })), opts);
}

/** Like computeKpiSlices, with its own KPI list per context (a page's trend, branch bars and scorecard in one go). */
export async function computeKpiRequests(runner: SqlRunner, reqs: readonly KpiRequest[], opts: SliceOptions = {}): Promise<KpiResult[][]> {
  // Slices of one query share the as-of time and the satisfaction threshold (the CTE `g`).
  const groups = new Map<string, number[]>();
  reqs.forEach(({ ctx: c }, i) => {
    const key = `${c.asOf}|${c.config.satisfied_threshold}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  if (groups.size > 1) {
    const out: KpiResult[][] = reqs.map(() => []);
    for (const idx of groups.values()) {
      const res = await computeKpiRequests(runner, idx.map((i) => reqs[i]!), opts);
      idx.forEach((i, j) => (out[i] = res[j]!));
    }
    return out;
  }
  const tables = await runner.tables();
  const union = [...new Map(reqs.flatMap((r) => r.kpis).map((k) => [k.id, k])).values()];
  // raw[kpi id][request index] = the KPI's row for that request.
  const raw = new Map<string, Map<number, Record<string, unknown>>>(union.map((k) => [k.id, new Map()]));
  const applicable = (k: KpiDef, c: KpiContext) => !c.filter?.serviceType || k.filters.service_type;
  const split = reqs.length ? splitDay(reqs[0]!.ctx.asOf) : 0;
  const fromCube = opts.cube === false ? [] : reqs.map((r, i) => ({ c: r.ctx, i }))
    .filter(({ c, i }) => reqs[i]!.kpis.some((k) => k.facts) && isBucketBound(c.period.start, split) && isBucketBound(c.period.end, split));
  if (fromCube.length > 0) {
    const spec = kpiCubeSpec(availableKpis(tables).filter((k) => k.facts));
    const cube = await ensureCube(runner, spec, kpiParams(fromCube[0]!.c), split);
    for (const { c, i } of fromCube) {
      const sums = sumCube(cube, spec, c.filter?.branch ?? '', c.filter?.serviceType ?? '', c.period.start, c.period.end);
      for (const k of reqs[i]!.kpis) {
        const sum = k.facts && sums.get(k.id);
        if (!sum) continue;
        const [num, den] = sum as [number, number];
        // The same operations, in the same order, as sumFacts does in SQL.
        raw.get(k.id)!.set(i, k.kind === 'mean' ? { value: den > 0 ? num / den / (k.num_per_unit ?? 1) : null, n: den } : { numerator: num, denominator: den });
      }
    }
  }
  const cubed = new Set(fromCube.map(({ i }) => i));
  const cache = sliceCacheOf(runner);
  for (const k of union) {
    const runnable = reqs.map((r, i) => ({ c: r.ctx, i }))
      .filter(({ c, i }) => reqs[i]!.kpis.includes(k) && applicable(k, c) && !(k.facts && cubed.has(i)));
    if (runnable.length === 0) continue;
    const unique = uniqueSlices(runnable).map((u) => ({ ...u, key: `${k.id}\u0000${u.key}` }));
    // Each slice's row is kept: a filter change then queries only the slices never seen (often none).
    const missing = unique.filter((u) => !cache.has(u.key));
    if (missing.length > 0) {
      const rows = await runner.query(kpiQuery(k, missing.length), missing.flatMap((u) => u.params));
      for (const u of missing) cache.set(u.key, null);
      for (const r of rows) cache.set(missing[Number(r.k)]!.key, r);
    }
    for (const u of unique) {
      const row = cache.get(u.key);
      if (row) for (const i of u.at) raw.get(k.id)!.set(i, row);
    }
  }
  return reqs.map(({ ctx: c, kpis }, i) => kpis.map((k) => applicable(k, c)
    ? evaluate(k, raw.get(k.id)!.get(i), c)
    : { ...evaluate(k, undefined, c), value: null, numerator: null, denominator: null, ci_low: null, ci_high: null, status: 'not_applicable' as const }));
}

/** Rows of non-cube KPI queries per (KPI, slice parameters), per runner; the tables never change once loaded. */
const sliceCaches = new WeakMap<SqlRunner, Map<string, Record<string, unknown> | null>>();
function sliceCacheOf(runner: SqlRunner): Map<string, Record<string, unknown> | null> {
  let c = sliceCaches.get(runner);
  if (!c) sliceCaches.set(runner, (c = new Map()));
  return c;
}

/**
 * Computes the KPIs the cube cannot answer (coverage, turnover, background checks) for many
 * contexts at once, `chunk` slices per query, into the slice cache (see `sliceCacheEntries`).
 */
export async function prefetchKpis(runner: SqlRunner, ctxs: readonly KpiContext[], chunk = 40): Promise<void> {
  const kpis = availableKpis(await runner.tables()).filter((k) => !k.facts);
  for (let i = 0; i < ctxs.length; i += chunk) await computeKpiSlices(runner, ctxs.slice(i, i + chunk), kpis, { cube: false });
}

/** A runner's cached rows of non-cube KPI slices (key: KPI id and bound parameters), to ship with a built site. */
export function sliceCacheEntries(runner: SqlRunner): [string, Record<string, unknown> | null][] {
  return [...sliceCacheOf(runner)].map(([key, row]) => [key, row && Object.fromEntries(Object.entries(row).filter(([c]) => c !== 'k'))]);
}

/**
 * Seeds a runner's slice cache with rows the build computed by the same SQL (Node and WASM agree:
 * tested), so the browser never re-runs those slices.
 */
export function seedSliceCache(runner: SqlRunner, entries: readonly [string, Record<string, unknown> | null][]): void {
  const cache = sliceCacheOf(runner);
  for (const [key, row] of entries) if (!cache.has(key)) cache.set(key, row);
}

/** Contexts with the same parameters (a trend and a commitments grid share quarters) become one slice (`key`: its parameters as JSON); `at` lists the requests it answers. */
function uniqueSlices(list: readonly { c: KpiContext; i: number }[]): { params: SqlParam[]; key: string; at: number[] }[] {
  const slices = new Map<string, { params: SqlParam[]; key: string; at: number[] }>();
  for (const { c, i } of list) {
    const params = kpiParams(c);
    const key = JSON.stringify(params);
    const hit = slices.get(key);
    if (hit) hit.at.push(i);
    else slices.set(key, { params, key, at: [i] });
  }
  return [...slices.values()];
}

