/**
 * A DuckDB result read chunk by chunk as raw bytes: each column's data and validity straight
 * from DuckDB's C API (node-bindings), without node-api's wrapper object per vector, which
 * looks up the vector's type through several native calls each time (a fifth of the Arrow
 * build at 1M rows). Fixed-width types, ENUM codes and VARCHAR (16-byte string_t) only.
 */
import duckdb from '@duckdb/node-bindings';
import { DuckDBEnumType, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/** One column of a chunk: `width` bytes per row in `data`, and validity bits (null: no NULLs). */
export interface RawColumn { data: Uint8Array; valid: Uint8Array | null; width: number }

const WIDTH = new Map<DuckDBTypeId, number>([
  [DuckDBTypeId.BOOLEAN, 1], [DuckDBTypeId.TINYINT, 1], [DuckDBTypeId.UTINYINT, 1],
  [DuckDBTypeId.SMALLINT, 2], [DuckDBTypeId.USMALLINT, 2],
  [DuckDBTypeId.INTEGER, 4], [DuckDBTypeId.UINTEGER, 4], [DuckDBTypeId.DATE, 4], [DuckDBTypeId.FLOAT, 4],
  [DuckDBTypeId.BIGINT, 8], [DuckDBTypeId.UBIGINT, 8], [DuckDBTypeId.DOUBLE, 8], [DuckDBTypeId.TIMESTAMP, 8],
  [DuckDBTypeId.VARCHAR, 16],
]);

function widthOf(t: DuckDBType): number {
  const w = WIDTH.get(t instanceof DuckDBEnumType ? t.internalTypeId : t.typeId);
  if (w === undefined) throw new Error(`bulk ingest: no raw reader for DuckDB type ${t.toString()}`);
  return w;
}

/**
 * Runs `sql` and calls `visit` with each chunk's columns and row count, in result order;
 * returns the number of rows. The columns' bytes belong to the chunk: copy what you keep.
 */
export async function eachRawChunk(
  conn: DuckDBConnection, sql: string, visit: (columns: readonly RawColumn[], rows: number) => void, params?: Record<string, string>,
): Promise<number> {
  const result = await conn.stream(sql, params);
  const widths = result.columnTypes().map(widthOf);
  const raw = (result as unknown as { result: duckdb.Result }).result;
  let rows = 0;
  for (;;) {
    const chunk = await duckdb.fetch_chunk(raw);
    const n = chunk ? duckdb.data_chunk_get_size(chunk) : 0;
    if (!chunk || n === 0) return rows;
    const columns = widths.map((width, c) => {
      const v = duckdb.data_chunk_get_vector(chunk, c);
      const valid = duckdb.vector_get_validity(v, Math.ceil(n / 64) * 8) as Uint8Array | null;
      return { data: duckdb.vector_get_data(v, n * width), valid, width };
    });
    visit(columns, n);
    rows += n;
  }
}

/** `data` as `n` elements of a typed array (a view when aligned, else a copy). */
export function typedView<T extends Float64Array | BigInt64Array | BigUint64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  Ctor: { new (b: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, data: Uint8Array, n: number,
): T {
  const aligned = data.byteOffset % Ctor.BYTES_PER_ELEMENT === 0;
  const bytes = aligned ? data : data.slice(0, n * Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer, bytes.byteOffset, n);
}
