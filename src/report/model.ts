/**
 * The public report's data for one company and period: aggregates only, every small cell
 * withheld (see suppress.ts). Nothing row-level, no ids, names or free text can get in: the
 * report is built from KPI results and grouped counts alone.
 */
import type { Config } from '../kpi/config.ts';
import { availableKpis, computeKpiSlices, type KpiResult } from '../kpi/engine.ts';
import { lastPeriods, parsePeriod } from '../kpi/period.ts';
import type { NodeRunner } from '../kpi/runner-node.ts';
import { runBreakdown } from '../kpi/slices.ts';
import { rateVisible, suppressTable } from './suppress.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';

export interface PublicKpi { id: string; value: number | null; target: number | null; status: KpiResult['status'] | 'suppressed'; n: number | null }
export interface PublicTable { rows: { key: string; received: number | null; closed: number | null; mark: 'primary' | 'secondary' | null }[]; total: number | null; total_closed: number | null }
export interface CompanyReport {
  company: Config['company'];
  period: string;
  /** The period runs past the as-of time: its figures are to date. */
  partial: boolean;
  as_of: string;
  threshold: number;
  kpis: PublicKpi[];
  trend: { period: string; kpis: PublicKpi[] }[];
  complaints_by_category: PublicTable;
  complaints_by_branch: PublicTable;
  coverage: { dataset: string; label: { zh: string; en: string }; rows_read: number; rows_accepted: number; rows_rejected: number; rows_superseded: number; files: number }[];
  rejects: number;
}

/** A KPI result as published: withheld when it rests on 1..threshold observations. */
export function publicKpi(r: KpiResult, threshold: number): PublicKpi {
  const n = r.n ?? r.denominator;
  const hide = !rateVisible(n, threshold);
  return { id: r.id, value: hide ? null : r.value, target: r.target, status: hide ? 'suppressed' : r.status, n: hide ? null : n };
}

/** Counts received / closed per key with suppression on both columns. */
export function publicTable(rows: readonly { key: string; received: number; closed: number }[], threshold: number): PublicTable {
  const rec = suppressTable(rows.map((r) => ({ key: r.key, count: r.received })), rows.reduce((a, r) => a + r.received, 0), threshold);
  const clo = suppressTable(rows.map((r) => ({ key: r.key, count: r.closed })), rows.reduce((a, r) => a + r.closed, 0), threshold);
  // A row withheld in one column is withheld in both, so closed/received cannot be divided back out.
  return {
    rows: rows.map((r) => {
      const mark = rec.reasons.get(r.key) ?? clo.reasons.get(r.key) ?? null;
      return { key: r.key, received: mark ? null : rec.cells.get(r.key)!, closed: mark ? null : clo.cells.get(r.key)!, mark };
    }),
    total: rec.total, total_closed: clo.total,
  };
}

/** A complaints table before suppression: received and closed per key (category or branch). */
export interface CountRow { key: string; received: number; closed: number }

/**
 * Everything a company's report and the association's funnels need, before suppression: KPI
 * results (with numerators and denominators) and grouped counts. No rows, ids or free text; it is
 * what an aggregate package carries (package.ts).
 */
export interface CompanyFacts {
  company: Config['company'];
  period: string;
  partial: boolean;
  as_of: string;
  threshold: number;
  kpis: KpiResult[];
  trend: { period: string; kpis: KpiResult[] }[];
  complaints_by_category: CountRow[];
  complaints_by_branch: CountRow[];
  coverage: CompanyReport['coverage'];
  rejects: number;
}

/** Computes a company's facts for `periodId` from an ingested data dir. */
export async function companyFacts(runner: NodeRunner, config: Config, periodId: string): Promise<CompanyFacts> {
  const m = runner.manifest;
  const asOf = parseLocalTimestamp(m.as_of!)!;
  const period = parsePeriod(periodId, asOf);
  const kpis = availableKpis(await runner.tables());
  const periods = lastPeriods(period, 4);
  const res = await computeKpiSlices(runner, periods.map((p) => ({ period: p, asOf, config })), kpis);
  const ctx = { period, asOf, config };
  const n = (v: unknown) => Number(v ?? 0);
  const cats = (await runBreakdown(runner, 'complaints_by_category', ctx)).map((r) => ({ key: String(r.category), received: n(r.received), closed: n(r.closed) }));
  const branches = (await runBreakdown(runner, 'complaints_by_branch', ctx)).map((r) => ({ key: String(r.branch), received: n(r.received), closed: n(r.closed) }));
  return {
    company: config.company, period: period.id, partial: period.end > asOf + 1, as_of: m.as_of!, threshold: config.suppression_threshold,
    kpis: res.at(-1)!, trend: periods.map((p, i) => ({ period: p.id, kpis: res[i]! })),
    complaints_by_category: cats, complaints_by_branch: branches,
    coverage: Object.values(m.datasets).map((d) => ({ dataset: d.name, label: d.label, rows_read: d.rows_read, rows_accepted: d.rows_accepted, rows_rejected: d.rows_rejected, rows_superseded: d.rows_superseded, files: d.files.length })),
    rejects: m.rejects.rows,
  };
}

/** The public report from a company's facts: every small cell withheld. */
export function reportFromFacts(f: CompanyFacts): CompanyReport {
  const t = f.threshold;
  return {
    company: f.company, period: f.period, partial: f.partial, as_of: f.as_of, threshold: t,
    kpis: f.kpis.map((r) => publicKpi(r, t)),
    trend: f.trend.map((p) => ({ period: p.period, kpis: p.kpis.map((r) => publicKpi(r, t)) })),
    complaints_by_category: publicTable(f.complaints_by_category, t), complaints_by_branch: publicTable(f.complaints_by_branch, t),
    coverage: f.coverage, rejects: f.rejects,
  };
}

/** Computes a company's report for `periodId` from an ingested data dir. */
export async function companyReport(runner: NodeRunner, config: Config, periodId: string): Promise<CompanyReport> {
  return reportFromFacts(await companyFacts(runner, config, periodId));
}
