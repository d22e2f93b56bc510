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

/** Computes a company's report for `periodId` from an ingested data dir. */
export async function companyReport(runner: NodeRunner, config: Config, periodId: string): Promise<CompanyReport> {
  const m = runner.manifest;
  const asOf = parseLocalTimestamp(m.as_of!)!;
  const period = parsePeriod(periodId, asOf);
  const t = config.suppression_threshold;
  const kpis = availableKpis(await runner.tables());
  const periods = lastPeriods(period, 4);
  const res = await computeKpiSlices(runner, periods.map((p) => ({ period: p, asOf, config })), kpis);
  const ctx = { period, asOf, config };
  const n = (v: unknown) => Number(v ?? 0);
  const cats = (await runBreakdown(runner, 'complaints_by_category', ctx)).map((r) => ({ key: String(r.category), received: n(r.received), closed: n(r.closed) }));
  const branches = (await runBreakdown(runner, 'complaints_by_branch', ctx)).map((r) => ({ key: String(r.branch), received: n(r.received), closed: n(r.closed) }));
  return {
    company: config.company, period: period.id, partial: period.end > asOf + 1, as_of: m.as_of!, threshold: t,
    kpis: res.at(-1)!.map((r) => publicKpi(r, t)),
    trend: periods.map((p, i) => ({ period: p.id, kpis: res[i]!.map((r) => publicKpi(r, t)) })),
    complaints_by_category: publicTable(cats, t), complaints_by_branch: publicTable(branches, t),
    coverage: Object.values(m.datasets).map((d) => ({ dataset: d.name, label: d.label, rows_read: d.rows_read, rows_accepted: d.rows_accepted, rows_rejected: d.rows_rejected, rows_superseded: d.rows_superseded, files: d.files.length })),
    rejects: m.rejects.rows,
  };
}

