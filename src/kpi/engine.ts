/**
 * Runs the catalogue for a period and filter on any runner, and turns raw counts into results:
 * value, Wilson interval, target (from configuration), met / missed / insufficient data.
 */
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import type { Config } from './config.ts';
import { KPIS } from './catalogue.ts';
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

/** The bound parameters of the `p` CTE for a context (see define.ts). */
export function kpiParams(ctx: KpiContext): SqlParam[] {
  const { period, asOf, filter, config } = ctx;
  const yearStart = Date.UTC(new Date(period.start).getUTCFullYear(), 0, 1);
  return [
    formatLocalTimestamp(period.start), formatLocalTimestamp(period.end), formatLocalTimestamp(asOf),
    filter?.branch ?? '', filter?.serviceType ?? '', config.satisfied_threshold, formatLocalTimestamp(yearStart),
    formatLocalDate(period.end - 86_400_000), config.recurring_window_days,
    config.age_bounds.min, config.age_bounds.max, config.age_bounds.female_max ?? -1,
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

/**
 * Computes the KPIs for several contexts (periods, filters) at once: one query per KPI, with
 * one row of `p` per context. Returns one result list per context, in the order given.
 */
export async function computeKpiSlices(runner: SqlRunner, ctxs: readonly KpiContext[], kpis?: readonly KpiDef[]): Promise<KpiResult[][]> {
  const list = kpis ?? availableKpis(await runner.tables());
  const out: KpiResult[][] = ctxs.map(() => []);
  for (const k of list) {
    // A staff KPI cannot be cut by service type: those slices are "not applicable", not queried.
    const runnable = ctxs.map((c, i) => ({ c, i })).filter(({ c }) => !c.filter?.serviceType || k.filters.service_type);
    const byKey = new Map<number, Record<string, unknown>>();
    if (runnable.length > 0) {
      const rows = await runner.query(kpiQuery(k, runnable.length), runnable.flatMap(({ c }) => kpiParams(c)));
      for (const r of rows) byKey.set(Number(r.k), r);
    }
    const slot = new Map(runnable.map(({ i }, j) => [i, j]));
    ctxs.forEach((c, i) => {
      const j = slot.get(i);
      out[i]!.push(j === undefined
        ? { ...evaluate(k, undefined, c), value: null, numerator: null, denominator: null, ci_low: null, ci_high: null, status: 'not_applicable' }
        : evaluate(k, byKey.get(j), c));
    });
  }
  return out;
}
