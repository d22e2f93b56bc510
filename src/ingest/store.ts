/** Turns a dataset's final rows into stored columns (PII dropped or hashed) and writes them. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '../datasets/define.ts';
import { storedColumns, type StoredColumn } from '../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import { toArrowIpc } from './write-arrow.ts';
import { writeParquet } from './write-parquet.ts';
import type { AcceptedRow } from './types.ts';

export interface StoredDataset {
  columns: StoredColumn[];
  rowCount: number;
  minDate: string | null;
  maxDate: string | null;
  arrow: string;
  parquet: string;
}

/** Salted SHA-256, shortened: stable across runs with the same salt, useless without it. */
export function piiHasher(salt: string): (v: string) => string {
  const memo = new Map<string, string>();
  return (v) => {
    let h = memo.get(v);
    if (h === undefined) {
      h = createHash('sha256').update(salt).update('\u0000').update(v).digest('hex').slice(0, 16);
      memo.set(v, h);
    }
    return h;
  };
}

/**
 * Writes `<name>.arrow` and `<name>.parquet` into `dir` and returns what the manifest needs.
 * Consumes `rows`: each entry is cleared once copied into the columns, so row objects can be
 * collected while the columns grow (at 1M rows this keeps ingest under 2 GB).
 */
export async function storeDataset(d: Dataset, rows: (AcceptedRow | undefined)[], salt: string, conn: DuckDBConnection, dir: string): Promise<StoredDataset> {
  const columns = storedColumns(d);
  const hash = piiHasher(salt);
  const hashed = new Set(Object.entries(d.columns).filter(([, s]) => s.pii === 'hash').map(([c]) => c));
  const values: unknown[][] = columns.map(() => new Array(rows.length));
  let min: number | null = null;
  let max: number | null = null;
  const rowCount = rows.length;
  rows.forEach((a, r) => {
    if (!a) return;
    rows[r] = undefined;
    columns.forEach((c, i) => {
      let v: unknown;
      if (c.name === 'source_file') v = a.file;
      else if (c.name === 'source_line') v = a.line;
      else {
        v = a.row[c.name];
        if (hashed.has(c.name) && typeof v === 'string') v = hash(v);
      }
      values[i]![r] = v ?? null;
    });
    const t = a.row[d.dateColumn];
    if (typeof t === 'number') {
      if (min === null || t < min) min = t;
      if (max === null || t > max) max = t;
    }
  });
  const arrow = `${d.name}.arrow`;
  const parquet = `${d.name}.parquet`;
  await writeFile(join(dir, arrow), toArrowIpc(columns, values));
  await writeParquet(conn, d.name, columns, values, join(dir, parquet));
  const fmt = d.columns[d.dateColumn]!.kind === 'date' ? formatLocalDate : formatLocalTimestamp;
  return { columns, rowCount, minDate: min === null ? null : fmt(min), maxDate: max === null ? null : fmt(max), arrow, parquet };
}
