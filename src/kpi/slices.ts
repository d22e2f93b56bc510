/** Runs breakdown queries, and the KPI catalogue sliced by branch, service type and period. */
import { SERVICE_TYPES } from '../datasets/codes.ts';
import { BREAKDOWNS, breakdownById } from './breakdowns.ts';
import { kpiQuery } from './define.ts';
import { computeKpiSlices, kpiParams, type KpiContext, type KpiResult } from './engine.ts';
import type { KpiDef } from './define.ts';
import { branchNames } from './filters.ts';
import type { Period } from './period.ts';
import type { SqlRunner } from './runner.ts';

/** Rows of one breakdown for the context (empty when its datasets are absent). */
export async function runBreakdown(runner: SqlRunner, id: string, ctx: KpiContext): Promise<Record<string, unknown>[]> {
  const b = breakdownById(id);
  const tables = await runner.tables();
  if (!b.requires.every((d) => tables.has(d))) return [];
  return runner.query(kpiQuery(b), kpiParams(ctx));
}

/** Every breakdown for the context, by id. */
export async function runBreakdowns(runner: SqlRunner, ctx: KpiContext): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const b of BREAKDOWNS) out[b.id] = await runBreakdown(runner, b.id, ctx);
  return out;
}

/** The KPIs for each branch (league table). */
export async function kpisByBranch(runner: SqlRunner, ctx: KpiContext, kpis?: readonly KpiDef[]): Promise<Record<string, KpiResult[]>> {
  const names = await branchNames(runner);
  const results = await computeKpiSlices(runner, names.map((b) => ({ ...ctx, filter: { ...ctx.filter, branch: b } })), kpis);
  return Object.fromEntries(names.map((b, i) => [b, results[i]!]));
}

/** The KPIs for each service type that has orders. */
export async function kpisByServiceType(runner: SqlRunner, ctx: KpiContext, kpis?: readonly KpiDef[]): Promise<Record<string, KpiResult[]>> {
  const types = await serviceTypes(runner);
  const results = await computeKpiSlices(runner, types.map((t) => ({ ...ctx, filter: { ...ctx.filter, serviceType: t } })), kpis);
  return Object.fromEntries(types.map((t, i) => [t, results[i]!]));
}

/** Service types that have orders, in code-list order. */
export async function serviceTypes(runner: SqlRunner): Promise<string[]> {
  if (!(await runner.tables()).has('orders')) return [];
  const present = new Set((await runner.query('SELECT DISTINCT service_type FROM orders')).map((r) => String(r.service_type)));
  return Object.keys(SERVICE_TYPES).filter((t) => present.has(t));
}

/** The KPIs for each of `periods` (a trend), oldest first. */
export async function kpiTrend(runner: SqlRunner, ctx: KpiContext, periods: readonly Period[], kpis?: readonly KpiDef[]): Promise<{ period: string; results: KpiResult[] }[]> {
  const results = await computeKpiSlices(runner, periods.map((period) => ({ ...ctx, period })), kpis);
  return periods.map((p, i) => ({ period: p.id, results: results[i]! }));
}
