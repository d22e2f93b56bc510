/**
 * Incremental publishing: `npm run build` again on unchanged files skips ingest; `npm run dev`
 * re-ingests only the dataset whose file changed and reloads the open page with the new numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cleanup, tempDir } from '../helpers.ts';
import { buildSite, cards, kpisJson, launch } from './harness.ts';

let browser: Browser;
let child: ChildProcess | null = null;
const expected = (rows: { id: string; value: number | null }[]) => rows.map((k) => [k.id, k.value === null ? '' : String(k.value)]);

const freePort = () => new Promise<number>((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => done(port));
  });
});

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  child?.kill('SIGTERM');
  await browser?.close();
  await cleanup();
});

describe('npm run dev', () => {
  it('a second build skips ingest; npm run dev re-ingests only the changed dataset and reloads the page', async () => {
    const dir = await tempDir('hsq-dev-');
    const inDir = join(dir, 'in');
    const data = join(dir, 'data');
    await cp('data/sample', inDir, { recursive: true });
    const first = await buildSite(inDir, join(dir, 'dist'), data, ['--as-of', '2026-11-20 12:00']);
    expect(first.stderr).toContain('reading 订单-2025.csv');
    // A second build on the same files: no file is read again, the site is still built.
    const second = await buildSite(inDir, join(dir, 'dist'), data, ['--as-of', '2026-11-20 12:00']);
    expect(second.stderr).toContain('ingest skipped');
    expect(second.stderr).not.toContain('reading ');
    expect(second.stderr).toMatch(/built .* in [\d.]+ s/);

    const port = await freePort();
    // As from a shell: without the variables the test runner sets for its own Vite (MODE, DEV, PROD, SSR, BASE_URL…).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST.*|MODE|DEV|PROD|SSR|BASE_URL|NODE_ENV|TEST)$/.test(k)));
    env.TZ = 'Asia/Shanghai';
    child = spawn(process.execPath, ['scripts/dev.ts', '--in', inDir, '--data', data, '--as-of', '2026-11-20 12:00', '--port', String(port)], { env });
    let log = '';
    child.stdout!.on('data', (b: Buffer) => { log += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { log += b.toString(); });
    const waitFor = async (text: string, from = 0) => {
      for (let i = 0; i < 600 && !log.slice(from).includes(text); i++) await new Promise((r) => setTimeout(r, 100));
      expect(log.slice(from), `waiting for "${text}"`).toContain(text);
    };
    await waitFor('dashboard at');
    // Same files as the build just ingested: nothing is read again.
    expect(log).toContain('ingest skipped');
    expect(log).not.toContain('reading ');

    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const before = await cards(page);
    expect(before).toEqual(expected(await kpisJson(data, ['--period', '2026-Q3'])));
    await page.evaluate(() => { (window as unknown as { stale: boolean }).stale = true; });

    // This year's surveys are withdrawn: only surveys are read again, and the page reloads by itself.
    const mark = log.length;
    await rm(join(inDir, 'surveys-2026.csv'));
    await waitFor('pages reloaded', mark);
    await page.waitForFunction(() => !(window as unknown as { stale?: boolean }).stale, null, { timeout: 30_000 });
    const reread = [...log.slice(mark).matchAll(/^reading (.+)$/gm)].map((m) => m[1]);
    expect(reread).toEqual(['满意度评价-2025.csv']);
    expect(log.slice(mark)).toContain('orders: input unchanged');
    const after = await cards(page);
    expect(after).toEqual(expected(await kpisJson(data, ['--period', '2026-Q3'])));
    expect(after.find(([id]) => id === 'satisfaction_rate')).not.toEqual(before.find(([id]) => id === 'satisfaction_rate'));

    // A broken file does not take the site down: the error is reported and the previous data stays.
    const mark2 = log.length;
    await cp(join('data/sample', 'surveys-2026.csv'), join(inDir, 'surveys-2026.csv'));
    await waitFor('pages reloaded', mark2);
    const mark3 = log.length;
    await writeFile(join(inDir, 'orders-2026-10-11.csv'), 'order_id\nO1\n');
    await waitFor('re-ingest failed, still serving the previous data', mark3);
    expect(log.slice(mark3)).toContain('orders-2026-10-11.csv: missing required column(s) for orders');
    // A fresh page, not page.reload(): the reload the previous step triggered may still be swapping the old page's target.
    await page.close();
    const fresh = await browser.newPage();
    await fresh.goto(`http://127.0.0.1:${port}/`);
    expect(await cards(fresh)).toEqual(before);
    await fresh.close();
  }, 180_000);
});
