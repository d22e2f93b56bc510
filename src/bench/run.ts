/**
 * One benchmark run at one size: generate the seeded data (kept between runs), ingest it in a
 * child process against DuckDB's read_csv, build the site, measure what the browser transfers
 * and does in headless Chromium, and compare DuckDB-WASM with native DuckDB on the same views.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Manifest } from '../ingest/manifest.ts';
import { loadConfig } from '../kpi/config.ts';
import { KPI_IDS } from '../kpi/catalogue.ts';
import { launchChromium } from '../lib/chromium.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';
import { generate, SAMPLE_SIZES } from '../sample/generate.ts';
import { plainFiles } from '../sample/files.ts';
import { writeSample } from '../sample/write.ts';
import { buildSiteFromData } from '../site/build-site.ts';
import { changesFor, measurePage, statesFor, transferBytes, type SnapshotLite } from './browser.ts';
import { duckdbReadCsvMs } from './duckdb-baseline.ts';
import { compareEngines } from './engines.ts';
import { BenchResultsSchema, type BenchResults } from './results.ts';
import { serve } from './serve.ts';
import { measureDrop, type DropResult } from './try-drop.ts';

const run = promisify(execFile);
export const BENCH_PAGES = ['/', '/satisfaction/', '/complaints/', '/training/', '/workforce/', '/quality/'];

export interface BenchOptions { size: string; workDir: string; configPath: string; seed?: number; pages?: readonly string[] }
export interface BenchEffects { log(msg: string): void }

/** Runs every measurement for `size` and returns the (validated) results. */
export async function runBench(opts: BenchOptions, fx: BenchEffects): Promise<BenchResults> {
  const orders = SAMPLE_SIZES[opts.size];
  if (!orders) throw new Error(`unknown size ${opts.size} (use ${Object.keys(SAMPLE_SIZES).join(', ')})`);
  const seed = opts.seed ?? 20261123;
  const base = resolve(opts.workDir, opts.size);
  const csvDir = join(base, 'csv');
  const dataDir = join(base, 'out');
  const distDir = join(base, 'dist');
  const marker = join(csvDir, `.complete-${seed}`);
  if (!existsSync(marker)) {
    fx.log(`generating ${orders.toLocaleString('en')} orders (seed ${seed})…`);
    await rm(csvDir, { recursive: true, force: true });
    await writeSample(csvDir, plainFiles(generate({ orders, seed })));
    await writeFile(marker, '');
  }
  const csvFiles = (await readdir(csvDir)).filter((f) => f.endsWith('.csv'));
  const csvBytes = (await Promise.all(csvFiles.map((f) => stat(join(csvDir, f))))).reduce((a, s) => a + s.size, 0);

  fx.log('DuckDB read_csv of the same files…');
  const duck = await duckdbReadCsvMs(csvDir);
  fx.log('ingest (child process, for its peak memory)…');
  const child = await run(process.execPath, [join(import.meta.dirname, 'ingest-child.ts'), csvDir, dataDir], { maxBuffer: 1 << 20, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  const ing = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ingest_ms: number; peak_rss_mb: number };
  const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;

  fx.log('building the site…');
  let t0 = performance.now();
  await buildSiteFromData({ dataDir, outDir: distDir, configPath: opts.configPath });
  const siteMs = performance.now() - t0;
  const snap = JSON.parse(await readFile(join(dataDir, 'snapshot.json'), 'utf8')) as SnapshotLite;

  fx.log('compressing the data files as a static host would…');
  const bytes = await transferBytes(Object.values(manifest.datasets).map((d) => join(dataDir, d.arrow)));
  const transfer = { arrow_bytes: bytes.arrow, gzip_bytes: bytes.gzip, brotli_bytes: bytes.brotli };

  fx.log('headless Chromium (a fresh browser per page)…');
  const server = await serve(distDir);
  const pages = [];
  let chromium = 'unknown';
  let tryDrop: DropResult | undefined;
  try {
    for (const p of opts.pages ?? BENCH_PAGES) {
      // Quality & safety exists only with inspections or incidents (older generated data has none).
      if (!existsSync(join(distDir, p, 'index.html'))) {
        fx.log(`  ${p}: not built for this data, skipped`);
        continue;
      }
      const browser = await launchChromium();
      try {
        chromium = browser.version();
        const m = await measurePage(browser, server.url, p, changesFor(snap), distDir);
        pages.push(m);
        fx.log(`  ${p}: filter p50 ${m.filter_p50_ms} ms, p95 ${m.filter_p95_ms} ms`);
      } finally {
        await browser.close();
      }
    }
    fx.log('"Try your data": every CSV dropped at once…');
    const browser = await launchChromium();
    try {
      tryDrop = await measureDrop(browser, server.url, csvFiles.map((f) => join(csvDir, f)), csvBytes);
      fx.log(`  report after ${(tryDrop.ingest_ms / 1000).toFixed(1)} s, dashboard after ${(tryDrop.total_ms / 1000).toFixed(1)} s, longest task while parsing ${Math.round(tryDrop.longest_task_ingest_ms)} ms`);
    } catch (e) {
      // The page is for weekly exports; a drop too large for the tab is reported, not fatal to the run.
      fx.log(`  the drop did not finish: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }

  fx.log('DuckDB-WASM against native DuckDB on the same views…');
  const config = await loadConfig(opts.configPath, KPI_IDS);
  t0 = performance.now();
  const engines = await compareEngines(dataDir, statesFor(snap).slice(0, 6), config, parseLocalTimestamp(manifest.as_of!)!);

  return BenchResultsSchema.parse({
    size: opts.size,
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model.trim() ?? 'unknown', memory_gb: Math.round(totalmem() / 2 ** 30), node: process.versions.node, chromium, os: `${platform()} ${release()}` },
    data: { rows: Object.fromEntries(Object.values(manifest.datasets).map((d) => [d.name, d.rows_accepted])), csv_bytes: csvBytes },
    ingest: { duckdb_read_csv_ms: Math.round(duck), ingest_ms: ing.ingest_ms, ratio: +(ing.ingest_ms / duck).toFixed(2), peak_rss_mb: ing.peak_rss_mb },
    build: { site_ms: Math.round(siteMs) },
    transfer: { ...transfer, gzip_vs_csv: +(transfer.gzip_bytes / csvBytes).toFixed(4), brotli_vs_csv: +(transfer.brotli_bytes / csvBytes).toFixed(4) },
    browser: pages,
    engines,
    ...(tryDrop ? { try_drop: tryDrop } : {}),
  });
}
