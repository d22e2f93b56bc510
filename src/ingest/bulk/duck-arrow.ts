/**
 * The browser's Arrow file straight from a DuckDB result (the bulk ingest): each chunk's
 * vectors go into the column sinks (arrow-sinks.ts), and every BATCH_ROWS rows go out as a
 * record batch to the file while the next rows are read.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Field, RecordBatch, Schema, Struct, Table, makeData } from 'apache-arrow';
import { arrowFileWriter } from './arrow-file.ts';
import { sink, type Fetched, type Sink } from './arrow-sinks.ts';
import { eachRawChunk } from './raw-chunks.ts';

export type { Fetched } from './arrow-sinks.ts';

/** Rows per record batch (a multiple of 8, so every batch's bitmaps start on a byte). */
const BATCH_ROWS = 65_536;

/**
 * Runs each of `sqls` in turn (columns in the order of `fetched`, typed as the bulk ingest
 * selects them: timestamps BIGINT ms, dates INTEGER days, dictionary columns as codes) and
 * writes all their rows, `length` in all and in that order, to the Arrow file `path`, handing
 * each record batch to `onBatch` too. Returns the rows as a table (sharing the batches' buffers).
 */
export async function writeArrowFromDuckDb(
  conn: DuckDBConnection, sqls: readonly string[], fetched: readonly Fetched[], length: number, path: string, onBatch: (batch: RecordBatch) => void,
): Promise<Table> {
  const sinks = fetched.map((f) => sink(f, length));
  const schema = new Schema(fetched.map((f, c) => new Field(f.column.name, sinks[c]!.type, true)));
  const valid = fetched.map(() => new Uint8Array(Math.ceil(length / 8)).fill(0xff));
  const nulls = fetched.map(() => 0);
  const nullsBefore = fetched.map(() => 0);
  const batches: RecordBatch[] = [];
  const file = await arrowFileWriter(path);
  let done = 0;
  const emit = (end: number) => {
    const children = sinks.map((s, c) => {
      const count = nulls[c]! - nullsBefore[c]!;
      nullsBefore[c] = nulls[c]!;
      return s.slice(done, end, count > 0 ? { nullCount: count, nullBitmap: valid[c]!.subarray(done >> 3, (end + 7) >> 3) } : { nullCount: 0 });
    });
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: end - done, nullCount: 0, children }));
    file.write(batch);
    onBatch(batch);
    batches.push(batch);
    done = end;
  };
  try {
    let at = 0;
    for (const sql of sqls) {
      at = await fetchInto(conn, sql, sinks, valid, nulls, at, length, (rows) => {
        if (rows - done >= BATCH_ROWS && rows % 8 === 0) emit(rows);
      });
    }
    if (at !== length) throw new Error(`bulk ingest: expected ${length} rows, got ${at} from: ${sqls.join('; ')}`);
    if (at > done || batches.length === 0) emit(at);
    await file.finish();
  } catch (e) {
    await file.abort();
    throw e;
  }
  return new Table(schema, batches);
}

async function fetchInto(
  conn: DuckDBConnection, sql: string, sinks: Sink[], valid: Uint8Array[], nulls: number[], at: number, length: number, filled: (rows: number) => void,
): Promise<number> {
  await eachRawChunk(conn, sql, (columns, n) => {
    if (at + n > length) throw new Error(`bulk ingest: expected ${length} rows, more from: ${sql}`);
    for (let c = 0; c < sinks.length; c++) {
      const v = columns[c]!;
      const s = sinks[c]!;
      s.add(v, n, at);
      const bits = v.valid;
      if (!bits) continue;
      // The one walk over the chunk's NULLs (a mask byte at a time): the column's bitmap, its count, the sink.
      const out = valid[c]!;
      for (let b = 0; b < (n + 7) >> 3; b++) {
        if (bits[b] === 0xff) continue;
        for (let i = b << 3, end = Math.min(n, i + 8); i < end; i++) {
          if ((bits[b]! >> (i & 7)) & 1) continue;
          out[(at + i) >> 3]! &= ~(1 << ((at + i) & 7));
          nulls[c]!++;
          s.nullAt?.(at + i);
        }
      }
    }
    at += n;
    filled(at);
  });
  return at;
}
