/**
 * The build-time snapshot a static page renders from: the default view's KPIs (latest complete
 * quarter, all branches), the previous period, a trend, the branch league table and the
 * ingest summary. Computed with the same catalogue the browser runs.
 */
import { KPI_IDS, KPIS } from '../kpi/catalogue.ts';
import { loadConfig, type Config } from '../kpi/config.ts';
import { computeKpis, type KpiResult } from '../kpi/engine.ts';
import { lastPeriods, latestComplete, previousPeriod } from '../kpi/period.ts';
import { openNodeRunner } from '../kpi/runner-node.ts';
import { kpisByBranch, runBreakdowns } from '../kpi/slices.ts';
import type { Manifest } from '../ingest/manifest.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';

export interface Snapshot {
  company: Config['company'];
  as_of: string | null;
  period: string;
  kpis: KpiResult[];
  previous: KpiResult[];
  trend: { period: string; results: KpiResult[] }[];
  by_branch: Record<string, KpiResult[]>;
  breakdowns: Record<string, Record<string, unknown>[]>;
  catalogue: { id: string; label: { zh: string; en: string }; definition: { zh: string; en: string }; unit: string; direction: string; source: string }[];
  manifest: Pick<Manifest, 'as_of' | 'datasets' | 'rejects' | 'unrecognised_files'>;
}

/** Computes the snapshot from an ingested data dir. */
export async function buildSnapshot(dataDir: string, configPath: string): Promise<Snapshot> {
  const config = await loadConfig(configPath, KPI_IDS);
  const runner = await openNodeRunner(dataDir);
  try {
    const asOf = runner.manifest.as_of ? parseLocalTimestamp(runner.manifest.as_of) : null;
    if (asOf === null) throw new Error(`${dataDir}: no data to build from (manifest has no as-of)`);
    const period = latestComplete('quarter', asOf);
    const ctx = { period, asOf, config };
    const kpis = await computeKpis(runner, ctx);
    const trend = [];
    for (const p of lastPeriods(period, 4)) trend.push({ period: p.id, results: p.id === period.id ? kpis : await computeKpis(runner, { ...ctx, period: p }) });
    const { as_of, datasets, rejects, unrecognised_files } = runner.manifest;
    return {
      company: config.company, as_of: runner.manifest.as_of, period: period.id, kpis,
      previous: await computeKpis(runner, { ...ctx, period: previousPeriod(period) }), trend,
      by_branch: await kpisByBranch(runner, ctx), breakdowns: await runBreakdowns(runner, ctx),
      catalogue: KPIS.map(({ id, label, definition, unit, direction, source }) => ({ id, label, definition, unit, direction, source })),
      manifest: { as_of, datasets, rejects, unrecognised_files },
    };
  } finally {
    runner.close();
  }
}
