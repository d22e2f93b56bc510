/**
 * npm run bench:browser -- [--dist dist] [--page /]  — builds nothing: measures an already built
 * site (npm run build) in headless Chromium and prints the metrics as JSON.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { filterChanges, measurePage } from '../src/bench/browser.ts';
import { runMain } from '../src/lib/cli.ts';
import { launch, serve } from '../test/e2e/harness.ts';

runMain(async () => {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, data: { type: 'string', default: 'data/out' }, page: { type: 'string', multiple: true, default: ['/', '/satisfaction/', '/complaints/', '/training/', '/workforce/'] } } });
  const snap = JSON.parse(await readFile(join(values.data, 'snapshot.json'), 'utf8')) as { periods: { quarter: string[]; month: string[] }; branches: string[]; services: string[] };
  const changes = filterChanges([...snap.periods.quarter.slice(1, 5), ...snap.periods.month.slice(2, 5)], snap.branches, snap.services.slice(0, 4));
  const server = await serve(values.dist);
  const browser = await launch();
  try {
    for (const p of values.page) console.log(JSON.stringify(await measurePage(browser, server.url, p, values.dist, changes)));
  } finally {
    await browser.close();
    await server.close();
  }
}, () => false);
