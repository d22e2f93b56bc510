/**
 * The KPI catalogue: one definition per KPI in ../shared/domain.md, run unchanged by the build
 * (DuckDB over Parquet) and the browser (DuckDB-WASM over Arrow).
 */
import { activeStaff, branchIs, flag, inPeriod, rowOf, secondsBetween, type KpiDef } from './define.ts';

const callbackWithin72h = `o.callback_at IS NOT NULL AND o.callback_at >= o.completed_at AND ${secondsBetween('o.completed_at', 'o.callback_at')} <= 72 * 3600`;
/** Facts over complaints (received in the period, filtered by the complaint's branch and its order's service type). */
const complaintFacts = (num: string, where = 'TRUE') => `SELECT c.received_at AS at, c.branch, c.service_type, ${num} AS num, 1 AS den, ${rowOf('c', 'complaints')} FROM complaint_facts c, g WHERE ${where}`;
const completedFacts = (where = 'TRUE') => `SELECT o.completed_at AS at, o.branch, o.service_type, ${flag(callbackWithin72h)} AS num, 1 AS den, ${rowOf('o', 'orders')}
  FROM orders o WHERE o.status = 'completed' AND ${where}`;
const both = { branch: true, service_type: true };
const branchOnly = { branch: true, service_type: false };

