/**
 * The same catalogue through DuckDB-WASM (Arrow IPC tables, as in the browser) and through the
 * build-time engine (node-api over Parquet), on the bundled sample data: identical results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { KPI_IDS, kpiById } from '../../src/kpi/catalogue.ts';
import { loadConfig } from '../../src/kpi/config.ts';
import { computeKpis, computeKpiSlices, prefetchKpis, seedSliceCache, sliceCacheEntries } from '../../src/kpi/engine.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { openWasmNodeRunner } from '../../src/bench/wasm-node.ts';
import { runBreakdowns } from '../../src/kpi/slices.ts';
import type { SqlRunner } from '../../src/kpi/runner.ts';
import { parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';
import { AS_OF, FILES } from './fixture.ts';

let nodeRunner: NodeRunner;
let wasmRunner: SqlRunner;
let dataDir: string;

beforeAll(async () => {
  dataDir = join(await tempDir('hsq-parity-'), 'out');
  await ingest({ inDir: 'data/sample', outDir: dataDir, salt: 'parity' }, silentEffects());
  nodeRunner = await openNodeRunner(dataDir);
  wasmRunner = await openWasmNodeRunner(dataDir);
});
afterAll(async () => {
  nodeRunner.close();
  await cleanup();
});

describe('DuckDB-WASM and node-api give identical KPIs on the sample', () => {
  const cases = [
    ['2026-Q3', {}], ['2026-07', {}], ['2025', {}], ['2026-YTD', {}], ['2026-Q3', { branch: '丰台店' }], ['2026-01', { serviceType: 'daily_cleaning' }],
  ] as const;
  it.each(cases)('%s %j', async (periodId, filter) => {
    const config = await loadConfig('data/quality.config.json', KPI_IDS);
    const asOf = parseLocalTimestamp(nodeRunner.manifest.as_of!)!;
    const ctx = { period: parsePeriod(periodId, asOf), asOf, filter, config };
    const a = await computeKpis(nodeRunner, ctx);
    const b = await computeKpis(wasmRunner, ctx);
    expect(a.length).toBeGreaterThanOrEqual(12);
    expect(a.some((r) => r.value !== null)).toBe(true);
    // Means are floating-point averages; allow for summation order, nothing else.
    const round = (rs: typeof a) => rs.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value.toPrecision(12)) }));
    expect(round(b)).toEqual(round(a));
  });

  it('breakdowns agree too (2026-Q3)', async () => {
    const config = await loadConfig('data/quality.config.json', KPI_IDS);
    const asOf = parseLocalTimestamp(nodeRunner.manifest.as_of!)!;
    const ctx = { period: parsePeriod('2026-Q3'), asOf, config };
    const norm = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v)));
    const a = await runBreakdowns(nodeRunner, ctx);
    expect(Object.values(a).every((rows) => rows.length > 0)).toBe(true);
    expect(norm(await runBreakdowns(wasmRunner, ctx))).toEqual(norm(a));
  });
});

describe('DuckDB-WASM with datasets missing', () => {
  it('loads the empty tables ingest writes for datasets without a file (no dictionary batches) and agrees with node-api', async () => {
    const d = await tempDir();
    // Orders and surveys only: staff, complaints and trainings become empty tables.
    await writeFiles(join(d, 'in'), { 'orders.csv': FILES['orders.csv'], 'surveys.csv': FILES['surveys.csv'] });
    await ingest({ inDir: join(d, 'in'), outDir: join(d, 'out'), asOf: AS_OF, salt: 's' }, silentEffects());
    const node = await openNodeRunner(join(d, 'out'));
    const wasm = await openWasmNodeRunner(join(d, 'out'));
    try {
      const config = await loadConfig('data/quality.config.json', KPI_IDS);
      const asOf = parseLocalTimestamp(AS_OF)!;
      const ctx = { period: parsePeriod('2026-Q3'), asOf, filter: {}, config };
      const a = await computeKpis(node, ctx);
      expect(a.find((r) => r.id === 'satisfaction_rate')?.value).not.toBeNull();
      expect(await computeKpis(wasm, ctx)).toEqual(a);
    } finally {
      node.close();
    }
  });
});

describe('KPI slices precomputed at build time', () => {
  it('equal what DuckDB-WASM computes, and a seeded runner asks DuckDB for none of them', async () => {
    const config = await loadConfig('data/quality.config.json', KPI_IDS);
    const asOf = parseLocalTimestamp(nodeRunner.manifest.as_of!)!;
    const ctxs = ['2026-Q3', '2026-05', '2025'].flatMap((id) => ['', '丰台店'].map((branch) => ({ period: parsePeriod(id, asOf), asOf, config, filter: { branch: branch || null, serviceType: null } })));
    await prefetchKpis(nodeRunner, ctxs);
    const entries = sliceCacheEntries(nodeRunner);
    const staffKpis = ['training_coverage_rate', 'staff_turnover_rate', 'background_check_rate'];
    expect(entries.length).toBeGreaterThanOrEqual(ctxs.length * staffKpis.length);
    // A fresh WASM runner seeded with the build's rows: the staff KPIs need no query at all.
    const fresh = await openWasmNodeRunner(dataDir);
    const seen: string[] = [];
    const counting: SqlRunner = { query: (sql, params) => { seen.push(sql); return fresh.query(sql, params); }, tables: () => fresh.tables() };
    seedSliceCache(counting, entries);
    const kpis = staffKpis.map(kpiById);
    const seeded = await computeKpiSlices(counting, ctxs, kpis, { cube: false });
    expect(seen).toEqual([]);
    // …and the same results as DuckDB-WASM computing them itself.
    expect(seeded).toEqual(await computeKpiSlices(wasmRunner, ctxs, kpis, { cube: false }));
  });
});
