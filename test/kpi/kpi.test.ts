import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { parseConfig, type Config } from '../../src/kpi/config.ts';
import { computeKpis, type KpiResult } from '../../src/kpi/engine.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { wilson } from '../../src/kpi/stats.ts';
import { parseLocalTimestamp } from '../../src/lib/datetime.ts';
import { cleanup } from '../helpers.ts';
import { AS_OF, ingestFixture } from './fixture.ts';

const base = { company: { name: '测试', name_en: 'Test' } };
const config = (over: Partial<Config> = {}) => ({ ...parseConfig({ ...base, sample_floor: 2 }, 'test', KPI_IDS), ...over });
const asOf = parseLocalTimestamp(AS_OF)!;
let runner: NodeRunner;

beforeAll(async () => {
  runner = await openNodeRunner(await ingestFixture());
});
afterAll(async () => {
  runner.close();
  await cleanup();
});

async function q3(filter = {}, cfg = config()): Promise<Record<string, KpiResult>> {
  const rs = await computeKpis(runner, { period: parsePeriod('2026-Q3'), asOf, filter, config: cfg });
  return Object.fromEntries(rs.map((r) => [r.id, r]));
}

describe('KPIs on the hand-worked fixture, 2026-Q3', () => {
  it('satisfaction_rate: V1 5, V2 3, V3 4, V4 2 are in Q3 (V5 at 10-01 00:00 is not) → 2/4', async () => {
    expect((await q3()).satisfaction_rate).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, target: 0.85, met: false, status: 'missed' });
  });
  it('feedback_participation_rate: Q3 completed O1, O2, O3; surveyed O1, O2 → 2/3', async () => {
    const r = (await q3()).feedback_participation_rate!;
    expect([r.numerator, r.denominator]).toEqual([2, 3]);
    expect(r.value).toBeCloseTo(2 / 3, 12);
  });
  it('complaint_response_hours_avg: K1 24 h, K2 24 h 1 min, K5 1 h (K3 unanswered) → 49.01667/3 = 16.3389 h', async () => {
    const r = (await q3()).complaint_response_hours_avg!;
    expect(r.value).toBeCloseTo((24 + 24 + 1 / 60 + 1) / 3, 9);
    expect(r).toMatchObject({ n: 3, numerator: null, denominator: null, ci_low: null, met: true });
  });
  it('complaint_response_within_24h_rate: K1 (exactly 24 h counts) and K5 of K1, K2, K3, K5 → 2/4', async () => {
    expect((await q3()).complaint_response_within_24h_rate).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
  });
  it('complaint_closure_rate: K1, K2, K5 closed by the as-of (K5 after Q3 still counts); K3 open → 3/4', async () => {
    expect((await q3()).complaint_closure_rate).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
  });
  it('complaint_closed_within_48h_rate: only K1 (exactly 48 h) → 1/4', async () => {
    expect((await q3()).complaint_closed_within_48h_rate).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
  });
  it('callback_within_3d_rate: O1 exactly 72 h yes, O2 72 h 1 min no, O3 none → 1/3', async () => {
    expect((await q3()).callback_within_3d_rate).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('member_callback_within_3d_rate: members O1 (yes) and O3 (no callback) → 1/2, target 100%', async () => {
    expect((await q3()).member_callback_within_3d_rate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, target: 1, met: false });
  });
  it('training_coverage_rate: active Jan–Sep: S1 (2), S2 (1), S3 (2), S4 (0; 10-02 is after Q3), S5 (2; left 06-30) → 3/5', async () => {
    expect((await q3()).training_coverage_rate).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
  });
  it('training_pass_rate: assessed in Q3: S1 08-01 failed, S3 07-15 passed → 1/2', async () => {
    expect((await q3()).training_pass_rate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });
  it('staff_turnover_rate: S3 left 08-31; headcount 07-01 = S1 S3 S4, 09-30 = S1 S2 S4 → 1/3; target 10%/yr → 2.5% a quarter', async () => {
    const r = (await q3()).staff_turnover_rate!;
    expect([r.numerator, r.denominator, r.target]).toEqual([1, 3, 0.025]);
    expect(r.met).toBe(false);
  });
  it('background_check_rate: S1 checked before 07-01 order, S2 checked 09-16 after O3 (09-15) → 1/2', async () => {
    expect((await q3()).background_check_rate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });
  it('skips KPIs of optional datasets that are absent', async () => {
    expect(Object.keys(await q3())).not.toContain('staff_satisfaction_rate');
  });
});

describe('filters, floors and empty periods', () => {
  it('branch filter: A店 satisfaction = V1, V2, V3, V4 (O5 is A店) → 2/4; B店 has no surveys in Q3', async () => {
    expect((await q3({ branch: 'A店' })).satisfaction_rate).toMatchObject({ numerator: 2, denominator: 4 });
    expect((await q3({ branch: 'B店' })).satisfaction_rate).toMatchObject({ numerator: 0, denominator: 0, value: null, met: null, status: 'no_data' });
  });
  it('service-type filter: maternity_nurse completed orders = O3 only; staff KPIs are not applicable', async () => {
    const r = await q3({ serviceType: 'maternity_nurse' });
    expect(r.callback_within_3d_rate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(r.staff_turnover_rate).toMatchObject({ value: null, met: null, status: 'not_applicable' });
  });
  it('a denominator below the floor gives "insufficient data", not red or green', async () => {
    const r = (await q3({}, config({ sample_floor: 30 }))).satisfaction_rate!;
    expect(r).toMatchObject({ value: 0.5, met: null, status: 'insufficient' });
  });
  it('an empty period (2020-Q1: before any hire or order) has no value and no verdict', async () => {
    const rs = await computeKpis(runner, { period: parsePeriod('2020-Q1'), asOf, config: config() });
    expect(rs).toHaveLength(12);
    for (const r of rs) expect(r, r.id).toMatchObject({ value: null, met: null, status: 'no_data' });
  });
  it('a configured target overrides the default', async () => {
    const cfg = parseConfig({ ...base, sample_floor: 2, targets: { satisfaction_rate: { target: 0.5 } } }, 'test', KPI_IDS);
    expect((await q3({}, cfg)).satisfaction_rate).toMatchObject({ target: 0.5, met: true });
  });
});

describe('wilson', () => {
  it('matches the textbook values', () => {
    // 0/10: high = (z²/n)/(1+z²/n) = 0.38415/1.38415 = 0.27753
    expect(wilson(0, 10)!.high).toBeCloseTo(0.27753, 4);
    expect(wilson(0, 10)!.low).toBe(0);
    // 5/10: centre 0.5, half = 1.96·√(0.025+0.0096)/1.38415 = 0.26339 → 0.2366..0.7634
    expect(wilson(5, 10)!.low).toBeCloseTo(0.2366, 4);
    expect(wilson(5, 10)!.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('configuration', () => {
  it('refuses invalid values with a message naming each path', () => {
    expect(() => parseConfig({ ...base, sample_floor: 0, age_bounds: { min: 60, max: 18 } }, 'x.json', KPI_IDS)).toThrow(
      /invalid configuration in x\.json:\n {2}- sample_floor: .*\n {2}- age_bounds: min must not exceed max/,
    );
    expect(() => parseConfig({ ...base, targets: { satisfaction: { target: 0.9 } } }, 'x.json', KPI_IDS)).toThrow(/unknown KPI id\(s\): satisfaction/);
  });
});
