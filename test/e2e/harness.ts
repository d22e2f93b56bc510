/** E2E harness: build a site into a temp dir, serve it on 127.0.0.1, drive Debian's Chromium. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/lib/chromium.ts';
import { serve } from '../../src/bench/serve.ts';
import { cleanup, tempDir } from '../helpers.ts';
export { serve };

const run = promisify(execFile);

/** Runs `npm run build` for `inDir` into `outDir` (data kept in `dataDir`); returns its log. */
export async function buildSite(inDir: string, outDir: string, dataDir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{ stderr: string }> {
  const { stderr } = await run(process.execPath, ['scripts/build.ts', '--in', inDir, '--out', outDir, '--data', dataDir, ...extra], { env: { ...process.env, TZ: 'Asia/Shanghai', ...env }, maxBuffer: 1 << 24 });
  return { stderr };
}

/** `npm run kpis -- --json` on a data dir, as the reference for what pages show. */
export async function kpisJson(dataDir: string, args: string[]): Promise<{ id: string; value: number | null; status: string; numerator: number | null; denominator: number | null }[]> {
  const { stdout } = await run(process.execPath, ['scripts/kpis.ts', '--data', dataDir, '--json', ...args], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return JSON.parse(stdout);
}

/** Waits until the page's DuckDB-WASM engine has loaded (or failed). */
export async function engineSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as Probe).__hsq?.engine !== 'loading', null, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as Probe).__hsq.engine);
}

/** Waits until the view for `state` is on screen. */
export async function rendered(page: Page, state: { period: string; branch: string; service: string }): Promise<void> {
  await page.waitForFunction((s) => (window as unknown as Probe).__hsq?.rendered === s, JSON.stringify(state), { timeout: 30_000 });
}

/** Waits until the charts a filter change left for later (client/chart-queue.ts) are drawn. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Probe).__hsq?.charts?.pending === 0, null, { timeout: 30_000 });
}

/** The scorecard on screen: KPI id → data-value. */
export function cards(page: Page): Promise<[string, string][]> {
  return page.$$eval('[data-kpi]', (els) => els.map((e) => [e.getAttribute('data-kpi')!, e.querySelector('[data-value]')!.getAttribute('data-value')!] as [string, string]));
}

interface Probe { __hsq: { engine: string; rendered: string; updates: number[]; charts?: { pending: number } } }

/** Launches Debian's Chromium headless with the flags this machine needs. */
export const launch: () => Promise<Browser> = launchChromium;

/** The sample site built once for a test file (data in `<dir>/data`), served, with Chromium; all closed after the file. */
export interface SampleSite { dir: string; url: string; browser: Browser }
export function sampleSite(prefix: string): SampleSite {
  const s = {} as SampleSite;
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    s.dir = await tempDir(prefix);
    await buildSite('data/sample', join(s.dir, 'dist'), join(s.dir, 'data'));
    server = await serve(join(s.dir, 'dist'));
    s.url = server.url;
    s.browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await s.browser?.close();
    await server?.close();
    await cleanup();
  });
  return s;
}
