/**
 * The staging CSV DuckDB turns into Parquet, written straight from the Arrow columns' buffers:
 * strings are copied as the UTF-8 bytes already encoded for Arrow, numbers as ASCII digits. One
 * byte loop per chunk of rows instead of a JS string per field (1M orders: 6 s → 1.3 s).
 *
 * Format: no header; NULL is an empty unquoted field; every string is quoted with `"` doubled
 * (so an empty string or "NULL" stays a string); timestamps as epoch ms, dates as day numbers.
 */
import type { Data, Table } from 'apache-arrow';
import type { StoredColumn } from '../datasets/storage.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
/** "false", "true" as bytes, indexed by the bit. */
const TRUE_FALSE = [[0x66, 0x61, 0x6c, 0x73, 0x65], [0x74, 0x72, 0x75, 0x65]] as const;

interface Col {
  kind: StoredColumn['kind'];
  /** Dictionary codes or Int32 values; Int64 values (epoch ms); doubles; boolean bits. */
  i32: Int32Array;
  i64: BigInt64Array;
  f64: Float64Array;
  bits: Uint8Array;
  /** Validity bitmap (bit set = present); null when nothing is null. */
  valid: Uint8Array | null;
  bytes: Uint8Array;
  offsets: Int32Array;
  /** True when the strings are a dictionary (codes in `i32`). */
  dict: boolean;
  /** Longest field of the column, in bytes, quotes and doubled quotes included. */
  max: number;
}

const NONE = { i32: new Int32Array(0), i64: new BigInt64Array(0), f64: new Float64Array(0), bits: new Uint8Array(0), bytes: new Uint8Array(0), offsets: new Int32Array(1) };

/** Column readers over a table built by `toArrowTable` (one batch per column). */
function columnsOf(table: Table, columns: readonly StoredColumn[]): Col[] {
  return columns.map((c) => {
    const data: Data = table.getChild(c.name)!.data[0]!;
    const valid = data.nullCount > 0 ? data.nullBitmap! : null;
    if (c.kind !== 'string') {
      const values = c.kind === 'timestamp' ? { i64: data.values as BigInt64Array } : c.kind === 'number' ? { f64: data.values as Float64Array }
        : c.kind === 'boolean' ? { bits: data.values as Uint8Array } : { i32: data.values as Int32Array };
      return { ...NONE, ...values, kind: c.kind, valid, dict: false, max: 24 };
    }
    const strings: Data = data.dictionary ? data.dictionary.data[0]! : data;
    const offsets = strings.valueOffsets as Int32Array;
    let max = 0;
    for (let i = 0; i + 1 < offsets.length; i++) max = Math.max(max, offsets[i + 1]! - offsets[i]!);
    return { ...NONE, i32: data.values as Int32Array, kind: c.kind, valid, bytes: strings.values as Uint8Array, offsets, dict: !!data.dictionary, max: 2 * max + 2 };
  });
}

/** Yields the staging CSV of `table` in chunks of about `chunkBytes`. */
export function* stagingCsv(table: Table, columns: readonly StoredColumn[], chunkBytes = 4 << 20): Generator<Uint8Array> {
  const cols = columnsOf(table, columns);
  const rowMax = cols.reduce((n, c) => n + c.max + 1, 1);
  const digits = new Uint8Array(24);
  const buf = new Uint8Array(Math.max(chunkBytes, rowMax) + rowMax);
  let at = 0;
  const n = table.numRows;
  for (let r = 0; r < n; r++) {
    if (at + rowMax > buf.length) {
      yield buf.slice(0, at);
      at = 0;
    }
    for (let i = 0; i < cols.length; i++) {
      if (i > 0) buf[at++] = COMMA;
      const c = cols[i]!;
      if (c.valid !== null && ((c.valid[r >> 3]! >> (r & 7)) & 1) === 0) continue;
      if (c.kind === 'string') {
        const s = c.dict ? c.i32[r]! : r;
        const to = c.offsets[s + 1]!;
        const bytes = c.bytes;
        buf[at++] = QUOTE;
        for (let b = c.offsets[s]!; b < to; b++) {
          const byte = bytes[b]!;
          if (byte === QUOTE) buf[at++] = QUOTE;
          buf[at++] = byte;
        }
        buf[at++] = QUOTE;
      } else if (c.kind === 'boolean') {
        const word = TRUE_FALSE[(c.bits[r >> 3]! >> (r & 7)) & 1]!;
        for (let k = 0; k < word.length; k++) buf[at++] = word[k]!;
      } else if (c.kind === 'number') {
        const text = String(c.f64[r]);
        for (let k = 0; k < text.length; k++) buf[at++] = text.charCodeAt(k);
      } else {
        // Whole numbers: epoch ms (BigInt64), day numbers and integers (Int32).
        let v = c.kind === 'timestamp' ? Number(c.i64[r]!) : c.i32[r]!;
        if (v < 0) { buf[at++] = 0x2d; v = -v; }
        let d = 0;
        do { digits[d++] = 0x30 + (v % 10); v = Math.floor(v / 10); } while (v > 0);
        while (d > 0) buf[at++] = digits[--d]!;
      }
    }
    buf[at++] = NEWLINE;
  }
  if (at > 0) yield buf.slice(0, at);
}
