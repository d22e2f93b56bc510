/**
 * The bulk ingest's outputs from the validated tables (rows with `ok` set, in file order):
 * the Parquet file by DuckDB's COPY on a second connection, in the background; the Arrow file
 * from the result vectors; the manifest's date range, latest timestamp and key hash; and the
 * query later datasets check their references against.
 */
import { createHash, type Hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DataType, makeVector, type Data, type Vector } from 'apache-arrow';
import type { Dataset } from '../../datasets/define.ts';
import { SQL_TYPE, storedColumns, type StoredColumn } from '../../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../../lib/datetime.ts';
import { ident, lit } from '../../lib/sql-text.ts';
import type { FileReport } from '../types.ts';
import { copyToParquet } from '../write-parquet.ts';
import type { BulkSource } from './cross-rows.ts';
import { writeArrowFromDuckDb, type Fetched } from './duck-arrow.ts';
import { assertKeepsOrder } from './plan.ts';

export interface Outputs {
  /** A query for the accepted keys (column k), valid while the tables live. */
  keysSql: string;
  /** The accepted keys in JavaScript (for a dataset read by the JavaScript path that refers to these), built once when first asked for. */
  keySet(): ReadonlySet<string>;
  minDate: string | null;
  maxDate: string | null;
  latest: number | null;
  keysHash: string;
  stored: { arrow: string; parquet: string };
  /** Resolves when the Parquet file is complete (and the tables are dropped). */
  parquet: Promise<void>;
}

const num = (v: unknown) => (v === null ? null : Number(v));

/**
 * Writes `<name>.parquet` and `<name>.arrow` into `dir` from `files`' accepted rows, fills
 * each report's rows_accepted, and has `dropTables` run once both files are written.
 */
export async function writeOutputs(
  db: DuckDBInstance, conn: DuckDBConnection, d: Dataset, files: readonly BulkSource[], reports: FileReport[], dir: string,
  dropTables: (c: DuckDBConnection) => Promise<unknown>,
): Promise<Outputs> {
  for (const [fi, n] of (await conn.runAndReadAll(files.map((f, i) => `SELECT ${i}, count(*)::DOUBLE FROM ${f.table} WHERE ok`).join(' UNION ALL '))).getRows()) {
    reports[Number(fi)]!.rows_accepted = Number(n);
  }
  const rowCount = reports.reduce((n, r) => n + r.rows_accepted, 0);
  // File i's accepted rows with fi, rn and line; all files' in file order (UNION ALL keeps it, a join does not).
  for (const f of files) if (!f.index.simple) await lineTable(conn, f);
  const rowsOf = (i: number) => (files[i]!.index.simple
    ? `SELECT *, ${i} AS fi, rowid AS rn, CAST(rowid + 2 AS INTEGER) AS line FROM ${files[i]!.table} WHERE ok`
    : `SELECT t.*, ${i} AS fi, t.rowid AS rn, l.line FROM ${files[i]!.table} t JOIN ${files[i]!.table}_lines l ON t.rowid = l.rn WHERE t.ok`);
  const ordered = (i: number) => (files[i]!.index.simple ? '' : ' ORDER BY rn');
  const all = `(${files.map((_, i) => rowsOf(i)).join(' UNION ALL ')}) AS s`;
  const summary = await summarise(conn, d, all);

  const stored = storedColumns(d);
  const cast = (c: StoredColumn) => (c.name === 'source_file' ? `CASE fi ${files.map((_, i) => `WHEN ${i} THEN $f${i}`).join(' ')} END AS source_file`
    : c.name === 'source_line' ? 'line AS source_line'
      : c.kind === 'timestamp' ? `epoch_ms(${ident(c.name)}) AS ${ident(c.name)}` : c.kind === 'date' ? `CAST(epoch_ms(${ident(c.name)}) AS DATE) AS ${ident(c.name)}`
          : `CAST(${ident(c.name)} AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`);
  const parquet = `${d.name}.parquet`;
  const params = Object.fromEntries(files.map((f, i) => [`f${i}`, f.name]));
  const anyJoined = files.some((f) => !f.index.simple);
  const parquetSql = `SELECT ${stored.map(cast).join(', ')} FROM ${all}${anyJoined ? ' ORDER BY fi, rn' : ''}`;
  await assertKeepsOrder(conn, parquetSql, params);
  // JavaScript fills the Arrow file on one core meanwhile: DuckDB (the Parquet copy, the Arrow
  // query) gets the others. On two cores its second thread would only take turns with this one.
  const cores = availableParallelism();
  if (cores > 1) await conn.run(`SET threads = ${cores - 1}`);
  const copyConn = await db.connect();
  const copied = copyToParquet(copyConn, parquetSql, join(dir, parquet), params);
  copied.catch(() => undefined);
  // The tables stay until both files are written; the copy's connection then drops them.
  const release = () => copied.catch(() => undefined).then(() => dropTables(copyConn)).finally(() => copyConn.closeSync());

  const arrow = `${d.name}.arrow`;
  let keysHash: string;
  let keyColumn: Vector;
  try {
    const { fetched, select } = await arrowColumns(conn, d, stored, files, reports, rowCount, all);
    const perFile = files.map((_, i) => `SELECT ${select.map((s) => s(i)).join(', ')} FROM (${rowsOf(i)})${ordered(i)}`);
    for (const sql of perFile) await assertKeepsOrder(conn, sql);
    const hash = createHash('sha256');
    const keyIndex = stored.findIndex((c) => c.name === d.key[0]);
    const table = await writeArrowFromDuckDb(conn, perFile, fetched, rowCount, join(dir, arrow), (batch) => hashKeys(hash, batch.data.children[keyIndex]!));
    keyColumn = table.getChild(d.key[0]!)!;
    keysHash = hash.digest('hex');
  } catch (e) {
    await release();
    throw e;
  } finally {
    if (cores > 1) await conn.run('RESET threads');
  }
  const keysSql = files.map((f) => `SELECT ${ident(d.key[0]!)} AS k FROM ${f.table} WHERE ok`).join(' UNION ALL ');
  let keySet: ReadonlySet<string> | null = null;
  return { ...summary, keysSql, keySet: () => (keySet ??= keysOf(keyColumn)), keysHash, stored: { arrow, parquet }, parquet: copied.finally(release) };
}

