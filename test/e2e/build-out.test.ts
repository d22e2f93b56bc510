/** `npm run build -- --out <folder>`: any folder, given relative, on another disk, rebuilt over; the site works from there. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cleanup, tempDir } from '../helpers.ts';
import { buildSite, cards, engineSettled, launch, serve } from './harness.ts';

afterAll(cleanup);

it('builds into a relative folder on another disk, twice, with nothing but the site in it', async () => {
  // tmpfs (/dev/shm) is another device than the project's disk on Linux; renames across it fail (EXDEV).
  const shm = await stat('/dev/shm').catch(() => null);
  const parent = shm && shm.dev !== (await stat('.')).dev ? await mkdtemp('/dev/shm/hsq-out-') : await tempDir('hsq-out-');
  const data = await tempDir('hsq-out-data-');
  const out = join(parent, 'published', 'site');
  try {
    await buildSite('data/sample', relative(process.cwd(), out), data);
    const first = (await stat(join(out, 'index.html'))).mtimeMs;
    await buildSite('data/sample', relative(process.cwd(), out), data);
    expect((await stat(join(out, 'index.html'))).mtimeMs).toBeGreaterThan(first);
    const entries = await readdir(out);
    expect(entries).not.toContain('.prerender');
    expect(entries.filter((e) => e.startsWith('.'))).toEqual([]);
    expect(await readdir(join(parent, 'published'))).toEqual(['site']);
    expect((await readdir(join(out, 'data'))).filter((f) => f.endsWith('.arrow')).sort()).toContain('orders.arrow');

    const site = await serve(out);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}/`);
      expect(await engineSettled(page)).toBe('ready');
      expect((await cards(page)).find(([id]) => id === 'satisfaction_rate')?.[1]).toMatch(/^0\.\d+$/);
    } finally {
      await browser.close();
      await site.close();
    }
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}, 180_000);
