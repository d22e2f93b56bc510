import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { FILES } from '../kpi/fixture.ts';
import { cleanup, tempDir, writeFiles } from '../helpers.ts';
import { buildSite, launch, serve } from './harness.ts';

const run = promisify(execFile);
let browser: Browser;
let sample: { url: string; close(): Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = await tempDir('hsq-e2e-');
  await buildSite('data/sample', join(dir, 'dist'), join(dir, 'data'));
  sample = await serve(join(dir, 'dist'));
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await sample?.close();
  await cleanup();
});

describe('static overview', () => {
  it('shows, with JavaScript off, the same KPIs as `npm run kpis -- --json` for the default period', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const hosts = new Set<string>();
    const errors: string[] = [];
    page.on('request', (r) => hosts.add(new URL(r.url()).host));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(sample.url + '/');
    const cards = await page.$$eval('[data-kpi]', (els) => els.map((e) => [e.getAttribute('data-kpi'), e.querySelector('[data-value]')!.getAttribute('data-value')]));
    const period = (await page.textContent('header'))!.match(/统计期 (\d{4}-Q\d)/)![1]!;
    expect(period).toBe('2026-Q3');
    const { stdout } = await run(process.execPath, ['scripts/kpis.ts', '--data', join(dir, 'data'), '--period', period, '--json'], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
    const cli = JSON.parse(stdout) as { id: string; value: number | null }[];
    expect(cards).toEqual(cli.map((k) => [k.id, k.value === null ? '' : String(k.value)]));
    expect([...hosts]).toEqual([new URL(sample.url).host]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join('test', 'output', 'overview-zh.png'), fullPage: true });
    await ctx.close();
  });

  it('renders hostile text from a CSV as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const d = await tempDir('hsq-xss-');
    const files = Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, v.replaceAll('A店', `"${hostile.replaceAll('"', '""')}"`)]));
    await writeFiles(join(d, 'in'), files);
    await buildSite(join(d, 'in'), join(d, 'dist'), join(d, 'data'), ['--as-of', '2026-10-10 12:00']);
    const site = await serve(join(d, 'dist'));
    const page = await browser.newPage();
    await page.goto(site.url + '/');
    expect(await page.locator('td', { hasText: hostile }).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
    await site.close();
  }, 120_000);
});
