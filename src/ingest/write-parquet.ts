/**
 * Parquet (zstd) through DuckDB: the Arrow columns are written as a plain staging CSV
 * (staging-csv.ts), which DuckDB's parallel reader loads with declared types and COPY writes as
 * Parquet; the staging file is then removed. At 1M rows about half the time of DuckDB's appender
 * fed from JS (which encodes every string value separately), and DuckDB's part runs off the JS thread.
 * Analysts and the build read these files.
 */
import { open, rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { stagingCsv } from './staging-csv.ts';
import { SQL_TYPE, type StoredColumn } from '../datasets/storage.ts';
import { ident, lit } from '../lib/sql-text.ts';

/**
 * Writes the rows of `select` to `path` as zstd Parquet (the one place the ingest's Parquet
 * options live). Level 1 and a 1 KB dictionary limit: at 1M orders about a third less CPU than
 * the defaults for a file ~3% larger — ids and amounts are stored plain instead of DuckDB first
 * building dictionaries it then drops; labels, branches and file names keep theirs.
 */
export async function copyToParquet(conn: DuckDBConnection, select: string, path: string, params?: Record<string, string>): Promise<void> {
  await conn.run(`COPY (${select}) TO ${lit(path)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 1024)`, params);
}

/** The staging column's type and the expression that turns it into the stored type. */
function staging(c: StoredColumn): { sql: string; expr: string } {
  const col = ident(c.name);
  switch (c.kind) {
    case 'timestamp': return { sql: 'BIGINT', expr: `epoch_ms(${col})` };
    case 'date': return { sql: 'INTEGER', expr: `DATE '1970-01-01' + ${col}` };
    case 'string': return { sql: 'VARCHAR', expr: col };
    case 'integer': return { sql: 'INTEGER', expr: col };
    case 'number': return { sql: 'DOUBLE', expr: col };
    case 'boolean': return { sql: 'BOOLEAN', expr: col };
  }
}

/**
 * Stages `table` (built by `toArrowTable` from `columns`) in `${parquetPath}.csv` and returns the
 * step that turns it into `parquetPath` on `conn` (and removes the staging file). DuckDB does that
 * step off the JS thread, so the caller can read the next dataset meanwhile.
 */
export async function stageParquet(columns: readonly StoredColumn[], table: Table, parquetPath: string): Promise<(conn: DuckDBConnection) => Promise<void>> {
  if (table.numRows === 0) {
    // A dataset without rows (no file given): its typed columns, nothing to stage.
    const empty = columns.map((c) => `CAST(NULL AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`).join(', ');
    return (conn) => copyToParquet(conn, `SELECT ${empty} LIMIT 0`, parquetPath);
  }
  const csv = `${parquetPath}.csv`;
  try {
    const file = await open(csv, 'w');
    try {
      for (const chunk of stagingCsv(table, columns)) await file.write(chunk);
    } finally {
      await file.close();
    }
  } catch (e) {
    await rm(csv, { force: true });
    throw e;
  }
  const stage = columns.map(staging);
  const types = `{${columns.map((c, i) => `${lit(c.name)}: ${lit(stage[i]!.sql)}`).join(', ')}}`;
  const read = `read_csv(${lit(csv)}, header = false, auto_detect = false, columns = ${types}, delim = ',', quote = '"', escape = '"',
    allow_quoted_nulls = false, new_line = '\\n', encoding = 'utf-8')`;
  const select = columns.map((c, i) => `CAST(${stage[i]!.expr} AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`).join(', ');
  return async (conn) => {
    try {
      await copyToParquet(conn, `SELECT ${select} FROM ${read}`, parquetPath);
    } finally {
      await rm(csv, { force: true });
    }
  };
}
