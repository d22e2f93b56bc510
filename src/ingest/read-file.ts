/**
 * One input file: decode, match headers to the dataset, parse and validate every record.
 * Returns the rows that passed their own checks; cross-row checks come later (merge.ts).
 */
import type { Dataset } from '../datasets/define.ts';
import type { RowContext } from '../datasets/row.ts';
import { decodeCsv, DecodeError } from './decode.ts';
import { acceptedNames, datasetByFileName, datasetByHeaders, mapHeaders, type HeaderMapping } from './headers.ts';
import { parseCsv, type CsvRecord } from './parse.ts';
import { HEADER_SEARCH_LINES, skippedText, summaryLabel, warnSummaryRows } from './office-rows.ts';
import { recordValidator, type Problem, type RecordResult } from './validate-row.ts';
import { keptColumns } from '../datasets/storage.ts';
import { IngestError, type AcceptedRows, type FileReport, type IngestEffects, type Reject } from './types.ts';

export interface FileResult { dataset: Dataset; report: FileReport; accepted: AcceptedRows; rejects: Reject[] }

const PROGRESS_BYTES = 8 * 1024 * 1024;

/**
 * The header's column mapping; throws IngestError naming the file and the accepted header
 * names when a required column is missing.
 */
export function checkHeaders(dataset: Dataset, name: string, fields: readonly string[], searched = 1): HeaderMapping {
  const m = mapHeaders(dataset, fields);
  if (m.missing.length > 0) {
    const expected = m.missing.map((c) => `${c} (${acceptedNames(dataset, c)})`).join('; ');
    const where = searched > 1 ? ` in any of the first ${searched} lines; closest header row` : '. Found headers';
    throw new IngestError(
      `${name}: missing required column(s) for ${dataset.name}: ${expected}${where}: ${fields.map((f) => f.trim()).join(', ')}`,
    );
  }
  return m;
}

/** Warns about ignored and duplicated columns; returns them for the file's report. */
export function warnHeaders(dataset: Dataset, name: string, m: HeaderMapping, fx: IngestEffects): string[] {
  if (m.ignored.length > 0) fx.logger.warn(`${name}: ignoring column(s) not used by ${dataset.name}: ${m.ignored.join(', ')}`);
  if (m.duplicated.length > 0) fx.logger.warn(`${name}: duplicate column(s), the first is used: ${m.duplicated.join(', ')}`);
  return [...m.ignored, ...m.duplicated];
}

/** The rejects.csv rows for one rejected record (PII values redacted, long values cut). */
export function rejectsOf(dataset: Dataset, name: string, line: number, problems: readonly Problem[]): Reject[] {
  return problems.map((p) => ({
    dataset: dataset.name, file: name, line, column: p.column,
    value: p.column && dataset.columns[p.column]?.pii ? '[redacted]' : p.value.slice(0, 200), reason: p.reason,
  }));
}

/** The first `limit` non-blank records of a CSV text (the header row is among them). */
export function firstRecords(text: string, limit = HEADER_SEARCH_LINES): string[][] {
  const out: string[][] = [];
  const take = (f: string[]) => { out.push(f); if (out.length >= limit) throw new Error('stop'); };
  try {
    parseCsv(text.slice(0, 64 * 1024), { onHeader: take, onRecord: (r) => take(r.fields) });
  } catch { /* stopped on purpose */ }
  return out;
}

/** The first non-blank record of a CSV text. */
export function headerCells(text: string): string[] {
  return firstRecords(text, 1)[0] ?? [];
}

/** The dataset of the first of `records` (title lines come before the header) that names one. */
export function datasetOfRecords(records: readonly string[][]): Dataset | null {
  for (const r of records) {
    const d = datasetByHeaders(r);
    if (d) return d;
  }
  return null;
}

/**
 * The dataset a file belongs to, by its name or else its header row (decoding it only then;
 * the header may follow title lines); null when neither says. Throws IngestError when the file
 * cannot be decoded.
 */
export function detectDataset(name: string, bytes: () => Uint8Array): Dataset | null {
  return datasetByFileName(name) ?? datasetOfRecords(firstRecords(decode(name, bytes()).text));
}

/** Decodes a file, turning a decoding failure into a fatal IngestError naming it. */
function decode(name: string, bytes: Uint8Array): ReturnType<typeof decodeCsv> {
  try {
    return decodeCsv(bytes, name);
  } catch (e) {
    if (e instanceof DecodeError) throw new IngestError(e.message);
    throw e;
  }
}

