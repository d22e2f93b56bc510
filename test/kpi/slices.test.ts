/**
 * Several slices (periods × branch × service type) in one query must give exactly what each
 * slice gives on its own: the multi-row `p` may not leak rows between slices. Checked on the
 * hand-worked fixture plus the optional datasets, where every KPI has rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { parseConfig } from '../../src/kpi/config.ts';
import { isBucketBound, splitDay } from '../../src/kpi/cube.ts';
import { computeKpis, computeKpiSlices, type KpiContext, type KpiResult } from '../../src/kpi/engine.ts';
import { parsePeriod, previousPeriod, type Period } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { branchNames } from '../../src/kpi/filters.ts';
import { filterSlices, periodSlices } from '../../src/kpi/slices.ts';
import { parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup } from '../helpers.ts';
import { AS_OF, FILES, ingestFixture } from './fixture.ts';

const OPTIONAL = {
  'staff_surveys.csv': 'response_id,staff_id,branch,submitted_at,overall\nR1,S1,A店,2026-07-10 10:00,5\nR3,S2,B店,2026-09-10 10:00,2\nR4,S3,A店,2026-06-30 10:00,1',
  'inspections.csv': 'inspection_id,order_id,branch,staff_id,inspected_at,method,item,passed\nI1,O1,A店,S1,2026-07-02 09:00,supervisor,kitchen,合格\nI3,,B店,S2,2026-09-01 09:00,mystery_shopper,conduct,不合格',
  'incidents.csv': 'incident_id,occurred_at,reported_at,closed_at,branch,staff_id,order_id,type,severity\nN1,2026-07-05 10:00,2026-07-06 10:00,,A店,S1,O1,property,low\nN3,2026-06-05 10:00,2026-06-05 11:00,,B店,,,other,',
};

let runner: NodeRunner;
const asOf = parseLocalTimestamp(AS_OF)!;
const config = parseConfig({ company: { name: 't', name_en: 't' }, sample_floor: 1 }, 'test', KPI_IDS);

beforeAll(async () => {
  runner = await openNodeRunner(await ingestFixture({ ...FILES, ...OPTIONAL }));
});
afterAll(async () => {
  runner.close();
  await cleanup();
});

it('computes 12 slices in one query per KPI exactly as 12 separate queries', async () => {
  const ctxs: KpiContext[] = [];
  for (const period of ['2026-Q3', '2026-07', '2026-Q2', '2026-YTD']) {
    for (const filter of [{}, { branch: 'A店' }, { serviceType: 'daily_cleaning' }]) ctxs.push({ period: parsePeriod(period, asOf), asOf, config, filter });
  }
  const together = await computeKpiSlices(runner, ctxs);
  expect(together).toHaveLength(12);
  for (const [i, ctx] of ctxs.entries()) expect(together[i], `${ctx.period.id} ${JSON.stringify(ctx.filter)}`).toEqual(await computeKpis(runner, ctx));
  // The fixture has rows for every KPI in 2026-Q3, so a leak between slices could not hide behind zeros.
  expect(together[0]!.filter((r) => r.denominator === 0 || r.n === 0)).toEqual([]);
});

it('branch and period slices return per-branch and per-period results in order', async () => {
  const ctx = { period: parsePeriod('2026-Q3'), asOf, config };
  const names = await branchNames(runner);
  expect(names).toEqual(['A店', 'B店']);
  const byBranch = await computeKpiSlices(runner, filterSlices(ctx, 'branch', names));
  expect(byBranch[1]).toEqual(await computeKpis(runner, { ...ctx, filter: { branch: 'B店' } }));
  const trend = await computeKpiSlices(runner, periodSlices(ctx, [parsePeriod('2026-Q2'), parsePeriod('2026-Q3')]));
  expect(trend.map((t) => t[0]!.period)).toEqual(['2026-Q2', '2026-Q3']);
  expect(trend[0]).toEqual(await computeKpis(runner, { ...ctx, period: parsePeriod('2026-Q2') }));
});

describe('the monthly cube', () => {
  it('splits each month at the day after the as-of day', () => {
    // As-of 2026-10-10 12:00 → year-to-date periods end 2026-10-11 00:00, so buckets split on the 11th.
    expect(splitDay(asOf)).toBe(11);
    expect(isBucketBound(Date.UTC(2026, 6, 1), 11)).toBe(true);
    expect(isBucketBound(Date.UTC(2025, 9, 11), 11)).toBe(true);
    expect(isBucketBound(Date.UTC(2025, 9, 12), 11)).toBe(false);
    expect(isBucketBound(Date.UTC(2026, 6, 1, 12), 11)).toBe(false);
  });

  it('gives the same results as the raw facts, and falls back to them for periods it cannot answer', async () => {
    // A period of arbitrary days (not a union of buckets) must come from the raw facts.
    const odd: Period = { id: 'odd', kind: 'month', start: Date.UTC(2026, 6, 2), end: Date.UTC(2026, 8, 20), months: 2.6 };
    const ctxs: KpiContext[] = [];
    for (const period of [parsePeriod('2026-Q3'), parsePeriod('2026-07'), parsePeriod('2026-YTD', asOf), previousPeriod(parsePeriod('2026-YTD', asOf)), parsePeriod('2026-H2'), odd]) {
      for (const filter of [{}, { branch: 'A店' }, { branch: 'B店' }, { serviceType: 'daily_cleaning' }, { branch: 'A店', serviceType: 'maternity_nurse' }]) ctxs.push({ period, asOf, config, filter });
    }
    // A repeated slice (as when a trend and the commitments grid share a quarter) is answered like the first.
    ctxs.push(ctxs[0]!, ctxs[7]!);
    const round = (rs: KpiResult[][]) => rs.map((r) => r.map((x) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)))));
    const viaCube = await computeKpiSlices(runner, ctxs);
    expect(round(viaCube)).toEqual(round(await computeKpiSlices(runner, ctxs, undefined, { cube: false })));
    // Not vacuous: 2026-Q3 has a value for every KPI.
    expect(viaCube[0]!.filter((r) => r.value === null)).toEqual([]);
    expect(viaCube.at(-2)).toEqual(viaCube[0]);
    expect(viaCube.at(-1)).toEqual(viaCube[7]);
  });
});
