/** The floor we compare ingest with: DuckDB's own `read_csv` of the same files into tables. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { lit } from '../lib/sql-text.ts';

/** Milliseconds for DuckDB (native, in memory) to load every CSV in `dir` into a table. */
export async function duckdbReadCsvMs(dir: string): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const t0 = performance.now();
    for (const [i, f] of files.entries()) await conn.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv(${lit(join(dir, f))})`);
    return performance.now() - t0;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
