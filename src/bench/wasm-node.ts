/**
 * DuckDB-WASM in Node (the blocking build, same engine and SQL as the browser's worker) over a
 * data directory's Arrow files: for parity tests and the WASM-against-native benchmark.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { Manifest } from '../ingest/manifest.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { openWasmRunner } from '../kpi/runner-wasm.ts';

const require = createRequire(import.meta.url);

/** Opens DuckDB-WASM with every dataset of `dataDir` loaded from its Arrow IPC file. */
export async function openWasmNodeRunner(dataDir: string): Promise<SqlRunner> {
  const bundles = {
    mvp: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const arrow = new Map<string, Uint8Array>();
  for (const d of Object.values(manifest.datasets)) arrow.set(d.name, new Uint8Array(await readFile(join(dataDir, d.arrow))));
  return openWasmRunner(db.connect(), arrow);
}
