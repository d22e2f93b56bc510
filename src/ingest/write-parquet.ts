/**
 * Parquet (zstd) through DuckDB: the validated rows go to a normalised UTF-8 CSV that DuckDB
 * loads with explicit types, then COPY writes Parquet. Analysts and the build read these.
 */
import { writeFile, rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL_TYPE, type StoredColumn } from '../datasets/storage.ts';

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteLit = (s: string) => `'${s.replaceAll("'", "''")}'`;

// Times go through the scratch CSV as integers (epoch ms / days) and are converted by DuckDB:
// formatting a million timestamps as text in JavaScript cost more than the whole COPY.
function cell(c: StoredColumn, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (c.kind) {
    case 'string': return `"${String(v).replaceAll('"', '""')}"`;
    case 'date': return String(Math.floor((v as number) / 86_400_000));
    default: return String(v);
  }
}

/** The scratch CSV's type for a column and the expression turning it into the stored type. */
function scratch(c: StoredColumn): { type: string; expr: string } {
  const col = quoteIdent(c.name);
  if (c.kind === 'timestamp') return { type: 'BIGINT', expr: `CAST(epoch_ms(${col}) AS TIMESTAMP)` };
  if (c.kind === 'date') return { type: 'INTEGER', expr: `CAST(DATE '1970-01-01' + ${col} AS DATE)` };
  return { type: SQL_TYPE[c.kind], expr: col };
}

/** Writes `values` (column arrays) as `<table>` into DuckDB and to `parquetPath`. */
export async function writeParquet(
  conn: DuckDBConnection,
  table: string,
  columns: readonly StoredColumn[],
  values: readonly unknown[][],
  parquetPath: string,
  scratchCsv: string,
): Promise<void> {
  const n = values[0]?.length ?? 0;
  const lines: string[] = [columns.map((c) => c.name).join(',')];
  for (let r = 0; r < n; r++) lines.push(columns.map((c, i) => cell(c, values[i]![r])).join(','));
  await writeFile(scratchCsv, lines.join('\n') + '\n');
  const defs = columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.kind]}`).join(', ');
  const types = `{${columns.map((c) => `${quoteLit(c.name)}: ${quoteLit(scratch(c).type)}`).join(', ')}}`;
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${defs})`);
  await conn.run(
    `INSERT INTO ${quoteIdent(table)} SELECT ${columns.map((c) => scratch(c).expr).join(', ')} FROM read_csv(${quoteLit(scratchCsv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = ${types}, auto_detect = false)`,
  );
  await conn.run(`COPY ${quoteIdent(table)} TO ${quoteLit(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
  await rm(scratchCsv, { force: true });
}
