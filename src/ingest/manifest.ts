/** The manifest: the one place later steps learn what was ingested. */
import type { DatasetName } from '../datasets/define.ts';
import type { StoredColumn } from '../datasets/storage.ts';
import type { FileReport, Reject } from './types.ts';

export interface DatasetManifest {
  name: DatasetName;
  label: { zh: string; en: string };
  optional: boolean;
  files: FileReport[];
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_superseded: number;
  /** Earliest and latest value of the dataset's date column among accepted rows. */
  min_date: string | null;
  max_date: string | null;
  /** Latest value of any timestamp column among accepted rows (local ms): the data's as-of candidate. */
  latest_ms: number | null;
  /** SHA-256 of the accepted keys in order (single-column keys): datasets referencing this one are re-checked when it changes. */
  keys_sha256: string | null;
  columns: StoredColumn[];
  arrow: string;
  parquet: string;
}

export interface Manifest {
  schema_version: 1;
  generated_at: string;
  /** Local Asia/Shanghai time `YYYY-MM-DD HH:MM:SS`. */
  as_of: string | null;
  as_of_source: 'option' | 'data';
  /** The upper bound dates were checked against (the --as-of, else the clock at ingest), local ms. */
  as_of_limit_ms: number;
  /** Fingerprint of the ingest code: output from other code is never reused. */
  ingest_version: string;
  datasets: Partial<Record<DatasetName, DatasetManifest>>;
  unrecognised_files: string[];
  warnings: string[];
  rejects: { file: string; rows: number; problems: number; top_reasons: { reason: string; count: number }[] };
}

/** Groups rejects by dataset, column and reason (without line-specific detail), most frequent first. */
export function topReasons(rejects: readonly Reject[], limit = 10): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rejects) {
    const key = `${r.dataset}.${r.column ?? '(row)'}: ${r.reason.replace(/\s*\((first at line|lines) [^)]*\)/, '')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([reason, count]) => ({ reason, count }));
}

/** The invariant every dataset must satisfy; throws if the counting is wrong anywhere. */
export function assertBalanced(m: Manifest): void {
  for (const d of Object.values(m.datasets)) {
    if (d.rows_read !== d.rows_accepted + d.rows_rejected + d.rows_superseded) {
      throw new Error(`row accounting broken for ${d.name}: read ${d.rows_read} ≠ accepted ${d.rows_accepted} + rejected ${d.rows_rejected} + superseded ${d.rows_superseded}`);
    }
  }
}
