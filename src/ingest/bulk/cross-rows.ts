/**
 * The cross-row rules of merge.ts on the bulk tables, applied in place (a row that loses has
 * its `ok` cleared): a key repeated in one file is rejected after its first row, a later file's
 * row supersedes an earlier file's, and references are checked on the survivors. Only the
 * rows whose key occurs more than once take part in the window, so a single clean export costs
 * one hash aggregate and no sort.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset, DatasetName } from '../../datasets/define.ts';
import { ident } from '../../lib/sql-text.ts';
import type { FileReport, Reject } from '../types.ts';
import type { RecordIndex } from './scan.ts';

/** A dataset's accepted keys: a DuckDB query (column k) when it was bulk-ingested, else only in JavaScript. */
export interface KeySource { sql?: string; get(): Promise<ReadonlySet<string>> }

/** One loaded file: its name, its table and where its records are. */
export interface BulkSource { name: string; table: string; index: RecordIndex }

/** Applies duplicates, supersession and references to `files`, counting into `reports` and adding to `rejects`. */
export async function crossRows(
  conn: DuckDBConnection, d: Dataset, files: readonly BulkSource[], keys: ReadonlyMap<DatasetName, KeySource>, reports: FileReport[], rejects: Reject[],
): Promise<void> {
  const key = ident(d.key[0]!);
  const accepted = files.map((f, i) => `SELECT ${i} AS fi, rowid AS rn, ${key} AS k FROM ${f.table} WHERE ok`).join(' UNION ALL ');
  // pf: the file of the key's previous row; lf: the last file holding the key.
  await conn.run(`CREATE OR REPLACE TABLE bx AS
    SELECT fi, rn, k, lag(fi) OVER (PARTITION BY k ORDER BY fi, rn) AS pf, max(fi) OVER (PARTITION BY k) AS lf, min(rn) OVER (PARTITION BY k, fi) AS first
    FROM (${accepted}) WHERE k IN (SELECT k FROM (${accepted}) GROUP BY k HAVING count(*) > 1)`);
  const line = (fi: unknown, rn: unknown) => files[Number(fi)]!.index.lines[Number(rn)]!;
  for (const [fi, rn, k, first] of (await conn.runAndReadAll('SELECT fi, rn, k, first FROM bx WHERE pf = fi')).getRows()) {
    reports[Number(fi)]!.rows_rejected++;
    rejects.push({
      dataset: d.name, file: files[Number(fi)]!.name, line: line(fi, rn), column: d.key[0]!, value: String(k),
      reason: `duplicate ${d.key.join('+')} in the same file (first at line ${line(fi, first)})`,
    });
  }
  for (const [fi, n] of (await conn.runAndReadAll('SELECT fi, count(*) FROM bx WHERE pf IS DISTINCT FROM fi AND fi < lf GROUP BY fi')).getRows()) {
    reports[Number(fi)]!.rows_superseded += Number(n);
  }
  await clear(conn, files, 'bx', 'NOT (pf IS DISTINCT FROM fi AND fi = lf)');

  if (d.references.length > 0) {
    const refTables: string[] = [];
    for (const [r, ref] of d.references.entries()) refTables.push(await keyTable(conn, keys.get(ref.dataset), `br${r}`));
    // The first broken reference is the row's reason.
    const broken = `CASE ${d.references.map((ref, r) => `WHEN ${ident(ref.column)} IS NOT NULL AND ${ident(ref.column)} NOT IN (SELECT k FROM ${refTables[r]}) THEN ${r}`).join(' ')} END`;
    const cols = d.references.map((ref) => ident(ref.column)).join(', ');
    await conn.run(`CREATE OR REPLACE TABLE bb AS SELECT * FROM (${files.map((f, i) => `SELECT ${i} AS fi, rowid AS rn, ${broken} AS broken, ${cols} FROM ${f.table} WHERE ok`).join(' UNION ALL ')}) WHERE broken IS NOT NULL`);
    for (const row of (await conn.runAndReadAll('SELECT * FROM bb ORDER BY fi, rn')).getRows()) {
      const ref = d.references[Number(row[2])]!;
      reports[Number(row[0])]!.rows_rejected++;
      rejects.push({ dataset: d.name, file: files[Number(row[0])]!.name, line: line(row[0], row[1]), column: ref.column, value: String(row[3 + Number(row[2])]), reason: `${ref.column} not found in ${ref.dataset}` });
    }
    await clear(conn, files, 'bb', 'true');
  }
}

/** Clears `ok` on the rows of temp table `from` (fi, rn) that match `where`, then drops it. */
async function clear(conn: DuckDBConnection, files: readonly BulkSource[], from: string, where: string): Promise<void> {
  const any = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${from} WHERE ${where}`)).getRows()[0]![0] as number;
  if (any > 0) {
    for (const [i, f] of files.entries()) await conn.run(`UPDATE ${f.table} SET ok = false WHERE rowid IN (SELECT rn FROM ${from} WHERE fi = ${i} AND ${where})`);
  }
  await conn.run(`DROP TABLE ${from}`);
}

/** What to select the keys of `src` from (column k): its query when bulk-ingested, else a table loaded from JavaScript (empty when absent). */
async function keyTable(conn: DuckDBConnection, src: KeySource | undefined, name: string): Promise<string> {
  if (src?.sql) return `(${src.sql})`;
  await conn.run(`CREATE OR REPLACE TABLE ${name} (k VARCHAR)`);
  if (src) {
    const a = await conn.createAppender(name);
    for (const k of await src.get()) { a.appendVarchar(k); a.endRow(); }
    a.closeSync();
  }
  return name;
}
