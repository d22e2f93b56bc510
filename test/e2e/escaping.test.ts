/** Hostile text from a CSV (a branch called `<img onerror>`) is shown as text by the build's and the browser's renderers alike. */
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { FILES } from '../kpi/fixture.ts';
import { cleanup, tempDir, writeFiles } from '../helpers.ts';
import { buildSite, chartsDrawn, engineSettled, launch, rendered, serve } from './harness.ts';

afterAll(cleanup);

it('renders a hostile branch name as text before and after a filter change, and never runs it', async () => {
  const hostile = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>';
  const d = await tempDir('hsq-xss-');
  const files = Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, v.replaceAll('A店', `"${hostile.replaceAll('"', '""')}"`)]));
  await writeFiles(join(d, 'in'), files);
  await buildSite(join(d, 'in'), join(d, 'dist'), join(d, 'data'), ['--as-of', '2026-10-10 12:00']);
  const site = await serve(join(d, 'dist'));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/satisfaction/`);
    expect(await page.locator('td', { hasText: hostile }).count()).toBeGreaterThan(0);
    expect(await engineSettled(page)).toBe('ready');
    await page.selectOption('select[name=branch]', hostile);
    await rendered(page, { period: '2026-Q3', branch: hostile, service: '' });
    expect(await page.textContent('#view-caption')).toContain(hostile);
    await chartsDrawn(page);
    // The branch bars (drawn at idle, off-screen) label a bar with the name: as SVG text.
    expect(await page.locator('#fig-satisfaction-branch svg text', { hasText: hostile }).count()).toBeGreaterThan(0);
    // The data table is built when it is opened (views/figure.ts): open it, then read it.
    await page.click('#fig-satisfaction-branch summary');
    await page.waitForSelector('#fig-satisfaction-branch .table-wrap tbody tr');
    expect(await page.locator('#fig-satisfaction-branch td', { hasText: hostile }).count()).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await site.close();
  }
}, 120_000);
