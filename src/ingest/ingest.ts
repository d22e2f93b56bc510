/**
 * The ingest pipeline: a folder of CSV exports → validated Arrow IPC + Parquet per dataset,
 * rejects.csv and manifest.json, written atomically.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile as readBytes, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseLocalTimestamp, shanghaiNow } from '../lib/datetime.ts';
import { toSafeCsv } from '../lib/csv-safe.ts';
import { writeDirAtomically } from './atomic.ts';
import { sha256File, sha256Node } from './hash-node.ts';
import type { Manifest } from './manifest.ts';
import { isHiddenFile, isIngestFile } from './file-types.ts';
import { classify, ingestClassified, type PipelineHooks, type PipelineOptions } from './pipeline.ts';
import { ingestBulk } from './bulk/bulk-dataset.ts';
import { scanFile, type FileScan } from './bulk/scan-file.ts';
import { allUnchanged, ingestVersion, loadPrevious, reuser } from './reuse.ts';
import { datasetStore } from './store.ts';
import { formatSummary } from './summary.ts';
import { stderrLogger } from '../lib/cli.ts';
import { IngestError, type IngestEffects, type Reject } from './types.ts';

export interface IngestOptions {
  inDir: string;
  outDir: string;
  /** Fail (and keep the previous output) if any row is rejected or any file is not recognised. */
  strict?: boolean;
  /** Upper bound for dates; defaults to now. Also the manifest's as-of when given. */
  asOf?: string;
  /** Salt for hashed PII; defaults to $HSQ_PII_SALT, then the previous output's, then random. */
  salt?: string;
  /** Re-read every file even when its dataset's previous output could be kept (default: incremental). */
  full?: boolean;
  /**
   * How files are parsed and validated. `js`: the JavaScript pipeline the browser runs; `bulk`:
   * in DuckDB wherever the dataset and its files allow (bulk/), the same output; `auto`
   * (default): bulk for datasets of at least BULK_MIN_BYTES whose files' first rows the SQL
   * reads (bulk/load-file.ts probeRefusals), where it is faster; each choice is logged.
   */
  engine?: 'auto' | 'bulk' | 'js';
}

/**
 * Below this much CSV a dataset is no faster in DuckDB (its fixed costs per dataset). Measured
 * with bench:ingest (medians of 3): 20k orders, 2.9 MB: 0.45 s either way; 50k, 7.3 MB: bulk
 * 0.65 s, JavaScript 0.89 s; 200k: 1.2 s against 2.9 s.
 */
export const BULK_MIN_BYTES = 4 * 1024 * 1024;

/** `skipped`: nothing changed since the previous output, which was left as it was. */
export interface IngestResult { manifest: Manifest; rejects: Reject[]; skipped: boolean }

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

/**
 * Runs the whole ingest. Throws IngestError on fatal problems, leaving `outDir` untouched.
 * Datasets whose inputs did not change keep their previous output (see reuse.ts) unless `full`.
 */
