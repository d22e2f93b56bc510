/**
 * Where each record of a CSV file starts (byte offset and line number), found without decoding
 * it: the bulk ingest lets DuckDB parse the file and needs these to give every row its
 * source_line and to re-read a row that goes through the JavaScript validator.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface RecordIndex {
  /** Number of data records (the header and blank lines not counted). */
  count: number;
  /** Byte offset where data record i starts; offsets[count] is where the last one ends. */
  offsets: Float64Array;
  /** 1-based line of data record i. */
  lines: Int32Array;
  /** Every record is one line and no line was skipped: line = index + 2. */
  simple: boolean;
}

/**
 * Indexes the records of UTF-8 `bytes` (after any BOM) as DuckDB's reader splits them: a line
 * break ends a record outside double quotes; empty lines are skipped. Null when the file is
 * not that simple shape (the header not on line 1, a carriage return not followed by a line
 * feed, a line of blanks), so the caller keeps the JavaScript parser for it.
 */
export function indexRecords(bytes: Uint8Array): RecordIndex | null {
  const n = bytes.length;
  let offsets = new Float64Array(1024);
  let lines = new Int32Array(1024);
  let count = -1; // the header is record -1
  let line = 1;
  let pos = 0;
  let simple = true;
  const next = (b: number, from: number) => { const i = bytes.indexOf(b, from); return i === -1 ? n : i; };
  let nextQuote = next(QUOTE, pos);
  let nextCr = next(CR, pos);
  while (pos < n) {
    let end = bytes.indexOf(LF, pos);
    if (end === -1) end = n;
    const recordLine = line;
    if (nextQuote < end) {
      // A quoted field may hold line breaks: walk the bytes, toggling at each quote.
      let inQuote = false;
      let i = pos;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === QUOTE) inQuote = !inQuote;
        else if (b === LF) {
          if (!inQuote) break;
          line++;
          simple = false;
        } else if (b === CR && !inQuote && bytes[i + 1] !== LF) return null;
      }
      end = i;
      nextQuote = next(QUOTE, end);
      nextCr = next(CR, end);
    } else if (nextCr < end) {
      if (nextCr < end - 1) return null;
      nextCr = next(CR, end);
    }
    const contentEnd = end > pos && bytes[end - 1] === CR ? end - 1 : end;
    if (contentEnd === pos) {
      // An empty line: skipped by both parsers.
      if (count === -1) return null;
      simple = false;
    } else {
      for (let i = pos; i < contentEnd; i++) {
        const b = bytes[i]!;
        if (b !== 32 && b !== 9) break;
        if (i === contentEnd - 1) return null;
      }
      if (count >= 0) {
        if (count >= offsets.length - 1) {
          const o = new Float64Array(offsets.length * 2); o.set(offsets); offsets = o;
          const l = new Int32Array(lines.length * 2); l.set(lines); lines = l;
        }
        offsets[count] = pos;
        lines[count] = recordLine;
      } else if (recordLine !== 1) return null;
      count++;
    }
    line++;
    pos = end + 1;
  }
  if (count < 0) return null;
  offsets[count] = n;
  return { count, offsets: offsets.subarray(0, count + 1), lines: lines.subarray(0, count), simple };
}
