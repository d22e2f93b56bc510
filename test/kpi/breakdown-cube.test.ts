/**
 * Breakdowns with a cube must return, for every whole-bucket period and filter, exactly the rows
 * of their SQL (same keys, order and values; means to 12 significant digits), on the sample.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { BREAKDOWNS } from '../../src/kpi/breakdowns.ts';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { loadConfig } from '../../src/kpi/config.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { runBreakdown } from '../../src/kpi/slices.ts';
import { parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup, silentEffects, tempDir } from '../helpers.ts';

let runner: NodeRunner;
beforeAll(async () => {
  const dir = join(await tempDir('hsq-bdcube-'), 'out');
  await ingest({ inDir: 'data/sample', outDir: dir, salt: 'cube' }, silentEffects());
  runner = await openNodeRunner(dir);
});
afterAll(async () => {
  runner.close();
  await cleanup();
});

const norm = (rows: unknown) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v)));

it('every cubed breakdown equals its SQL for months, quarters, halves, years and YTD, with and without filters', async () => {
  const config = await loadConfig('data/quality.config.json', KPI_IDS);
  const asOf = parseLocalTimestamp(runner.manifest.as_of!)!;
  const cubed = BREAKDOWNS.filter((b) => b.cube);
  expect(cubed.map((b) => b.id)).toEqual(['satisfaction_by_dimension', 'complaints_by_category', 'complaint_response_distribution', 'recurring_complaints', 'complaint_backlog', 'inspections_by_item', 'inspections_by_method', 'inspection_failures', 'incident_reporting_delay']);
  const filters = [{}, { branch: '丰台店' }, { serviceType: 'daily_cleaning' }, { branch: '海淀店', serviceType: 'deep_cleaning' }, { branch: 'no such branch' }];
  let nonEmpty = 0;
  for (const id of ['2026-Q3', '2026-05', '2025', '2026-YTD', '2026-H1', '2025-Q4', '2024-12']) {
    for (const filter of filters) {
      const ctx = { period: parsePeriod(id, asOf), asOf, config, filter };
      for (const b of cubed) {
        const raw = await runBreakdown(runner, b.id, ctx, { cube: false });
        const cube = await runBreakdown(runner, b.id, ctx);
        expect(norm(cube), `${b.id} ${id} ${JSON.stringify(filter)}`).toEqual(norm(raw));
        if (raw.some((r) => Object.values(r).some((v) => typeof v === 'number' && v > 0))) nonEmpty++;
      }
    }
  }
  // The comparison must have had something to compare.
  expect(nonEmpty).toBeGreaterThan(100);
});