/** How each stored column is selected from file i's rows for the Arrow file (dictionaries as ENUM codes). */
async function arrowColumns(
  conn: DuckDBConnection, d: Dataset, stored: readonly StoredColumn[], files: readonly BulkSource[], reports: readonly FileReport[], rowCount: number, all: string,
) {
  const coded = rowCount > 0 ? stored.filter((c) => c.dictionary && c.name !== 'source_file') : [];
  const dictionaries = await firstSeen(conn, coded.map((c) => ident(c.name)), all);
  const fetched: Fetched[] = [];
  const select: ((i: number) => string)[] = [];
  // source_file's dictionary in first-seen order: the files that kept rows, in file order.
  const present = reports.flatMap((r, fi) => (r.rows_accepted > 0 ? [fi] : []));
  for (const [ci, c] of stored.entries()) {
    const expr = c.name === 'source_line' ? 'line' : ident(c.name);
    const k = coded.indexOf(c);
    if (c.name === 'source_file') {
      fetched.push(rowCount > 0 ? { column: c, dictionary: present.map((fi) => files[fi]!.name) } : { column: c });
      select.push((i) => (rowCount > 0 ? String(present.indexOf(i)) : 'NULL::VARCHAR'));
    } else if (k >= 0) {
      const type = `be_${d.name}_${ci}`;
      await conn.run(`DROP TYPE IF EXISTS ${type}; CREATE TYPE ${type} AS ENUM (${dictionaries[k]!.map(lit).join(', ')})`);
      fetched.push({ column: c, dictionary: dictionaries[k]! });
      select.push(() => `CAST(${expr} AS ${type})`);
    } else {
      // A hashed id leaves DuckDB as the 64-bit number its hex digits spell: copying a fixed-width
      // value is a buffer copy, a 16-byte string one native call per row.
      const hashed = d.columns[c.name]?.pii === 'hash';
      fetched.push(hashed ? { column: c, hex64: true } : { column: c });
      select.push(() => (hashed ? `CAST('0x' || ${expr} AS UBIGINT)` : c.kind === 'date' ? `CAST(floor(${expr} / 86400000) AS INTEGER)` : expr));
    }
  }
  return { fetched, select };
}

