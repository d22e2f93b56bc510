/**
 * The dashboard in Debian's Chromium, on the bundled sample: static first view equal to the CLI,
 * DuckDB-WASM after first paint, filters in the URL, bar clicks, back/forward, zh/en, empty
 * states, failure notice, no foreign requests, no console errors, screenshots of every page.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { cards, chartsDrawn, engineSettled, kpisJson, rendered, sampleSite } from './harness.ts';

const site = sampleSite('hsq-e2e-');
const data = () => join(site.dir, 'data');
const expected = (rows: { id: string; value: number | null }[]) => rows.map((k): [string, string] => [k.id, k.value === null ? '' : String(k.value)]);

/** A page that records every request host and console error. */
async function open(path: string, js = true): Promise<{ page: Page; hosts: Set<string>; errors: string[]; close(): Promise<void> }> {
  const ctx = await site.browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const hosts = new Set<string>();
  const errors: string[] = [];
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url + path);
  return { page, hosts, errors, close: () => ctx.close() };
}


describe('first view', () => {
  it('shows, with JavaScript off, the KPIs of `npm run kpis -- --json` for the latest complete quarter', async () => {
    const { page, hosts, errors, close } = await open('/', false);
    expect(await page.textContent('#view-caption')).toContain('2026年第三季度');
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-Q3'])));
    expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
    expect(await page.isVisible('text=未启用 JavaScript')).toBe(true);
    expect([...hosts]).toEqual([new URL(site.url).host]);
    expect(errors).toEqual([]);
    await close();
  });

  it('fetches only the page\'s answers: no DuckDB-WASM, no Arrow rows; filters enabled; nothing leaves the origin', async () => {
    const { page, hosts, errors, close } = await open('/');
    expect(await engineSettled(page)).toBe('ready');
    const names = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).pathname));
    // Preloaded by the HTML and that download reused by the script's fetch: requested once.
    expect(names.filter((n) => n === '/data/answers-overview.json')).toHaveLength(1);
    const preloads = await page.$$eval('link[rel=modulepreload]', (ls) => ls.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    expect(preloads.length).toBeGreaterThan(0);
    for (const p of preloads) expect(names.filter((n) => n === p), p).toHaveLength(1);
    expect(names.filter((n) => /duckdb|\.wasm|\.arrow/.test(n))).toEqual([]);
    // The datasets' definitions (zod schemas) stay out of the page's scripts: the drill-down's headings and code labels come with its rows.
    const scripts = names.filter((n) => n.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(await page.evaluate(async (u) => (await fetch(u)).text(), src), src).not.toMatch(/ZodObject|ZodType/);
    expect(await page.isEnabled('select[name=branch]')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __hsq: { wasm: string } }).__hsq.wasm)).toBe('idle');
    expect([...hosts]).toEqual([new URL(site.url).host]);
    expect(errors).toEqual([]);
    await close();
  });

  it('rehearses the shown view and one change of each filter while idle, off the document: nothing shown changes, no engine, no rows', async () => {
    const { page, errors, close } = await open('/');
    await engineSettled(page);
    const before = await cards(page);
    const chart = await page.innerHTML('#fig-branch-satisfaction');
    await page.waitForFunction(() => (window as unknown as { __hsq: { rehearsed: string[] } }).__hsq.rehearsed.length === 4, null, { timeout: 20_000 });
    const probe = await page.evaluate(() => (window as unknown as { __hsq: { rehearsed: string[]; rendered: string; wasm: string } }).__hsq);
    const shown = JSON.parse(probe.rendered) as Record<string, string>;
    expect(shown).toEqual({ period: '2026-Q3', branch: '', service: '' });
    // At the build's width the shown view is not redrawn but rehearsed first; then the shown view with one filter changed: branch, service type, period.
    const changed = probe.rehearsed.map((r) => Object.entries(JSON.parse(r) as Record<string, string>).filter(([k, v]) => shown[k] !== v).map(([k]) => k));
    expect(changed).toEqual([[], ['branch'], ['service'], ['period']]);
    expect(await cards(page)).toEqual(before);
    expect(await page.innerHTML('#fig-branch-satisfaction')).toBe(chart);
    expect(await page.locator('#fig-branch-satisfaction').count()).toBe(1);
    const names = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).pathname));
    expect(names.filter((n) => /duckdb|\.wasm|\.arrow/.test(n))).toEqual([]);
    expect(probe.wasm).toBe('idle');
    expect(errors).toEqual([]);
    await close();
  });

  it('makes no Intl formatter, at load, while idle or on filter changes, in Chinese or English (the first one costs a page 20–40 ms)', async () => {
    for (const path of ['/', '/en/satisfaction/']) {
      const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript(() => {
        const made: string[] = ((window as unknown as { __intl: string[] }).__intl = []);
        for (const name of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules'] as const) {
          const Real = Intl[name] as unknown as new (...a: unknown[]) => object;
          (Intl as unknown as Record<string, unknown>)[name] = new Proxy(Real, { construct: (t, a) => { made.push(name); return new t(...a); }, apply: (t, _this, a) => { made.push(name); return new t(...a); } });
        }
      });
      const page = await ctx.newPage();
      await page.goto(site.url + path);
      await engineSettled(page);
      await page.waitForFunction(() => (window as unknown as { __hsq: { rehearsed: string[] } }).__hsq.rehearsed.length === 4, null, { timeout: 20_000 });
      const months = await page.$$eval('select[name=period] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => /^\d{4}-\d{2}$/.test(v)));
      await page.selectOption('select[name=period]', months[0]!);
      await rendered(page, { period: months[0]!, branch: '', service: '' });
      await chartsDrawn(page);
      expect(await page.textContent('#view-caption'), path).toMatch(path === '/' ? /年\d+月/ : /[A-Z][a-z]{2,3} \d{4}/);
      expect(await page.evaluate(() => (window as unknown as { __intl: string[] }).__intl), path).toEqual([]);
      await ctx.close();
    }
  });
});

