/**
 * Where each record of a CSV file starts (byte offset and line number), found without decoding
 * it: the bulk ingest lets DuckDB parse the file and needs these to give every row its
 * source_line and to re-read a row that goes through the JavaScript validator. The scanner
 * takes the file in pieces, so a large file is indexed while it is read for its hash.
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
 * Splits UTF-8 CSV bytes (after any BOM) into records as DuckDB's reader does: a line break
 * ends a record outside double quotes; empty lines are skipped. It gives up (finish() returns
 * null) on a file that is not that simple shape — the header not on line 1, a carriage return
 * not followed by a line feed, a line of blanks — so the caller keeps the JavaScript parser.
 */
export class RecordScanner {
  private offsets = new Float64Array(1024);
  private lines = new Int32Array(1024);
  private count = -1; // the header is record -1
  private line = 1;
  private simple = true;
  private failed = false;

  /**
   * Scans the complete records at the start of `bytes`, which begin at file offset `base`;
   * returns how many bytes it consumed (the rest starts an unfinished record: pass it again
   * with what follows). With `last`, the end of `bytes` is the end of the file.
   */
  scan(data: Uint8Array, base: number, last: boolean): number {
    // Node's Buffer.indexOf is a vectorised memchr; a typed array's is a byte loop (8× slower here).
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const n = bytes.length;
    let pos = 0;
    const next = (b: number, from: number) => { const i = bytes.indexOf(b, from); return i === -1 ? n : i; };
    let nextQuote = next(QUOTE, 0);
    let nextCr = next(CR, 0);
    while (pos < n && !this.failed) {
      pos = this.plain(bytes, base, pos, nextQuote < nextCr ? nextQuote : nextCr);
      if (pos >= n) break;
      let end = bytes.indexOf(LF, pos);
      if (end === -1) {
        if (!last) return pos;
        end = n;
      }
      let extraLines = 0;
      if (nextQuote < end) {
        // A quoted field may hold line breaks: walk the bytes, toggling at each quote.
        let inQuote = false;
        let i = pos;
        for (; i < n; i++) {
          const b = bytes[i]!;
          if (b === QUOTE) inQuote = !inQuote;
          else if (b === LF) {
            if (!inQuote) break;
            extraLines++;
          } else if (b === CR && !inQuote && bytes[i + 1] !== LF) {
            if (i + 1 === n && !last) return pos;
            this.failed = true;
          }
        }
        if (i === n && !last) return pos;
        end = i;
        nextQuote = next(QUOTE, end);
        nextCr = next(CR, end);
      } else if (nextCr < end) {
        if (nextCr < end - 1) this.failed = true;
        nextCr = next(CR, end);
      }
      if (this.failed) break;
      if (extraLines > 0) this.simple = false;
      this.record(bytes, base, pos, end, this.line);
      this.line += extraLines + 1;
      pos = end + 1;
    }
    return Math.min(pos, n);
  }

  /**
   * The common case in a tight loop: data records before `limit` (the next quote or carriage
   * return) that are one non-empty line not starting with a blank. Returns where it stopped;
   * the general path takes the record there.
   */
  private plain(bytes: Buffer, base: number, pos: number, limit: number): number {
    if (this.count < 0) return pos;
    for (;;) {
      const end = bytes.indexOf(LF, pos);
      if (end === -1 || end > limit || end === pos) return pos;
      const first = bytes[pos];
      if (first === 32 || first === 9) return pos;
      this.push(base + pos, this.line);
      this.line++;
      pos = end + 1;
    }
  }

  private grow(to = this.offsets.length * 2): void {
    const o = new Float64Array(to); o.set(this.offsets); this.offsets = o;
    const l = new Int32Array(to); l.set(this.lines); this.lines = l;
  }

  /** Makes room for about `records` records at once (a streamed scan's estimate from the file size), instead of doubling its way there. */
  reserve(records: number): void {
    if (records > this.offsets.length) this.grow(Math.ceil(records));
  }

  /** Records indexed so far (the header not counted). */
  get records(): number { return Math.max(0, this.count); }

  private record(bytes: Uint8Array, base: number, pos: number, end: number, line: number): void {
    const contentEnd = end > pos && bytes[end - 1] === CR ? end - 1 : end;
    if (contentEnd === pos) {
      // An empty line: skipped by both parsers.
      if (this.count === -1) this.failed = true;
      this.simple = false;
      return;
    }
    for (let i = pos; i < contentEnd; i++) {
      const b = bytes[i]!;
      if (b !== 32 && b !== 9) break;
      if (i === contentEnd - 1) this.failed = true;
    }
    if (this.count >= 0) this.push(base + pos, line);
    else {
      if (line !== 1) this.failed = true;
      this.count++;
    }
  }

  /** Adds a data record starting at file offset `offset` on line `line`. */
  private push(offset: number, line: number): void {
    if (this.count >= this.offsets.length - 1) this.grow();
    this.offsets[this.count] = offset;
    this.lines[this.count] = line;
    this.count++;
  }

  /** The index, once every byte up to file offset `end` was scanned; null when the file is not of the simple shape. */
  finish(end: number): RecordIndex | null {
    if (this.failed || this.count < 0) return null;
    this.offsets[this.count] = end;
    return { count: this.count, offsets: this.offsets.subarray(0, this.count + 1), lines: this.lines.subarray(0, this.count), simple: this.simple };
  }
}

/** Indexes the records of UTF-8 `bytes` (after any BOM) in one piece; see RecordScanner. */
export function indexRecords(bytes: Uint8Array): RecordIndex | null {
  const s = new RecordScanner();
  s.scan(bytes, 0, true);
  return s.finish(bytes.length);
}
