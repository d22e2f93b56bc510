/**
 * The bulk ingest of one dataset (Node only): files loaded and validated by load-file.ts, then
 * in DuckDB the cross-row rules exactly as merge.ts applies them (a repeat in one file is
 * rejected, a later file supersedes an earlier one, references checked on the survivors), and
 * the outputs written from DuckDB: Parquet by COPY, Arrow from the result vectors. The browser
 * and small inputs keep the JavaScript pipeline; test/ingest/bulk.test.ts proves both give the
 * same rows, rejects and manifest.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { tableToIPC } from 'apache-arrow';
import type { Dataset, DatasetName, RowContext } from '../../datasets/define.ts';
import { SQL_TYPE, storedColumns, type StoredColumn } from '../../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../../lib/datetime.ts';
import { warnHeaders } from '../read-file.ts';
import type { FileReport, IngestEffects, Reject } from '../types.ts';
import { ident } from '../../lib/sql-text.ts';
import { copyToParquet } from '../write-parquet.ts';
import { arrowFromDuckDb, type Fetched } from './duck-arrow.ts';
import { loadFile, prepareFile, transcoded, type BulkFile, type Loaded } from './load-file.ts';

/** A dataset's accepted keys: in DuckDB table `table` (column k) when it was bulk-ingested, else only in JavaScript. */
export interface KeySource { table?: string; get(): Promise<ReadonlySet<string>> }

/** A file of the dataset; its bytes are read only once the dataset is known to be eligible. */
export interface BulkInput { name: string; sha256: string; path: string; bytes(): Promise<Uint8Array> }

export interface BulkResult {
  reports: FileReport[];
  rejects: Reject[];
  columns: StoredColumn[];
  minDate: string | null;
  maxDate: string | null;
  latest: number | null;
  keysHash: string;
  keys: KeySource;
  stored: { arrow: string; parquet: string };
  /** Resolves when the Parquet file is complete. */
  parquet: Promise<void>;
}

const num = (v: unknown) => (v === null ? null : Number(v));

/** Can `d` take the bulk path at all (before looking at its files)? */
function bulkEligible(d: Dataset): boolean {
  const key = d.columns[d.key[0]!];
  return !d.derive && d.key.length === 1 && key?.kind === 'string' && !key.labels && !key.pii &&
    d.references.every((r) => d.columns[r.column]?.kind === 'string' && !d.columns[r.column]?.pii);
}

/**
 * Ingests `d` from `inputs` in DuckDB, writing `<name>.arrow` and `<name>.parquet` into `dir`.
 * Null (nothing written, no warning) when a file does not suit the bulk path.
 */
