/**
 * Parquet (zstd) through DuckDB: the validated columns go into a staging table through the
 * appender, one data chunk (2048 rows) at a time, as plain values (times as epoch ms / days,
 * converted by DuckDB); then COPY writes Parquet. Analysts and the build read these files.
 */
import { BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { SQL_TYPE, type StoredColumn } from '../datasets/storage.ts';

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteLit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const CHUNK = 2048;
const DAY = 86_400_000;

/** The staging column's type and the expression that turns it into the stored type. */
function staging(c: StoredColumn): { type: DuckDBType; sql: string; expr: string } {
  const col = quoteIdent(c.name);
  switch (c.kind) {
    case 'timestamp': return { type: DOUBLE, sql: 'DOUBLE', expr: `CAST(epoch_ms(CAST(${col} AS BIGINT)) AS TIMESTAMP)` };
    case 'date': return { type: INTEGER, sql: 'INTEGER', expr: `CAST(DATE '1970-01-01' + ${col} AS DATE)` };
    case 'string': return { type: VARCHAR, sql: 'VARCHAR', expr: col };
    case 'integer': return { type: INTEGER, sql: 'INTEGER', expr: col };
    case 'number': return { type: DOUBLE, sql: 'DOUBLE', expr: col };
    case 'boolean': return { type: BOOLEAN, sql: 'BOOLEAN', expr: col };
  }
}

/** Writes `values` (column arrays) as `<table>` into DuckDB and to `parquetPath`. */
export async function writeParquet(
  conn: DuckDBConnection,
  table: string,
  columns: readonly StoredColumn[],
  values: readonly unknown[][],
  parquetPath: string,
): Promise<void> {
  const stage = columns.map(staging);
  const stagingTable = quoteIdent(`${table}__staging`);
  await conn.run(`CREATE OR REPLACE TABLE ${stagingTable} (${columns.map((c, i) => `${quoteIdent(c.name)} ${stage[i]!.sql}`).join(', ')})`);
  const appender = await conn.createAppender(`${table}__staging`);
  const n = values[0]?.length ?? 0;
  const dates = columns.map((c) => c.kind === 'date');
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const chunk = DuckDBDataChunk.create(stage.map((s) => s.type), end - start);
    chunk.setColumns(values.map((col, i) => {
      const slice = col.slice(start, end) as (DuckDBValue | undefined)[];
      if (dates[i]) for (let r = 0; r < slice.length; r++) { const v = slice[r]; if (typeof v === 'number') slice[r] = Math.floor(v / DAY); }
      return slice.map((v) => v ?? null);
    }));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
  const defs = columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.kind]}`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${defs})`);
  await conn.run(`INSERT INTO ${quoteIdent(table)} SELECT ${stage.map((s) => s.expr).join(', ')} FROM ${stagingTable}`);
  await conn.run(`DROP TABLE ${stagingTable}`);
  await conn.run(`COPY ${quoteIdent(table)} TO ${quoteLit(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
}
