/**
 * What each dashboard page shows for a view (period, branch, service type), computed on any
 * SqlRunner: at build time in Node for the static HTML, in the browser by DuckDB-WASM on every
 * filter change. Pages ask only for what they draw, several slices per query.
 */
import type { Config } from '../kpi/config.ts';
import type { KpiDef } from '../kpi/define.ts';
import { availableKpis, computeKpiSlices, type KpiContext, type KpiResult } from '../kpi/engine.ts';
import { lastPeriods, parsePeriod, type Period } from '../kpi/period.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { kpisByBranch, kpisByServiceType, runBreakdown } from '../kpi/slices.ts';
import type { PageId } from '../i18n/strings.ts';

export interface ViewState { period: string; branch: string; service: string }
export interface ViewEnv { config: Config; asOf: number }
export type Rows = Record<string, unknown>[];
export interface Trend { period: string; results: KpiResult[] }

export type ViewData =
  | { page: 'overview'; state: ViewState; trend: Trend[]; branches: [string, KpiResult][] }
  | { page: 'satisfaction'; state: ViewState; trend: Trend[]; dimensions: Rows; branches: [string, KpiResult][]; services: [string, KpiResult][] }
  | { page: 'complaints'; state: ViewState; trend: Trend[]; distribution: Rows; categories: Rows; recurring: Rows; backlog: Rows }
  | { page: 'training'; state: ViewState; kpis: KpiResult[]; branches: [string, KpiResult[]][]; counts: Rows; ages: Rows }
  | { page: 'workforce'; state: ViewState; trend: Trend[]; months: Rows; branches: [string, KpiResult][] };

/** How many periods a trend chart shows, by period kind. */
export const TREND_LENGTH: Record<Period['kind'], number> = { month: 12, quarter: 6, half: 4, year: 3, ytd: 3 };

const only = (r: Record<string, KpiResult[]>): [string, KpiResult][] => Object.entries(r).map(([k, v]) => [k, v[0]!]);

/** Computes the data of `page` for `state`. */
export async function computeView(runner: SqlRunner, page: PageId, state: ViewState, env: ViewEnv): Promise<ViewData | null> {
  const period = parsePeriod(state.period, env.asOf);
  const ctx: KpiContext = { period, asOf: env.asOf, config: env.config, filter: { branch: state.branch || null, serviceType: state.service || null } };
  const tables = await runner.tables();
  const have = (...kpis: string[]) => availableKpis(tables).filter((k) => kpis.includes(k.id));
  const trend = async (kpis: readonly KpiDef[], n = TREND_LENGTH[period.kind]) => {
    const periods = lastPeriods(period, n);
    const res = await computeKpiSlices(runner, periods.map((p) => ({ ...ctx, period: p })), kpis);
    return periods.map((p, i) => ({ period: p.id, results: res[i]! }));
  };
  switch (page) {
    case 'overview': {
      const t = await trend(availableKpis(tables), 4);
      const sat = have('satisfaction_rate');
      return { page, state, trend: t, branches: sat.length ? only(await kpisByBranch(runner, ctx, sat)) : [] };
    }
    case 'satisfaction': {
      const sat = have('satisfaction_rate');
      return {
        page, state, trend: await trend(sat), dimensions: await runBreakdown(runner, 'satisfaction_by_dimension', ctx),
        branches: sat.length ? only(await kpisByBranch(runner, ctx, sat)) : [], services: sat.length ? only(await kpisByServiceType(runner, ctx, sat)) : [],
      };
    }
    case 'complaints':
      return {
        page, state,
        trend: await trend(have('complaint_response_within_24h_rate', 'complaint_closed_within_48h_rate', 'complaint_closure_rate', 'complaint_response_hours_avg')),
        distribution: await runBreakdown(runner, 'complaint_response_distribution', ctx), categories: await runBreakdown(runner, 'complaints_by_category', ctx),
        recurring: await runBreakdown(runner, 'recurring_complaints', ctx), backlog: await runBreakdown(runner, 'complaint_backlog', ctx),
      };
    case 'training': {
      const kpis = have('training_coverage_rate', 'training_pass_rate', 'background_check_rate');
      const [current] = await computeKpiSlices(runner, [ctx], kpis);
      return {
        page, state, kpis: current!, branches: kpis.length ? Object.entries(await kpisByBranch(runner, ctx, kpis)) : [],
        counts: await runBreakdown(runner, 'training_counts', ctx), ages: await runBreakdown(runner, 'age_eligibility', ctx),
      };
    }
    case 'workforce': {
      const turnover = have('staff_turnover_rate');
      const year: Period = { id: `${period.id}-12m`, kind: 'month', start: Date.UTC(new Date(period.end).getUTCFullYear() - 1, new Date(period.end).getUTCMonth(), 1), end: period.end, months: 12 };
      return {
        page, state, trend: await trend(turnover), months: await runBreakdown(runner, 'workforce_by_month', { ...ctx, period: year }),
        branches: turnover.length ? only(await kpisByBranch(runner, ctx, turnover)) : [],
      };
    }
    default:
      return null;
  }
}
