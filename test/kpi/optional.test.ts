/** The optional datasets' KPIs (staff surveys, inspections, incidents) on a hand-worked fixture. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { parseConfig } from '../../src/kpi/config.ts';
import { computeKpis, type KpiResult } from '../../src/kpi/engine.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup } from '../helpers.ts';
import { AS_OF, FILES, ingestFixture } from './fixture.ts';

const OPTIONAL = {
  '员工满意度-2026.csv': [
    'response_id,staff_id,branch,submitted_at,overall',
    'R1,S1,A店,2026-07-10 10:00,5',
    'R2,,A店,2026-08-10 10:00,满意', // anonymous; 满意 = 4
    'R3,S2,B店,2026-09-10 10:00,2',
    'R4,S3,A店,2026-06-30 10:00,1', // H1
  ].join('\n'),
  'inspections.csv': [
    'inspection_id,order_id,branch,staff_id,inspected_at,method,item,passed',
    'I1,O1,A店,S1,2026-07-02 09:00,领班检查,厨房,合格',
    'I2,O1,A店,S1,2026-07-02 09:00,supervisor,bathroom,不合格',
    'I3,,B店,S2,2026-09-01 09:00,神秘顾客,conduct,合格',
    'I4,,A店,S1,2026-10-02 09:00,onsite,floor,合格', // Q4
  ].join('\n'),
  'incidents.csv': [
    'incident_id,occurred_at,reported_at,closed_at,branch,staff_id,order_id,type,severity',
    'N1,2026-07-05 10:00,2026-07-06 10:00,,A店,S1,O1,property,low', // reported after exactly 24 h
    'N2,2026-08-05 10:00,2026-08-06 10:01,2026-08-10 10:00,B店,S2,,injury,high', // 24 h 1 min
    'N3,2026-06-05 10:00,2026-06-05 11:00,,A店,,,other,', // Q2
  ].join('\n'),
};

let runner: NodeRunner;
const asOf = parseLocalTimestamp(AS_OF)!;
const config = parseConfig({ company: { name: 't', name_en: 't' }, sample_floor: 2 }, 'test', KPI_IDS);
const run = async (period: string, filter = {}): Promise<Record<string, KpiResult>> =>
  Object.fromEntries((await computeKpis(runner, { period: parsePeriod(period), asOf, config, filter })).map((r) => [r.id, r]));

beforeAll(async () => {
  runner = await openNodeRunner(await ingestFixture({ ...FILES, ...OPTIONAL }));
});
afterAll(async () => {
  runner.close();
  await cleanup();
});

describe('optional-dataset KPIs', () => {
  it('staff_satisfaction_rate: Q3 R1 5, R2 满意 (4), R3 2 → 2/3; half-years: H2 2/3, H1 R4 → 0/1; no target by default', async () => {
    const q3 = (await run('2026-Q3')).staff_satisfaction_rate!;
    expect([q3.numerator, q3.denominator, q3.target, q3.met, q3.status]).toEqual([2, 3, null, null, 'no_target']);
    expect((await run('2026-H2')).staff_satisfaction_rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect((await run('2026-H1')).staff_satisfaction_rate).toMatchObject({ numerator: 0, denominator: 1 });
  });
  it('inspection_pass_rate: Q3 items I1 pass, I2 fail, I3 pass (I4 is Q4) → 2/3; B店 → 1/1', async () => {
    expect((await run('2026-Q3')).inspection_pass_rate).toMatchObject({ numerator: 2, denominator: 3, target: 1, met: false });
    expect((await run('2026-Q3', { branch: 'B店' })).inspection_pass_rate).toMatchObject({ numerator: 1, denominator: 1 });
  });
  it('incident_rate_per_1000_orders: N1, N2 in Q3 × 1000 ÷ 3 completed orders = 666.67', async () => {
    const r = (await run('2026-Q3')).incident_rate_per_1000_orders!;
    expect([r.numerator, r.denominator]).toEqual([2, 3]);
    expect(r.value).toBeCloseTo(2000 / 3, 9);
  });
  it('incident_reported_within_24h_rate: N1 exactly 24 h yes, N2 24 h 1 min no → 1/2', async () => {
    expect((await run('2026-Q3')).incident_reported_within_24h_rate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, met: false });
  });
});
