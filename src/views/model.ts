/**
 * What each dashboard page shows for a view (period, branch, service type), computed on any
 * SqlRunner: at build time in Node for the static HTML, in the browser by DuckDB-WASM on every
 * filter change. Pages ask only for what they draw, several slices per query.
 */
import type { Config } from '../kpi/config.ts';
import type { KpiDef } from '../kpi/define.ts';
import { availableKpis, computeKpiRequests, targetFor, type KpiContext, type KpiRequest, type KpiResult } from '../kpi/engine.ts';
import { branchNames } from '../kpi/filters.ts';
import { latestComplete, lastPeriods, parsePeriod, previousPeriod, type Period } from '../kpi/period.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { filterSlices, periodSlices, runBreakdown, serviceTypes } from '../kpi/slices.ts';
import type { PageId } from '../i18n/strings.ts';

export interface ViewState { period: string; branch: string; service: string }
export interface ViewEnv { config: Config; asOf: number }
export type Rows = Record<string, unknown>[];
export interface Trend { period: string; results: KpiResult[] }

export type ViewData =
  | { page: 'overview'; state: ViewState; trend: Trend[]; branches: [string, KpiResult][]; commitments: Trend[] }
  | { page: 'satisfaction'; state: ViewState; trend: Trend[]; dimensions: Rows; branches: [string, KpiResult][]; services: [string, KpiResult][] }
  | { page: 'complaints'; state: ViewState; trend: Trend[]; distribution: Rows; categories: Rows; recurring: Rows; backlog: Rows }
  | { page: 'training'; state: ViewState; kpis: KpiResult[]; branches: [string, KpiResult[]][]; counts: Rows; ages: Rows }
  | { page: 'workforce'; state: ViewState; trend: Trend[]; months: Rows; branches: [string, KpiResult][]; staff?: StaffSatisfactionView }
  | { page: 'quality'; state: ViewState; trend: Trend[]; byItem: Rows; byMethod: Rows; failures: Rows; delay: Rows; open: Rows };

/** Staff satisfaction next to turnover: the survey of one half-year against separations in the next, by branch. */
export interface StaffSatisfactionView {
  trend: Trend[];
  surveyed: string;
  following: string;
  branches: { branch: string; satisfaction: KpiResult; turnover: KpiResult }[];
}

/** The half-year containing local-ms `t`. */
export function halfOf(t: number): Period {
  const d = new Date(t);
  return parsePeriod(`${d.getUTCFullYear()}-H${d.getUTCMonth() < 6 ? 1 : 2}`);
}

/** The four complete quarters a commitments scorecard shows: ending with the last one complete by the period's end. */
export function commitmentQuarters(period: Period, asOf: number): Period[] {
  return lastPeriods(latestComplete('quarter', Math.min(period.end, asOf)), 4);
}

/** How many periods a trend chart shows, by period kind. */
export const TREND_LENGTH: Record<Period['kind'], number> = { month: 12, quarter: 6, half: 4, year: 3, ytd: 3 };

/**
 * Every period a view of `period` computes KPIs for: its trend, the commitments scorecard's
 * quarters and the staff-satisfaction half-years. The build prefetches the non-cube KPIs for these
 * (snapshot.ts), so the shipped answers hold every slice a filter can ask for.
 */
export function viewPeriods(period: Period, asOf: number): Period[] {
  const following = halfOf(period.start);
  // The Overview trend shows 4 periods whatever the kind.
  return [...lastPeriods(period, Math.max(4, TREND_LENGTH[period.kind])), ...commitmentQuarters(period, asOf), ...lastPeriods(following, 4), previousPeriod(following)];
}

/**
 * Collects the KPI slices a page needs (trend, per-branch, per-service bars) so they run as one
 * batch: one cube query for all additive KPIs plus one query per other KPI.
 */
class Batch {
  private readonly reqs: KpiRequest[] = [];
  private results: Promise<KpiResult[][]> | null = null;
  private readonly runner: SqlRunner;
  constructor(runner: SqlRunner) {
    this.runner = runner;
  }
  /** Registers `kpis` for each context; the returned function gives their results once run. */
  want(ctxs: readonly KpiContext[], kpis: readonly KpiDef[]): () => Promise<KpiResult[][]> {
    const at = this.reqs.length;
    if (kpis.length > 0) this.reqs.push(...ctxs.map((ctx) => ({ ctx, kpis })));
    return async () => (kpis.length > 0 ? (await this.run()).slice(at, at + ctxs.length) : ctxs.map(() => []));
  }
  private run(): Promise<KpiResult[][]> {
    return (this.results ??= computeKpiRequests(this.runner, this.reqs));
  }
}

/**
 * The period a view of `period` runs breakdown `id` over: headcount by month shows the 12 months
 * to the period's end. One place for the page and for the build's per-state answers.
 */
export function breakdownPeriod(id: string, period: Period): Period {
  if (id !== 'workforce_by_month') return period;
  return { id: `${period.id}-12m`, kind: 'month', start: Date.UTC(new Date(period.end).getUTCFullYear() - 1, new Date(period.end).getUTCMonth(), 1), end: period.end, months: 12 };
}

/** The KPI context a view state stands for. */
export function viewContext(state: ViewState, env: ViewEnv): KpiContext {
  return { period: parsePeriod(state.period, env.asOf), asOf: env.asOf, config: env.config, filter: { branch: state.branch || null, serviceType: state.service || null } };
}

