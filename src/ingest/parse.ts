/**
 * CSV parsing with papaparse, keeping the physical line number of every record so that a
 * rejected row can be found in the file (quoted fields may span several lines).
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  fields: string[];
  /** A structural problem with the record (bad quoting). */
  error?: string;
}

export interface ParseHandlers {
  onHeader(fields: string[], line: number): void;
  onRecord(record: CsvRecord): void;
  /** Fraction of the text parsed so far. */
  onProgress?(fraction: number): void;
}

function countBreaks(fields: readonly string[], br: string): number {
  let n = 0;
  for (const f of fields) {
    let i = f.indexOf(br);
    while (i !== -1) {
      n++;
      i = f.indexOf(br, i + 1);
    }
  }
  return n;
}

/** Parses `text` (delimiter detected: comma, tab, semicolon or pipe), calling the handlers in order. */
export function parseCsv(text: string, h: ParseHandlers): { delimiter: string } {
  let line = 1;
  let header = true;
  let delimiter = ',';
  let br = '\n';
  // papaparse's typings omit `chunk` for string input, though it streams strings in chunks too.
  const config = {
    header: false,
    skipEmptyLines: false,
    chunkSize: 4 * 1024 * 1024,
    chunk: (res: Papa.ParseResult<string[]>) => {
      delimiter = res.meta.delimiter;
      br = res.meta.linebreak === '\r' ? '\r' : '\n';
      const errs = new Map<number, string>();
      for (const e of res.errors) if (e.row !== undefined && !errs.has(e.row)) errs.set(e.row, e.message);
      const rows = res.data;
      for (let i = 0; i < rows.length; i++) {
        const fields = rows[i]!;
        const start = line;
        line += 1 + countBreaks(fields, br);
        if (fields.length === 1 && fields[0]!.trim() === '') continue;
        if (header) {
          header = false;
          h.onHeader(fields, start);
          continue;
        }
        const error = errs.get(i);
        h.onRecord(error ? { line: start, fields, error: `malformed quoting: ${error} (lines ${start}–${line - 1})` } : { line: start, fields });
      }
      h.onProgress?.(Math.min(1, res.meta.cursor / Math.max(1, text.length)));
    },
  };
  Papa.parse<string[]>(text, config as Papa.ParseConfig<string[]>);
  return { delimiter };
}
