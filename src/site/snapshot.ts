/**
 * The build-time snapshot the static pages render from: every filtered page's data for the
 * default view (latest complete quarter, all branches, all service types), the filter options,
 * the catalogue, the configuration and the ingest summary. Computed with the same view model
 * the browser runs on each filter change.
 */
import { KPI_IDS, KPIS } from '../kpi/catalogue.ts';
import { loadConfig, type Config } from '../kpi/config.ts';
import { kpiQuery } from '../kpi/define.ts';
import { packEntry, type Answers, type AnswersPart } from '../kpi/answers.ts';
import { kpiParams, prefetchKpis, sliceCacheEntries, targetFor } from '../kpi/engine.ts';
import { writeRowPartitions } from './rows.ts';
import { memoEntries, trackMemo, untrackMemo } from '../kpi/memo.ts';
import { branchNames } from '../kpi/filters.ts';
import { latestComplete, parsePeriod } from '../kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../kpi/runner-node.ts';
import { runBreakdown, serviceTypes, STATE_PREFIX, stateKeyId } from '../kpi/slices.ts';
import type { Manifest } from '../ingest/manifest.ts';
import { FILTERED_PAGES, type PageId } from '../i18n/strings.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';
import { breakdownPeriod, computeView, viewContext, viewPeriods, type ViewData, type ViewState } from '../views/model.ts';
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
}

/** A page's answers: the file fetched at load and, per period, the part fetched when it is shown (kpi/answers.ts). */
export interface PageAnswers { main: Answers; parts: Record<string, AnswersPart> }
/** The snapshot and, per filtered page, the answers its filters are served from. */
export interface Built { snapshot: Snapshot; answers: Partial<Record<PageId, PageAnswers>> }

/** Computes the snapshot and the pages' answers from an ingested data dir. */
export async function buildSnapshot(dataDir: string, configPath: string, opts: { rowsDir?: string; log?: (m: string) => void } = {}): Promise<Built> {
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
    // Every period a view of an offered period shows (trends reach back before the first one).
    const needed = new Map([...periods.month, ...periods.quarter, ...periods.year].flatMap((id) => viewPeriods(parsePeriod(id, asOf), asOf)).map((p) => [p.id, p]));
    await prefetchKpis(runner, [...needed.values()].flatMap((period) => ['', ...branches].map((branch) => ({
      period, asOf, config, filter: { branch: branch || null, serviceType: null },
    }))));
    const answers: Partial<Record<PageId, PageAnswers>> = {};
    for (const page of Object.keys(views) as PageId[]) answers[page] = await pageAnswers(runner, page, views[page]!, { config, asOf }, periods);
    const snapshot: Snapshot = {
      company: config.company, as_of: as_of!, as_of_ms: asOf, default_state: state, periods,
      branches, services: await serviceTypes(runner), tables: [...tables], config, views,
      catalogue: KPIS.map((k) => ({
        id: k.id, label: k.label, definition: k.definition, unit: k.unit, direction: k.direction, source: k.source,
        ...targetFor(k, config, { id: 'year', kind: 'year', start: 0, end: 0, months: 12 }), requires: k.requires, sql: kpiQuery(k),
      })),
      manifest: { as_of, datasets: withoutLineText(datasets), rejects, unrecognised_files, warnings },
    };
    if (opts.rowsDir) {
      await writeRowPartitions(runner, opts.rowsDir, kpiParams({ period, asOf, config }), opts.log,
        { periods: [...needed.values()], paramsOf: (p) => kpiParams({ period: p, asOf, config }) });
    }
    return { snapshot, answers };
  } finally {
    runner.close();
  }
}

/**
 * What `page` reads for any state its filters offer: the memo entries (cubes, rosters, lists) its
 * views ask for, seen by running a few states of each kind (the structures do not depend on the
 * state); the reduced breakdowns' short lists, which do, for every state the filters offer (in a
 * part per period, but for the states the probes read); and the prefetched KPI slice rows of the
 * KPIs it shows.
 */
async function pageAnswers(runner: NodeRunner, page: PageId, shown: ViewData, env: { config: Config; asOf: number }, periods: PeriodOptions): Promise<PageAnswers> {
  const def = shown.state;
  const branches = await branchNames(runner);
  const services = await serviceTypes(runner);
  const [branch] = branches;
  const [service] = services;
  const probes: ViewState[] = [def, { ...def, branch: branch ?? '' }, { ...def, service: service ?? '' },
    ...[periods.month[0], periods.year[0]].filter((p): p is string => !!p).map((period) => ({ ...def, period }))];
  const all = trackMemo(runner);
  try {
    for (const state of probes) await computeView(runner, page, state, env);
  } finally {
    untrackMemo(runner);
  }
  // Reduced breakdowns are per state: every state the filters offer gets its own entry.
  const reduced = new Set([...all].filter((k) => k.startsWith(STATE_PREFIX)).map(stateKeyId));
  const byPeriod = new Map<string, Set<string>>();
  for (const period of reduced.size ? [...periods.quarter, ...periods.month, ...periods.year] : []) {
    const seen = trackMemo(runner);
    try {
      for (const b of ['', ...branches]) {
        for (const s of ['', ...services]) {
          const ctx = viewContext({ period, branch: b, service: s }, env);
          for (const id of reduced) await runBreakdown(runner, id, { ...ctx, period: breakdownPeriod(id, ctx.period) });
        }
      }
    } finally {
      untrackMemo(runner);
    }
    byPeriod.set(period, new Set([...seen].filter((k) => k.startsWith(STATE_PREFIX))));
  }
  // What the views read once those entries exist: the cubes keyed by person and the staff register
  // behind reduced breakdowns are not read again, so they stay at build time.
  const used = trackMemo(runner);
  try {
    for (const state of probes) await computeView(runner, page, state, env);
  } finally {
    untrackMemo(runner);
  }
  const ids = new Set([...JSON.stringify(shown).matchAll(/"id":"(\w+)"/g)].map((m) => m[1]!));
  const parts: Record<string, AnswersPart> = {};
  for (const [period, keys] of byPeriod) {
    const mine = new Set([...keys].filter((k) => !used.has(k)));
    if (mine.size) parts[period] = { v: 1, memo: (await memoEntries(runner, mine)).map(packEntry) };
  }
  const main: Answers = {
    v: 1, tables: [...await runner.tables()],
    memo: (await memoEntries(runner, used)).map(packEntry),
    slices: sliceCacheEntries(runner).filter(([key]) => ids.has(key.slice(0, key.indexOf('\u0000')))),
    ...(Object.keys(parts).length ? { parts: Object.keys(parts) } : {}),
  };
  return { main, parts };
}

/** The manifest's datasets without the text of skipped title lines (free text from a file: kept out of pages; their line numbers stay). */
function withoutLineText(datasets: Manifest['datasets']): Manifest['datasets'] {
  return Object.fromEntries(Object.entries(datasets).map(([k, d]) => [k, { ...d, files: d.files.map((f) => ({ ...f, skipped_lines: (f.skipped_lines ?? []).map(({ line }) => ({ line, text: '' })) })) }]));
}
