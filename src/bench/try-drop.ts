/**
 * The "Try your data" page under load: picks CSV files in headless Chromium and measures how long
 * the in-browser ingest and the first dashboard take, and the longest main-thread task meanwhile
 * (Long Tasks API), which is what "the page stays responsive" means.
 */
import type { Browser } from 'playwright-core';

export interface DropResult {
  files: number;
  bytes: number;
  rows_read: number;
  /** Drop → validation report on screen (parse + validate in the worker). */
  ingest_ms: number;
  /** Drop → dashboard drawn (includes loading DuckDB-WASM and the tables). */
  total_ms: number;
  /** Longest main-thread task between the drop and the end of ingest, and over the whole run. */
  longest_task_ingest_ms: number;
  longest_task_ms: number;
}

interface Probe { __hsqTry: { state: string; ingest_ms: number; total_ms: number }; __tasks: { start: number; duration: number }[]; __dropAt: number }

/** Drops `files` (paths) onto `<url>/try/` and waits until the dashboard is drawn. */
export async function measureDrop(browser: Browser, url: string, files: readonly string[], bytes: number, asOf?: string): Promise<DropResult> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as Probe;
    w.__tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.goto(`${url}/try/`);
    if (asOf) {
      await page.click('.try-options summary');
      await page.fill('#try-as-of', asOf);
    }
    await page.evaluate(() => { (window as unknown as Probe).__dropAt = performance.now(); });
    await page.setInputFiles('#try-files', [...files]);
    await page.waitForFunction(() => ['ready', 'failed', 'empty'].includes((window as unknown as Probe).__hsqTry.state), null, { timeout: 600_000, polling: 250 });
    const r = await page.evaluate(() => {
      const w = window as unknown as Probe;
      const after = w.__tasks.filter((t) => t.start >= w.__dropAt - 50);
      const ingestEnd = w.__dropAt + w.__hsqTry.ingest_ms;
      const max = (ts: typeof after) => ts.reduce((m, t) => Math.max(m, t.duration), 0);
      const rows = [...document.querySelectorAll('#datasets tbody tr')].reduce((n, tr) => n + Number(tr.children[2]!.textContent!.replace(/[^\d]/g, '')), 0);
      const error = document.getElementById('try-error')!.textContent;
      return { state: w.__hsqTry.state, error, ingest: w.__hsqTry.ingest_ms, total: w.__hsqTry.total_ms, ingestTasks: max(after.filter((t) => t.start < ingestEnd)), allTasks: max(after), rows };
    });
    if (r.state !== 'ready') throw new Error(`try page ended in state ${r.state}: ${r.error ?? ''}`);
    return { files: files.length, bytes, rows_read: r.rows, ingest_ms: r.ingest, total_ms: r.total, longest_task_ingest_ms: r.ingestTasks, longest_task_ms: r.allTasks };
  } finally {
    await ctx.close();
  }
}
