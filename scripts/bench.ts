/**
 * npm run bench [-- --size 20k|200k|1m] [--work data/bench] [--readme]
 * Measures ingest against DuckDB's read_csv, ingest memory, bytes transferred, the dashboard in
 * headless Chromium and DuckDB-WASM against native DuckDB, at one size (default 20k). Writes
 * <work>/results-<size>.json and .md; --readme puts the table into README.md's Scaling section.
 */
import '../src/lib/huge-pages.ts';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from '../src/bench/run.ts';
import { toMarkdown } from '../src/bench/results.ts';
import { DEFAULT_CONFIG_PATH } from '../src/kpi/config.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';

runMain(async () => {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '20k' }, work: { type: 'string', default: 'data/bench' }, readme: { type: 'boolean' }, config: { type: 'string', default: DEFAULT_CONFIG_PATH } } });
  const size = values.size.toLowerCase();
  const t0 = performance.now();
  const results = await runBench({ size, workDir: values.work, configPath: values.config }, { log: (m) => stderrLogger.info(m) });
  await mkdir(values.work, { recursive: true });
  const md = toMarkdown(results);
  await writeFile(join(values.work, `results-${size}.json`), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(values.work, `results-${size}.md`), md);
  if (values.readme) {
    const start = `<!-- bench:${size} -->`;
    const end = `<!-- /bench:${size} -->`;
    const readme = await readFile('README.md', 'utf8');
    const a = readme.indexOf(start);
    const b = readme.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
    await writeFile('README.md', readme.slice(0, a + start.length) + '\n' + md + readme.slice(b));
  }
  process.stdout.write(md);
  stderrLogger.info(`bench ${size} done in ${((performance.now() - t0) / 1000).toFixed(0)} s; results in ${join(values.work, `results-${size}.json`)}`);
}, () => false);
