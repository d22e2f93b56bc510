/**
 * The ingest pipeline: a folder of CSV exports → validated Arrow IPC + Parquet per dataset,
 * rejects.csv and manifest.json, written atomically.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile as readBytes, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATASETS } from '../datasets/registry.ts';
import type { Dataset, DatasetName } from '../datasets/define.ts';
import { formatLocalTimestamp, parseLocalTimestamp, shanghaiNow } from '../lib/datetime.ts';
import { toSafeCsv } from '../lib/csv-safe.ts';
import { writeDirAtomically } from './atomic.ts';
import { detectDataset, readFile, type FileResult } from './read-file.ts';
import { checkReferences, keyOf, supersede } from './merge.ts';
import { storeDataset, type StoredDataset } from './store.ts';
import { assertBalanced, topReasons, type DatasetManifest, type Manifest } from './manifest.ts';
import { IngestError, type AcceptedRow, type IngestEffects, type Reject } from './types.ts';

export interface IngestOptions {
  inDir: string;
  outDir: string;
  /** Fail (and keep the previous output) if any row is rejected or any file is not recognised. */
  strict?: boolean;
  /** Upper bound for dates; defaults to now. Also the manifest's as-of when given. */
  asOf?: string;
  /** Salt for hashed PII; defaults to $HSQ_PII_SALT, then the previous output's, then random. */
  salt?: string;
}

export interface IngestResult { manifest: Manifest; rejects: Reject[] }

const CSV_FILE = /\.(csv|tsv|txt)$/i;
const SALT_FILE = '.pii-salt';

async function resolveSalt(opts: IngestOptions): Promise<string> {
  if (opts.salt) return opts.salt;
  if (process.env.HSQ_PII_SALT) return process.env.HSQ_PII_SALT;
  try {
    return (await readBytes(join(opts.outDir, SALT_FILE), 'utf8')).trim();
  } catch {
    return randomBytes(16).toString('hex');
  }
}