/** The distinct non-null values of each of `exprs` over `all`, in order of first appearance (one scan for all of them). */
async function firstSeen(conn: DuckDBConnection, exprs: readonly string[], all: string): Promise<string[][]> {
  if (exprs.length === 0) return [];
  const vs = exprs.map((_, k) => `v${k}`);
  const rows = (await conn.runAndReadAll(`SELECT grouping(${vs.join(', ')}) AS g, ${vs.join(', ')}, min(o) AS o
    FROM (SELECT ${exprs.map((e, k) => `${e} AS v${k}`).join(', ')}, fi * 4294967296 + rn AS o FROM ${all})
    GROUP BY GROUPING SETS (${vs.map((v) => `(${v})`).join(', ')}) ORDER BY o`)).getRows();
  // grouping() has a bit per argument, set where the row does not group by it (the highest bit is v0's).
  return exprs.map((_, k) => {
    const g = (2 ** exprs.length - 1) ^ (1 << (exprs.length - 1 - k));
    return rows.filter((r) => Number(r[0]) === g && r[1 + k] !== null).map((r) => String(r[1 + k]));
  });
}

/** Table `<table>_lines` (rn, line) for a file whose records are not one per line. */
async function lineTable(conn: DuckDBConnection, f: BulkSource): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${f.table}_lines (rn BIGINT, line INTEGER)`);
  const a = await conn.createAppender(`${f.table}_lines`);
  for (let rn = 0; rn < f.index.count; rn++) { a.appendBigInt(BigInt(rn)); a.appendInteger(f.index.lines[rn]!); a.endRow(); }
  a.closeSync();
}

/** Date range and latest timestamp of the accepted rows `all`. */
async function summarise(conn: DuckDBConnection, d: Dataset, all: string): Promise<Pick<Outputs, 'minDate' | 'maxDate' | 'latest'>> {
  const ts = Object.entries(d.columns).filter(([, s]) => s.kind === 'timestamp' && s.pii !== 'drop').map(([c]) => `max(${ident(c)})`);
  const date = ident(d.dateColumn);
  const r = (await conn.runAndReadAll(`SELECT min(${date}), max(${date}), ${ts.length ? `greatest(${ts.join(', ')})` : 'NULL'} FROM ${all}`)).getRows()[0]!;
  const fmt = d.columns[d.dateColumn]!.kind === 'date' ? formatLocalDate : formatLocalTimestamp;
  const [min, max, latest] = [num(r[0]), num(r[1]), num(r[2])];
  return { minDate: min === null ? null : fmt(min), maxDate: max === null ? null : fmt(max), latest };
}

/** The keys in the Arrow key column as strings (decoded straight from its UTF-8 buffer). */
function keysOf(keys: Vector): ReadonlySet<string> {
  const set = new Set<string>();
  for (const data of keys.data) {
    if (!DataType.isUtf8(data.type) || data.nullCount > 0) {
      for (let i = 0; i < data.length; i++) set.add(String(keys.get(i)));
      continue;
    }
    const o = data.valueOffsets;
    const text = Buffer.from(data.values.buffer, data.values.byteOffset, data.values.byteLength);
    for (let i = 0; i < data.length; i++) set.add(text.toString('utf8', o[i]!, o[i + 1]!));
  }
  return set;
}

/** Adds keys `data` in row order to `h`, each followed by NUL (as the JavaScript path hashes its key set). */
function hashKeys(h: Hash, data: Data): void {
  if (!DataType.isUtf8(data.type) || data.nullCount > 0) {
    const keys = makeVector(data);
    for (let i = 0; i < data.length; i++) h.update(`${String(keys.get(i))}\u0000`);
    return;
  }
  const o = data.valueOffsets;
  const v = data.values;
  const out = new Uint8Array(o[data.length]! - o[0]! + data.length);
  // Byte by byte: ids are short, and a subarray per row costs more than copying it.
  let at = 0;
  for (let i = 0; i < data.length; i++) {
    for (let k = o[i]!, end = o[i + 1]!; k < end; k++) out[at++] = v[k]!;
    out[at++] = 0;
  }
  h.update(out);
}
