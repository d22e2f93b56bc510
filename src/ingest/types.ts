/** Shapes shared by the ingest steps and written to the manifest. */
import type { DatasetName } from '../datasets/define.ts';
import type { Encoding } from './decode.ts';
import type { CsvRecord } from './parse.ts';
import type { SkippedLine, SummaryRow } from './office-rows.ts';

/** A rejected value, as written to rejects.csv: enough to find and fix it in the file. */
export interface Reject {
  dataset: DatasetName;
  file: string;
  line: number;
  column: string | null;
  value: string;
  reason: string;
}

/**
 * The rows of one file that passed their own checks, column by column (the dataset's kept
 * columns, see `keptColumns`), with their line numbers. Columns instead of one object per row:
 * at 1M rows the row objects made garbage collection the largest item of the ingest.
 */
export interface AcceptedRows { names: readonly string[]; values: unknown[][]; lines: number[] }

export interface FileReport {
  name: string;
  dataset: DatasetName;
  sha256: string;
  bytes: number;
  /** `workbook` for a sheet of an .xlsx/.xls/.ods file (whose `bytes` is then the workbook's size). */
  encoding: Encoding | 'workbook';
  /** Empty for a sheet. */
  delimiter: string;
  /** Line of the header row (title lines of office exports may come first). */
  header_line: number;
  /** Non-blank lines above the header (titles, export time), cut to 200 characters. */
  skipped_lines: SkippedLine[];
  /** Summary rows (合计, 总计, 小计, Total): recognised, never accepted, not counted in rows_read. */
  summary_rows: SummaryRow[];
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_superseded: number;
  ignored_columns: string[];
}

/** Side effects the ingest needs, injected so tests run silently and deterministically. */
export interface IngestEffects {
  logger: { info(msg: string): void; warn(msg: string): void };
  now: () => Date;
  /** Parse progress of each file (fraction of its text), for progress bars. */
  progress?(p: { file: string; fraction: number; rows: number }): void;
}

/** A fatal ingest problem: nothing is written and the previous output stays. */
export class IngestError extends Error {
  override name = 'IngestError';
}

/**
 * An input file; its bytes are read when needed (to parse it, and before that to read its header
 * if its name does not say its dataset). `sha256`, when given, hashes it instead of `bytes()`
 * (Node streams the file so it is never held for that; the browser reports progress there).
 */
export interface SourceFile {
  name: string; bytes(): Promise<Uint8Array>; sha256?(): Promise<string>;
  /** A sheet of a workbook (workbook.ts): its name, its rows; `bytes()` is then the workbook's. */
  sheet?: { name: string; size: number; records: readonly CsvRecord[] };
}