/** Runs the whole ingest. Throws IngestError on fatal problems, leaving `outDir` untouched. */
export async function ingest(opts: IngestOptions, fx: IngestEffects): Promise<IngestResult> {
  let asOfLimit = shanghaiNow(fx.now);
  if (opts.asOf !== undefined) {
    const t = parseLocalTimestamp(opts.asOf);
    if (t === null) throw new IngestError(`--as-of: not a date/time: ${opts.asOf}`);
    asOfLimit = t;
  }
  let names: string[];
  try {
    const entries = await readdir(opts.inDir, { withFileTypes: true });
    const isFile = async (e: (typeof entries)[number]) => e.isFile() || (e.isSymbolicLink() && (await stat(join(opts.inDir, e.name))).isFile());
    names = [];
    for (const e of entries) if (CSV_FILE.test(e.name) && (await isFile(e))) names.push(e.name);
    names.sort();
  } catch (e) {
    throw new IngestError(`cannot read input folder ${opts.inDir}: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new IngestError(`no CSV files in ${opts.inDir}`);

  const warnings: string[] = [];
  const warn = (m: string) => { warnings.push(m); fx.logger.warn(m); };
  // Pass 1: which dataset each file holds (by name, else by headers).
  const filesOf = new Map<DatasetName, string[]>();
  const unrecognised: string[] = [];
  for (const name of names) {
    const d = detectDataset(name, () => readFileSync(join(opts.inDir, name)));
    if (!d) {
      unrecognised.push(name);
      warn(`${name}: not recognised as any dataset (by file name or headers); it was not ingested`);
      continue;
    }
    filesOf.set(d.name, [...(filesOf.get(d.name) ?? []), name]);
  }

  // Pass 2, one dataset at a time in reference order (orders and staff first): read, validate,
  // supersede, check references, store, then let its rows go; only key sets are kept for the
  // references of later datasets, so memory peaks at the largest dataset, not at all of them.
  const salt = await resolveSalt(opts);
  const rejects: Reject[] = [];
  const keys = new Map<string, Set<string>>();
  const manifest: Manifest = {
    schema_version: 1, generated_at: fx.now().toISOString(), as_of: null, as_of_source: opts.asOf !== undefined ? 'option' : 'data',
    datasets: {}, unrecognised_files: unrecognised, warnings, rejects: { file: 'rejects.csv', rows: 0, problems: 0, top_reasons: [] },
  };
  let latest: number | null = null;
  let rejectedRows = 0;
  await writeDirAtomically(opts.outDir, async (tmp) => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      for (const d of DATASETS) {
        const files: FileResult[] = [];
        for (const name of filesOf.get(d.name) ?? []) {
          fx.logger.info(`reading ${name}`);
          files.push(readFile(name, await readBytes(join(opts.inDir, name)), d, { asOfLimit }, { ...fx, logger: { ...fx.logger, warn } }));
        }
        const rows = crossCheck(d, files, keys, rejects);
        rejectedRows += files.reduce((n, f) => n + f.report.rows_rejected, 0);
        if (files.length === 0) {
          if (!d.optional) warn(`no file found for ${d.name} (${d.label.zh}); its pages will be empty`);
          else continue;
        }
        latest = maxTimestamp(d, rows, latest);
        const stored = await storeDataset(d, rows, salt, conn, tmp);
        manifest.datasets[d.name] = datasetManifest(d, files, stored);
        fx.logger.info(`wrote ${d.name}: ${stored.rowCount.toLocaleString('en')} rows`);
      }
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    const order = new Map(DATASETS.map((d, i) => [d.name, i]));
    rejects.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
    if (opts.strict && (rejectedRows > 0 || unrecognised.length > 0)) {
      const first = rejects.slice(0, 20).map((r) => `  ${r.file}:${r.line} [${r.column ?? 'row'}] ${r.reason}${r.value ? ` (value: ${r.value})` : ''}`);
      throw new IngestError(
        `--strict: ${rejectedRows} row(s) rejected, ${unrecognised.length} file(s) not recognised; output not written.\n${first.join('\n')}`,
      );
    }
    const asOf = opts.asOf !== undefined ? asOfLimit : latest;
    manifest.as_of = asOf === null ? null : formatLocalTimestamp(asOf);
    manifest.rejects = { file: 'rejects.csv', rows: rejectedRows, problems: rejects.length, top_reasons: topReasons(rejects) };
    assertBalanced(manifest);
    const rows = rejects.map((r) => [r.dataset, r.file, r.line, r.column ?? '', r.value, r.reason]);
    await writeFile(join(tmp, 'rejects.csv'), toSafeCsv(['dataset', 'file', 'line', 'column', 'value', 'reason'], rows));
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await writeFile(join(tmp, SALT_FILE), salt + '\n', { mode: 0o600 });
  });
  return { manifest, rejects };
}

/**
 * Supersession and references for one dataset's files: adds its rejects, counts accepted rows,
 * records its keys for later datasets' references, and returns the rows to store. The files
 * give up their rows, so the returned array is the only reference to them.
 */
function crossCheck(d: Dataset, files: FileResult[], keys: Map<string, Set<string>>, rejects: Reject[]): AcceptedRow[] {
  for (const f of files) rejects.push(...f.rejects);
  const merged = supersede(d, files);
  for (const f of files) f.accepted = [];
  const reports = new Map(files.map((f) => [f.report.name, f.report]));
  const reportOf = (file: string) => reports.get(file)!;
  const checked = checkReferences(d, merged.rows, keys, reportOf);
  rejects.push(...merged.rejects, ...checked.rejects);
  for (const a of checked.rows) reportOf(a.file).rows_accepted++;
  if (d.key.length === 1) keys.set(d.name, new Set(checked.rows.map((a) => keyOf(d, a.row))));
  return checked.rows;
}

function datasetManifest(d: Dataset, files: FileResult[], stored: StoredDataset): DatasetManifest {
  const sum = (k: 'rows_read' | 'rows_accepted' | 'rows_rejected' | 'rows_superseded') => files.reduce((n, f) => n + f.report[k], 0);
  return {
    name: d.name, label: d.label, optional: d.optional, files: files.map((f) => f.report),
    rows_read: sum('rows_read'), rows_accepted: sum('rows_accepted'), rows_rejected: sum('rows_rejected'), rows_superseded: sum('rows_superseded'),
    min_date: stored.minDate, max_date: stored.maxDate, columns: stored.columns, arrow: stored.arrow, parquet: stored.parquet,
  };
}

/** The latest timestamp among `rows` of `d` (any timestamp column), or `max` if later. */
function maxTimestamp(d: Dataset, rows: readonly AcceptedRow[], max: number | null): number | null {
  const cols = Object.entries(d.columns).filter(([, s]) => s.kind === 'timestamp').map(([c]) => c);
  for (const a of rows) {
    for (const c of cols) {
      const v = a.row[c];
      if (typeof v === 'number' && (max === null || v > max)) max = v;
    }
  }
  return max;
}
