/**
 * The bulk ingest of one dataset (Node only): files loaded and validated by load-file.ts, the
 * cross-row rules applied by cross-rows.ts, and the outputs written from DuckDB: Parquet by
 * COPY (in the background), Arrow from the result vectors. The browser and small inputs keep
 * the JavaScript pipeline; test/ingest/bulk.test.ts proves both give the same rows, rejects
 * and manifest.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Dataset, DatasetName } from '../../datasets/define.ts';
import type { RowContext } from '../../datasets/row.ts';
import { DATASETS } from '../../datasets/registry.ts';
import { storedColumns, type StoredColumn } from '../../datasets/storage.ts';
import { warnHeaders } from '../read-file.ts';
import { warnSummaryRows } from '../office-rows.ts';
import type { FileReport, IngestEffects, Reject } from '../types.ts';
import { crossRows, type BulkSource, type KeySource } from './cross-rows.ts';
import { loadFile, prepareFile, type BulkFile, type Loaded } from './load-file.ts';
import { writeOutputs, type Outputs } from './outputs.ts';
import type { FileScan } from './scan-file.ts';

export type { KeySource } from './cross-rows.ts';

/**
 * A file of the dataset: its one streamed pass (hash, UTF-8 check, record index; see
 * scan-file.ts) and, read only for an export that is not UTF-8 (to transcode it), its bytes.
 */
export interface BulkInput { name: string; path: string; size: number; sha256(): Promise<string>; scan(): Promise<FileScan>; bytes(): Promise<Uint8Array> }

export interface BulkResult extends Outputs {
  reports: FileReport[];
  rejects: Reject[];
  columns: StoredColumn[];
  keys: KeySource;
}

/** Can `d` take the bulk path at all (before looking at its files)? */
function bulkEligible(d: Dataset): boolean {
  const key = d.columns[d.key[0]!];
  return !d.derive && d.key.length === 1 && key?.kind === 'string' && !key.labels && !key.pii &&
    d.references.every((r) => d.columns[r.column]?.kind === 'string' && !d.columns[r.column]?.pii) &&
    // The cell SQL of a PII column gives no value to check (a dropped one only has its length checked).
    d.rules.every((r) => r.columns.every((c) => !d.columns[c]?.pii));
}

/**
 * Ingests `d` from `inputs` in DuckDB, writing `<name>.arrow` and `<name>.parquet` into `dir`.
 * Null (nothing written, no warning) when a file does not suit the bulk path.
 */
export async function ingestBulk(
  db: DuckDBInstance, conn: DuckDBConnection, d: Dataset, inputs: readonly BulkInput[], keys: ReadonlyMap<DatasetName, KeySource>,
  ctx: RowContext & { salt: string; hash: (v: string) => string }, dir: string, fx: IngestEffects, probe = false,
): Promise<BulkResult | null> {
  if (!bulkEligible(d) || inputs.length === 0) return null;
  const files: BulkFile[] = [];
  const tables = inputs.map((_, i) => `b_${d.name}_${i}`);
  const dropTables = (c: DuckDBConnection, all = true) => c.run(tables.map((t) => `${all ? `DROP TABLE IF EXISTS ${t}; ` : ''}DROP TABLE IF EXISTS ${t}_lines`).join('; '));
  const decline = async (name: string, why: string) => {
    await dropTables(conn);
    fx.logger.info(`  ${name}: ${why}; ${d.name} is read by the JavaScript validator`);
    return null;
  };
  for (const f of inputs) {
    const p = await prepareFile(d, f.name, f.path, f.bytes);
    if (typeof p === 'string') return decline(f.name, p);
    files.push(p);
  }
  const loaded: Loaded[] = [];
  for (const [i, f] of files.entries()) {
    fx.logger.info(`reading ${f.name} (${(inputs[i]!.size / 1e6).toFixed(1)} MB, validated in DuckDB)`);
    const staged = join(dir, `.bulk-${i}.csv`);
    if (f.text) await writeFile(staged, f.text.bytes);
    const l = await loadFile(conn, d, f, tables[i]!, f.text ? staged : inputs[i]!.path, inputs[i]!.scan, ctx, (m) => fx.logger.info(m), probe).finally(() => rm(staged, { force: true }));
    if (typeof l === 'string') return decline(f.name, l);
    loaded.push(l);
  }
  const hashes = await Promise.all(inputs.map((f) => f.sha256()));
  // Header warnings only now: a declined dataset gets them from the JavaScript path.
  const reports: FileReport[] = files.map((f, i) => ({
    name: f.name, dataset: d.name, sha256: hashes[i]!, bytes: inputs[i]!.size, encoding: f.encoding, delimiter: ',',
    header_line: 1, skipped_lines: [], summary_rows: loaded[i]!.summaries,
    rows_read: loaded[i]!.index.count - loaded[i]!.summaries.length, rows_accepted: 0, rows_rejected: loaded[i]!.rejected, rows_superseded: 0,
    ignored_columns: warnHeaders(d, f.name, f.mapping, fx),
  }));
  const rejects = loaded.flatMap((l) => l.rejects);
  files.forEach((f, i) => warnSummaryRows(f.name, loaded[i]!.summaries, (m) => fx.logger.warn(m)));
  const sources: BulkSource[] = files.map((f, i) => ({ name: f.name, table: tables[i]!, index: loaded[i]!.index }));
  await crossRows(conn, d, sources, keys, reports, rejects);
  fx.logger.info(`  ${d.name}: duplicates, supersession and references checked; writing ${d.name}.arrow and .parquet`);
  // A dataset others refer to keeps its tables (to the end of the ingest): its keys are read from them.
  const referenced = DATASETS.some((o) => o.references.some((r) => r.dataset === d.name));
  const out = await writeOutputs(db, conn, d, sources, reports, dir, (c) => dropTables(c, !referenced));
  return {
    reports, rejects, columns: storedColumns(d), ...out,
    keys: { sql: out.keysSql, get: () => Promise.resolve(out.keySet()) },
  };
}
