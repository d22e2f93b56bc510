/**
 * One lazy, memoised DuckDB-WASM runner for the page (Mosaic's pattern). The bundles are
 * self-hosted (Vite emits them with the site), loaded only when first asked for, i.e. after first
 * paint; the data arrives as Arrow IPC, which DuckDB-WASM reads without any extension.
 */
import type { SqlRunner } from '../kpi/runner.ts';
import { seedSliceCache } from '../kpi/engine.ts';
import { openWasmRunner, type WasmConnection } from '../kpi/runner-wasm.ts';

let pending: Promise<SqlRunner> | null = null;

/**
 * The runner over the site's Arrow files (`name → URL`), created on first call; `slices` is the
 * URL of the KPI rows the build precomputed, which seed its slice cache.
 */
export function getRunner(arrow: Record<string, string>, slices?: string): Promise<SqlRunner> {
  pending ??= open(arrow, slices);
  return pending;
}

/** How long loading may take before the page gives up and says filters are unavailable. */
const LOAD_TIMEOUT_MS = 45_000;

/** A runner over Arrow bytes already in memory (dropped files) in its own database; `close` ends it. */
export async function openRunnerOver(arrow: ReadonlyMap<string, Uint8Array>): Promise<{ runner: SqlRunner; close(): void }> {
  const { db } = await withTimeout(instantiate());
  const conn = await db.connect();
  return { runner: await openWasmRunner(conn as unknown as WasmConnection, arrow), close: () => void db.terminate() };
}

async function open(arrow: Record<string, string>, slices?: string): Promise<SqlRunner> {
  return withTimeout((async () => {
    // Precomputed slices only save queries: without them (a missing file) every KPI is still computed here.
    const seed = slices ? fetch(slices).then((r) => (r.ok ? r.json() as Promise<[string, Record<string, unknown> | null][]> : []), () => []) : Promise.resolve([]);
    const { db } = await instantiate();
    const files = await Promise.all(Object.entries(arrow).map(async ([name, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return [name, new Uint8Array(await res.arrayBuffer())] as const;
    }));
    const conn = await db.connect();
    const runner = await openWasmRunner(conn as unknown as WasmConnection, new Map(files));
    seedSliceCache(runner, await seed);
    return runner;
  })());
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`DuckDB-WASM did not load within ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A new DuckDB-WASM database in its own worker, from the self-hosted bundles. */
async function instantiate() {
  const [duckdb, mvpWasm, mvpWorker, ehWasm, ehWorker] = await Promise.all([
    import('@duckdb/duckdb-wasm'),
    import('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url'),
  ]);
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm.default, mainWorker: mvpWorker.default },
    eh: { mainModule: ehWasm.default, mainWorker: ehWorker.default },
  });
  const worker = new Worker(bundle.mainWorker!);
  // A worker that fails to load reports it only as an event; turn that into a rejection.
  const workerFailed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(`DuckDB worker failed: ${e.message || 'could not load'}`)), { once: true }));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker), workerFailed]);
  return { db };
}
