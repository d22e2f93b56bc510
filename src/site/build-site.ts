/**
 * Builds the static site from an ingested data directory: the KPI snapshot (every default view
 * computed in Node), the Astro pages, and the Arrow files the browser loads.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'astro';
import type { Manifest } from '../ingest/manifest.ts';
import { buildSnapshot } from './snapshot.ts';

export interface SiteOptions { dataDir: string; outDir: string; configPath: string; base?: string }

/** Computes the KPI snapshot of `dataDir` into `<dataDir>/snapshot.json`, which the pages render from. */
export async function writeSnapshot(dataDir: string, configPath: string): Promise<void> {
  const snapshot = await buildSnapshot(dataDir, configPath);
  await writeFile(join(dataDir, 'snapshot.json'), JSON.stringify(snapshot));
  await writeFile(join(dataDir, SLICES_FILE), JSON.stringify(snapshot.slices));
}

/** The precomputed KPI slices the browser fetches next to the Arrow files (see Snapshot.slices). */
export const SLICES_FILE = 'kpi-slices.json';

/** Points Astro (build or dev server, in this process) at `dataDir` and the base path. */
export function astroEnv(dataDir: string, base?: string): void {
  process.env.HSQ_DATA_DIR = resolve(dataDir);
  if (base) process.env.BASE_PATH = base;
  // Vite would let an inherited BASE_URL (test runners set one) override the configured base path.
  delete process.env.BASE_URL;
}

/** Writes `<dataDir>/snapshot.json` and the site into `outDir`; returns the output path. */
export async function buildSiteFromData(opts: SiteOptions): Promise<string> {
  const manifest = JSON.parse(await readFile(join(opts.dataDir, 'manifest.json'), 'utf8')) as Manifest;
  await writeSnapshot(opts.dataDir, opts.configPath);
  astroEnv(opts.dataDir, opts.base);
  const outDir = resolve(opts.outDir);
  await build({ root: process.cwd(), outDir, logLevel: 'warn' });
  await mkdir(join(outDir, 'data'), { recursive: true });
  for (const f of [...Object.values(manifest.datasets).map((d) => d.arrow), SLICES_FILE]) await copyFile(join(opts.dataDir, f), join(outDir, 'data', f));
  return outDir;
}
