/** Arrow IPC (stream format) for the browser: DuckDB-WASM loads it without any extension. */
import {
  Bool, DateDay, Dictionary, Float64, Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { StoredColumn } from '../datasets/storage.ts';

function arrowType(c: StoredColumn, empty: boolean): DataType {
  switch (c.kind) {
    // An empty table gets no dictionary batches, which DuckDB-WASM rejects ("did not have the
    // expected number of dictionaries"): plain strings then, VARCHAR in DuckDB either way.
    case 'string': return c.dictionary && !empty ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
    case 'timestamp': return new TimestampMillisecond();
    case 'date': return new DateDay();
    case 'integer': return new Int32();
    case 'number': return new Float64();
    case 'boolean': return new Bool();
  }
}

/** Encodes column arrays (one per stored column, same length) as an Arrow IPC stream. */
export function toArrowIpc(columns: readonly StoredColumn[], values: readonly unknown[][]): Uint8Array {
  const empty = (values[0]?.length ?? 0) === 0;
  const vectors = Object.fromEntries(columns.map((c, i) => [c.name, vectorFromArray(values[i]!, arrowType(c, empty))]));
  return tableToIPC(new Table(vectors), 'stream');
}