export async function ingestBulk(
  db: DuckDBInstance, conn: DuckDBConnection, d: Dataset, inputs: readonly BulkInput[], keys: ReadonlyMap<DatasetName, KeySource>,
  ctx: RowContext & { salt: string; hash: (v: string) => string }, dir: string, fx: IngestEffects,
): Promise<BulkResult | null> {
  if (!bulkEligible(d) || inputs.length === 0) return null;
  const files: BulkFile[] = [];
  const decline = (name: string, why: string) => { fx.logger.info(`  ${name}: ${why}; ${d.name} is read by the JavaScript validator`); return null; };
  const sizes: number[] = [];
  for (const f of inputs) {
    const bytes = await f.bytes();
    sizes.push(bytes.length);
    const p = prepareFile(d, f.name, bytes);
    if (typeof p === 'string') return decline(f.name, p);
    files.push(p);
  }
  const loaded: Loaded[] = [];
  for (const [i, f] of files.entries()) {
    fx.logger.info(`reading ${f.name} (${f.index.count.toLocaleString('en')} records, validated in DuckDB)`);
    const staged = join(dir, `.bulk-${i}.csv`);
    if (transcoded(f)) await writeFile(staged, f.bytes);
    const l = await loadFile(conn, d, f, i, transcoded(f) ? staged : inputs[i]!.path, ctx).finally(() => rm(staged, { force: true }));
    if (typeof l === 'string') return decline(f.name, l);
    loaded.push(l);
  }
  const reports: FileReport[] = files.map((f, i) => ({
    name: f.name, dataset: d.name, sha256: inputs[i]!.sha256, bytes: sizes[i]!, encoding: f.encoding, delimiter: ',',
    rows_read: f.index.count, rows_accepted: 0, rows_rejected: loaded[i]!.rejected, rows_superseded: 0,
    ignored_columns: warnHeaders(d, f.name, f.mapping, fx),
  }));
  const rejects = loaded.flatMap((l) => l.rejects);
  const stored = storedColumns(d);
  const data = stored.filter((c) => c.name !== 'source_file' && c.name !== 'source_line').map((c) => ident(c.name));
  const key = ident(d.key[0]!);

  // Every accepted row with its file, record number and line.
  for (const [i, f] of files.entries()) {
    if (!f.index.simple) {
      await conn.run(`CREATE OR REPLACE TABLE bl${i} (rn BIGINT, line INTEGER)`);
      const a = await conn.createAppender(`bl${i}`);
      for (let rn = 0; rn < f.index.count; rn++) { a.appendBigInt(BigInt(rn)); a.appendInteger(f.index.lines[rn]!); a.endRow(); }
      a.closeSync();
    }
  }
  const perFile = files.map((f, i) => {
    const rows = `SELECT rowid AS rn, ${data.join(', ')} FROM b${i} WHERE ok AND rowid NOT IN (SELECT rn FROM bd${i}) UNION ALL SELECT rn, ${data.join(', ')} FROM bf${i}`;
    return f.index.simple
      ? `SELECT ${i} AS fi, rn, CAST(rn + 2 AS INTEGER) AS line, ${data.join(', ')} FROM (${rows})`
      : `SELECT ${i} AS fi, rn, line, ${data.join(', ')} FROM (${rows}) JOIN bl${i} USING (rn)`;
  });
  // Within a file the first row of a key wins and repeats are rejected; across files the last file's row wins.
  await conn.run(`CREATE OR REPLACE TABLE bw AS SELECT *, lag(fi) OVER (PARTITION BY ${key} ORDER BY fi, rn) AS pf, max(fi) OVER (PARTITION BY ${key}) AS lf
    FROM (${perFile.join(' UNION ALL ')})`);
  const dupes = await conn.runAndReadAll(`SELECT w.fi, w.line, w.${key}, f.first FROM bw w JOIN (SELECT fi, ${key}, min(line) AS first FROM bw GROUP BY ALL) f USING (fi, ${key})
    WHERE w.pf = w.fi ORDER BY w.fi, w.rn`);
  for (const [fi, line, k, first] of dupes.getRows()) {
    reports[Number(fi)]!.rows_rejected++;
    rejects.push({ dataset: d.name, file: files[Number(fi)]!.name, line: Number(line), column: d.key[0]!, value: String(k), reason: `duplicate ${d.key.join('+')} in the same file (first at line ${Number(first)})` });
  }
  for (const [fi, n] of (await conn.runAndReadAll(`SELECT fi, count(*) FROM bw WHERE pf IS DISTINCT FROM fi AND fi < lf GROUP BY fi`)).getRows()) {
    reports[Number(fi)]!.rows_superseded += Number(n);
  }

  // References, on the survivors: the first broken one is the row's reason.
  const refTables: string[] = [];
  for (const [r, ref] of d.references.entries()) refTables.push(await keyTable(conn, keys.get(ref.dataset), `br${r}`));
  const broken = d.references.length === 0 ? 'NULL' : `CASE ${d.references.map((ref, r) =>
    `WHEN ${ident(ref.column)} IS NOT NULL AND ${ident(ref.column)} NOT IN (SELECT k FROM ${refTables[r]}) THEN ${r}`).join(' ')} END`;
  await conn.run(`CREATE OR REPLACE TABLE bs AS SELECT *, ${broken} AS broken FROM bw WHERE pf IS DISTINCT FROM fi AND fi = lf`);
  if (d.references.length > 0) {
    const bad = await conn.runAndReadAll(`SELECT fi, line, broken, ${d.references.map((ref) => ident(ref.column)).join(', ')} FROM bs WHERE broken IS NOT NULL ORDER BY fi, rn`);
    for (const row of bad.getRows()) {
      const ref = d.references[Number(row[2])]!;
      reports[Number(row[0])]!.rows_rejected++;
      rejects.push({ dataset: d.name, file: files[Number(row[0])]!.name, line: Number(row[1]), column: ref.column, value: String(row[3 + Number(row[2])]), reason: `${ref.column} not found in ${ref.dataset}` });
    }
  }
  const table = `s_${d.name}`;
  await conn.run(`CREATE OR REPLACE TABLE ${table} AS SELECT fi, rn, line, ${data.join(', ')} FROM bs WHERE broken IS NULL ORDER BY fi, rn`);
  for (const [fi, n] of (await conn.runAndReadAll(`SELECT fi, count(*) FROM ${table} GROUP BY fi`)).getRows()) reports[Number(fi)]!.rows_accepted = Number(n);
  const rowCount = reports.reduce((n, r) => n + r.rows_accepted, 0);

  const summary = await summarise(conn, d, table, key);
  for (let i = 0; i < files.length; i++) await conn.run(`DROP TABLE IF EXISTS b${i}; DROP TABLE IF EXISTS bf${i}; DROP TABLE IF EXISTS bd${i}; DROP TABLE IF EXISTS bl${i}`);
  await conn.run('DROP TABLE bw; DROP TABLE bs');
  await conn.run(`CREATE OR REPLACE TABLE k_${d.name} AS SELECT ${key} AS k FROM ${table}`);

  const names = files.map((f) => f.name);
  const source = (fi: string) => `CASE ${fi} ${names.map((_, i) => `WHEN ${i} THEN $f${i}`).join(' ')} END`;
  const params = Object.fromEntries(names.map((n, i) => [`f${i}`, n]));
  const parquet = `${d.name}.parquet`;
  const copyConn = await db.connect();
  const cast = (c: StoredColumn) => (c.name === 'source_file' ? `${source('fi')} AS source_file` : c.name === 'source_line' ? 'line AS source_line'
    : c.kind === 'timestamp' ? `epoch_ms(${ident(c.name)}) AS ${ident(c.name)}` : c.kind === 'date' ? `CAST(epoch_ms(${ident(c.name)}) AS DATE) AS ${ident(c.name)}`
      : `CAST(${ident(c.name)} AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`);
  const parquetDone = copyToParquet(copyConn, `SELECT ${stored.map(cast).join(', ')} FROM ${table}`, join(dir, parquet), params).finally(() => copyConn.closeSync());
  parquetDone.catch(() => undefined);

  const fetched: Fetched[] = [];
  const select: string[] = [];
  for (const [ci, c] of stored.entries()) {
    const expr = c.name === 'source_line' ? 'line' : ident(c.name);
    if (c.name === 'source_file') {
      // Dictionary in first-seen order: the files that kept rows, in file order.
      const present = reports.flatMap((r, fi) => (r.rows_accepted > 0 ? [fi] : []));
      fetched.push(rowCount > 0 ? { column: c, dictionary: present.map((fi) => names[fi]!) } : { column: c });
      select.push(rowCount > 0 ? `CASE fi ${present.map((fi, k) => `WHEN ${fi} THEN ${k}`).join(' ')} END` : source('fi'));
    } else if (c.dictionary && rowCount > 0) {
      const type = `be_${d.name}_${ci}`;
      const values = `SELECT v FROM (SELECT ${expr} AS v, min(fi * 4294967296 + rn) AS o FROM ${table} WHERE ${expr} IS NOT NULL GROUP BY v) ORDER BY o`;
      await conn.run(`DROP TYPE IF EXISTS ${type}`);
      await conn.run(`CREATE TYPE ${type} AS ENUM (${values})`);
      const dictionary = (await conn.runAndReadAll(values)).getRows().map((r) => String(r[0]));
      fetched.push({ column: c, dictionary });
      select.push(`CAST(${expr} AS ${type})`);
    } else {
      fetched.push({ column: c });
      select.push(c.kind === 'date' ? `CAST(floor(${expr} / 86400000) AS INTEGER)` : expr);
    }
  }
  const arrowSql = `SELECT ${select.join(', ')} FROM ${table}`;
  const arrowTable = await arrowFromDuckDb(conn, arrowSql, fetched, rowCount, arrowSql.includes('$f') ? params : undefined);
  const arrow = `${d.name}.arrow`;
  await writeFile(join(dir, arrow), tableToIPC(arrowTable, 'stream'));
  await conn.run(`DROP TABLE ${table}`);
  return {
    reports, rejects, columns: stored, ...summary, stored: { arrow, parquet }, parquet: parquetDone,
    keys: { table: `k_${d.name}`, get: async () => new Set((await conn.runAndReadAll(`SELECT k FROM k_${d.name}`)).getRows().map((r) => String(r[0]))) },
  };
}

