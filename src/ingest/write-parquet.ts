/**
 * Parquet (zstd) through DuckDB: the validated rows go to a normalised UTF-8 CSV that DuckDB
 * loads with explicit types, then COPY writes Parquet. Analysts and the build read these.
 */
import { writeFile, rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL_TYPE, type StoredColumn } from '../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteLit = (s: string) => `'${s.replaceAll("'", "''")}'`;

function cell(c: StoredColumn, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (c.kind) {
    case 'string': return `"${String(v).replaceAll('"', '""')}"`;
    case 'timestamp': {
      const t = v as number;
      const ms = t % 1000;
      return ms ? `${formatLocalTimestamp(t)}.${String(ms).padStart(3, '0')}` : formatLocalTimestamp(t);
    }
    case 'date': return formatLocalDate(v as number);
    default: return String(v);
  }
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
  const types = `{${columns.map((c) => `${quoteLit(c.name)}: ${quoteLit(SQL_TYPE[c.kind])}`).join(', ')}}`;
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${defs})`);
  await conn.run(
    `INSERT INTO ${quoteIdent(table)} SELECT * FROM read_csv(${quoteLit(scratchCsv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = ${types}, auto_detect = false)`,
  );
  await conn.run(`COPY ${quoteIdent(table)} TO ${quoteLit(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
  await rm(scratchCsv, { force: true });
}
