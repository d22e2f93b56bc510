/**
 * Browser measurements of a built site in headless Chromium: first KPI paint, time until
 * the filters work, filter-change latency over 20 changes (p50/p95: the page updated with the charts
 * on screen; and until every chart is drawn, the rest at idle) and JS heap.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface BrowserMetrics {
  page: string;
  first_kpi_paint_ms: number;
  engine_ready_ms: number;
  filter_changes: number;
  filter_p50_ms: number;
  filter_p95_ms: number;
  filter_max_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  js_heap_mb: number;
  interactive_brotli_bytes?: number;
  first_filter_ms?: number;
  wasm_loaded?: boolean;
  drill_cold_ms?: number;
  drill_warm_ms?: number;
  charts_p95_ms?: number;
  answers_parts_brotli_bytes?: number;
}

/** The p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export interface FilterChange { name: 'period' | 'branch' | 'service'; value: string }
type State = { period: string; branch: string; service: string };

/**
 * `n` single-select changes alternating period, branch and service type, from the default state.
 * Forty, so that the p95 (nearest rank) is not simply the slowest change: of the 19 that 20 gave once
 * a no-op was skipped, it was. The slowest is reported too (`filter_max_ms`): often the first, cold one.
 */
export function filterChanges(periods: readonly string[], branches: readonly string[], services: readonly string[], n = 40): FilterChange[] {
  const out: FilterChange[] = [];
  for (let i = 0; out.length < n; i++) {
    const k = i % 3;
    if (k === 0) out.push({ name: 'period', value: periods[(i / 3) % periods.length]! });
    else if (k === 1) out.push({ name: 'branch', value: ['', ...branches][(Math.floor(i / 3) + 1) % (branches.length + 1)]! });
    else out.push({ name: 'service', value: ['', ...services][(Math.floor(i / 3) + 1) % (services.length + 1)]! });
  }
  return out;
}

