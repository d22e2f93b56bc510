/**
 * One lazy, memoised DuckDB-WASM runner for the page (Mosaic's pattern). The bundles are
 * self-hosted (Vite emits them with the site), loaded only when first asked for, i.e. after first
 * paint; the data arrives as Arrow IPC, which DuckDB-WASM reads without any extension.
 */
import type { SqlRunner } from '../kpi/runner.ts';
import { seedSliceCache } from '../kpi/engine.ts';
import { openWasmRunner, type WasmConnection } from '../kpi/runner-wasm.ts';
import { EngineLoadError, fetchBytes, watchLoad, type LoadProgress, type Report } from './load-watch.ts';

let pending: Promise<SqlRunner> | null = null;

/** Nothing received for this long (download or start-up) and the load is given up as stalled. */
const STALL_MS = 60_000;
/** Tests shorten the stall limit (`window.__hsqStallMs`) to see the stalled message without waiting a minute; answers and drill-down rows use it too. */
export const stallMs = (): number => (globalThis as { __hsqStallMs?: number }).__hsqStallMs ?? STALL_MS;

/**
 * The runner over the site's Arrow files (`name → URL`), created on first call; `slices` are KPI
 * rows the build precomputed (the page's answers), which seed its slice cache. `onProgress` hears
 * the bytes of the engine and the data as they arrive; a failure is an EngineLoadError saying why.
 */
export function getRunner(arrow: Record<string, string>, slices: readonly [string, Record<string, unknown> | null][] = [], onProgress?: (p: LoadProgress) => void): Promise<SqlRunner> {
  pending ??= watchLoad((report) => open(arrow, report, slices), { stallMs: stallMs(), onProgress });
  return pending;
}

/** A runner over Arrow bytes already in memory (dropped files) in its own database; `close` ends it. */
export async function openRunnerOver(arrow: ReadonlyMap<string, Uint8Array>, onProgress?: (p: LoadProgress) => void): Promise<{ runner: SqlRunner; close(): void }> {
  const { db } = await watchLoad((report) => instantiate(report), { stallMs: stallMs(), onProgress });
  const conn = await db.connect();
  return { runner: await openWasmRunner(conn as unknown as WasmConnection, arrow), close: () => void db.terminate() };
}

async function open(arrow: Record<string, string>, report: Report, slices: readonly [string, Record<string, unknown> | null][]): Promise<SqlRunner> {
  // The data downloads while the engine does, so a slow link is busy the whole time and progress never pauses.
  const files = Promise.all(Object.entries(arrow).map(async ([name, url]) => [name, await fetchBytes(url, `data:${name}`, report)] as const));
  files.catch(() => undefined);
  const { db } = await instantiate(report);
  const conn = await db.connect();
  const runner = await openWasmRunner(conn as unknown as WasmConnection, new Map(await files));
  seedSliceCache(runner, slices);
  return runner;
}

/** A new DuckDB-WASM database in its own worker, from the self-hosted bundles. */
async function instantiate(report: Report) {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') throw new EngineLoadError('unsupported', 'WebAssembly is not available in this browser');
  if (typeof Worker !== 'function') throw new EngineLoadError('unsupported', 'Web Workers are not available in this browser');
  report('engine', 0, 0);
  const [duckdb, mvpWasm, mvpWorker, ehWasm, ehWorker] = await Promise.all([
    import('@duckdb/duckdb-wasm'),
    import('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url'),
  ]).catch((e: unknown) => { throw new EngineLoadError('network', `the engine's scripts could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e }); });
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm.default, mainWorker: mvpWorker.default },
    eh: { mainModule: ehWasm.default, mainWorker: ehWorker.default },
  });
  const worker = new Worker(bundle.mainWorker!);
  // A worker that fails to load reports it only as an event (no status, no reason); turn that into a rejection.
  const workerFailed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new EngineLoadError('failed', `the engine's worker did not start: ${e.message || 'its script could not be loaded'}`)), { once: true }));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => report('engine', p.bytesLoaded, p.bytesTotal)), workerFailed]);
  return { db };
}
