/**
 * The build-time snapshot the static pages render from: every filtered page's data for the
 * default view (latest complete quarter, all branches, all service types), the filter options,
 * the catalogue, the configuration and the ingest summary. Computed with the same view model
 * the browser runs on each filter change.
 */
import { KPI_IDS, KPIS } from '../kpi/catalogue.ts';
import { loadConfig, type Config } from '../kpi/config.ts';
import { kpiQuery } from '../kpi/define.ts';
import { prefetchKpis, sliceCacheEntries, targetFor } from '../kpi/engine.ts';
import { branchNames } from '../kpi/filters.ts';
import { latestComplete, parsePeriod } from '../kpi/period.ts';
import { openNodeRunner } from '../kpi/runner-node.ts';
import { serviceTypes } from '../kpi/slices.ts';
import type { Manifest } from '../ingest/manifest.ts';
import { FILTERED_PAGES, type PageId } from '../i18n/strings.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';
import { computeView, type ViewData, type ViewState } from '../views/model.ts';
import { firstActivityDay, periodOptions, type PeriodOptions } from '../views/periods.ts';

export interface CatalogueEntry { id: string; label: { zh: string; en: string }; definition: { zh: string; en: string }; unit: string; direction: string; source: string; target: number | null; stretch: number | null; requires: readonly string[]; sql: string }

export interface Snapshot {
  company: Config['company'];
  as_of: string;
  as_of_ms: number;
  default_state: ViewState;
  periods: PeriodOptions;
  branches: string[];
  services: string[];
  tables: string[];
  config: Config;
  views: Partial<Record<PageId, ViewData>>;
  catalogue: CatalogueEntry[];
  manifest: Pick<Manifest, 'as_of' | 'datasets' | 'rejects' | 'unrecognised_files' | 'warnings'>;
  /**
   * Rows of the KPIs the cube cannot answer (staff coverage, turnover, background checks) for every
   * period × branch the filters offer, computed here by the catalogue's SQL; the browser seeds its
   * slice cache with them (written to data/kpi-slices.json, not into the pages).
   */
  slices: [string, Record<string, unknown> | null][];
}

/** Computes the snapshot from an ingested data dir. */
export async function buildSnapshot(dataDir: string, configPath: string): Promise<Snapshot> {
  const config = await loadConfig(configPath, KPI_IDS);
  const runner = await openNodeRunner(dataDir);
  try {
    const asOf = runner.manifest.as_of ? parseLocalTimestamp(runner.manifest.as_of) : null;
    if (asOf === null) throw new Error(`${dataDir}: no data to build from (manifest has no as-of)`);
    const period = latestComplete('quarter', asOf);
    const state: ViewState = { period: period.id, branch: '', service: '' };
    const views: Partial<Record<PageId, ViewData>> = {};
    for (const page of FILTERED_PAGES) {
      const v = await computeView(runner, page, state, { config, asOf });
      if (v) views[page] = v;
    }
    const { as_of, datasets, rejects, unrecognised_files, warnings } = runner.manifest;
    const firstDay = firstActivityDay(datasets);
    const tables = await runner.tables();
    const periods = periodOptions(firstDay, asOf);
    const branches = await branchNames(runner);
    // Halves too: the Workforce page compares each half's turnover per branch with the survey before it.
    const halves = periods.year.flatMap((y) => [`${y}-H1`, `${y}-H2`]);
    await prefetchKpis(runner, [...periods.month, ...periods.quarter, ...halves, ...periods.year].flatMap((id) => ['', ...branches].map((branch) => ({
      period: parsePeriod(id, asOf), asOf, config, filter: { branch: branch || null, serviceType: null },
    }))));
    return {
      company: config.company, as_of: as_of!, as_of_ms: asOf, default_state: state, periods,
      branches, services: await serviceTypes(runner), tables: [...tables], config, views,
      catalogue: KPIS.map((k) => ({
        id: k.id, label: k.label, definition: k.definition, unit: k.unit, direction: k.direction, source: k.source,
        ...targetFor(k, config, { id: 'year', kind: 'year', start: 0, end: 0, months: 12 }), requires: k.requires, sql: kpiQuery(k),
      })),
      manifest: { as_of, datasets: withoutLineText(datasets), rejects, unrecognised_files, warnings },
      slices: sliceCacheEntries(runner),
    };
  } finally {
    runner.close();
  }
}

/** The manifest's datasets without the text of skipped title lines (free text from a file: kept out of pages; their line numbers stay). */
function withoutLineText(datasets: Manifest['datasets']): Manifest['datasets'] {
  return Object.fromEntries(Object.entries(datasets).map(([k, d]) => [k, { ...d, files: d.files.map((f) => ({ ...f, skipped_lines: (f.skipped_lines ?? []).map(({ line }) => ({ line, text: '' })) })) }]));
}
