/**
 * The same dashboard views computed by DuckDB-WASM (over Arrow, as in the browser but without
 * the worker round trip) and by native DuckDB (node-api, the same tables in memory): WASM's cost over the floor.
 */
import type { Config } from '../kpi/config.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { openNodeRunner } from '../kpi/runner-node.ts';
import { FILTERED_PAGES } from '../i18n/strings.ts';
import { computeView, type ViewState } from '../views/model.ts';
import { openWasmNodeRunner } from './wasm-node.ts';

export interface EngineComparison { views: number; native_ms: number; wasm_ms: number; ratio: number }

async function timeViews(runner: SqlRunner, states: readonly ViewState[], config: Config, asOf: number): Promise<number> {
  const t0 = performance.now();
  for (const page of FILTERED_PAGES) for (const s of states) await computeView(runner, page, s, { config, asOf });
  return performance.now() - t0;
}

/** Computes every filtered page for each state on both engines; the first state warms each up and is not timed. */
export async function compareEngines(dataDir: string, states: readonly ViewState[], config: Config, asOf: number): Promise<EngineComparison> {
  const native = await openNodeRunner(dataDir, { inMemory: true });
  try {
    const wasm = await openWasmNodeRunner(dataDir);
    await timeViews(native, states.slice(0, 1), config, asOf);
    await timeViews(wasm, states.slice(0, 1), config, asOf);
    const rest = states.slice(1);
    const nativeMs = await timeViews(native, rest, config, asOf);
    const wasmMs = await timeViews(wasm, rest, config, asOf);
    return { views: rest.length * FILTERED_PAGES.length, native_ms: Math.round(nativeMs), wasm_ms: Math.round(wasmMs), ratio: +(wasmMs / nativeMs).toFixed(2) };
  } finally {
    native.close();
  }
}
