/** The site hosted under a sub-path (BASE_PATH=/quality/): links, assets, Arrow files and the engine all resolve there. */
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { cleanup, tempDir } from '../helpers.ts';
import { buildSite, engineSettled, launch, rendered, serve } from './harness.ts';

afterAll(cleanup);

it('works under /quality/ with no request outside it', async () => {
  const dir = await tempDir('hsq-base-');
  await buildSite('data/sample', join(dir, 'dist'), join(dir, 'data'), [], { BASE_PATH: '/quality/' });
  const site = await serve(join(dir, 'dist'), '/quality/');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const paths: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    page.on('response', (r) => { if (r.status() >= 400) failed.push(r.url()); });
    await page.goto(`${site.url}/quality/complaints/`);
    const state = await engineSettled(page);
    expect({ state, failed }).toEqual({ state: 'ready', failed: [] });
    await page.selectOption('select[name=branch]', '朝阳店');
    await rendered(page, { period: '2026-Q3', branch: '朝阳店', service: '' });
    expect(failed).toEqual([]);
    expect(paths.filter((p) => !p.startsWith('/quality/'))).toEqual([]);
    await page.click('nav a[data-page=method]');
    await page.waitForURL(/\/quality\/method\/$/);
    expect(await page.locator('#kpi-satisfaction_rate').count()).toBe(1);
  } finally {
    await browser.close();
    await site.close();
  }
}, 180_000);
