/**
 * The harness's floor: the browser measurement (browser.ts `measurePage`) on a page that does no
 * work, whose filters are answered the moment they change. What it measures is Chromium's start of
 * a page and Playwright's round trips on this machine, a part of every page's "first filter
 * answered" that no site can remove.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { measurePage, percentile, type FilterChange } from './browser.ts';
import { serve } from './serve.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A page with the three filters (offering every value `changes` picks) that answers each at once. */
export function floorPage(changes: readonly FilterChange[]): string {
  const select = (name: FilterChange['name']) => {
    const values = ['', ...new Set(changes.filter((c) => c.name === name).map((c) => c.value))];
    return `<select name="${name}">${values.map((v) => `<option value="${esc(v)}">${esc(v) || '全部'}</option>`).join('')}</select>`;
  };
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>floor</title></head><body>
<h1>满意度 92.3%</h1><form id="filters">${select('period')}${select('branch')}${select('service')}</form>
<script type="module">
const form = document.getElementById('filters');
const state = () => JSON.stringify({ period: form.period.value, branch: form.branch.value, service: form.service.value });
window.__hsq = { engine: 'ready', rendered: state(), updates: [], queries: [], charts: { pending: 0, settled: [] } };
form.addEventListener('change', () => { window.__hsq.updates.push(0); window.__hsq.queries.push(0); window.__hsq.rendered = state(); });
</script></body></html>`;
}

/** The median over `runs` loads of the floor page: navigation → filters ready, and → the first change answered. */
export async function measureFloor(browser: Browser, changes: readonly FilterChange[], runs = 5): Promise<{ engine_ready_ms: number; first_filter_ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hsq-floor-'));
  await mkdir(join(dir, 'floor'));
  await writeFile(join(dir, 'floor', 'index.html'), floorPage(changes));
  const server = await serve(dir);
  try {
    const ready: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < runs; i++) {
      const m = await measurePage(browser, server.url, '/floor/', changes.slice(0, 2));
      ready.push(m.engine_ready_ms);
      first.push(m.first_filter_ms ?? NaN);
    }
    return { engine_ready_ms: percentile(ready, 50), first_filter_ms: percentile(first, 50) };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
