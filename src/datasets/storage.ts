/**
 * What of a dataset is stored: every column except dropped PII, hashed PII as text, plus
 * where each row came from (source_file, source_line) so any figure can be traced to rows.
 */
import type { ColumnKind } from './fields.ts';
import type { Dataset } from './define.ts';

export interface StoredColumn { name: string; kind: ColumnKind; dictionary: boolean }

/** Columns written to Arrow and Parquet for `dataset`, in order. */
export function storedColumns(dataset: Dataset): StoredColumn[] {
  const cols: StoredColumn[] = [];
  for (const [name, spec] of Object.entries(dataset.columns)) {
    if (spec.pii === 'drop') continue;
    cols.push({ name, kind: spec.pii === 'hash' ? 'string' : spec.kind, dictionary: spec.dictionary ?? false });
  }
  cols.push({ name: 'source_file', kind: 'string', dictionary: true }, { name: 'source_line', kind: 'integer', dictionary: false });
  return cols;
}

/** The dataset's columns kept after validation (dropped PII is not), in declaration order. */
export function keptColumns(dataset: Dataset): string[] {
  return Object.entries(dataset.columns).filter(([, spec]) => spec.pii !== 'drop').map(([name]) => name);
}

/** DuckDB column type for a stored column kind. */
export const SQL_TYPE: Record<ColumnKind, string> = {
  string: 'VARCHAR', timestamp: 'TIMESTAMP', date: 'DATE', integer: 'INTEGER', number: 'DOUBLE', boolean: 'BOOLEAN',
};