/** Loads `url + path`, then applies each change and times the full-page update it causes. */
export async function measurePage(browser: Browser, url: string, path: string, changes: readonly FilterChange[], distDir?: string): Promise<BrowserMetrics> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const t0 = Date.now();
  await page.goto(url + path);
  // A large page can finish loading before its first paint is recorded: wait for the entry.
  await page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'), null, { timeout: 60_000 });
  const fcp = await page.evaluate(() => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')!.startTime);
  await page.waitForFunction(() => (window as unknown as { __hsq: { engine: string } }).__hsq.engine === 'ready', null, { timeout: 120_000 });
  const ready = Date.now() - t0;
  const atReady = [...requested];
  let first: number | undefined;
  let state = JSON.parse(await page.evaluate(() => (window as unknown as { __hsq: { rendered: string } }).__hsq.rendered)) as State;
  for (const c of changes) {
    const next = { ...state, [c.name]: c.value };
    if (JSON.stringify(next) === JSON.stringify(state)) continue;
    state = next;
    await page.selectOption(`select[name=${c.name}]`, c.value);
    await page.waitForFunction((x) => (window as unknown as { __hsq: { rendered: string } }).__hsq.rendered === x, JSON.stringify(state), { timeout: 60_000 });
    first ??= Date.now() - t0;
    // The next change once every chart is drawn (client/chart-queue.ts), as a person reading them would.
    await page.waitForFunction(() => (window as unknown as { __hsq: { charts?: { pending: number } } }).__hsq.charts?.pending === 0, null, { timeout: 60_000 });
  }
  let drill: { cold: number; warm: number } | undefined;
  if (path === '/' && await page.$('[data-drill=satisfaction_rate]')) {
    const open = async () => {
      const t = Date.now();
      await page.click('[data-drill=satisfaction_rate]');
      await page.waitForFunction(() => document.getElementById('drill')?.dataset.rows !== undefined && document.getElementById('drill')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
      return Date.now() - t;
    };
    const cold = await open();
    await page.click('[data-action=drill-close]');
    drill = { cold, warm: await open() };
  }
  const { updates, queries, charts } = await page.evaluate(() => (window as unknown as { __hsq: { updates: number[]; queries: number[]; charts?: { settled: number[] } } }).__hsq);
  // One per change; an earlier entry is the warm-up redraw's.
  const settled = charts?.settled.slice(-updates.length) ?? [];
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
  await page.close();
  return {
    page: path, first_kpi_paint_ms: Math.round(fcp), engine_ready_ms: ready, filter_changes: updates.length,
    filter_p50_ms: Math.round(percentile(updates, 50)), filter_p95_ms: Math.round(percentile(updates, 95)), filter_max_ms: Math.round(Math.max(...updates)),
    query_p50_ms: Math.round(percentile(queries, 50)), query_p95_ms: Math.round(percentile(queries, 95)), js_heap_mb: Math.round(heap / 1e5) / 10,
    ...(distDir ? { interactive_brotli_bytes: await brotliOf(distDir, atReady), answers_parts_brotli_bytes: await brotliOf(distDir, await partsOf(distDir, atReady)) } : {}),
    ...(first !== undefined ? { first_filter_ms: first } : {}),
    wasm_loaded: requested.some((r) => /duckdb|\.wasm$/.test(r)),
    ...(drill ? { drill_cold_ms: drill.cold, drill_warm_ms: drill.warm } : {}),
    ...(settled.length ? { charts_p95_ms: Math.round(percentile(settled, 95)) } : {}),
  };
}

/**
 * Bytes of the data files as sent: raw, gzip level 6 (a static host compressing on the fly) and
 * brotli quality 11 (precompressed files, as hosts serve them).
 */
export async function transferBytes(files: readonly string[], sampleOver = 256 * 2 ** 20): Promise<{ arrow: number; gzip: number; brotli: number; estimated: boolean }> {
  const bytes = { arrow: 0, gzip: 0, brotli: 0, estimated: false };
  const prefix = 64 * 2 ** 20;
  for (const f of files) {
    const size = (await stat(f)).size;
    // Brotli 11 runs at about 1 MB/s: a file of gigabytes (10M orders) is judged by its first 64 MB.
    const sampled = size > sampleOver;
    const b = sampled ? await readPrefix(f, prefix) : await readFile(f);
    const scale = size / b.length;
    bytes.arrow += size;
    bytes.gzip += Math.round(gzipSync(b, { level: 6 }).length * scale);
    bytes.brotli += Math.round(brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length * scale);
    bytes.estimated ||= sampled;
  }
  return bytes;
}

async function readPrefix(file: string, n: number): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await h.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

/** The part of the build snapshot the benchmark reads. */
export interface SnapshotLite { default_state: State; periods: { quarter: string[]; month: string[] }; branches: string[]; services: string[] }

/** The 40 filter changes used everywhere: earlier quarters and months, each branch, a few service types. */
export function changesFor(snap: SnapshotLite): FilterChange[] {
  return filterChanges([...snap.periods.quarter.slice(1, 5), ...snap.periods.month.slice(2, 5)], snap.branches, snap.services.slice(0, 4));
}

/** The successive view states those changes lead to, starting with the default view. */
export function statesFor(snap: SnapshotLite): State[] {
  const out = [snap.default_state];
  for (const c of changesFor(snap)) out.push({ ...out.at(-1)!, [c.name]: c.value });
  return out;
}

/** Brotli (quality 11) bytes of the site files at `paths` (URL paths; a directory means its index.html). */
/** The page's answer parts (fetched per period after the page is interactive), as site paths. */
async function partsOf(distDir: string, requested: readonly string[]): Promise<string[]> {
  const main = requested.find((p) => /\/answers-[a-z]+\.json$/.test(p));
  if (!main) return [];
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const stem = main.slice(dir.length, -'.json'.length);
  return (await readdir(`${distDir}${dir}`)).filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.json')).map((f) => dir + f);
}

async function brotliOf(distDir: string, paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const p of new Set(paths)) {
    const file = `${distDir}${decodeURIComponent(p)}${p.endsWith('/') ? 'index.html' : ''}`;
    const b = await readFile(file).catch(() => null);
    if (b) total += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}