export const KPIS: readonly KpiDef[] = [
  {
    id: 'satisfaction_rate', label: { zh: '客户满意度', en: 'Customer satisfaction' },
    definition: { zh: '期内提交的评价中总体满意度≥4（满意、非常满意）的比例', en: 'Share of surveys submitted in the period with overall score ≥ 4' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.85, stretch: 0.95, source: 'seed 000 (quarterly ≥ 85%), seed 004 (monthly ≥ 95%)',
    requires: ['surveys', 'orders'], filters: both,
    facts: `SELECT s.submitted_at AS at, s.branch, s.service_type, ${flag('s.overall >= g.satisfied')} AS num, 1 AS den, ${rowOf('s', 'surveys')} FROM survey_facts s, g`,
  },
  {
    id: 'feedback_participation_rate', label: { zh: '客户评价参与率', en: 'Feedback participation' },
    definition: { zh: '期内完成的订单中至少有一条评价的比例', en: 'Share of orders completed in the period with at least one survey' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.7, source: 'seed 000', requires: ['orders', 'surveys'], filters: both,
    facts: `SELECT o.completed_at AS at, o.branch, o.service_type, ${flag('o.surveyed')} AS num, 1 AS den, ${rowOf('o', 'orders')} FROM completed_orders o`,
  },
  {
    id: 'complaint_response_hours_avg', label: { zh: '投诉平均响应时长', en: 'Mean complaint response time' },
    definition: { zh: '期内受理且已响应的投诉，从受理到首次响应的平均小时数', en: 'Mean hours from receipt to first response, complaints received in the period that have a response' },
    kind: 'mean', unit: 'hours', direction: 'lower', target: 24, source: 'seed 000', requires: ['complaints', 'orders'], filters: both,
    // Whole milliseconds, so sums are exact whatever order a multi-threaded DuckDB adds them in.
    facts: complaintFacts('epoch_ms(c.first_response_at) - epoch_ms(c.received_at)', 'c.first_response_at IS NOT NULL'), num_per_unit: 3_600_000,
  },
  {
    id: 'complaint_response_within_24h_rate', label: { zh: '投诉24小时响应率', en: 'Complaints answered within 24 h' },
    definition: { zh: '期内受理的投诉中24小时内（含）首次响应的比例', en: 'Share of complaints received in the period first answered within 24 h (inclusive)' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.9, source: 'seeds 000, 004', requires: ['complaints', 'orders'], filters: both,
    facts: complaintFacts(flag(`c.first_response_at IS NOT NULL AND ${secondsBetween('c.received_at', 'c.first_response_at')} <= 24 * 3600`)),
  },
  {
    id: 'complaint_closure_rate', label: { zh: '投诉办结率', en: 'Complaint closure rate' },
    definition: { zh: '期内受理的投诉中截至数据截止时已办结的比例', en: 'Share of complaints received in the period closed by the as-of time' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.9, source: 'seed 000', requires: ['complaints', 'orders'], filters: both,
    facts: complaintFacts(flag('c.closed_at IS NOT NULL AND c.closed_at <= g.as_of')),
  },
  {
    id: 'complaint_closed_within_48h_rate', label: { zh: '投诉48小时办结率', en: 'Complaints closed within 48 h' },
    definition: { zh: '期内受理的投诉中48小时内（含）办结的比例', en: 'Share of complaints received in the period closed within 48 h (inclusive)' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.9, source: 'seed 004 (feedback within 48 h)', requires: ['complaints', 'orders'], filters: both,
    facts: complaintFacts(flag(`c.closed_at IS NOT NULL AND c.closed_at <= g.as_of AND ${secondsBetween('c.received_at', 'c.closed_at')} <= 48 * 3600`)),
  },
  {
    id: 'callback_within_3d_rate', label: { zh: '三日回访率', en: 'Callback within 3 days' },
    definition: { zh: '期内完成的订单中完成后72小时内（含）回访的比例', en: 'Share of orders completed in the period called back within 72 h of completion' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.9, source: 'seed 002', requires: ['orders'], filters: both,
    facts: completedFacts(),
  },
  {
    id: 'member_callback_within_3d_rate', label: { zh: '会员三日回访率', en: 'Member callback within 3 days' },
    definition: { zh: '同上，仅会员订单', en: 'The same, for member orders only' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 1, source: 'seed 002 (100% for members)', requires: ['orders'], filters: both,
    facts: completedFacts('o.is_member'),
  },
  {
    id: 'training_coverage_rate', label: { zh: '培训覆盖率', en: 'Training coverage' },
    definition: { zh: '当年在岗人员中年内（至本期末）培训不少于2次的比例', en: 'Share of staff active in the year (to the period end) with at least 2 trainings in that time' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 1, source: 'seed 000 (at least twice a year)', requires: ['staff', 'trainings'], filters: branchOnly,
    with: [`tc AS (SELECT p.k, t.staff_id, count(*) AS n FROM trainings t CROSS JOIN p WHERE t.trained_at >= p.year_start AND t.trained_at < p.stop GROUP BY p.k, t.staff_id)`],
    sql: `SELECT p.k AS k, count(*) FILTER (WHERE coalesce(tc.n, 0) >= 2) AS numerator, count(*) AS denominator
  FROM staff s CROSS JOIN p LEFT JOIN tc ON tc.k = p.k AND tc.staff_id = s.staff_id
  WHERE ${activeStaff('s', 'p.year_start')} AND ${branchIs('s')}
  GROUP BY p.k`,
    rows: `SELECT s.staff_id, CASE WHEN coalesce(tc.n, 0) >= 2 THEN 1 ELSE 0 END AS num, 1 AS den
  FROM staff s CROSS JOIN p LEFT JOIN tc ON tc.k = p.k AND tc.staff_id = s.staff_id
  WHERE ${activeStaff('s', 'p.year_start')} AND ${branchIs('s')}`,
  },
  {
    id: 'training_pass_rate', label: { zh: '培训考核合格率', en: 'Training pass rate' },
    definition: { zh: '期内经考核的培训中考核合格的比例', en: 'Share of assessed trainings in the period that passed' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 0.98, source: 'seed 004', requires: ['staff', 'trainings'], filters: branchOnly,
    facts: `SELECT t.trained_at AS at, s.branch, CAST(NULL AS VARCHAR) AS service_type, ${flag('t.passed')} AS num, 1 AS den, ${rowOf('t', 'trainings')}
  FROM trainings t JOIN staff s ON s.staff_id = t.staff_id WHERE t.assessed`,
  },
  {
    id: 'staff_turnover_rate', label: { zh: '人员流失率', en: 'Staff turnover' },
    definition: { zh: '期内离职人数 ÷ 期初与期末在册人数的平均值；目标按年折算到本期', en: 'Leavers in the period ÷ mean of headcount on its first and last day; the yearly target is scaled to the period' },
    kind: 'rate', unit: 'ratio', direction: 'lower', target: 0.1, source: 'seed 000 (≤ 10% a year)', requires: ['staff'], filters: branchOnly, annual_target: true,
    sql: `SELECT p.k AS k, count(*) FILTER (WHERE ${inPeriod('s.left_at')}) AS numerator,
  (count(*) FILTER (WHERE s.hired_at <= p.start AND (s.left_at IS NULL OR s.left_at > p.start))
   + count(*) FILTER (WHERE s.hired_at <= p.last_day AND (s.left_at IS NULL OR s.left_at > p.last_day))) / CAST(2 AS DOUBLE) AS denominator
  FROM staff s CROSS JOIN p WHERE ${branchIs('s')}
  GROUP BY p.k`,
    // Each person on the books on the first day adds ½ to the denominator, on the last day ½.
    rows: `SELECT s.staff_id, CASE WHEN ${inPeriod('s.left_at')} THEN 1 ELSE 0 END AS num,
  ((CASE WHEN s.hired_at <= p.start AND (s.left_at IS NULL OR s.left_at > p.start) THEN 1 ELSE 0 END)
   + (CASE WHEN s.hired_at <= p.last_day AND (s.left_at IS NULL OR s.left_at > p.last_day) THEN 1 ELSE 0 END)) / CAST(2 AS DOUBLE) AS den
  FROM staff s CROSS JOIN p WHERE ${branchIs('s')}`,
  },
  {
    id: 'background_check_rate', label: { zh: '上岗前背景审查率', en: 'Background check before first service' },
    definition: { zh: '期内在岗且已有完成订单的人员中，背景审查不晚于首个完成订单的比例', en: 'Share of staff active in the period with a completed order whose background check is on or before their first completed order' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 1, source: 'seed 004', requires: ['staff', 'orders'], filters: branchOnly,
    sql: `SELECT p.k AS k, count(*) FILTER (WHERE s.background_check_at IS NOT NULL AND s.background_check_at <= fd.first_done) AS numerator, count(*) AS denominator
  FROM staff s CROSS JOIN p JOIN staff_first_order fd ON fd.staff_id = s.staff_id
  WHERE fd.first_done < p.stop AND ${activeStaff('s')} AND ${branchIs('s')}
  GROUP BY p.k`,
    rows: `SELECT s.staff_id, CASE WHEN s.background_check_at IS NOT NULL AND s.background_check_at <= fd.first_done THEN 1 ELSE 0 END AS num, 1 AS den
  FROM staff s CROSS JOIN p JOIN staff_first_order fd ON fd.staff_id = s.staff_id
  WHERE fd.first_done < p.stop AND ${activeStaff('s')} AND ${branchIs('s')}`,
  },
  {
    id: 'staff_satisfaction_rate', label: { zh: '员工满意度', en: 'Staff satisfaction' },
    definition: { zh: '期内员工满意度调查中总体满意度≥4的比例', en: 'Share of staff survey responses in the period with overall ≥ 4' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: null, source: 'seed 000 (every half year)', requires: ['staff_surveys'], filters: branchOnly,
    facts: `SELECT r.submitted_at AS at, r.branch, CAST(NULL AS VARCHAR) AS service_type, ${flag('r.overall >= g.satisfied')} AS num, 1 AS den, ${rowOf('r', 'staff_surveys')} FROM staff_surveys r, g`,
  },
  {
    id: 'inspection_pass_rate', label: { zh: '质量检查合格率', en: 'Inspection pass rate' },
    definition: { zh: '期内检查项目中合格的比例', en: 'Share of inspection items in the period that passed' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 1, source: 'seed 002 §9, seed 003', requires: ['inspections', 'orders'], filters: both,
    facts: `SELECT i.inspected_at AS at, i.branch, i.service_type, ${flag('i.passed')} AS num, 1 AS den, ${rowOf('i', 'inspections')} FROM inspection_facts i`,
  },
  {
    id: 'incident_rate_per_1000_orders', label: { zh: '每千单安全事故数', en: 'Incidents per 1,000 orders' },
    definition: { zh: '期内发生的安全事故数 × 1000 ÷ 期内完成订单数', en: 'Incidents occurring in the period × 1000 ÷ orders completed in the period' },
    kind: 'per_1000', unit: 'per_1000_orders', direction: 'lower', target: null, source: 'seed 004', requires: ['incidents', 'orders'], filters: branchOnly,
    facts: `SELECT i.occurred_at AS at, i.branch, CAST(NULL AS VARCHAR) AS service_type, 1 AS num, 0 AS den, ${rowOf('i', 'incidents')} FROM incidents i
  UNION ALL SELECT o.completed_at, o.branch, o.service_type, 0, 1, ${rowOf('o', 'orders')} FROM orders o WHERE o.status = 'completed'`,
  },
  {
    id: 'incident_reported_within_24h_rate', label: { zh: '事故24小时上报率', en: 'Incidents reported within 24 h' },
    definition: { zh: '期内发生的事故中24小时内（含）上报的比例', en: 'Share of incidents in the period reported within 24 h of occurring' },
    kind: 'rate', unit: 'ratio', direction: 'higher', target: 1, source: 'seed 004', requires: ['incidents'], filters: branchOnly,
    facts: `SELECT i.occurred_at AS at, i.branch, CAST(NULL AS VARCHAR) AS service_type,
  ${flag(`i.reported_at IS NOT NULL AND ${secondsBetween('i.occurred_at', 'i.reported_at')} <= 24 * 3600`)} AS num, 1 AS den, ${rowOf('i', 'incidents')} FROM incidents i`,
  },
];

export const KPI_IDS = KPIS.map((k) => k.id);

/** The KPI called `id`; throws on an unknown id. */
export function kpiById(id: string): KpiDef {
  const k = KPIS.find((x) => x.id === id);
  if (!k) throw new Error(`unknown KPI: ${id}`);
  return k;
}