/** Date range, latest timestamp and the hash of the keys in row order (as the JavaScript path computes them). */
async function summarise(conn: DuckDBConnection, d: Dataset, table: string, key: string): Promise<Pick<BulkResult, 'minDate' | 'maxDate' | 'latest' | 'keysHash'>> {
  const ts = Object.entries(d.columns).filter(([, s]) => s.kind === 'timestamp' && s.pii !== 'drop').map(([c]) => `max(${ident(c)})`);
  const date = ident(d.dateColumn);
  const r = (await conn.runAndReadAll(`SELECT min(${date}), max(${date}), ${ts.length ? `greatest(${ts.join(', ')})` : 'NULL'},
    sha256(coalesce(string_agg(${key} || chr(0), '' ORDER BY fi, rn), '')) FROM ${table}`)).getRows()[0]!;
  const fmt = d.columns[d.dateColumn]!.kind === 'date' ? formatLocalDate : formatLocalTimestamp;
  const [min, max, latest] = [num(r[0]), num(r[1]), num(r[2])];
  return { minDate: min === null ? null : fmt(min), maxDate: max === null ? null : fmt(max), latest, keysHash: String(r[3]) };
}

/** A DuckDB table (column k) holding the keys of `src`: its own when bulk-ingested, else loaded from JavaScript (empty when absent). */
async function keyTable(conn: DuckDBConnection, src: KeySource | undefined, name: string): Promise<string> {
  if (src?.table) return src.table;
  await conn.run(`CREATE OR REPLACE TABLE ${name} (k VARCHAR)`);
  if (src) {
    const a = await conn.createAppender(name);
    for (const k of await src.get()) { a.appendVarchar(k); a.endRow(); }
    a.closeSync();
  }
  return name;
}
