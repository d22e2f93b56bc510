/** Runs breakdown queries, and the KPI catalogue sliced by branch, service type and period. */
import { SERVICE_TYPES } from '../datasets/codes.ts';
import { BREAKDOWNS, breakdownById } from './breakdowns.ts';
import { kpiQuery } from './define.ts';
import { computeKpis, kpiParams, type KpiContext, type KpiResult } from './engine.ts';
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
export async function kpisByBranch(runner: SqlRunner, ctx: KpiContext): Promise<Record<string, KpiResult[]>> {
  const out: Record<string, KpiResult[]> = {};
  for (const b of await branchNames(runner)) out[b] = await computeKpis(runner, { ...ctx, filter: { ...ctx.filter, branch: b } });
  return out;
}

/** The KPIs for each service type that has orders. */
export async function kpisByServiceType(runner: SqlRunner, ctx: KpiContext): Promise<Record<string, KpiResult[]>> {
  const present = new Set((await runner.query('SELECT DISTINCT service_type FROM orders')).map((r) => String(r.service_type)));
  const out: Record<string, KpiResult[]> = {};
  for (const t of Object.keys(SERVICE_TYPES)) {
    if (present.has(t)) out[t] = await computeKpis(runner, { ...ctx, filter: { ...ctx.filter, serviceType: t } });
  }
  return out;
}

/** The KPIs for each of `periods` (a trend), oldest first. */
export async function kpiTrend(runner: SqlRunner, ctx: KpiContext, periods: readonly Period[]): Promise<{ period: string; results: KpiResult[] }[]> {
  const out = [];
  for (const period of periods) out.push({ period: period.id, results: await computeKpis(runner, { ...ctx, period }) });
  return out;
}
