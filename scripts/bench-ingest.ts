/**
 * npm run bench:ingest [-- --orders 1000000] [--engine auto|bulk|js] [--verbose]
 * Times DuckDB's own read_csv of an orders file into a table against our ingest of the same
 * file (decode, validate, Arrow + Parquet, manifest), and prints the ratio and peak memory.
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { duckdbReadCsvMs } from '../src/bench/duckdb-baseline.ts';
import { generate } from '../src/sample/generate.ts';
import { plainFiles } from '../src/sample/files.ts';
import { writeSample } from '../src/sample/write.ts';
import { ingest } from '../src/ingest/ingest.ts';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '1000000' }, engine: { type: 'string', default: 'auto' }, verbose: { type: 'boolean', default: false } } });
const engine = values.engine as 'auto' | 'bulk' | 'js';
const n = Number(values.orders);
const dir = resolve(`data/bench/${n}`);
if (!existsSync(join(dir, 'orders.csv'))) {
  console.error(`generating ${n} orders…`);
  await writeSample(dir, plainFiles(generate({ orders: n, seed: 20261123 })).filter((f) => f.dataset === 'orders'));
}
const only = join(dir, 'orders-only');
await rm(only, { recursive: true, force: true });
await mkdir(only, { recursive: true });
await symlink(join(dir, 'orders.csv'), join(only, 'orders.csv'));

const duck = await duckdbReadCsvMs(only);

const t = performance.now();
const lg = (m: string) => { if (values.verbose) console.error(`${Math.round(performance.now() - t)} ms  ${m}`); };
await ingest({ inDir: only, outDir: join(dir, 'out'), salt: 'bench', full: true, engine }, { logger: { info: lg, warn: lg }, now: () => new Date() });
const ours = performance.now() - t;
const rss = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ orders: n, engine, duckdb_read_csv_ms: Math.round(duck), ingest_ms: Math.round(ours), ratio: +(ours / duck).toFixed(2), peak_rss_mb: Math.round(rss) }));
