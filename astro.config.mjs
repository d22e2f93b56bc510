// @ts-check
import { defineConfig } from 'astro/config';
import { devData } from './src/site/dev-data.ts';
import { modulePreload } from './src/site/modulepreload.ts';
import { plotLazyFormat } from './src/site/plot-lazy-format.ts';

// BASE_PATH lets the static site live under a sub-path of any static host (e.g. /quality/).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  output: 'static',
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  integrations: [modulePreload()],
  // The shared view chunk holds Plot, the renderers and the funnel statistics (~150 KB brotli); Vite's 500 kB warning would only add noise to the bench's stdout.
  // HSQ_NOMINIFY=1 keeps function names in the bundles, for reading a CPU profile of a page (docs/performance.md).
  vite: { plugins: [devData(base), plotLazyFormat()], build: { chunkSizeWarningLimit: 800, ...(process.env.HSQ_NOMINIFY ? { minify: false } : {}) } },
});