/** Reads and validates one file of `dataset` (see detectDataset); `sha256` is the hex hash of `bytes`. Throws IngestError for fatal problems (unreadable, missing columns). */
export function readFile(name: string, bytes: Uint8Array, sha256: string, dataset: Dataset, ctx: RowContext, fx: IngestEffects): FileResult {
  const { text, encoding } = decode(name, bytes);
  const report = newReport(name, dataset, sha256, bytes.length, encoding);
  const reader = recordReader(dataset, name, report, ctx, fx);
  const showProgress = bytes.length > PROGRESS_BYTES;
  let lastShown = 0;
  const { delimiter } = parseCsv(text, {
    onHeader: (fields, line) => reader.record({ line, fields }),
    onRecord: (rec) => reader.record(rec),
    onProgress: (f) => {
      fx.progress?.({ file: name, fraction: f, rows: report.rows_read });
      if (showProgress && f - lastShown >= 0.1) {
        lastShown = f;
        fx.logger.info(`  ${name}: ${Math.round(f * 100)}% (${report.rows_read.toLocaleString('en')} rows)`);
      }
    },
  });
  report.delimiter = delimiter;
  return reader.finish();
}

/** Reads and validates one sheet of a workbook (workbook.ts): its rows as records, sheet row numbers as lines. */
export function readSheet(name: string, records: readonly CsvRecord[], sha256: string, bytes: number, dataset: Dataset, ctx: RowContext, fx: IngestEffects): FileResult {
  const report = newReport(name, dataset, sha256, bytes, 'workbook');
  report.delimiter = '';
  const reader = recordReader(dataset, name, report, ctx, fx);
  for (const rec of records) reader.record(rec);
  return reader.finish();
}

/** An empty report for one source file. */
export function newReport(name: string, dataset: Dataset, sha256: string, bytes: number, encoding: FileReport['encoding']): FileReport {
  return {
    name, dataset: dataset.name, sha256, bytes, encoding, delimiter: ',', header_line: 1, skipped_lines: [], summary_rows: [],
    rows_read: 0, rows_accepted: 0, rows_rejected: 0, rows_superseded: 0, ignored_columns: [],
  };
}

/**
 * Takes a source's records in order (CSV records or sheet rows): finds the header among the
 * first HEADER_SEARCH_LINES (the lines above it are listed as skipped), then validates each
 * record; a refused record that is a summary row (合计…) is listed as one, not rejected.
 */
export function recordReader(dataset: Dataset, name: string, report: FileReport, ctx: RowContext, fx: IngestEffects) {
  const names = keptColumns(dataset);
  const accepted: AcceptedRows = { names, values: names.map(() => []), lines: [] };
  const rejects: Reject[] = [];
  let validate: ReturnType<typeof recordValidator> | null = null;
  let best: { fields: string[]; matched: number } | null = null;
  const record = (rec: CsvRecord): void => {
    if (validate === null) {
      const m = mapHeaders(dataset, rec.fields);
      if (!rec.error && m.missing.length === 0) {
        report.header_line = rec.line;
        if (report.skipped_lines.length > 0) fx.logger.warn(`${name}: header row on line ${rec.line}; ${report.skipped_lines.length} line(s) above it skipped (listed in the manifest)`);
        report.ignored_columns = warnHeaders(dataset, name, m, fx);
        validate = recordValidator(dataset, m.columns);
        return;
      }
      const matched = m.columns.filter((c) => c !== null).length;
      if (!best || matched > best.matched) best = { fields: rec.fields, matched };
      report.skipped_lines.push({ line: rec.line, text: skippedText(rec.fields) });
      if (report.skipped_lines.length >= HEADER_SEARCH_LINES) checkHeaders(dataset, name, best.fields, HEADER_SEARCH_LINES);
      return;
    }
    const result: RecordResult = rec.error
      ? { ok: false, problems: [{ column: null, value: '', reason: rec.error }] }
      : validate(rec.fields, ctx);
    if (result.ok) {
      report.rows_read++;
      for (let j = 0; j < names.length; j++) accepted.values[j]!.push(result.row[names[j]!] ?? null);
      accepted.lines.push(rec.line);
      return;
    }
    const label = rec.error ? null : summaryLabel(rec.fields);
    if (label !== null) {
      report.summary_rows.push({ line: rec.line, label });
      return;
    }
    report.rows_read++;
    report.rows_rejected++;
    rejects.push(...rejectsOf(dataset, name, rec.line, result.problems));
  };
  const finish = (): FileResult => {
    if (validate === null) {
      if (best) checkHeaders(dataset, name, (best as { fields: string[] }).fields, report.skipped_lines.length);
      throw new IngestError(`${name}: the file is empty (no header row)`);
    }
    warnSummaryRows(name, report.summary_rows, (m) => fx.logger.warn(m));
    return { dataset, report, accepted, rejects };
  };
  return { record, finish };
}
