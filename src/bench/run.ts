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
import { SAMPLE_SIZES } from '../sample/generate.ts';
import { buildSiteFromData } from '../site/build-site.ts';
import { changesFor, measurePage, statesFor, transferBytes, type SnapshotLite } from './browser.ts';
import { duckdbReadCsvMs } from './duckdb-baseline.ts';
import { compareEngines } from './engines.ts';
import { BenchResultsSchema, type BenchResults } from './results.ts';
import { serve } from './serve.ts';
import { measureDrop, type DropResult } from './try-drop.ts';
import { measureFloor } from './floor.ts';

const run = promisify(execFile);
/** A child's heap limit: room for a 10M-row set's records (the limit is a ceiling; peak RSS is what is reported). */
const heapMb = (orders: number) => Math.max(4096, Math.ceil(orders / 1_000_000) * 1024);
/** Above this much CSV the Try page's drop is not attempted (it is for one company's exports, not a 10M history). */
const TRY_DROP_MAX_BYTES = 1e9;
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
    // A child process, so a 10M-row set (about 5 GB of records while it is written) gets its own heap.
    await run(process.execPath, [`--max-old-space-size=${heapMb(orders)}`, join(import.meta.dirname, '../../scripts/sample.ts'), '--orders', String(orders), '--seed', String(seed), '--plain', '--out', csvDir], { maxBuffer: 1 << 20 });
    await writeFile(marker, '');
  }
  const csvFiles = (await readdir(csvDir)).filter((f) => f.endsWith('.csv'));
  const csvBytes = (await Promise.all(csvFiles.map((f) => stat(join(csvDir, f))))).reduce((a, s) => a + s.size, 0);

  fx.log('DuckDB read_csv of the same files…');
  const duck = await duckdbReadCsvMs(csvDir);
  fx.log('ingest (child process, for its peak memory)…');
  const child = await run(process.execPath, [`--max-old-space-size=${heapMb(orders)}`, join(import.meta.dirname, 'ingest-child.ts'), csvDir, dataDir], { maxBuffer: 1 << 20, env: { ...process.env, TZ: 'Asia/Shanghai' } });
  const ing = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ingest_ms: number; peak_rss_mb: number };
  const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;

  fx.log('building the site…');
  const t0 = performance.now();
  await buildSiteFromData({ dataDir, outDir: distDir, configPath: opts.configPath });
  const siteMs = performance.now() - t0;
  const snap = JSON.parse(await readFile(join(dataDir, 'snapshot.json'), 'utf8')) as SnapshotLite;

  fx.log('compressing the data files as a static host would…');
  const bytes = await transferBytes(Object.values(manifest.datasets).map((d) => join(dataDir, d.arrow)));
  const transfer = { arrow_bytes: bytes.arrow, gzip_bytes: bytes.gzip, brotli_bytes: bytes.brotli, ...(bytes.estimated ? { estimated: true } : {}) };
  const skipped: { step: string; reason: string }[] = [];

  fx.log('headless Chromium (a fresh browser per page)…');
  const server = await serve(distDir);
  const pages = [];
  let chromium = 'unknown';
  let tryDrop: DropResult | undefined;
  let floor: Awaited<ReturnType<typeof measureFloor>> | undefined;
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
        fx.log(`  ${p}: filter p50 ${m.filter_p50_ms} ms, p95 ${m.filter_p95_ms} ms, every chart drawn p95 ${m.charts_p95_ms ?? '–'} ms`);
      } finally {
        await browser.close();
      }
    }
    const floorBrowser = await launchChromium();
    try {
      floor = await measureFloor(floorBrowser, changesFor(snap));
      fx.log(`  harness floor (a page that does no work): first filter answered ${floor.first_filter_ms} ms`);
    } finally {
      await floorBrowser.close();
    }
    if (csvBytes > TRY_DROP_MAX_BYTES) {
      skipped.push({ step: '"Try your data" drop', reason: `${(csvBytes / 1e9).toFixed(1)} GB of CSV: the page parses a drop in the tab's memory and is meant for one company's exports (it warns above 200 MB); a whole 10M-order history is what \`npm run build\` is for` });
      fx.log(`  "Try your data": skipped (${(csvBytes / 1e9).toFixed(1)} GB of CSV)`);
    } else tryDrop = await dropAll(server.url);
  } finally {
    await server.close();
  }

  fx.log('DuckDB-WASM against native DuckDB on the same views…');
  const config = await loadConfig(opts.configPath, KPI_IDS);
  let engines: Awaited<ReturnType<typeof compareEngines>> | undefined;
  try {
    engines = await compareEngines(dataDir, statesFor(snap).slice(0, 6), config, parseLocalTimestamp(manifest.as_of!)!);
  } catch (e) {
    // DuckDB-WASM's heap is 32-bit (4 GB at most): a 10M-order set's raw tables do not fit.
    skipped.push({ step: 'DuckDB-WASM ÷ native', reason: `DuckDB-WASM could not hold the raw tables (${(e as Error).message.split('\n')[0]!.slice(0, 160)})` });
    fx.log(`  skipped: ${(e as Error).message.split('\n')[0]}`);
  }

  async function dropAll(url: string): Promise<DropResult | undefined> {
    fx.log('"Try your data": every CSV dropped at once…');
    const browser = await launchChromium();
    try {
      const d = await measureDrop(browser, url, csvFiles.map((f) => join(csvDir, f)), csvBytes);
      fx.log(`  report after ${(d.ingest_ms / 1000).toFixed(1)} s, dashboard after ${(d.total_ms / 1000).toFixed(1)} s, longest task while parsing ${Math.round(d.longest_task_ingest_ms)} ms`);
      return d;
    } catch (e) {
      // The page is for weekly exports; a drop too large for the tab is reported, not fatal to the run.
      skipped.push({ step: '"Try your data" drop', reason: `did not finish: ${(e as Error).message.split('\n')[0]!.slice(0, 160)}` });
      fx.log(`  the drop did not finish: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    } finally {
      await browser.close();
    }
  }

  return BenchResultsSchema.parse({
    size: opts.size,
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model.trim() ?? 'unknown', memory_gb: Math.round(totalmem() / 2 ** 30), node: process.versions.node, chromium, os: `${platform()} ${release()}` },
    data: { rows: Object.fromEntries(Object.values(manifest.datasets).map((d) => [d.name, d.rows_accepted])), csv_bytes: csvBytes },
    ingest: { duckdb_read_csv_ms: Math.round(duck), ingest_ms: ing.ingest_ms, ratio: +(ing.ingest_ms / duck).toFixed(2), peak_rss_mb: ing.peak_rss_mb },
    build: { site_ms: Math.round(siteMs) },
    transfer: { ...transfer, gzip_vs_csv: +(transfer.gzip_bytes / csvBytes).toFixed(4), brotli_vs_csv: +(transfer.brotli_bytes / csvBytes).toFixed(4) },
    browser: pages,
    ...(engines ? { engines } : {}),
    ...(tryDrop ? { try_drop: tryDrop } : {}),
    ...(floor ? { harness: floor } : {}),
    ...(skipped.length ? { skipped } : {}),
  });
}