export async function ingest(opts: IngestOptions, fx: IngestEffects): Promise<IngestResult> {
  let asOfLimit = shanghaiNow(fx.now);
  if (opts.asOf !== undefined) {
    const t = parseLocalTimestamp(opts.asOf);
    if (t === null) throw new IngestError(`--as-of: not a date/time: ${opts.asOf}`);
    asOfLimit = t;
  }
  let names: string[];
  const unsupported: string[] = [];
  try {
    const entries = await readdir(opts.inDir, { withFileTypes: true });
    const isFile = async (e: (typeof entries)[number]) => e.isFile() || (e.isSymbolicLink() && (await stat(join(opts.inDir, e.name))).isFile());
    names = [];
    for (const e of entries) {
      if (isHiddenFile(e.name) || !(await isFile(e))) continue;
      (isIngestFile(e.name) ? names : unsupported).push(e.name);
    }
    names.sort();
    unsupported.sort();
  } catch (e) {
    throw new IngestError(`cannot read input folder ${opts.inDir}: ${(e as Error).message}`);
  }
  if (names.length === 0) {
    const others = unsupported.length > 0 ? ` (found only files of other types: ${unsupported.slice(0, 5).join(', ')})` : '';
    throw new IngestError(`no CSV or spreadsheet files in ${opts.inDir}${others}`);
  }

  // Where the bulk engine may read a file, one streamed pass gives its hash, UTF-8 check and
  // record index; with no previous output to compare with, that pass runs while DuckDB reads it.
  const scans = new Map<string, Promise<FileScan>>();
  const scanOf = (name: string) => {
    let s = scans.get(name);
    if (!s) scans.set(name, (s = scanFile(join(opts.inDir, name))));
    return s;
  };
  const sources = names.map((name) => ({
    name,
    bytes: async () => { const b = await readBytes(join(opts.inDir, name)); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); },
    sha256: opts.engine === 'js' ? () => sha256File(join(opts.inDir, name)) : async () => (await scanOf(name)).sha256,
  }));
  const prev = opts.full ? null : await loadPrevious(opts.outDir);
  const classified = await classify(sources, sha256Node, prev !== null, unsupported);
  const popts: PipelineOptions = {
    asOfLimit, asOfFromOption: opts.asOf !== undefined, salt: await resolveSalt(opts), version: await ingestVersion(),
    ...(opts.strict ? { strict: true } : {}),
  };
  if (prev && !(opts.strict && prev.manifest.rejects.rows + prev.manifest.unrecognised_files.length > 0) && (await allUnchanged(prev, popts, classified))) {
    fx.logger.info(`inputs unchanged since ${prev.manifest.generated_at}: ingest skipped, ${opts.outDir} kept as it was`);
    for (const w of prev.manifest.warnings) fx.logger.warn(w);
    return { manifest: prev.manifest, rejects: prev.rejects, skipped: true };
  }
  const result = await writeDirAtomically(opts.outDir, async (tmp) => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const files = datasetStore(conn, tmp);
    const bulkConn = await db.connect();
    try {
      const bulk: PipelineHooks['bulk'] = async (d, refs, keys, ctx, dfx) => {
        // Sheets of a workbook are already in memory as records: the JavaScript path reads them.
        if (opts.engine === 'js' || refs.some((ref) => classified.sources.get(ref.name)?.sheet)) return null;
        const sizes = await Promise.all(refs.map(async (ref) => (await stat(join(opts.inDir, ref.name))).size));
        const bytes = sizes.reduce((a, b) => a + b, 0);
        if (opts.engine !== 'bulk' && bytes < BULK_MIN_BYTES) {
          dfx.logger.info(`${d.name}: ${(bytes / 1e6).toFixed(1)} MB, below the ${BULK_MIN_BYTES / 2 ** 20} MB where DuckDB is faster: read by the JavaScript validator`);
          return null;
        }
        const inputs = refs.map((ref, i) => ({
          ...ref, path: join(opts.inDir, ref.name), size: sizes[i]!, scan: () => scanOf(ref.name), bytes: () => classified.sources.get(ref.name)!.bytes(),
        }));
        const r = await ingestBulk(db, bulkConn, d, inputs, keys, ctx, tmp, dfx, opts.engine !== 'bulk');
        if (r) {
          // Their hashes are in the reports now; the record indexes can go.
          for (const ref of refs) scans.delete(ref.name);
          files.track(r.parquet);
        }
        return r;
      };
      const r = await ingestClassified(classified, popts, {
        sha256: sha256Node,
        store: (d, t) => files.store(d, t),
        bulk,
        ...(prev ? { reuse: reuser(prev, popts, tmp) } : {}),
      }, fx, fx.now().toISOString());
      await files.finish();
      const rows = r.rejects.map((x) => [x.dataset, x.file, x.line, x.column ?? '', x.value, x.reason]);
      await writeFile(join(tmp, 'rejects.csv'), toSafeCsv(['dataset', 'file', 'line', 'column', 'value', 'reason'], rows));
      await writeFile(join(tmp, 'rejects.json'), JSON.stringify(r.rejects));
      await writeFile(join(tmp, 'manifest.json'), JSON.stringify(r.manifest, null, 2) + '\n');
      await writeFile(join(tmp, SALT_FILE), popts.salt + '\n', { mode: 0o600 });
      return r;
    } finally {
      // A Parquet file may still be in progress after a failure: let DuckDB finish before closing it.
      await files.finish().catch(() => undefined);
      bulkConn.closeSync();
      conn.closeSync();
      db.closeSync();
    }
  });
  return { ...result, skipped: false };
}

/** Ingest as `npm run build` and `npm run dev` run it: progress and warnings, then the summary, on stderr. */
export async function ingestWithSummary(opts: IngestOptions): Promise<IngestResult> {
  const t0 = performance.now();
  const result = await ingest(opts, { logger: stderrLogger, now: () => new Date() });
  stderrLogger.info(formatSummary(result.manifest, opts.outDir, performance.now() - t0, result.skipped));
  return result;
}
