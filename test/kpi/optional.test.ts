/** The optional datasets' KPIs (staff surveys, inspections, incidents) on a hand-worked fixture. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { parseConfig } from '../../src/kpi/config.ts';
import { computeKpis, type KpiResult } from '../../src/kpi/engine.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { runBreakdown } from '../../src/kpi/slices.ts';
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

  const bd = (id: string) => runBreakdown(runner, id, { period: parsePeriod('2026-Q3'), asOf, config });
  it('inspections_by_item: Q3 kitchen 1/1 (supervisor), bathroom 0/1 (supervisor), conduct 1/1 (mystery shopper); failing items first', async () => {
    expect((await bd('inspections_by_item')).map((r) => [r.item, r.checks, r.passed, r.supervisor_checks, r.supervisor_passed, r.mystery_checks, r.mystery_passed])).toEqual([
      ['bathroom', 1, 0, 1, 0, 0, 0], ['conduct', 1, 1, 0, 0, 1, 1], ['kitchen', 1, 1, 1, 1, 0, 0],
    ]);
  });
  it('inspections_by_method: Q3 supervisor 1 of 2 passed, mystery shopper 1 of 1 (I4 onsite is Q4)', async () => {
    expect((await bd('inspections_by_method')).map((r) => [r.method, r.checks, r.passed])).toEqual([['mystery_shopper', 1, 1], ['supervisor', 2, 1]]);
  });
  it('inspection_failures: A店 1 failed of 2 (bathroom), B店 0 of 1; staff S1 failed bathroom', async () => {
    expect((await bd('inspection_failures')).map((r) => [r.level, r.subject, r.failed, r.checks, r.items])).toEqual([
      ['branch', 'A店', 1, 2, 'bathroom'], ['branch', 'B店', 0, 1, null], ['staff', 'S1', 1, 2, 'bathroom'],
    ]);
  });
  it('incident_reporting_delay: Q3 N1 exactly 24 h → ≤24h, N2 24 h 1 min → 24–48h', async () => {
    expect((await bd('incident_reporting_delay')).map((r) => [r.bucket, r.incidents])).toEqual([['≤24h', 1], ['24–48h', 1], ['48–72h', 0], ['>72h', 0], ['not_reported', 0]]);
  });
  it('open_incidents: at the as-of 2026-10-10 12:00, N1 and N3 have no closing date; N2 closed 08-10', async () => {
    const rows = await bd('open_incidents');
    expect(rows.map((r) => [r.incident_id, r.branch])).toEqual([['N3', 'A店'], ['N1', 'A店']]);
    // N1: 2026-07-05 10:00 → 2026-10-10 12:00 = 97 days 2 h.
    expect(rows[1]!.days_open).toBeCloseTo(97 + 2 / 24, 9);
  });
});

