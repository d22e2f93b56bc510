/**
 * The DuckDB-WASM runner: the same SQL over tables loaded from the Arrow IPC files. Works with
 * the browser's AsyncDuckDBConnection and with the blocking Node build used in tests.
 */
import { derivedStatements } from './derived.ts';
import { plainRows, QueryError, type SqlParam, type SqlRunner } from './runner.ts';

interface ArrowLike { toArray(): { toJSON(): Record<string, unknown> }[] }
interface Stmt { query(...params: unknown[]): ArrowLike | Promise<ArrowLike> }
/** The subset of (Async)DuckDBConnection the runner uses. */
export interface WasmConnection {
  prepare(sql: string): Stmt | Promise<Stmt>;
  query(sql: string): unknown;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): unknown;
}

/** Results kept per (SQL, parameters): the tables never change after loading, so a repeated view is free. */
const CACHE_LIMIT = 2000;

/** Loads each `name → Arrow IPC bytes` as a table and returns a runner over them. */
export async function openWasmRunner(conn: WasmConnection, arrow: ReadonlyMap<string, Uint8Array>): Promise<SqlRunner> {
  for (const [name, bytes] of arrow) await conn.insertArrowFromIPCStream(bytes, { name, create: true });
  const names = new Set(arrow.keys());
  for (const sql of derivedStatements(names)) {
    try {
      await conn.query(sql);
    } catch (e) {
      throw new QueryError(sql, e);
    }
  }
  const prepared = new Map<string, Stmt>();
  const results = new Map<string, Promise<Record<string, unknown>[]>>();
  const run = async (sql: string, params: readonly SqlParam[]) => {
    try {
      let stmt = prepared.get(sql);
      if (!stmt) prepared.set(sql, (stmt = await conn.prepare(sql)));
      const table = await stmt.query(...params);
      return plainRows(table.toArray().map((r) => r.toJSON()));
    } catch (e) {
      throw new QueryError(sql, e);
    }
  };
  return {
    query(sql: string, params: readonly SqlParam[] = []) {
      const key = `${JSON.stringify(params)}\u0000${sql}`;
      let hit = results.get(key);
      if (!hit) {
        if (results.size >= CACHE_LIMIT) results.delete(results.keys().next().value!);
        hit = run(sql, params);
        hit.catch(() => results.delete(key));
        results.set(key, hit);
      }
      // Callers may mutate rows; each gets its own copy.
      return hit.then((rows) => rows.map((r) => ({ ...r })));
    },
    async tables() {
      return names;
    },
  };
}
