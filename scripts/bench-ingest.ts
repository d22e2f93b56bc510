/**
 * npm run bench:ingest [-- --orders 1000000] [--engine auto|bulk|js] [--runs 5] [--verbose]
 * Times DuckDB's own read_csv of an orders file into a table against our ingest of the same
 * file (decode, validate, Arrow + Parquet, manifest), and prints the ratio and peak memory.
 * Each run is a fresh process (as a user's ingest is: no warm JIT or heap), timing DuckDB and
 * then the ingest; the summary is the median of each and their ratio, since this kind of VM
 * varies by ±30% from one run to the next.
 */
import '../src/lib/huge-pages.ts';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { duckdbReadCsvMs } from '../src/bench/duckdb-baseline.ts';
import { generate } from '../src/sample/generate.ts';
import { plainFiles } from '../src/sample/files.ts';
import { writeSample } from '../src/sample/write.ts';
import { ingest } from '../src/ingest/ingest.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' }, engine: { type: 'string', default: 'auto' }, runs: { type: 'string', default: '5' },
    verbose: { type: 'boolean', default: false }, child: { type: 'boolean', default: false },
  },
});
const engine = values.engine as 'auto' | 'bulk' | 'js';
const n = Number(values.orders);
const dir = resolve(`data/bench/${n}`);
if (!existsSync(join(dir, 'orders.csv'))) {
  console.error(`generating ${n} orders…`);
  await writeSample(dir, plainFiles(generate({ orders: n, seed: 20261123 })).filter((f) => f.dataset === 'orders'));
}

interface Run { duckdb_read_csv_ms: number; ingest_ms: number; peak_rss_mb: number }
if (!values.child) {
  const runs: Run[] = [];
  const args = [process.argv[1]!, '--child', '--orders', String(n), '--engine', engine, ...(values.verbose ? ['--verbose'] : [])];
  for (let i = 0; i < Number(values.runs); i++) {
    const last = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1)!;
    runs.push(JSON.parse(last) as Run);
    console.error(`run ${i + 1}: ${last}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const duck = median(runs.map((r) => r.duckdb_read_csv_ms));
  const ours = median(runs.map((r) => r.ingest_ms));
  console.log(JSON.stringify({
    orders: n, engine, runs: runs.length, duckdb_read_csv_ms: duck, ingest_ms: ours, ratio: +(ours / duck).toFixed(2),
    ratio_per_run: runs.map((r) => +(r.ingest_ms / r.duckdb_read_csv_ms).toFixed(2)), peak_rss_mb: Math.max(...runs.map((r) => r.peak_rss_mb)),
  }));
  process.exit(0);
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
console.log(JSON.stringify({ duckdb_read_csv_ms: Math.round(duck), ingest_ms: Math.round(ours), peak_rss_mb: Math.round(rss) }));
