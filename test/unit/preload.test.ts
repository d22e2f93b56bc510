/**
 * The build's preloads: every page's module script gets modulepreload links for the chunks it
 * imports statically (not for its lazy dynamic imports), under any base path; and the writer of
 * the benchmark's generated CSV streams (its chunks join to the one-string rendering).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staticImports, withModulePreloads } from '../../src/site/modulepreload.ts';
import { transferBytes } from '../../src/bench/browser.ts';
import { csvChunks, renderCsv } from '../../src/sample/write.ts';
import { generate } from '../../src/sample/generate.ts';
import { plainFiles } from '../../src/sample/files.ts';

const dir = await mkdtemp(join(tmpdir(), 'hsq-preload-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('modulepreload', () => {
  it('lists static imports transitively, once each, and leaves dynamic imports lazy', async () => {
    await mkdir(join(dir, '_astro'), { recursive: true });
    await writeFile(join(dir, '_astro/entry.js'), 'import{a as b}from"./shared.js";import"./side.js";const w=()=>import("./engine.js");');
    await writeFile(join(dir, '_astro/shared.js'), 'import{c}from"./side.js";export const a=1;');
    await writeFile(join(dir, '_astro/side.js'), 'export const c=2;');
    await writeFile(join(dir, '_astro/engine.js'), 'import"./never.js";');
    expect((await staticImports('/_astro/entry.js', dir, '/')).sort()).toEqual(['/_astro/shared.js', '/_astro/side.js']);
    const html = '<html><head><title>x</title></head><body><script type="module" src="/_astro/entry.js"></script></body></html>';
    const out = await withModulePreloads(html, dir, '/');
    expect(out).toContain('<link rel="modulepreload" href="/_astro/shared.js"><link rel="modulepreload" href="/_astro/side.js"></head>');
    expect(out).not.toContain('engine.js"><');
    // A page without module scripts is left byte for byte.
    expect(await withModulePreloads('<html><head></head></html>', dir, '/')).toBe('<html><head></head></html>');
  });

  it('keeps the base path in the links', async () => {
    const html = '<head></head><script type="module" src="/q/_astro/entry.js"></script>';
    expect(await withModulePreloads(html, dir, '/q/')).toContain('href="/q/_astro/shared.js"');
  });
});

describe('benchmark transfer bytes', () => {
  it('estimates a large file from its prefix and says so', async () => {
    const f = join(dir, 'big.arrow');
    // 1 MB of a repeating pattern: the prefix compresses as the whole does.
    await writeFile(f, Buffer.alloc(1 << 20, 'abcdefgh'));
    const whole = await transferBytes([f]);
    const sampled = await transferBytes([f], 1000);
    expect(whole.estimated).toBe(false);
    expect(sampled.estimated).toBe(true);
    expect(sampled.arrow).toBe(whole.arrow);
    expect(sampled.brotli).toBeGreaterThan(0);
  });
});

describe('generated CSV', () => {
  it('streams in chunks that join to the whole file', () => {
    const f = plainFiles(generate({ orders: 300, seed: 7 })).find((x) => x.dataset === 'orders')!;
    const chunks = [...csvChunks(f, 50)];
    expect(chunks.length).toBe(Math.ceil((f.rows.length + 1) / 50));
    expect(chunks.join('')).toBe(renderCsv(f));
    expect(renderCsv(f).split('\r\n')).toHaveLength(f.rows.length + 2);
  });
});
