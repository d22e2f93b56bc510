/** E2E harness: build a site into a temp dir, serve it on 127.0.0.1, drive Debian's Chromium. */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/lib/chromium.ts';

const run = promisify(execFile);
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.arrow': 'application/vnd.apache.arrow.stream', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** Runs `npm run build` for `inDir` into `outDir` (data kept in `dataDir`). */
export async function buildSite(inDir: string, outDir: string, dataDir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<void> {
  await run(process.execPath, ['scripts/build.ts', '--in', inDir, '--out', outDir, '--data', dataDir, ...extra], { env: { ...process.env, TZ: 'Asia/Shanghai', ...env } });
}

/** `npm run kpis -- --json` on a data dir, as the reference for what pages show. */
export async function kpisJson(dataDir: string, args: string[]): Promise<{ id: string; value: number | null; status: string }[]> {
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

/** The scorecard on screen: KPI id → data-value. */
export function cards(page: Page): Promise<[string, string][]> {
  return page.$$eval('[data-kpi]', (els) => els.map((e) => [e.getAttribute('data-kpi')!, e.querySelector('[data-value]')!.getAttribute('data-value')!] as [string, string]));
}

interface Probe { __hsq: { engine: string; rendered: string; updates: number[] } }

/** Serves `root` statically on a free loopback port, under `prefix` (a base path like /quality/). */
export async function serve(root: string, prefix = '/'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const full = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!full.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const path = normalize(full.slice(prefix.length - 1)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Launches Debian's Chromium headless with the flags this machine needs. */
export const launch: () => Promise<Browser> = launchChromium;
