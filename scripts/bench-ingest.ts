/**
 * npm run bench:ingest [-- --orders 1000000] [--format canonical] [--scope orders|company]
 *                      [--engine auto|bulk|js] [--runs 5] [--verbose]
 * npm run bench:ingest -- --matrix [--sizes 200000,1000000] [--formats iso,xlsx] [--runs 1]
 *
 * Times DuckDB's own read_csv of the input into tables against our ingest of the same rows
 * (decode, validate, Arrow + Parquet, manifest), and prints the ratio and peak memory. The rows
 * are generated once per size and written in each export shape of src/bench/formats.ts; where
 * DuckDB cannot read the shape itself (GB18030, .xlsx) it reads the UTF-8 CSV twin, and for
 * .xlsx the time SheetJS alone takes to open the workbooks is reported too. Each run is a fresh
 * process (as a user's ingest is: no warm JIT or heap); the summary is the median of the runs.
 * `--matrix` runs every shape × both scopes × each size and prints the README's Markdown table.
 */
import '../src/lib/huge-pages.ts';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { duckdbReadCsvMs } from '../src/bench/duckdb-baseline.ts';
import { FORMATS, writeFormat, type Scope } from '../src/bench/formats.ts';
import { generate } from '../src/sample/generate.ts';
import { ingest } from '../src/ingest/ingest.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' }, format: { type: 'string', default: 'canonical' }, scope: { type: 'string', default: 'orders' },
    engine: { type: 'string', default: 'auto' }, runs: { type: 'string' }, verbose: { type: 'boolean', default: false },
    matrix: { type: 'boolean', default: false }, sizes: { type: 'string', default: '200000,1000000' }, formats: { type: 'string' }, child: { type: 'string' },
  },
});
const engine = values.engine as 'auto' | 'bulk' | 'js';
const SEED = 20261123;

interface Run { duckdb_read_csv_ms: number; library_read_ms: number | null; ingest_ms: number; peak_rss_mb: number; rows: number }
interface Result { orders: number; format: string; scope: Scope; runs: number; duckdb_read_csv_ms: number; library_read_ms: number | null; ingest_ms: number; ratio: number; peak_rss_mb: number; rows: number }

if (values.child) {
  // One measured run: DuckDB's baseline, SheetJS alone for workbooks, then our ingest.
  const dir = values.child;
  const duck = await duckdbReadCsvMs(existsSync(join(dir, 'duckdb')) ? join(dir, 'duckdb') : join(dir, 'in'));
  let library: number | null = null;
  const books = (await readdir(join(dir, 'in'))).filter((f) => f.endsWith('.xlsx'));
  if (books.length > 0) {
    const XLSX = await import('@e965/xlsx');
    const t0 = performance.now();
    for (const b of books) XLSX.read(await readFile(join(dir, 'in', b)), { type: 'buffer', dense: true, cellNF: true });
    library = Math.round(performance.now() - t0);
  }
  const t = performance.now();
  const lg = (m: string) => { if (values.verbose) console.error(`${Math.round(performance.now() - t)} ms  ${m}`); };
  const r = await ingest({ inDir: join(dir, 'in'), outDir: join(dir, 'out'), salt: 'bench', full: true, engine }, { logger: { info: lg, warn: lg }, now: () => new Date() });
  const ours = performance.now() - t;
  const rows = Object.values(r.manifest.datasets).reduce((n, d) => n + d.rows_read, 0);
  console.log(JSON.stringify({ duckdb_read_csv_ms: Math.round(duck), library_read_ms: library, ingest_ms: Math.round(ours), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), rows }));
  process.exit(0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Writes (once) and measures one shape: `runs` fresh processes, medians. */
async function measure(n: number, format: string, scope: Scope, runs: number, data: () => ReturnType<typeof generate>): Promise<Result> {
  const dir = resolve(`data/bench/${n}/${format}-${scope}`);
  if (!existsSync(join(dir, 'in'))) {
    console.error(`writing ${n} orders as ${format} (${scope})…`);
    await writeFormat(dir, format, data(), scope);
  }
  const out: Run[] = [];
  const args = [process.argv[1]!, '--child', dir, '--engine', engine, ...(values.verbose ? ['--verbose'] : [])];
  for (let i = 0; i < runs; i++) {
    const last = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).trim().split('\n').at(-1)!;
    out.push(JSON.parse(last) as Run);
    console.error(`${format} ${scope} ${n} run ${i + 1}: ${last}`);
  }
  const duck = median(out.map((r) => r.duckdb_read_csv_ms));
  const ours = median(out.map((r) => r.ingest_ms));
  const lib = out[0]!.library_read_ms === null ? null : median(out.map((r) => r.library_read_ms!));
  return {
    orders: n, format, scope, runs, duckdb_read_csv_ms: duck, library_read_ms: lib, ingest_ms: ours, ratio: +(ours / duck).toFixed(2),
    peak_rss_mb: Math.max(...out.map((r) => r.peak_rss_mb)), rows: out[0]!.rows,
  };
}

/** The README's table: one row per shape and scope, a column group per size. */
function table(results: readonly Result[], sizes: readonly number[]): string {
  const head = `| shape | input | ${sizes.map((n) => `${n.toLocaleString('en')} orders: ingest / DuckDB read_csv (ratio), peak`).join(' | ')} |`;
  const lines = [head, `|---|---|${sizes.map(() => '---').join('|')}|`];
  for (const format of Object.keys(FORMATS)) {
    for (const scope of ['orders', 'company'] as const) {
      const cells = sizes.map((n) => {
        const r = results.find((x) => x.orders === n && x.format === format && x.scope === scope);
        if (!r) return 'not run';
        const lib = r.library_read_ms === null ? '' : `; SheetJS alone ${(r.library_read_ms / 1000).toFixed(1)} s (${(r.ingest_ms / r.library_read_ms).toFixed(2)}x)`;
        return `${(r.ingest_ms / 1000).toFixed(1)} s / ${(r.duckdb_read_csv_ms / 1000).toFixed(2)} s (**${r.ratio}x**)${lib}, ${r.peak_rss_mb.toLocaleString('en')} MB`;
      });
      lines.push(`| ${format} | ${scope === 'orders' ? 'orders file' : 'whole company'} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

const generated = new Map<number, ReturnType<typeof generate>>();
const dataOf = (n: number) => () => {
  let d = generated.get(n);
  if (!d) {
    console.error(`generating ${n} orders…`);
    generated.set(n, (d = generate({ orders: n, seed: SEED })));
  }
  return d;
};

if (values.matrix) {
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs ?? '1');
  const formats = values.formats ? values.formats.split(',') : Object.keys(FORMATS);
  const results: Result[] = [];
  for (const n of sizes) {
    for (const format of formats) for (const scope of ['orders', 'company'] as const) results.push(await measure(n, format, scope, runs, dataOf(n)));
    generated.delete(n);
  }
  await writeFile(resolve(`data/bench/ingest-matrix-${sizes.join('-')}.json`), JSON.stringify(results, null, 2) + '\n');
  console.log(table(results, sizes));
} else {
  const n = Number(values.orders);
  const r = await measure(n, values.format, values.scope as Scope, Number(values.runs ?? '5'), dataOf(n));
  console.log(JSON.stringify(r));
}
