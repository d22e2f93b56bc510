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

/**
 * Without a single quote character a CSV is just lines and delimiters, and splitting is several
 * times faster than a general parser; anything quoted goes through papaparse.
 */
function parseUnquoted(text: string, delimiter: string, h: ParseHandlers): void {
  let line = 0;
  let header = true;
  let start = 0;
  const step = Math.max(1, Math.floor(text.length / 10));
  let nextProgress = step;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    const fields = raw.split(delimiter);
    if (header) {
      header = false;
      h.onHeader(fields, line);
    } else h.onRecord({ line, fields });
    if (start >= nextProgress) {
      nextProgress += step;
      h.onProgress?.(Math.min(1, start / text.length));
    }
  }
  h.onProgress?.(1);
}

/** The delimiter of a CSV text (comma, tab, semicolon or pipe), judged from its first rows. */
export function sniffDelimiter(text: string): string {
  return Papa.parse<string[]>(text.slice(0, 65536), { preview: 20 }).meta.delimiter || ',';
}

/** Parses `text` (delimiter detected: comma, tab, semicolon or pipe), calling the handlers in order. */
export function parseCsv(text: string, h: ParseHandlers): { delimiter: string } {
  if (!text.includes('"') && !/\r(?!\n)/.test(text.slice(0, 65536))) {
    const delimiter = sniffDelimiter(text);
    parseUnquoted(text, delimiter, h);
    return { delimiter };
  }
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
