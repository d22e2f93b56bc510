/** Turns a dataset's surviving rows into stored columns (PII dropped or hashed), ready to encode. */
import type { Dataset } from '../datasets/define.ts';
import { storedColumns, type StoredColumn } from '../datasets/storage.ts';
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import type { Alive } from './merge.ts';
import type { FileResult } from './read-file.ts';

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
 * Gathers the rows still alive, file by file, into the stored columns (hashing PII where asked)
 * plus source_file and source_line. Consumes the files' columns: each is released once copied,
 * so the copies never all coexist with the originals (memory at 1M rows).
 */
export function toColumns(d: Dataset, files: readonly FileResult[], alive: Alive, hash: (v: string) => string): DatasetColumns {
  const columns = storedColumns(d);
  const rowCount = alive.reduce((n, flags) => n + flags.reduce((m, f) => m + f, 0), 0);
  const whole = files.length === 1 && rowCount === files[0]!.accepted.lines.length;
  const gather = (pick: (f: FileResult) => unknown[] | null, fill?: (f: FileResult) => unknown): unknown[] => {
    // One file with every row alive: its column is the stored column as it is.
    if (whole && !fill) return pick(files[0]!)!;
    const out = new Array<unknown>(rowCount);
    let r = 0;
    files.forEach((f, fi) => {
      const flags = alive[fi]!;
      const col = pick(f);
      const constant = fill?.(f);
      for (let i = 0; i < flags.length; i++) if (flags[i]) out[r++] = col ? col[i] : constant;
    });
    return out;
  };
  const values = columns.map((c) => {
    if (c.name === 'source_file') return gather(() => null, (f) => f.report.name);
    if (c.name === 'source_line') return gather((f) => f.accepted.lines);
    const take = (f: FileResult) => {
      const j = f.accepted.names.indexOf(c.name);
      const col = f.accepted.values[j]!;
      f.accepted.values[j] = [];
      return col;
    };
    const col = gather(take);
    if (d.columns[c.name]?.pii === 'hash') for (let i = 0; i < col.length; i++) { const v = col[i]; if (typeof v === 'string') col[i] = hash(v); }
    return col;
  });
  let min: number | null = null;
  let max: number | null = null;
  const dates = values[columns.findIndex((c) => c.name === d.dateColumn)]!;
  for (const t of dates) {
    if (typeof t !== 'number') continue;
    if (min === null || t < min) min = t;
    if (max === null || t > max) max = t;
  }
  const fmt = d.columns[d.dateColumn]!.kind === 'date' ? formatLocalDate : formatLocalTimestamp;
  return { columns, values, rowCount, minDate: min === null ? null : fmt(min), maxDate: max === null ? null : fmt(max) };
}