/** Computes the data of `page` for `state`. */
export async function computeView(runner: SqlRunner, page: PageId, state: ViewState, env: ViewEnv): Promise<ViewData | null> {
  const ctx = viewContext(state, env);
  const period = ctx.period;
  const tables = await runner.tables();
  const have = (...kpis: string[]) => availableKpis(tables).filter((k) => kpis.includes(k.id));
  const batch = new Batch(runner);
  const trend = (kpis: readonly KpiDef[], n = TREND_LENGTH[period.kind]) => {
    const periods = lastPeriods(period, n);
    const get = batch.want(periodSlices(ctx, periods), kpis);
    return async (): Promise<Trend[]> => (await get()).map((results, i) => ({ period: periods[i]!.id, results }));
  };
  const by = async (dim: 'branch' | 'serviceType', kpis: readonly KpiDef[]) => {
    const names = kpis.length === 0 ? [] : dim === 'branch' ? await branchNames(runner) : await serviceTypes(runner);
    const get = batch.want(filterSlices(ctx, dim, names), kpis);
    return async (): Promise<[string, KpiResult[]][]> => (await get()).map((r, i) => [names[i]!, r]);
  };
  const only = (rows: [string, KpiResult[]][]): [string, KpiResult][] => rows.map(([k, v]) => [k, v[0]!]);
  const breakdown = (id: string) => runBreakdown(runner, id, { ...ctx, period: breakdownPeriod(id, ctx.period) });
  switch (page) {
    case 'overview': {
      const t = trend(availableKpis(tables), 4);
      const b = await by('branch', have('satisfaction_rate'));
      // Every commitment: the KPIs with a target, in the configuration or the catalogue.
      const committed = availableKpis(tables).filter((k) => targetFor(k, env.config, period).target !== null);
      const quarters = commitmentQuarters(period, env.asOf);
      const cm = batch.want(periodSlices(ctx, quarters), committed);
      const [tr, br, cms] = await Promise.all([t(), b(), cm()]);
      return { page, state, trend: tr, branches: only(br), commitments: cms.map((results, i) => ({ period: quarters[i]!.id, results })) };
    }
    case 'satisfaction': {
      const sat = have('satisfaction_rate');
      const t = trend(sat);
      const b = await by('branch', sat);
      const sv = await by('serviceType', sat);
      const [tr, dimensions, br, svs] = await Promise.all([t(), breakdown('satisfaction_by_dimension'), b(), sv()]);
      return { page, state, trend: tr, dimensions, branches: only(br), services: only(svs) };
    }
    case 'complaints': {
      const t = trend(have('complaint_response_within_24h_rate', 'complaint_closed_within_48h_rate', 'complaint_closure_rate', 'complaint_response_hours_avg'));
      const [tr, distribution, categories, recurring, backlog] = await Promise.all([
        t(), breakdown('complaint_response_distribution'), breakdown('complaints_by_category'), breakdown('recurring_complaints'), breakdown('complaint_backlog'),
      ]);
      return { page, state, trend: tr, distribution, categories, recurring, backlog };
    }
    case 'training': {
      const kpis = have('training_coverage_rate', 'training_pass_rate', 'background_check_rate');
      const current = batch.want([ctx], kpis);
      const b = await by('branch', kpis);
      const [[now], branches, counts, ages] = await Promise.all([current(), b(), breakdown('training_counts'), breakdown('age_eligibility')]);
      return { page, state, kpis: now!, branches, counts, ages };
    }
    case 'workforce': {
      const turnover = have('staff_turnover_rate');
      const t = trend(turnover);
      const b = await by('branch', turnover);
      const staff = await staffSatisfaction(runner, batch, ctx, have('staff_satisfaction_rate'), turnover);
      const [tr, months, br, st] = await Promise.all([t(), breakdown('workforce_by_month'), b(), staff()]);
      return { page, state, trend: tr, months, branches: only(br), ...(st ? { staff: st } : {}) };
    }
    case 'quality': {
      const kpis = have('inspection_pass_rate', 'incident_rate_per_1000_orders', 'incident_reported_within_24h_rate');
      if (kpis.length === 0) return null;
      const t = trend(kpis);
      const [tr, byItem, byMethod, failures, delay, open] = await Promise.all([t(), breakdown('inspections_by_item'), breakdown('inspections_by_method'),
        breakdown('inspection_failures'), breakdown('incident_reporting_delay'), breakdown('open_incidents')]);
      return { page, state, trend: tr, byItem, byMethod, failures, delay, open };
    }
    default:
      return null;
  }
}

/**
 * Staff satisfaction (four half-years) and, per branch, the survey of the half-year before the
 * selected period's against turnover in the half-year that follows it. Null without staff surveys.
 */
async function staffSatisfaction(runner: SqlRunner, batch: Batch, ctx: KpiContext, sat: readonly KpiDef[], turnover: readonly KpiDef[]): Promise<() => Promise<StaffSatisfactionView | null>> {
  if (sat.length === 0) return async () => null;
  const following = halfOf(ctx.period.start);
  const surveyed = previousPeriod(following);
  const halves = lastPeriods(following, 4);
  const trend = batch.want(periodSlices(ctx, halves), sat);
  const names = await branchNames(runner);
  const sats = batch.want(filterSlices({ ...ctx, period: surveyed }, 'branch', names), sat);
  const turns = batch.want(filterSlices({ ...ctx, period: following }, 'branch', names), turnover);
  return async () => {
    const [tr, s, t] = await Promise.all([trend(), sats(), turns()]);
    return {
      trend: tr.map((results, i) => ({ period: halves[i]!.id, results })), surveyed: surveyed.id, following: following.id,
      branches: names.map((branch, i) => ({ branch, satisfaction: s[i]![0]!, turnover: t[i]![0]! })).filter((r) => r.satisfaction && r.turnover),
    };
  };
}

