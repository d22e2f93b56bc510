/**
 * The Arrow file's columns as they fill up from DuckDB's result vectors: each sink copies a
 * chunk's vector buffer to buffer (numbers, validity bits, string bytes), never through
 * JavaScript values, and gives any finished range of rows as Arrow data. Types as in
 * write-arrow.ts.
 */
import duckdb from '@duckdb/node-bindings';
import { Bool, DateDay, Dictionary, Float64, Int32, TimestampMillisecond, Utf8, makeData, makeVector, type Data, type DataType } from 'apache-arrow';
import type { StoredColumn } from '../../datasets/storage.ts';
import { utf8 } from '../write-arrow.ts';
import { typedView, type RawColumn } from './raw-chunks.ts';

/**
 * How a column arrives: `dictionary` given = the column holds its codes (an ENUM or small
 * integer); `hex64` = a UBIGINT written as its 16 lower-case hex digits (hashed ids).
 */
export type Fetched = { column: StoredColumn; dictionary?: readonly string[]; hex64?: boolean };

/** A column's null count and, when it has nulls, its validity bitmap (as makeData takes them). */
export type Nulls = { nullCount: number; nullBitmap?: Uint8Array };

/**
 * One column being filled: `add` copies a chunk's vector in at row `at`; `nullAt` is told each
 * NULL row after that; `slice` is rows [start, end) as Arrow data.
 */
export interface Sink {
  type: DataType;
  add(v: RawColumn, n: number, at: number): void;
  nullAt?(row: number): void;
  slice(start: number, end: number, nulls: Nulls): Data<DataType>;
}

type NumberArray = Float64Array | Int32Array | BigInt64Array;

function numbers<T extends DataType, A extends NumberArray>(type: T, out: A, zero: number | bigint): Sink {
  const Ctor = out.constructor as unknown as { new (b: ArrayBufferLike, offset: number, length: number): A; BYTES_PER_ELEMENT: number };
  return {
    type,
    add(v, n, at) {
      out.set(typedView(Ctor, v.data, n) as never, at);
    },
    // A NULL's slot holds whatever DuckDB left there.
    nullAt(row) {
      out[row] = zero as never;
    },
    slice: (start, end, nulls) => makeData({ type, length: end - start, ...nulls, data: out.subarray(start, end) } as never),
  };
}

function strings(length: number): Sink {
  const type = new Utf8();
  const offsets = new Int32Array(length + 1);
  let bytes = new Uint8Array(Math.max(64, length * 12));
  let used = 0;
  const reserve = (k: number) => {
    if (used + k <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, used + k));
    grown.set(bytes.subarray(0, used));
    bytes = grown;
  };
  return {
    type,
    add(v, n, at) {
      const base = v.data.byteOffset;
      const all = new Uint8Array(v.data.buffer);
      // Each entry is a 16-byte string_t: its length (little-endian), then the bytes of a string of up to 12, else a prefix and a pointer.
      const lens = typedView(Uint32Array, v.data, n * 4);
      const bits = v.valid;
      reserve(12 * n);
      for (let i = 0; i < n; i++) {
        if (!bits || (bits[i >> 3]! >> (i & 7)) & 1) {
          const len = lens[i * 4]!;
          if (len <= 12) for (let k = 0, from = base + i * 16 + 4; k < len; k++) bytes[used + k] = all[from + k]!;
          else {
            reserve(len);
            bytes.set(duckdb.get_data_from_pointer(v.data.buffer as ArrayBuffer, base + i * 16 + 8, len), used);
          }
          used += len;
        }
        offsets[at + i + 1] = used;
      }
    },
    // Offsets stay absolute: apache-arrow rebases a slice's offsets when it writes the batch.
    slice: (start, end, nulls) => makeData({ type, length: end - start, ...nulls, valueOffsets: offsets.subarray(start, end + 1), data: bytes.subarray(0, used) }),
  };
}

/** Byte → its two lower-case hex digits, as one little-endian 16-bit unit (first digit in the low byte). */
const HEX16 = Uint16Array.from({ length: 256 }, (_, b) => {
  const h = b.toString(16).padStart(2, '0');
  return h.charCodeAt(0) | (h.charCodeAt(1) << 8);
});

function hex64(length: number): Sink {
  const type = new Utf8();
  const offsets = new Int32Array(length + 1);
  // Every value is 16 bytes, so each starts on an even offset and takes its digits two at a time.
  const units = new Uint16Array(length * 8);
  let used = 0;
  return {
    type,
    add(v, n, at) {
      const raw = v.data;
      const bits = v.valid;
      for (let i = 0; i < n; i++) {
        if (!bits || (bits[i >> 3]! >> (i & 7)) & 1) {
          // Little-endian in memory: the most significant byte comes first in the text.
          const u = used >> 1;
          for (let b = 0; b < 8; b++) units[u + b] = HEX16[raw[i * 8 + 7 - b]!]!;
          used += 16;
        }
        offsets[at + i + 1] = used;
      }
    },
    slice: (start, end, nulls) => makeData({ type, length: end - start, ...nulls, valueOffsets: offsets.subarray(start, end + 1), data: new Uint8Array(units.buffer, 0, used) }),
  };
}

function booleans(length: number): Sink {
  const type = new Bool();
  const out = new Uint8Array(Math.ceil(length / 8));
  return {
    type,
    add(v, n, at) {
      const bytes = v.data;
      for (let i = 0; i < n; i++) if (bytes[i]) out[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    },
    slice: (start, end, nulls) => makeData({ type, length: end - start, ...nulls, data: out.subarray(start >> 3, (end + 7) >> 3) }),
  };
}

function codes(length: number, dictionary: readonly string[]): Sink {
  // One type and one dictionary vector for every batch: the writer then sends the dictionary once.
  const type = new Dictionary(new Utf8(), new Int32());
  const values = makeVector(utf8(dictionary));
  const out = new Int32Array(length);
  return {
    type,
    add(v, n, at) {
      // ENUM codes come as 1, 2 or 4 bytes (by dictionary size), small integer literals as 4.
      if (v.width === 8) {
        const items = typedView(BigInt64Array, v.data, n);
        for (let i = 0; i < n; i++) out[at + i] = Number(items[i]);
      } else out.set(v.width === 1 ? v.data.subarray(0, n) : v.width === 2 ? typedView(Uint16Array, v.data, n) : typedView(Int32Array, v.data, n), at);
    },
    slice: (start, end, nulls) => makeData({ type, length: end - start, ...nulls, data: out.subarray(start, end), dictionary: values }),
  };
}

/** The sink for column `f` of a result of `length` rows. */
export function sink(f: Fetched, length: number): Sink {
  if (f.dictionary) return codes(length, f.dictionary);
  if (f.hex64) return hex64(length);
  switch (f.column.kind) {
    case 'string': return strings(length);
    case 'boolean': return booleans(length);
    case 'timestamp': return numbers(new TimestampMillisecond(), new BigInt64Array(length), 0n);
    case 'date': return numbers(new DateDay(), new Int32Array(length), 0);
    case 'integer': return numbers(new Int32(), new Int32Array(length), 0);
    case 'number': return numbers(new Float64(), new Float64Array(length), 0);
  }
}
