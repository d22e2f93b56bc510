/**
 * Breakdowns with a cube or a roster must return, for every whole-bucket period and filter, exactly the rows
 * of their SQL (same keys, order and values; means to 12 significant digits), on the sample.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { BREAKDOWNS } from '../../src/kpi/breakdowns.ts';
import { yearsBetween } from '../../src/kpi/roster.ts';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { loadConfig } from '../../src/kpi/config.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { runBreakdown } from '../../src/kpi/slices.ts';
import { formatLocalDate, parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

/** Staff on the edges the roster code must get right: leaving or hired exactly on a bound, 29 February, no birth date. */
const EDGES = {
  'staff.csv': [
    'staff_id,branch,hired_at,left_at,birth_date,gender',
    'E1,A店,2024-03-01,2026-01-01,1990-05-05,female', // leaves on the year start
    'E2,A店,2024-03-01,2026-04-01,2008-02-29,male', // leaves on Q2's first day; 29 February birthday
    'E3,B店,2026-07-01,,2000-02-29,female', // hired on Q3's first day
    'E4,B店,2026-04-01,2026-06-30,,female', // no birth date
    'E5,A店,2025-12-31,,1966-07-01,female', // 60 on 2026-07-01
    'E6,B店,2026-10-01,,1966-09-30,male', // hired on Q4's first day
  ].join('\n'),
  'trainings.csv': [
    'staff_id,trained_at,topic,assessed,passed',
    'E1,2026-01-01,safety,否,', 'E2,2026-01-01,skills,否,', 'E2,2026-03-31,ethics,否,', 'E2,2026-04-01,safety,否,',
    'E3,2026-07-01,skills,否,', 'E3,2026-09-30,ethics,否,', 'E3,2026-10-01,safety,否,', 'E5,2025-12-31,skills,否,', 'E5,2026-06-30,ethics,否,',
  ].join('\n'),
  // Occurring or closed exactly at an as-of the test uses (2026-11-20 12:00, 2026-09-30 10:00).
  'incidents.csv': [
    'incident_id,occurred_at,reported_at,closed_at,branch,type,severity',
    'I1,2026-11-20 12:00,,,A店,injury,high', 'I2,2026-09-01 08:00,2026-09-01 09:00,2026-09-30 10:00,B店,theft,',
    'I3,2026-09-30 10:00,,2026-10-02 10:00,A店,other,low', 'I0,2026-09-30 10:00,,,B店,property,medium',
  ].join('\n'),
};

let runner: NodeRunner;
let edges: NodeRunner;
beforeAll(async () => {
  const dir = join(await tempDir('hsq-bdcube-'), 'out');
  await ingest({ inDir: 'data/sample', outDir: dir, salt: 'cube' }, silentEffects());
  runner = await openNodeRunner(dir);
  const edgeDir = await tempDir('hsq-edges-');
  await writeFiles(join(edgeDir, 'in'), EDGES);
  await ingest({ inDir: join(edgeDir, 'in'), outDir: join(edgeDir, 'out'), salt: 'edges', asOf: '2026-11-20 12:00' }, silentEffects());
  edges = await openNodeRunner(join(edgeDir, 'out'));
});
afterAll(async () => {
  runner.close();
  edges.close();
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
        const raw = await runBreakdown(runner, b.id, ctx, { fast: false, reduce: false });
        const cube = await runBreakdown(runner, b.id, ctx, { reduce: false });
        expect(norm(cube), `${b.id} ${id} ${JSON.stringify(filter)}`).toEqual(norm(raw));
        if (raw.some((r) => Object.values(r).some((v) => typeof v === 'number' && v > 0))) nonEmpty++;
      }
    }
  }
  // The comparison must have had something to compare.
  expect(nonEmpty).toBeGreaterThan(100);
});

it.each(['sample', 'edges'])('every roster breakdown equals its SQL for any period (months, quarters, years, YTD, odd ranges), branch and age bounds: %s', async (data) => {
  const db = data === 'sample' ? runner : edges;
  const base = await loadConfig('data/quality.config.json', KPI_IDS);
  const asOfs = [parseLocalTimestamp(db.manifest.as_of!)!, parseLocalTimestamp('2026-09-30 10:00')!];
  const rostered = BREAKDOWNS.filter((b) => b.roster);
  expect(rostered.map((b) => b.id)).toEqual(['training_counts', 'workforce_by_month', 'age_eligibility', 'open_incidents']);
  const configs = [base, { ...base, age_bounds: { min: 25, max: 50, female_max: 45 } }];
  const odd = { id: 'odd', kind: 'month' as const, start: Date.UTC(2025, 10, 17), end: Date.UTC(2026, 1, 3), months: 3 };
  // Starts on a 31st: range() steps Jan 31 → Feb 28 → Mar 28.
  const late = { id: 'late', kind: 'month' as const, start: Date.UTC(2026, 0, 31), end: Date.UTC(2026, 5, 1), months: 4 };
  const periods = (asOf: number) => [...['2026-Q3', '2026-Q2', '2026-Q4', '2026-05', '2026-01', '2026-07', '2025', '2026', '2026-YTD', '2026-H1', '2025-Q4', '2024-12', '2019'].map((id) => parsePeriod(id, asOf)), odd, late];
  const rows = new Map<string, number>();
  for (const [period, asOf] of asOfs.flatMap((asOf) => periods(asOf).map((p) => [p, asOf] as const))) {
    for (const filter of [{}, { branch: '丰台店' }, { branch: '通州店' }, { branch: 'A店' }, { branch: 'B店' }, { branch: 'no such branch' }]) {
      for (const config of configs) {
        const ctx = { period, asOf, config, filter };
        for (const b of rostered) {
          const raw = await runBreakdown(db, b.id, ctx, { fast: false, reduce: false });
          expect(await runBreakdown(db, b.id, ctx, { reduce: false }), `${b.id} ${period.id} ${JSON.stringify(filter)}`).toEqual(raw);
          rows.set(b.id, (rows.get(b.id) ?? 0) + raw.length);
        }
      }
    }
  }
  // Thousands of staff rows and over a hundred outside the age bounds on the sample; dozens on the edges.
  expect(rows.get('training_counts')).toBeGreaterThan(data === 'sample' ? 5000 : 50);
  expect(rows.get('age_eligibility')).toBeGreaterThan(data === 'sample' ? 100 : 20);
  expect(rows.get('open_incidents')).toBeGreaterThan(data === 'sample' ? 100 : 20);
});

it("whole years between two days match DuckDB's age(), 29 February and month ends included", async () => {
  const days = ['2000-02-29', '1999-03-01', '1980-12-31', '1990-01-01', '2004-02-28', '1975-06-15'].map((d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8)));
  const ends = ['2026-02-28', '2028-02-28', '2028-02-29', '2026-03-01', '2026-12-30', '2026-12-31', '2026-06-14', '2026-06-15'].map((d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8)));
  for (const birth of days) {
    for (const end of ends) {
      const [row] = await runner.query("SELECT CAST(date_part('year', age(CAST(CAST($1 AS DATE) AS TIMESTAMP), CAST(CAST($2 AS DATE) AS TIMESTAMP))) AS INTEGER) AS y", [formatLocalDate(end), formatLocalDate(birth)]);
      expect(yearsBetween(birth, end), `${formatLocalDate(birth)} → ${formatLocalDate(end)}`).toBe(row!.y);
    }
  }
});
