/**
 * Builds the static site from an ingested data directory: the KPI snapshot (every default view
 * computed in Node), the Astro pages, and the Arrow files the browser loads.
 */
import { copyFile, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { Manifest } from '../ingest/manifest.ts';
import { checkOutDir, publishDir } from './publish-dir.ts';
import { answersFile, answersPartFile, SITE_DATA } from './site-files.ts';
import { buildSnapshot } from './snapshot.ts';

/** The project folder (Astro's root), wherever the command is run from. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface SiteOptions { dataDir: string; outDir: string; configPath: string; base?: string }

/**
 * Computes the KPI snapshot of `dataDir` into `<dataDir>/snapshot.json`, which the pages render
 * from, and the files the browser fetches into `<dataDir>/site/` (copied to `<site>/data/`): each
 * page's answers and the drill-down's row partitions. The folder is written whole, then swapped in.
 */
export async function writeSnapshot(dataDir: string, configPath: string): Promise<void> {
  const next = join(dataDir, `${SITE_DATA}.next`);
  await rm(next, { recursive: true, force: true });
  await mkdir(next, { recursive: true });
  const { snapshot, answers } = await buildSnapshot(dataDir, configPath, { rowsDir: next });
  for (const [page, { main, parts }] of Object.entries(answers)) {
    await writeFile(join(next, answersFile(page)), JSON.stringify(main));
    for (const [period, part] of Object.entries(parts)) await writeFile(join(next, answersPartFile(page, period)), JSON.stringify(part));
  }
  await rm(join(dataDir, SITE_DATA), { recursive: true, force: true });
  await rename(next, join(dataDir, SITE_DATA));
  await writeFile(join(dataDir, 'snapshot.json'), JSON.stringify(snapshot));
}


/** Points Astro (build or dev server, in this process) at `dataDir` and the base path. */
export function astroEnv(dataDir: string, base?: string): void {
  process.env.HSQ_DATA_DIR = resolve(dataDir);
  if (base) process.env.BASE_PATH = base;
  // Vite would let an inherited BASE_URL (test runners set one) override the configured base path.
  delete process.env.BASE_URL;
}

/**
 * Writes `<dataDir>/snapshot.json` and the site into `outDir` (any folder, on any disk; see
 * publish-dir.ts); returns the output path. A failed build leaves `outDir` as it was.
 */
export async function buildSiteFromData(opts: SiteOptions): Promise<string> {
  const outDir = resolve(opts.outDir);
  await checkOutDir(opts.outDir, { root: PROJECT_ROOT, dataDir: opts.dataDir });
  const manifest = JSON.parse(await readFile(join(opts.dataDir, 'manifest.json'), 'utf8')) as Manifest;
  await writeSnapshot(opts.dataDir, opts.configPath);
  astroEnv(opts.dataDir, opts.base);
  const stage = join(PROJECT_ROOT, 'node_modules', '.cache', 'hsq-site', `${process.pid}-${Date.now()}`);
  try {
    await build({ root: PROJECT_ROOT, outDir: stage, logLevel: 'warn' });
    // Astro's prerender chunks are build-time only (server code that imports from node_modules).
    await rm(join(stage, '.prerender'), { recursive: true, force: true });
    await mkdir(join(stage, 'data'), { recursive: true });
    for (const f of Object.values(manifest.datasets).map((d) => d.arrow)) await copyFile(join(opts.dataDir, f), join(stage, 'data', f));
    await cp(join(opts.dataDir, SITE_DATA), join(stage, 'data'), { recursive: true });
    await publishDir(stage, outDir);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  return outDir;
}
