/**
 * npm run bench:browser -- [--dist dist] [--page /]  — builds nothing: measures an already built
 * site (npm run build) in headless Chromium and prints the metrics as JSON.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changesFor, measurePage, type SnapshotLite } from '../src/bench/browser.ts';
import { serve } from '../src/bench/serve.ts';
import { launchChromium } from '../src/lib/chromium.ts';
import { runMain } from '../src/lib/cli.ts';

runMain(async () => {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, data: { type: 'string', default: 'data/out' }, page: { type: 'string', multiple: true, default: ['/', '/satisfaction/', '/complaints/', '/training/', '/workforce/', '/quality/'] } } });
  const changes = changesFor(JSON.parse(await readFile(join(values.data, 'snapshot.json'), 'utf8')) as SnapshotLite);
  const server = await serve(values.dist);
  const browser = await launchChromium();
  try {
    for (const p of values.page) console.log(JSON.stringify(await measurePage(browser, server.url, p, changes)));
  } finally {
    await browser.close();
    await server.close();
  }
}, () => false);
