/**
 * Browser measurements of a built site in headless Chromium: first KPI paint, time until
 * DuckDB-WASM is ready, filter-change latency over 20 changes (p50/p95, every chart on the page
 * redrawn), JS heap, and bytes transferred for the data (raw and as a static host would gzip/brotli them).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface BrowserMetrics {
  page: string;
  first_kpi_paint_ms: number;
  engine_ready_ms: number;
  filter_changes: number;
  filter_p50_ms: number;
  filter_p95_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  js_heap_mb: number;
  data_bytes: { arrow: number; gzip: number; brotli: number };
}

/** The p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export interface FilterChange { name: 'period' | 'branch' | 'service'; value: string }
type State = { period: string; branch: string; service: string };

/** 20 single-select changes alternating period, branch and service type, from the default state. */
export function filterChanges(periods: readonly string[], branches: readonly string[], services: readonly string[], n = 20): FilterChange[] {
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
export async function measurePage(browser: Browser, url: string, path: string, dist: string, changes: readonly FilterChange[]): Promise<BrowserMetrics> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const t0 = Date.now();
  await page.goto(url + path);
  const fcp = await page.evaluate(() => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN);
  await page.waitForFunction(() => (window as unknown as { __hsq: { engine: string } }).__hsq.engine === 'ready', null, { timeout: 120_000 });
  const ready = Date.now() - t0;
  let state = JSON.parse(await page.evaluate(() => (window as unknown as { __hsq: { rendered: string } }).__hsq.rendered)) as State;
  for (const c of changes) {
    const next = { ...state, [c.name]: c.value };
    if (JSON.stringify(next) === JSON.stringify(state)) continue;
    state = next;
    await page.selectOption(`select[name=${c.name}]`, c.value);
    await page.waitForFunction((x) => (window as unknown as { __hsq: { rendered: string } }).__hsq.rendered === x, JSON.stringify(state), { timeout: 60_000 });
  }
  const { updates, queries } = await page.evaluate(() => (window as unknown as { __hsq: { updates: number[]; queries: number[] } }).__hsq);
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
  await page.close();
  const bytes = { arrow: 0, gzip: 0, brotli: 0 };
  for (const f of (await readdir(join(dist, 'data'))).filter((x) => x.endsWith('.arrow'))) {
    const b = await readFile(join(dist, 'data', f));
    bytes.arrow += b.length;
    bytes.gzip += gzipSync(b, { level: 6 }).length;
    bytes.brotli += brotliCompressSync(b).length;
  }
  return {
    page: path, first_kpi_paint_ms: Math.round(fcp), engine_ready_ms: ready, filter_changes: updates.length,
    filter_p50_ms: Math.round(percentile(updates, 50)), filter_p95_ms: Math.round(percentile(updates, 95)),
    query_p50_ms: Math.round(percentile(queries, 50)), query_p95_ms: Math.round(percentile(queries, 95)), js_heap_mb: Math.round(heap / 1e5) / 10, data_bytes: bytes,
  };
}
