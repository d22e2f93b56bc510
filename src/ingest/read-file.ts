/**
 * One input file: decode, match headers to the dataset, parse and validate every record.
 * Returns the rows that passed their own checks; cross-row checks come later (merge.ts).
 */
import type { Dataset } from '../datasets/define.ts';
import type { RowContext } from '../datasets/row.ts';
import { decodeCsv, DecodeError } from './decode.ts';
import { acceptedNames, datasetByFileName, datasetByHeaders, mapHeaders, type HeaderMapping } from './headers.ts';
import { parseCsv } from './parse.ts';
import { recordValidator, type Problem, type RecordResult } from './validate-row.ts';
import { keptColumns } from '../datasets/storage.ts';
import { IngestError, type AcceptedRows, type FileReport, type IngestEffects, type Reject } from './types.ts';

export interface FileResult { dataset: Dataset; report: FileReport; accepted: AcceptedRows; rejects: Reject[] }

const PROGRESS_BYTES = 8 * 1024 * 1024;

/**
 * The header's column mapping; throws IngestError naming the file and the accepted header
 * names when a required column is missing.
 */
export function checkHeaders(dataset: Dataset, name: string, fields: readonly string[]): HeaderMapping {
  const m = mapHeaders(dataset, fields);
  if (m.missing.length > 0) {
    const expected = m.missing.map((c) => `${c} (${acceptedNames(dataset, c)})`).join('; ');
    throw new IngestError(
      `${name}: missing required column(s) for ${dataset.name}: ${expected}. Found headers: ${fields.map((f) => f.trim()).join(', ')}`,
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

/** Peeks at the header row to find the dataset when the file name does not say. */
export function headerCells(text: string): string[] {
  let fields: string[] = [];
  try {
    parseCsv(text.slice(0, 64 * 1024), { onHeader: (f) => { fields = f; throw new Error('stop'); }, onRecord: () => {} });
  } catch { /* stopped after the header on purpose */ }
  return fields;
}

/**
 * The dataset a file belongs to, by its name or else its header row (decoding it only then);
 * null when neither says. Throws IngestError when the file cannot be decoded.
 */
export function detectDataset(name: string, bytes: () => Uint8Array): Dataset | null {
  return datasetByFileName(name) ?? datasetByHeaders(headerCells(decode(name, bytes()).text));
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

  const report: FileReport = {
    name, dataset: dataset.name, sha256, bytes: bytes.length,
    encoding, delimiter: ',', rows_read: 0, rows_accepted: 0, rows_rejected: 0, rows_superseded: 0, ignored_columns: [],
  };
  const names = keptColumns(dataset);
  const accepted: AcceptedRows = { names, values: names.map(() => []), lines: [] };
  const rejects: Reject[] = [];
  let validate: ReturnType<typeof recordValidator> | null = null;
  const showProgress = bytes.length > PROGRESS_BYTES;
  let lastShown = 0;

  const { delimiter } = parseCsv(text, {
    onHeader: (fields) => {
      const m = checkHeaders(dataset, name, fields);
      report.ignored_columns = warnHeaders(dataset, name, m, fx);
      validate = recordValidator(dataset, m.columns);
    },
    onRecord: (rec) => {
      report.rows_read++;
      const result: RecordResult = rec.error
        ? { ok: false, problems: [{ column: null, value: '', reason: rec.error }] }
        : validate!(rec.fields, ctx);
      if (result.ok) {
        for (let j = 0; j < names.length; j++) accepted.values[j]!.push(result.row[names[j]!] ?? null);
        accepted.lines.push(rec.line);
        return;
      }
      report.rows_rejected++;
      rejects.push(...rejectsOf(dataset, name, rec.line, result.problems));
    },
    onProgress: (f) => {
      fx.progress?.({ file: name, fraction: f, rows: report.rows_read });
      if (showProgress && f - lastShown >= 0.1) {
        lastShown = f;
        fx.logger.info(`  ${name}: ${Math.round(f * 100)}% (${report.rows_read.toLocaleString('en')} rows)`);
      }
    },
  });
  if (validate === null) throw new IngestError(`${name}: the file is empty (no header row)`);
  report.delimiter = delimiter;
  return { dataset, report, accepted, rejects };
}
