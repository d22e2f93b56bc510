/**
 * Arrow columns straight from a DuckDB result: each chunk's vectors are copied buffer to buffer
 * (numbers, validity bits, string bytes), never turned into JavaScript values. The bulk ingest
 * writes the browser's Arrow files this way; the types are those of write-arrow.ts.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Bool, DateDay, Dictionary, Float64, Int32, Table, TimestampMillisecond, Utf8, makeData, makeVector, type Data, type DataType } from 'apache-arrow';
import type { StoredColumn } from '../../datasets/storage.ts';
import { utf8 } from '../write-arrow.ts';
import { eachRawChunk, typedView, type RawColumn } from './raw-chunks.ts';

/**
 * How a column arrives: `dictionary` given = the column holds its codes (an ENUM or small
 * integer); `hex64` = a UBIGINT written as its 16 lower-case hex digits (hashed ids).
 */
export type Fetched = { column: StoredColumn; dictionary?: readonly string[]; hex64?: boolean };

/** A column's null count and, when it has nulls, its validity bitmap (as makeData takes them). */
type Nulls = { nullCount: number; nullBitmap?: Uint8Array };

interface Sink { add(v: RawColumn, n: number, at: number): void; data(nulls: Nulls): Data<DataType> }

type NumberArray = Float64Array | Int32Array | BigInt64Array;

function numbers<T extends DataType, A extends NumberArray>(type: T, out: A, zero: number | bigint): Sink {
  const Ctor = out.constructor as unknown as { new (b: ArrayBufferLike, offset: number, length: number): A; BYTES_PER_ELEMENT: number };
  return {
    add(v, n, at) {
      out.set(typedView(Ctor, v.data, n) as never, at);
      const bits = v.valid;
      if (bits) for (let i = 0; i < n; i++) if (!((bits[i >> 3]! >> (i & 7)) & 1)) out[at + i] = zero as never;
    },
    data: (nulls) => makeData({ type, length: out.length, ...nulls, data: out } as never),
  };
}

function strings(length: number): Sink {
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
    add(v, n, at) {
      const view = new DataView(v.data.buffer, v.data.byteOffset, v.data.byteLength);
      const base = view.byteOffset;
      const all = new Uint8Array(view.buffer);
      const bits = v.valid;
      for (let i = 0; i < n; i++) {
        if (!bits || (bits[i >> 3]! >> (i & 7)) & 1) {
          const off = i * 16;
          const len = view.getUint32(off, true);
          reserve(len);
          // DuckDB keeps strings of up to 12 bytes inside the vector, longer ones behind a pointer.
          if (len <= 12) for (let k = 0, from = base + off + 4; k < len; k++) bytes[used + k] = all[from + k]!;
          else bytes.set(duckdb.get_data_from_pointer(view.buffer as ArrayBuffer, base + off + 8, len), used);
          used += len;
        }
        offsets[at + i + 1] = used;
      }
    },
    data: (nulls) => makeData({ type: new Utf8(), length, ...nulls, valueOffsets: offsets, data: bytes.subarray(0, used) }),
  };
}

/** Byte → its two lower-case hex digits, as one little-endian 16-bit unit (first digit in the low byte). */
const HEX16 = Uint16Array.from({ length: 256 }, (_, b) => {
  const h = b.toString(16).padStart(2, '0');
  return h.charCodeAt(0) | (h.charCodeAt(1) << 8);
});

function hex64(length: number): Sink {
  const offsets = new Int32Array(length + 1);
  // Every value is 16 bytes, so each starts on an even offset and takes its digits two at a time.
  const units = new Uint16Array(length * 8);
  let used = 0;
  return {
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
    data: (nulls) => makeData({ type: new Utf8(), length, ...nulls, valueOffsets: offsets, data: new Uint8Array(units.buffer, 0, used) }),
  };
}

function booleans(length: number): Sink {
  const out = new Uint8Array(Math.ceil(length / 8));
  return {
    add(v, n, at) {
      const bytes = v.data;
      for (let i = 0; i < n; i++) if (bytes[i]) out[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    },
    data: (nulls) => makeData({ type: new Bool(), length, ...nulls, data: out }),
  };
}

function codes(length: number, dictionary: readonly string[]): Sink {
  const out = new Int32Array(length);
  return {
    add(v, n, at) {
      // ENUM codes come as 1, 2 or 4 bytes (by dictionary size), small integer literals as 4.
      if (v.width === 8) {
        const items = typedView(BigInt64Array, v.data, n);
        for (let i = 0; i < n; i++) out[at + i] = Number(items[i]);
      } else out.set(v.width === 1 ? v.data.subarray(0, n) : v.width === 2 ? typedView(Uint16Array, v.data, n) : typedView(Int32Array, v.data, n), at);
    },
    data: (nulls) => makeData({ type: new Dictionary(new Utf8(), new Int32()), length, ...nulls, data: out, dictionary: makeVector(utf8(dictionary)) }),
  };
}

function sink(f: Fetched, length: number): Sink {
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

/**
 * Runs each of `sqls` in turn (columns in the order of `fetched`, typed as the bulk ingest
 * selects them: timestamps BIGINT ms, dates INTEGER days, dictionary columns as codes) and
 * returns an Arrow table of all their rows, `length` in all, in that order.
 */
export async function arrowFromDuckDb(conn: DuckDBConnection, sqls: readonly string[], fetched: readonly Fetched[], length: number): Promise<Table> {
  const sinks = fetched.map((f) => sink(f, length));
  const valid = fetched.map(() => new Uint8Array(Math.ceil(length / 8)).fill(0xff));
  const nulls = fetched.map(() => 0);
  let at = 0;
  for (const sql of sqls) at = await fetchInto(conn, sql, sinks, valid, nulls, at, length);
  if (at !== length) throw new Error(`bulk ingest: expected ${length} rows, got ${at} from: ${sqls.join('; ')}`);
  return new Table(Object.fromEntries(fetched.map((f, c) => [f.column.name, makeVector(sinks[c]!.data(nulls[c]! > 0 ? { nullCount: nulls[c]!, nullBitmap: valid[c]! } : { nullCount: 0 }))])));
}

async function fetchInto(conn: DuckDBConnection, sql: string, sinks: Sink[], valid: Uint8Array[], nulls: number[], at: number, length: number): Promise<number> {
  await eachRawChunk(conn, sql, (columns, n) => {
    if (at + n > length) throw new Error(`bulk ingest: expected ${length} rows, more from: ${sql}`);
    for (let c = 0; c < sinks.length; c++) {
      const v = columns[c]!;
      sinks[c]!.add(v, n, at);
      const bits = v.valid;
      if (!bits) continue;
      const out = valid[c]!;
      for (let i = 0; i < n; i++) {
        if ((bits[i >> 3]! >> (i & 7)) & 1) continue;
        out[(at + i) >> 3]! &= ~(1 << ((at + i) & 7));
        nulls[c]!++;
      }
    }
    at += n;
  });
  return at;
}
