/** Turns a dataset's final rows into stored columns (PII dropped or hashed), ready to encode. */
import type { Dataset } from '../datasets/define.ts';
import { storedColumns, type StoredColumn } from '../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import type { AcceptedRow } from './types.ts';

export interface DatasetColumns {
  columns: StoredColumn[];
  /** One array per stored column, all `rowCount` long. */
  values: unknown[][];
  rowCount: number;
  /** Earliest and latest value of the dataset's date column. */
  minDate: string | null;
  maxDate: string | null;
}

/**
 * Copies `rows` into column arrays. Consumes `rows`: each entry is cleared once copied, so row
 * objects can be collected while the columns grow (at 1M rows this keeps ingest under 2 GB).
 */
export function toColumns(d: Dataset, rows: (AcceptedRow | undefined)[], hash: (v: string) => string): DatasetColumns {
  const columns = storedColumns(d);
  const hashed = new Set(Object.entries(d.columns).filter(([, s]) => s.pii === 'hash').map(([c]) => c));
  const values: unknown[][] = columns.map(() => new Array(rows.length));
  let min: number | null = null;
  let max: number | null = null;
  const rowCount = rows.length;
  const source = columns.map((c) => (c.name === 'source_file' ? 'file' : c.name === 'source_line' ? 'line' : null));
  const hashedAt = columns.map((c) => hashed.has(c.name));
  for (let r = 0; r < rowCount; r++) {
    const a = rows[r];
    if (!a) continue;
    rows[r] = undefined;
    const row = a.row;
    for (let i = 0; i < columns.length; i++) {
      const from = source[i];
      let v: unknown = from === 'file' ? a.file : from === 'line' ? a.line : row[columns[i]!.name];
      if (hashedAt[i] && typeof v === 'string') v = hash(v);
      values[i]![r] = v ?? null;
    }
    const t = row[d.dateColumn];
    if (typeof t === 'number') {
      if (min === null || t < min) min = t;
      if (max === null || t > max) max = t;
    }
  }
  const fmt = d.columns[d.dateColumn]!.kind === 'date' ? formatLocalDate : formatLocalTimestamp;
  return { columns, values, rowCount, minDate: min === null ? null : fmt(min), maxDate: max === null ? null : fmt(max) };
}
