/**
 * The status line on bad networks (Chromium's network and CPU emulation) while a page's answers
 * load: a slow load shows its progress and is not cut off, a stalled one and a failed download
 * say so, and none of them blames WebAssembly.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engineSettled, sampleSite } from './harness.ts';

const site = sampleSite('hsq-net-');

/** Every distinct text of the status line until the engine settles. */
async function statusLines(page: Page): Promise<string[]> {
  return page.evaluate(() => new Promise<string[]>((resolve) => {
    const el = document.getElementById('engine-status')!;
    const seen = [el.textContent ?? ''];
    const probe = () => (window as unknown as { __hsq: { engine: string } }).__hsq.engine;
    new MutationObserver(() => {
      if (el.textContent !== seen.at(-1)) seen.push(el.textContent ?? '');
      if (probe() !== 'loading') resolve(seen);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  }));
}

/** A page whose engine gives up after `stallMs` without a byte (a minute on the real site). */
async function pageWith(stallMs: number) {
  const ctx = await site.browser.newContext();
  await ctx.addInitScript((ms) => { (globalThis as { __hsqStallMs?: number }).__hsqStallMs = ms; }, stallMs);
  return { ctx, page: await ctx.newPage() };
}

const failure = (page: Page) => page.evaluate(() => (window as unknown as { __hsq: { failure?: string } }).__hsq.failure);

describe('engine status on bad networks', () => {
  it('shows progress on a slow, high-latency link with a slow CPU, and keeps loading well past the stall limit', async () => {
    const { ctx, page } = await pageWith(5_000);
    // The HTML preloads the answers, so on a slow link they mostly arrive while the script does;
    // without the preload (a browser that ignores it) the script's own fetch shows the progress.
    await page.route(site.url + '/', async (r) => {
      const res = await r.fetch();
      await r.fulfill({ response: res, body: (await res.text()).replace(/<link rel="preload"[^>]*>/, '') });
    });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    // 150 ms round trip, 40 KB/s down (about 10 s for the Overview's answers), CPU 4x slower.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 40_000, uploadThroughput: 20_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const t0 = Date.now();
    await page.goto(site.url + '/');
    const lines = await statusLines(page);
    const took = Date.now() - t0;
    expect(await engineSettled(page)).toBe('ready');
    // Slow but progressing: never cut off, although the whole load takes several stall limits.
    expect(took).toBeGreaterThan(6_000);
    const amounts = lines.map((l) => /正在加载筛选数据… ([\d.]+)/.exec(l)).filter((m) => m !== null).map((m) => Number(m[1]));
    expect(amounts.length).toBeGreaterThan(3);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(amounts.at(-1)!).toBeGreaterThan(0.2);
    expect(lines.join('\n')).not.toMatch(/WebAssembly|停滞|失败/);
    await ctx.close();
  }, 120_000);

  it('says the load stalled, with how much arrived, when the data stops coming', async () => {
    const { ctx, page } = await pageWith(2_000);
    await page.route('**/data/answers-overview.json', () => { /* never answered: a dead connection */ });
    await page.goto(site.url + '/');
    expect(await engineSettled(page)).toBe('failed');
    expect(await failure(page)).toBe('stalled');
    const text = await page.textContent('#engine-status');
    expect(text).toMatch(/筛选数据加载停滞：\d+ 秒没有收到数据（已收到 [\d.]+ MB）/);
    expect(text).not.toContain('WebAssembly');
    expect(await page.isDisabled('select[name=branch]')).toBe(true);
    await ctx.close();
  }, 60_000);

  it('names the file and status when a download fails', async () => {
    const { ctx, page } = await pageWith(60_000);
    await page.route('**/data/answers-overview.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(site.url + '/en/');
    expect(await engineSettled(page)).toBe('failed');
    expect(await failure(page)).toBe('network');
    expect(await page.textContent('#engine-status')).toMatch(/The filter data could not be downloaded \(.*\/data\/answers-overview\.json: HTTP 404\)/);
    await ctx.close();
  }, 60_000);
});