describe('filters', () => {
  it('keeps a chart whose data a filter change leaves equal (the same element), draws the others again, and builds a data table when it is opened', async () => {
    const { page, errors, close } = await open('/');
    await engineSettled(page);
    await page.waitForFunction(() => (window as unknown as { __hsq: { rehearsed: string[] } }).__hsq.rehearsed.length === 4, null, { timeout: 20_000 });
    // Each chart's figure: its title, its data (the CSV link) and a mark set on the SVG element itself.
    const figures = () => page.$$eval('#view figure', (fs) => fs.filter((f) => f.querySelector('.chart svg')).map((f) => ({
      id: f.id, title: f.querySelector('h3')!.textContent, csv: f.querySelector('a[download]')!.getAttribute('href'), mark: (f.querySelector('.chart svg') as unknown as { mark?: string }).mark ?? null,
    })));
    const mark = () => page.$$eval('#view figure .chart svg', (ss) => ss.forEach((s) => { (s as unknown as { mark: string }).mark = s.closest('figure')!.id; }));
    let kept = 0, redrawn = 0;
    for (const [name, value, state] of [['service', 'daily_cleaning', { period: '2026-Q3', branch: '', service: 'daily_cleaning' }], ['branch', '丰台店', { period: '2026-Q3', branch: '丰台店', service: 'daily_cleaning' }], ['period', '2026-05', { period: '2026-05', branch: '丰台店', service: 'daily_cleaning' }]] as const) {
      await chartsDrawn(page);
      const before = new Map((await figures()).map((f) => [f.id, f]));
      await mark();
      await page.selectOption(`select[name=${name}]`, value);
      await rendered(page, state);
      await chartsDrawn(page);
      for (const f of await figures()) {
        const was = before.get(f.id);
        if (!was) continue;
        const same = was.csv === f.csv && was.title === f.title;
        expect(f.mark, `${name}: ${f.id}`).toBe(same ? f.id : null);
        if (same) kept++;
        else redrawn++;
      }
    }
    expect(kept).toBeGreaterThan(0);
    expect(redrawn).toBeGreaterThan(0);
    // A figure's data table is built when it is first opened, not on every change.
    expect(await page.locator('#fig-branch-satisfaction .table-wrap tr').count()).toBe(0);
    await page.click('#fig-branch-satisfaction summary');
    await page.waitForSelector('#fig-branch-satisfaction .table-wrap tbody tr');
    expect(await page.locator('#fig-branch-satisfaction .table-wrap thead th').first().textContent()).toBe('门店');
    expect(errors).toEqual([]);
    await close();
  });

  it('a filter change updates the cards, charts and URL to what the CLI gives; back and forward work', async () => {
    const { page, errors, close } = await open('/');
    await engineSettled(page);
    const before = await page.innerHTML('#fig-branch-satisfaction');
    await page.selectOption('select[name=branch]', '丰台店');
    await rendered(page, { period: '2026-Q3', branch: '丰台店', service: '' });
    expect(new URL(page.url()).searchParams.get('branch')).toBe('丰台店');
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-Q3', '--branch', '丰台店'])));
    await page.selectOption('select[name=period]', '2026-05');
    const may = { period: '2026-05', branch: '丰台店', service: '' };
    await rendered(page, may);
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-05', '--branch', '丰台店'])));
    await chartsDrawn(page);
    expect(await page.locator('#fig-branch-satisfaction .chart svg').count()).toBe(1);
    expect(await page.innerHTML('#fig-branch-satisfaction')).not.toBe(before);
    await page.goBack();
    await rendered(page, { period: '2026-Q3', branch: '丰台店', service: '' });
    expect(await page.inputValue('select[name=period]')).toBe('2026-Q3');
    await page.goForward();
    await rendered(page, may);
    expect(errors).toEqual([]);
    await close();
  });

  it('a filter change draws the charts on screen with it, the rest at idle or when scrolled to', async () => {
    const { page, errors, close } = await open('/complaints/');
    await engineSettled(page);
    await chartsDrawn(page);
    const drawnNow = () => page.$$eval('figure.fig:not([data-empty])', (fs) => fs.map((f) => {
      const r = f.querySelector('.chart')!.getBoundingClientRect();
      // An SVG chart gets its image download when drawn (a list drawn as HTML has none).
      const image = f.querySelector('[data-action=download-image]') !== null === (f.querySelector('.chart > svg') !== null);
      return { id: f.id, onScreen: r.bottom > 0 && r.top < innerHeight, drawn: f.querySelector('.chart > *') !== null, image };
    }));
    await page.selectOption('select[name=branch]', '丰台店');
    await rendered(page, { period: '2026-Q3', branch: '丰台店', service: '' });
    const first = await drawnNow();
    // No flash: what is on screen has its chart in the frame the change lands in.
    expect(first.filter((f) => f.onScreen).length).toBeGreaterThan(0);
    for (const f of first.filter((x) => x.onScreen)) expect(f, f.id).toMatchObject({ drawn: true, image: true });
    await chartsDrawn(page);
    for (const f of await drawnNow()) expect(f, f.id).toMatchObject({ drawn: true, image: true });
    // Scrolled to the bottom before idle: the charts there are drawn as they come near.
    await page.selectOption('select[name=period]', '2026-05');
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await rendered(page, { period: '2026-05', branch: '丰台店', service: '' });
    await chartsDrawn(page);
    for (const f of await drawnNow()) expect(f, f.id).toMatchObject({ drawn: true, image: true });
    expect(await page.locator('.fig .chart[style]').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('another period\'s lists come from its part of the answers, each fetched once; no other page\'s', async () => {
    const { page, errors, close } = await open('/complaints/');
    await engineSettled(page);
    await page.selectOption('select[name=period]', '2025-05');
    await rendered(page, { period: '2025-05', branch: '', service: '' });
    const ref = new Map(expected(await kpisJson(data(), ['--period', '2025-05'])));
    const shown = await cards(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const [id, v] of shown) expect(v, id).toBe(ref.get(id));
    expect(await page.locator('#fig-recurring').count()).toBe(1);
    const names = () => page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).pathname).filter((n) => n.includes('/answers-')));
    expect((await names()).filter((n) => n === '/data/answers-complaints-2025-05.json')).toHaveLength(1);
    // The rest are prefetched while idle: all this page's, each once.
    await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/answers-complaints-')).length >= 20, null, { timeout: 30_000 });
    const all = await names();
    expect(all.every((n) => /^\/data\/answers-complaints(-[\w-]+)?\.json$/.test(n)), all.join()).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(errors).toEqual([]);
    await close();
  });

  it('a shared link restores the view, including a service type', async () => {
    const { page, close } = await open(`/?period=2026-Q2&branch=${encodeURIComponent('海淀店')}&service=daily_cleaning`);
    await engineSettled(page);
    await rendered(page, { period: '2026-Q2', branch: '海淀店', service: 'daily_cleaning' });
    expect(await page.inputValue('select[name=service]')).toBe('daily_cleaning');
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-Q2', '--branch', '海淀店', '--service-type', 'daily_cleaning'])));
    await close();
  });

  it('clicking (or pressing Enter on) a branch bar filters to that branch', async () => {
    const { page, close } = await open('/satisfaction/');
    await engineSettled(page);
    await page.click('#fig-satisfaction-branch [data-value="通州店"]');
    await rendered(page, { period: '2026-Q3', branch: '通州店', service: '' });
    expect(await page.inputValue('select[name=branch]')).toBe('通州店');
    await page.focus('#fig-satisfaction-service [data-value="elder_care"]');
    await page.keyboard.press('Enter');
    await rendered(page, { period: '2026-Q3', branch: '通州店', service: 'elder_care' });
    await close();
  });

  it('a selection without data shows empty states, not broken charts', async () => {
    const { page, errors, close } = await open('/complaints/?period=2025-01&branch=%E6%98%8C%E5%B9%B3%E5%BA%97&service=plant_care');
    await engineSettled(page);
    await rendered(page, { period: '2025-01', branch: '昌平店', service: 'plant_care' });
    expect(await page.locator('figure[data-empty]').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[data-empty] .empty').first().textContent()).toContain('没有数据');
    expect(await page.content()).not.toMatch(/NaN|undefined|Infinity/);
    expect(errors).toEqual([]);
    await close();
  });

  it('filters work with WebAssembly disabled: every standard view comes from the answers', async () => {
    const ctx = await site.browser.newContext();
    // As in a locked-down browser (JIT off): no WebAssembly at all.
    await ctx.addInitScript(() => { delete (globalThis as { WebAssembly?: unknown }).WebAssembly; });
    const page = await ctx.newPage();
    await page.goto(site.url + '/');
    expect(await engineSettled(page)).toBe('ready');
    await page.selectOption('select[name=branch]', '丰台店');
    await page.selectOption('select[name=period]', '2026-05');
    await rendered(page, { period: '2026-05', branch: '丰台店', service: '' });
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-05', '--branch', '丰台店'])));
    await page.selectOption('select[name=service]', 'daily_cleaning');
    await rendered(page, { period: '2026-05', branch: '丰台店', service: 'daily_cleaning' });
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-05', '--branch', '丰台店', '--service-type', 'daily_cleaning'])));
    expect(await page.evaluate(() => (window as unknown as { __hsq: { wasm: string } }).__hsq.wasm)).toBe('idle');
    await ctx.close();
  });

  it('a view the answers do not hold is computed by DuckDB-WASM, loaded then; without WebAssembly the page says why', async () => {
    // Answers stripped of everything but the table list: any filter change needs a query.
    const strip = async (ctx: BrowserContext) => ctx.route('**/data/answers-overview.json', async (r) => {
      const a = await (await r.fetch()).json() as { tables: string[] };
      await r.fulfill({ json: { v: 1, tables: a.tables, memo: [], slices: [] } });
    });
    const ctx = await site.browser.newContext();
    await strip(ctx);
    const page = await ctx.newPage();
    await page.goto(site.url + '/');
    expect(await engineSettled(page)).toBe('ready');
    await page.selectOption('select[name=branch]', '丰台店');
    await rendered(page, { period: '2026-Q3', branch: '丰台店', service: '' });
    expect(await cards(page)).toEqual(expected(await kpisJson(data(), ['--period', '2026-Q3', '--branch', '丰台店'])));
    expect(await page.evaluate(() => (window as unknown as { __hsq: { wasm: string } }).__hsq.wasm)).toBe('ready');
    await ctx.close();

    const off = await site.browser.newContext();
    await strip(off);
    await off.addInitScript(() => { delete (globalThis as { WebAssembly?: unknown }).WebAssembly; });
    const p2 = await off.newPage();
    await p2.goto(site.url + '/');
    expect(await engineSettled(p2)).toBe('ready');
    await p2.selectOption('select[name=branch]', '丰台店');
    await p2.waitForFunction(() => (window as unknown as { __hsq: { wasm: string } }).__hsq.wasm === 'failed');
    await p2.waitForFunction(() => document.getElementById('engine-status')!.textContent!.includes('不支持 WebAssembly'));
    expect((await cards(p2)).length).toBeGreaterThan(10);
    await off.close();
  }, 60_000);
});

describe('drill-down to rows', () => {
  /** The open drill-down's counts (data-rows, data-numerator, data-denominator). */
  const panel = async (page: Page) => {
    const d = await page.evaluate(() => ({ ...document.getElementById('drill')!.dataset }));
    return { rows: Number(d.rows), numerator: Number(d.numerator), denominator: Number(d.denominator) };
  };
  /** `npm run kpis -- --json` for one KPI. */
  const cli = async (id: string, args: string[]) => (await kpisJson(data(), args)).find((k) => k.id === id)!;

  it('shows exactly the rows counted in a KPI\'s numerator and denominator, fetching only the period\'s partitions; the URL keeps it open', async () => {
    const { page, errors, close } = await open('/?branch=' + encodeURIComponent('丰台店'));
    await engineSettled(page);
    const fetched: string[] = [];
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/data/')) fetched.push(p); });
    await page.click('[data-kpi=satisfaction_rate] [data-action=drill]');
    await page.waitForFunction(() => document.getElementById('drill')!.dataset.rows !== undefined);
    const ref = await cli('satisfaction_rate', ['--period', '2026-Q3', '--branch', '丰台店']);
    const shown = await panel(page);
    expect([shown.numerator, shown.denominator, shown.rows]).toEqual([ref.numerator, ref.denominator, ref.denominator]);
    expect(fetched.sort()).toEqual(['/data/rows-index.json', '/data/rows-surveys-2026-07.arrow', '/data/rows-surveys-2026-08.arrow', '/data/rows-surveys-2026-09.arrow']);
    expect(new URL(page.url()).searchParams.get('drill')).toBe('satisfaction_rate');
    // Every shown row is from the branch, with its source line; no personal data column.
    const heads = await page.$$eval('#drill th', (ths) => ths.map((t) => t.textContent!.replace(/ [▲▼]$/, '')));
    expect(heads).toEqual(expect.arrayContaining(['来源文件', '行号', '计入分子', '计入分母']));
    expect(heads.join()).not.toMatch(/客户|comment|评价内容/);
    const branchCol = heads.indexOf('计入门店');
    expect(new Set(await page.$$eval(`#drill tbody tr td:nth-child(${branchCol + 1})`, (tds) => tds.map((t) => t.textContent)))).toEqual(new Set(['丰台店']));
    // The service type a survey counts under (its order's) shows its Chinese label, not the code.
    const services = await page.$$eval(`#drill tbody tr td:nth-child(${heads.indexOf('计入服务类型') + 1})`, (tds) => tds.map((t) => t.textContent!));
    expect(services.length).toBeGreaterThan(0);
    expect(services.filter((v) => !/^[\u4e00-\u9fff]+$/.test(v))).toEqual([]);
    // Sorting by the score puts the lowest first, then the highest.
    await page.click('#drill th:has-text("总体满意度") button');
    const col = heads.indexOf('总体满意度') + 1;
    expect(await page.textContent(`#drill tbody tr:first-child td:nth-child(${col})`)).toBe(String(Math.min(...(await page.$$eval(`#drill tbody td:nth-child(${col})`, (t) => t.map((x) => Number(x.textContent)))))));
    await page.click('#drill th:has-text("总体满意度") button');
    expect(await page.getAttribute('#drill th:has-text("总体满意度")', 'aria-sort')).toBe('descending');
    // A shared link reopens it; a filter change refreshes it (partitions fetched once).
    await page.reload();
    await page.waitForFunction(() => document.getElementById('drill')!.dataset.rows !== undefined);
    expect(await page.isVisible('#drill')).toBe(true);
    await page.click('[data-action=drill-close]');
    expect(await page.isHidden('#drill')).toBe(true);
    expect(new URL(page.url()).searchParams.get('drill')).toBeNull();
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('a table row opens the rows behind it (a branch of the bars, a period of the trend), pinning that in the URL', async () => {
    const { page, errors, close } = await open('/satisfaction/');
    await engineSettled(page);
    const opened = async (n: number) => {
      await page.waitForFunction((n) => (window as unknown as { __hsq: { drill: { ms: number[] } } }).__hsq.drill.ms.length >= n, n);
      const d = await panel(page);
      return [d.numerator, d.denominator];
    };
    const ref = async (args: string[]) => { const k = await cli('satisfaction_rate', args); return [k.numerator, k.denominator]; };
    await page.click('#fig-satisfaction-branch summary');
    await page.click('#fig-satisfaction-branch tr:has(td:text-is("通州店")) [data-action=drill]');
    expect(await opened(1)).toEqual(await ref(['--period', '2026-Q3', '--branch', '通州店']));
    expect(new URL(page.url()).searchParams.get('drill_branch')).toBe('通州店');
    expect(await page.inputValue('select[name=branch]')).toBe('');
    expect(await page.textContent('#drill-title')).toContain('通州店');
    // Another period keeps the pinned branch; choosing a branch in the filters replaces it.
    await page.selectOption('select[name=period]', '2026-Q2');
    expect(await opened(2)).toEqual(await ref(['--period', '2026-Q2', '--branch', '通州店']));
    await page.selectOption('select[name=branch]', '海淀店');
    expect(await opened(3)).toEqual(await ref(['--period', '2026-Q2', '--branch', '海淀店']));
    expect(new URL(page.url()).searchParams.get('drill_branch')).toBeNull();
    await rendered(page, { period: '2026-Q2', branch: '海淀店', service: '' });
    await page.click('#fig-trend-satisfaction_rate summary');
    await page.click('#fig-trend-satisfaction_rate tr:has(td:text-is("2026年第一季度")) [data-action=drill]');
    const q1 = await ref(['--period', '2026-Q1', '--branch', '海淀店']);
    expect(await opened(4)).toEqual(q1);
    expect(new URL(page.url()).searchParams.get('drill_period')).toBe('2026-Q1');
    await page.reload();
    expect(await opened(1)).toEqual(q1);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('a staff KPI lists the people behind it, from its period\'s file: each one\'s share of numerator and denominator', async () => {
    const { page, errors, close } = await open('/workforce/?period=2026&branch=' + encodeURIComponent('丰台店'));
    await engineSettled(page);
    const fetched: string[] = [];
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/data/rows-')) fetched.push(p); });
    await page.click('[data-kpi=staff_turnover_rate] [data-action=drill]');
    await page.waitForFunction(() => document.getElementById('drill')!.dataset.rows !== undefined);
    const ref = await cli('staff_turnover_rate', ['--period', '2026', '--branch', '丰台店']);
    const shown = await panel(page);
    // Turnover's denominator is the mean of two headcounts: each person adds ½ per day counted.
    expect([shown.numerator, shown.denominator]).toEqual([ref.numerator, ref.denominator]);
    expect(fetched.sort()).toEqual(['/data/rows-index.json', '/data/rows-staff-2026.arrow']);
    expect(await page.textContent('#drill h3')).toBe('服务人员档案');
    const heads = await page.$$eval('#drill th', (ths) => ths.map((t) => t.textContent!.replace(/ [▲▼]$/, '')));
    expect(heads).toEqual(expect.arrayContaining(['服务人员编号', '离职日期', '计入分子', '计入分母', '来源文件', '行号']));
    expect(heads).not.toContain('出生日期');
    // Codes show their Chinese label, as an export would carry it.
    const genders = new Set(await page.$$eval(`#drill tbody td:nth-child(${heads.indexOf('性别') + 1})`, (tds) => tds.map((t) => t.textContent)));
    expect(genders.has('女')).toBe(true);
    expect([...genders].filter((g) => g !== '女' && g !== '男' && g !== '')).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('downloads the rows as CSV safe against formula injection', async () => {
    const { page, close } = await open('/complaints/?drill=complaint_closure_rate');
    await page.waitForFunction(() => document.getElementById('drill')!.dataset.rows !== undefined);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#drill [data-action=drill-csv]')]);
    const text = await readFile((await dl.path())!, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(Number(await page.getAttribute('#drill', 'data-rows')));
    expect(lines[0]).toContain('来源文件');
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    await close();
  }, 60_000);
});

describe('languages and pages', () => {
  it('switches to English keeping the view, with English labels and number formats', async () => {
    const { page, errors, close } = await open(`/?branch=${encodeURIComponent('西城店')}`);
    await engineSettled(page);
    await rendered(page, { period: '2026-Q3', branch: '西城店', service: '' });
    await page.click('#lang-switch');
    await page.waitForURL(/\/en\/\?branch=/);
    await engineSettled(page);
    await rendered(page, { period: '2026-Q3', branch: '西城店', service: '' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('[data-kpi=satisfaction_rate] h3')).toBe('Customer satisfaction');
    expect(await page.textContent('#view-caption')).toBe('Q3 2026 · 西城店 · All service types');
    expect(errors).toEqual([]);
    await close();
  });

  it('every page renders in both languages at desktop and phone width without console errors (screenshots)', async () => {
    await mkdir(join('test', 'output', 'pages'), { recursive: true });
    const pages = ['', 'satisfaction/', 'complaints/', 'training/', 'workforce/', 'quality/', 'try/', 'data/', 'method/'];
    for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
      const ctx = await site.browser.newContext({ viewport: { width: w, height: h } });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      for (const lang of ['', 'en/']) {
        for (const p of pages) {
          await page.goto(`${site.url}/${lang}${p}`);
          expect(await page.locator('h1').count()).toBe(1);
          // Nothing may overflow the viewport sideways (tables and charts scroll inside their boxes).
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
          await page.screenshot({ path: join('test', 'output', 'pages', `${tag}-${lang.replace('/', '') || 'zh'}-${p.replace('/', '') || 'overview'}.png`), fullPage: true });
        }
      }
      expect(errors).toEqual([]);
      await ctx.close();
    }
  }, 120_000);
});
