/** The build-time runner: DuckDB (node-api) with one view per dataset over its Parquet file. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { Manifest } from '../ingest/manifest.ts';
import { derivedStatements } from './derived.ts';
import { plainRows, QueryError, type SqlParam, type SqlRunner } from './runner.ts';
import { ident, lit } from '../lib/sql-text.ts';

export interface NodeRunner extends SqlRunner { manifest: Manifest; close(): void }

/**
 * Reads `<dataDir>/manifest.json` and opens a runner over the Parquet files it lists: as views
 * (default), or loaded into memory tables (`inMemory`, the fair floor for comparing with DuckDB-WASM).
 */
export async function openNodeRunner(dataDir: string, opts: { inMemory?: boolean } = {}): Promise<NodeRunner> {
  const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const db = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await db.connect();
  const names = new Set<string>();
  for (const d of Object.values(manifest.datasets)) {
    await conn.run(`CREATE ${opts.inMemory ? 'TABLE' : 'VIEW'} ${ident(d.name)} AS SELECT * FROM read_parquet(${lit(resolve(dataDir, d.parquet))})`);
    names.add(d.name);
  }
  for (const sql of derivedStatements(names)) await conn.run(sql).catch((e: unknown) => { throw new QueryError(sql, e); });
  const prepared = new Map<string, DuckDBPreparedStatement>();
  return {
    manifest,
    async query(sql: string, params: readonly SqlParam[] = []) {
      try {
        let stmt = prepared.get(sql);
        if (!stmt) prepared.set(sql, (stmt = await conn.prepare(sql)));
        stmt.clearBindings();
        params.forEach((v, i) => (typeof v === 'number' ? (Number.isInteger(v) ? stmt.bindBigInt(i + 1, BigInt(v)) : stmt.bindDouble(i + 1, v)) : stmt.bindVarchar(i + 1, v)));
        const reader = await stmt.runAndReadAll();
        return plainRows(reader.getRowObjectsJS() as Record<string, unknown>[]);
      } catch (e) {
        throw new QueryError(sql, e);
      }
    },
    async tables() {
      return names;
    },
    close() {
      conn.closeSync();
      db.closeSync();
    },
  };
}
