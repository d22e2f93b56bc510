/**
 * The breakdowns beyond the headline KPIs (domain.md): each a named query over the same `p`
 * parameters, returning rows. Per-branch, per-service-type and trend views reuse the KPI
 * catalogue with filters and periods (see slices.ts).
 */
import type { DatasetName } from '../datasets/define.ts';
import { activeStaff, branchIs, flag, inPeriod, secondsBetween, serviceIs } from './define.ts';
import type { SliceValues } from './engine.ts';
import { byText, epochMs, msOrNull, yearsBetween } from './roster.ts';

export interface BreakdownDef {
  id: string;
  label: { zh: string; en: string };
  requires: readonly DatasetName[];
  with?: readonly string[];
  sql: string;
  /**
   * The same breakdown from a cube (cube.ts), for periods made of whole buckets: a filter change
   * then reads memory instead of running the SQL. Tested equal to `sql` slice by slice.
   */
  cube?: BreakdownCube;
  /** The same breakdown from a roster (roster.ts), for any period. Tested equal to `sql` slice by slice. */
  roster?: BreakdownRoster;
  /**
   * For a list that grows with the workforce: what the page keeps of the rows (the first few of a
   * per-person list, each with the full count in `of`; a histogram instead of one row per person).
   * Applied to the SQL's rows and the cube's or roster's alike, and memoised per filter state, so
   * a page's answers ship these short results per state instead of a cube keyed by person or the
   * staff register.
   */
  reduce?: (rows: Record<string, unknown>[]) => Record<string, unknown>[];
}

type Row = Record<string, unknown>;

/** `rows` with only the first `n` rows of `level`, each marked with the level's full count (`of`). */
export function topRows(rows: readonly Row[], top: { level: string; n: number }): Row[] {
  const total = rows.filter((r) => r.level === top.level).length;
  let kept = 0;
  return rows.flatMap((r) => (r.level !== top.level ? [r] : kept++ < top.n ? [{ ...r, of: total }] : []));
}

/** The first `n` rows, each marked with how many there were (`of`). */
export function firstRows(rows: readonly Row[], n: number): Row[] {
  return rows.slice(0, n).map((r) => ({ ...r, of: rows.length }));
}

/**
 * Trainings per person, reduced to what the Training page shows: how many active staff had 0, 1,
 * 2 and ≥3 trainings (`level: 'hist'`), then the first 40 of those under the rule (`level: 'missing'`,
 * fewest first, with `of`); the page's table shows 40.
 */
export function reduceTrainingCounts(rows: readonly Row[]): Row[] {
  const hist = [0, 1, 2, 3].map((k) => ({ level: 'hist', trainings: k, staff: rows.filter((r) => (k === 3 ? Number(r.trainings) >= 3 : Number(r.trainings) === k)).length }));
  return [...hist, ...firstRows(rows.filter((r) => !r.meets_rule), 40).map((r) => ({ level: 'missing', ...r }))];
}

export interface BreakdownRoster {
  /** A query without parameters: one row per person, read into memory once. */
  sql: string;
  /** The rows `sql` returns for the slice, from the roster. */
  rows(roster: readonly Record<string, unknown>[], slice: SliceValues): Record<string, unknown>[];
}

export interface BreakdownCube {
  /** One row per observation: at, branch, service_type, key, then `measures` (numbers); may read the CTE `g` (as_of, satisfied). */
  facts: string;
  measures: readonly string[];
  /** Measures kept as their maximum over the period, not summed. */
  maxOf?: readonly string[];
  /** False when the breakdown ignores the service-type filter (incidents have no service type). */
  byService?: boolean;
  /** True when the breakdown is about the as-of time, whatever the period: all buckets are summed. */
  periodFree?: boolean;
  /** The rows `sql` returns, from the summed measures per key (keys without observations absent). */
  finish(sums: ReadonlyMap<string, readonly number[]>): Record<string, unknown>[];
}

/** Response-time bins (hours, [lo, hi)); the last is open-ended. */
const RESPONSE_BINS = [[0, 4], [4, 8], [8, 12], [12, 24], [24, 36], [36, 48], [48, 72], [72, 96]] as const;
const responseBin = (h: string) => `CASE ${RESPONSE_BINS.slice(0, -1).map(([lo, hi]) => `WHEN ${h} < ${hi} THEN ${lo}`).join(' ')} ELSE ${RESPONSE_BINS.at(-1)![0]} END`;
/** Incident reporting delay buckets by order; bounds inclusive, like incident_reported_within_24h_rate. */
const DELAY_BUCKETS = ['≤24h', '24–48h', '48–72h', '>72h', 'not_reported'] as const;
const delayBucket = (i: string) => `CASE WHEN ${i}.reported_at IS NULL THEN 4 WHEN ${secondsBetween(`${i}.occurred_at`, `${i}.reported_at`)} <= 86400 THEN 0
      WHEN ${secondsBetween(`${i}.occurred_at`, `${i}.reported_at`)} <= 172800 THEN 1 WHEN ${secondsBetween(`${i}.occurred_at`, `${i}.reported_at`)} <= 259200 THEN 2 ELSE 3 END`;
/** Open-complaint age buckets by order. */
const AGE_BUCKETS = ['0-24h', '24-48h', '48h-7d', '>7d'] as const;
const ageBucket = (h: string) => `CASE WHEN ${h} < 24 THEN 0 WHEN ${h} < 48 THEN 1 WHEN ${h} < 168 THEN 2 ELSE 3 END`;
/** Complaint `c` received and not yet closed at `${at}.as_of`. */
const openAt = (c: string, at: string) => `${c}.received_at <= ${at}.as_of AND (${c}.closed_at IS NULL OR ${c}.closed_at > ${at}.as_of)`;
const inspectionMeasures = ['checks', 'passed', 'supervisor_checks', 'supervisor_passed', 'mystery_checks', 'mystery_passed'] as const;

/** Roster columns of a staff member `s`: id, branch, gender and dates as epoch ms. */
const staffRoster = (s: string) => `${s}.staff_id, ${s}.branch, ${s}.gender, ${epochMs(`${s}.birth_date`)} AS birth, ${epochMs(`${s}.hired_at`)} AS hired, ${epochMs(`${s}.left_at`)} AS left_at`;
const staffRosterSql = `SELECT ${staffRoster('s')} FROM staff s`;
/** Local ms one calendar month later, the day clamped to the month's length (as DuckDB's `+ INTERVAL 1 MONTH`). */
const addMonth = (t: number) => {
  const d = new Date(t);
  const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), days)) + (t % 86_400_000);
};
/** As `activeStaff` and `branchIs`: hired before the slice ends, not left before `from`, in the branch filtered to. */
const activeIn = (r: Record<string, unknown>, slice: SliceValues, from: number) => {
  const hired = msOrNull(r.hired);
  const left = msOrNull(r.left_at);
  return hired !== null && hired < slice.stop && (left === null || left >= from) && (slice.branch === '' || r.branch === slice.branch);
};

const surveysIn = `sv AS (SELECT s.* FROM survey_facts s CROSS JOIN p WHERE ${inPeriod('s.submitted_at')} AND ${branchIs('s')} AND ${serviceIs('s')})`;
const inspectionsIn = `ins AS (SELECT i.* FROM inspection_facts i CROSS JOIN p WHERE ${inPeriod('i.inspected_at')} AND ${branchIs('i')} AND ${serviceIs('i')})`;
const dims = ['quality', 'attitude', 'professionalism', 'communication', 'punctuality'];

export const BREAKDOWNS: readonly BreakdownDef[] = [
  {
    id: 'satisfaction_by_dimension', label: { zh: '各维度满意度', en: 'Satisfaction by dimension' }, requires: ['surveys', 'orders'],
    with: [surveysIn],
    // One scan of the surveys, unpivoted (five UNION ALL scans took 60% longer in DuckDB-WASM).
    sql: `SELECT d.dimension, count(d.score) AS n, avg(d.score) AS mean, count(*) FILTER (WHERE d.score >= p.satisfied) AS satisfied
  FROM (SELECT ${dims.join(', ')} FROM sv) UNPIVOT INCLUDE NULLS (score FOR dimension IN (${dims.join(', ')})) d CROSS JOIN p
  GROUP BY d.dimension ORDER BY list_position([${dims.map((d) => `'${d}'`).join(', ')}], d.dimension)`,
    cube: {
      facts: `SELECT d.submitted_at AS at, d.branch, d.service_type, d.dimension AS key, ${flag('d.score IS NOT NULL')} AS n, coalesce(d.score, 0) AS total,
    ${flag('d.score >= g.satisfied')} AS satisfied
  FROM (SELECT submitted_at, branch, service_type, ${dims.join(', ')} FROM survey_facts) UNPIVOT INCLUDE NULLS (score FOR dimension IN (${dims.join(', ')})) d CROSS JOIN g`,
      measures: ['n', 'total', 'satisfied'],
      finish: (sums) => dims.filter((d) => sums.has(d)).map((d) => {
        const [n, total, satisfied] = sums.get(d)!;
        return { dimension: d, n, mean: n! > 0 ? total! / n! : null, satisfied };
      }),
    },
  },
  {
    id: 'complaints_by_category', label: { zh: '投诉类别', en: 'Complaints by category' }, requires: ['complaints', 'orders'],
    sql: `SELECT c.category, count(*) AS received,
  count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.closed_at <= p.as_of) AS closed,
  count(*) FILTER (WHERE c.first_response_at IS NOT NULL AND ${secondsBetween('c.received_at', 'c.first_response_at')} <= 24 * 3600) AS answered_24h,
  avg(${secondsBetween('c.received_at', 'c.first_response_at')}) / 3600.0 AS mean_response_hours,
  count(*) FILTER (WHERE c.valid) AS valid
  FROM complaint_facts c CROSS JOIN p WHERE ${inPeriod('c.received_at')} AND ${branchIs('c')} AND ${serviceIs('c')}
  GROUP BY c.category ORDER BY received DESC, c.category`,
    cube: {
      facts: `SELECT c.received_at AS at, c.branch, c.service_type, c.category AS key, 1 AS received,
    ${flag('c.closed_at IS NOT NULL AND c.closed_at <= g.as_of')} AS closed,
    ${flag(`c.first_response_at IS NOT NULL AND ${secondsBetween('c.received_at', 'c.first_response_at')} <= 24 * 3600`)} AS answered_24h,
    ${flag('c.first_response_at IS NOT NULL')} AS responses, coalesce(${secondsBetween('c.received_at', 'c.first_response_at')}, 0) AS response_seconds,
    ${flag('c.valid')} AS valid
  FROM complaint_facts c CROSS JOIN g`,
      measures: ['received', 'closed', 'answered_24h', 'responses', 'response_seconds', 'valid'],
      finish: (sums) => [...sums].map(([category, [received, closed, answered, responses, seconds, valid]]) => ({
        category, received, closed, answered_24h: answered, mean_response_hours: responses! > 0 ? seconds! / responses! / 3600 : null, valid,
      })).sort((a, b) => b.received! - a.received! || byText(a.category, b.category)),
    },
  },
  {
    id: 'complaint_response_distribution', label: { zh: '投诉首次响应时长分布', en: 'Complaint first-response times' }, requires: ['complaints', 'orders'],
    with: [`rt AS (SELECT ${secondsBetween('c.received_at', 'c.first_response_at')} / 3600.0 AS h FROM complaint_facts c CROSS JOIN p
    WHERE c.first_response_at IS NOT NULL AND ${inPeriod('c.received_at')} AND ${branchIs('c')} AND ${serviceIs('c')})`,
    // Each response time's bin by its lower bound (the last bin is open-ended), then counted per bin.
    `binned AS (SELECT ${responseBin('h')} AS lo, count(*) AS n FROM rt WHERE h >= 0 GROUP BY lo)`],
    sql: `SELECT b.lo, b.hi, coalesce(binned.n, 0) AS count FROM (VALUES ${RESPONSE_BINS.map(([lo, hi]) => `(${lo}, ${hi})`).join(', ')})
    b(lo, hi) LEFT JOIN binned ON binned.lo = b.lo ORDER BY b.lo`,
    cube: {
      facts: `SELECT c.received_at AS at, c.branch, c.service_type, ${responseBin('r.h')} AS key, 1 AS n
  FROM complaint_facts c CROSS JOIN LATERAL (SELECT ${secondsBetween('c.received_at', 'c.first_response_at')} / 3600.0 AS h) r
  WHERE c.first_response_at IS NOT NULL AND r.h >= 0`,
      measures: ['n'],
      finish: (sums) => RESPONSE_BINS.map(([lo, hi]) => ({ lo, hi, count: sums.get(String(lo))?.[0] ?? 0 })),
    },
  },
  {
    id: 'complaints_by_branch', label: { zh: '各门店投诉', en: 'Complaints by branch' }, requires: ['complaints', 'orders'],
    sql: `SELECT c.branch, count(*) AS received, count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.closed_at <= p.as_of) AS closed
  FROM complaint_facts c CROSS JOIN p WHERE ${inPeriod('c.received_at')} AND ${branchIs('c')} AND ${serviceIs('c')}
  GROUP BY c.branch ORDER BY c.branch`,
  },
  {
    id: 'recurring_complaints', label: { zh: '重复投诉', en: 'Recurring complaints' }, requires: ['complaints', 'orders'], reduce: (rows) => topRows(rows, { level: 'staff', n: 10 }),
    sql: `SELECT level, subject, branch, category, count(*) AS recurrences, max(received_at) AS last_received_at FROM (
    SELECT 'staff' AS level, l.staff_id AS subject, l.branch, l.category, l.received_at FROM complaint_lags l CROSS JOIN p
    WHERE l.staff_id IS NOT NULL AND l.prev_staff IS NOT NULL AND ${secondsBetween('l.prev_staff', 'l.received_at')} <= p.recurring_days * 86400
      AND ${inPeriod('l.received_at')} AND ${branchIs('l')} AND ${serviceIs('l')}
    UNION ALL
    SELECT 'branch' AS level, l.branch AS subject, l.branch, l.category, l.received_at FROM complaint_lags l CROSS JOIN p
    WHERE l.prev_branch IS NOT NULL AND ${secondsBetween('l.prev_branch', 'l.received_at')} <= p.recurring_days * 86400
      AND ${inPeriod('l.received_at')} AND ${branchIs('l')} AND ${serviceIs('l')}
  ) GROUP BY level, subject, branch, category ORDER BY level DESC, recurrences DESC, subject, category`,
    cube: {
      // Key: level, subject, branch and category joined by U+0001 (none of them is NULL on these rows).
      facts: `SELECT l.received_at AS at, l.branch, l.service_type, concat_ws(chr(1), lv.level, lv.subject, l.branch, l.category) AS key,
    1 AS recurrences, epoch_ms(l.received_at) AS last_received_at
  FROM complaint_lags l CROSS JOIN g CROSS JOIN LATERAL (
    SELECT 'staff' AS level, l.staff_id AS subject WHERE l.staff_id IS NOT NULL AND l.prev_staff IS NOT NULL
      AND ${secondsBetween('l.prev_staff', 'l.received_at')} <= g.recurring_days * 86400
    UNION ALL
    SELECT 'branch', l.branch WHERE l.prev_branch IS NOT NULL AND ${secondsBetween('l.prev_branch', 'l.received_at')} <= g.recurring_days * 86400) lv`,
      measures: ['recurrences', 'last_received_at'],
      maxOf: ['last_received_at'],
      finish: (sums) => [...sums].map(([key, [recurrences, last]]) => {
        const [level, subject, branch, category] = key.split('\u0001') as [string, string, string, string];
        return { level, subject, branch, category, recurrences, last_received_at: last };
      }).sort((a, b) => byText(b.level, a.level) || b.recurrences! - a.recurrences! || byText(a.subject, b.subject) || byText(a.category, b.category)),
    },
  },
  {
    id: 'complaint_backlog', label: { zh: '未办结投诉（按时长）', en: 'Open complaints by age' }, requires: ['complaints', 'orders'],
    with: [`open AS (SELECT ${secondsBetween('c.received_at', 'p.as_of')} / 3600.0 AS age_h FROM complaint_facts c CROSS JOIN p
    WHERE ${openAt('c', 'p')} AND ${branchIs('c')} AND ${serviceIs('c')})`,
    `aged AS (SELECT ${ageBucket('age_h')} AS ord, count(*) AS n FROM open GROUP BY ord)`],
    sql: `SELECT b.bucket, coalesce(aged.n, 0) AS open FROM (VALUES ${AGE_BUCKETS.map((label, ord) => `(${ord}, '${label}')`).join(', ')})
    b(ord, bucket) LEFT JOIN aged ON aged.ord = b.ord ORDER BY b.ord`,
    cube: {
      // Not about a period: every open complaint sits at the as-of time, and any period's lookup is ignored.
      facts: `SELECT g.as_of AS at, c.branch, c.service_type, ${ageBucket(`${secondsBetween('c.received_at', 'g.as_of')} / 3600.0`)} AS key, 1 AS n
  FROM complaint_facts c CROSS JOIN g WHERE ${openAt('c', 'g')}`,
      measures: ['n'],
      periodFree: true,
      finish: (sums) => AGE_BUCKETS.map((bucket, ord) => ({ bucket, open: sums.get(String(ord))?.[0] ?? 0 })),
    },
  },
  {
    id: 'training_counts', label: { zh: '人员年度培训次数', en: 'Trainings per staff member this year' }, requires: ['staff', 'trainings'], reduce: reduceTrainingCounts,
    with: [`tc AS (SELECT t.staff_id, count(*) AS n FROM trainings t CROSS JOIN p WHERE t.trained_at >= p.year_start AND t.trained_at < p.stop GROUP BY t.staff_id)`],
    sql: `SELECT s.staff_id, s.branch, coalesce(tc.n, 0) AS trainings, coalesce(tc.n, 0) >= 2 AS meets_rule
  FROM staff s CROSS JOIN p LEFT JOIN tc ON tc.staff_id = s.staff_id
  WHERE ${activeStaff('s', 'p.year_start')} AND ${branchIs('s')} ORDER BY trainings, s.branch, s.staff_id`,
    roster: {
      sql: `SELECT ${staffRoster('s')}, string_agg(CAST(${epochMs('t.trained_at')} AS VARCHAR), ',') AS trained
  FROM staff s LEFT JOIN trainings t ON t.staff_id = s.staff_id GROUP BY ALL`,
      rows: (roster, slice) => roster.filter((r) => activeIn(r, slice, slice.yearStart)).map((r) => {
        const trainings = r.trained === null ? 0 : String(r.trained).split(',').map(Number).filter((t) => t >= slice.yearStart && t < slice.stop).length;
        return { staff_id: r.staff_id, branch: r.branch, trainings, meets_rule: trainings >= 2 };
      }).sort((a, b) => a.trainings - b.trainings || byText(String(a.branch), String(b.branch)) || byText(String(a.staff_id), String(b.staff_id))),
    },
  },
  {
    // Twelve rows whatever the headcount: shipped per state, so the staff register stays at build time.
    id: 'workforce_by_month', label: { zh: '月度在册与离职', en: 'Headcount and separations by month' }, requires: ['staff'], reduce: (rows) => rows,
    with: [`months AS (SELECT CAST(m AS DATE) AS month_start, CAST(m + INTERVAL 1 MONTH AS DATE) AS next_start
    FROM range(p.start, p.stop, INTERVAL 1 MONTH) r(m))`],
    sql: `SELECT strftime(mo.month_start, '%Y-%m') AS month,
  count(*) FILTER (WHERE s.hired_at < mo.next_start AND (s.left_at IS NULL OR s.left_at >= mo.next_start)) AS headcount_end,
  count(*) FILTER (WHERE s.hired_at >= mo.month_start AND s.hired_at < mo.next_start) AS hires,
  count(*) FILTER (WHERE s.left_at >= mo.month_start AND s.left_at < mo.next_start) AS separations
  FROM months mo CROSS JOIN p LEFT JOIN staff s ON ${branchIs('s')}
  GROUP BY mo.month_start ORDER BY mo.month_start`,
    roster: {
      sql: staffRosterSql,
      rows: (roster, slice) => {
        const staff = roster.filter((r) => (slice.branch === '' || r.branch === slice.branch) && r.hired !== null)
          .map((r) => ({ hired: Number(r.hired), left: msOrNull(r.left_at) }));
        const out = [];
        // As range(start, stop, INTERVAL 1 MONTH): each step adds a month to the previous one.
        for (let m = slice.start; m < slice.stop; m = addMonth(m)) {
          const next = addMonth(m);
          let headcount = 0;
          let hires = 0;
          let separations = 0;
          for (const s of staff) {
            if (s.hired < next && (s.left === null || s.left >= next)) headcount++;
            if (s.hired >= m && s.hired < next) hires++;
            if (s.left !== null && s.left >= m && s.left < next) separations++;
          }
          out.push({ month: new Date(m).toISOString().slice(0, 7), headcount_end: headcount, hires, separations });
        }
        return out;
      },
    },
  },
  {
    id: 'age_eligibility', label: { zh: '年龄不符合要求的人员', en: 'Staff outside the age bounds' }, requires: ['staff'], reduce: (rows) => firstRows(rows, 40),
    with: [`ages AS (SELECT s.staff_id, s.branch, s.gender, s.birth_date,
    CAST(date_part('year', age(CAST(p.last_day AS TIMESTAMP), CAST(s.birth_date AS TIMESTAMP))) AS INTEGER) AS age
    FROM staff s CROSS JOIN p WHERE ${activeStaff('s')} AND ${branchIs('s')})`],
    sql: `SELECT a.staff_id, a.branch, a.gender, a.age,
  CASE WHEN a.birth_date IS NULL THEN 'unknown' WHEN a.age < p.age_min THEN 'below_min' WHEN a.age > p.age_max THEN 'above_max' ELSE 'above_female_max' END AS reason
  FROM ages a CROSS JOIN p
  WHERE a.birth_date IS NULL OR a.age < p.age_min OR a.age > p.age_max OR (p.female_age_max >= 0 AND a.gender = 'female' AND a.age > p.female_age_max)
  ORDER BY reason, a.branch, a.staff_id`,
    roster: {
      sql: staffRosterSql,
      rows: (roster, slice) => roster.filter((r) => activeIn(r, slice, slice.start)).flatMap((r) => {
        const birth = msOrNull(r.birth);
        const age = birth === null ? null : yearsBetween(birth, slice.lastDay);
        const reason = age === null ? 'unknown' : age < slice.ageMin ? 'below_min' : age > slice.ageMax ? 'above_max'
          : slice.femaleAgeMax >= 0 && r.gender === 'female' && age > slice.femaleAgeMax ? 'above_female_max' : null;
        return reason ? [{ staff_id: r.staff_id, branch: r.branch, gender: r.gender, age, reason }] : [];
      }).sort((a, b) => byText(a.reason, b.reason) || byText(String(a.branch), String(b.branch)) || byText(String(a.staff_id), String(b.staff_id))),
    },
  },
  {
    id: 'inspections_by_item', label: { zh: '各检查项目合格率', en: 'Inspection results by item' }, requires: ['inspections', 'orders'],
    with: [inspectionsIn],
    sql: `SELECT i.item, count(*) AS checks, count(*) FILTER (WHERE i.passed) AS passed,
  count(*) FILTER (WHERE i.method = 'supervisor') AS supervisor_checks, count(*) FILTER (WHERE i.method = 'supervisor' AND i.passed) AS supervisor_passed,
  count(*) FILTER (WHERE i.method = 'mystery_shopper') AS mystery_checks, count(*) FILTER (WHERE i.method = 'mystery_shopper' AND i.passed) AS mystery_passed
  FROM ins i GROUP BY i.item ORDER BY count(*) FILTER (WHERE i.passed) / count(*), i.item`,
    cube: {
      facts: `SELECT i.inspected_at AS at, i.branch, i.service_type, i.item AS key, 1 AS checks, ${flag('i.passed')} AS passed,
    ${flag("i.method = 'supervisor'")} AS supervisor_checks, ${flag("i.method = 'supervisor' AND i.passed")} AS supervisor_passed,
    ${flag("i.method = 'mystery_shopper'")} AS mystery_checks, ${flag("i.method = 'mystery_shopper' AND i.passed")} AS mystery_passed
  FROM inspection_facts i`,
      measures: inspectionMeasures,
      finish: (sums) => [...sums].map(([item, m]) => ({ item, ...Object.fromEntries(inspectionMeasures.map((k, j) => [k, m[j]!])) }) as Record<string, unknown> & { item: string; checks: number; passed: number })
        .sort((a, b) => a.passed / a.checks - b.passed / b.checks || byText(a.item, b.item)),
    },
  },
  {
    id: 'inspections_by_method', label: { zh: '各检查方式合格率', en: 'Inspection results by method' }, requires: ['inspections', 'orders'],
    with: [inspectionsIn],
    sql: `SELECT i.method, count(*) AS checks, count(*) FILTER (WHERE i.passed) AS passed FROM ins i GROUP BY i.method ORDER BY i.method`,
    cube: {
      facts: `SELECT i.inspected_at AS at, i.branch, i.service_type, i.method AS key, 1 AS checks, ${flag('i.passed')} AS passed FROM inspection_facts i`,
      measures: ['checks', 'passed'],
      finish: (sums) => [...sums].sort(([a], [b]) => byText(a, b)).map(([method, [checks, passed]]) => ({ method, checks, passed })),
    },
  },
  {
    id: 'inspection_failures', label: { zh: '不合格项目（按门店和人员）', en: 'Failed items by branch and staff' }, requires: ['inspections', 'orders'], reduce: (rows) => topRows(rows, { level: 'staff', n: 10 }),
    with: [inspectionsIn],
    sql: `SELECT 'branch' AS level, i.branch AS subject, i.branch, count(*) FILTER (WHERE NOT i.passed) AS failed, count(*) AS checks,
    string_agg(DISTINCT i.item, ',' ORDER BY i.item) FILTER (WHERE NOT i.passed) AS items FROM ins i GROUP BY i.branch
  UNION ALL
  SELECT 'staff', i.staff_id, min(i.branch), count(*) FILTER (WHERE NOT i.passed), count(*),
    string_agg(DISTINCT i.item, ',' ORDER BY i.item) FILTER (WHERE NOT i.passed) FROM ins i WHERE i.staff_id IS NOT NULL GROUP BY i.staff_id
    HAVING count(*) FILTER (WHERE NOT i.passed) > 0
  ORDER BY level, failed DESC, subject`,
    cube: {
      // Key: level, subject, branch and item joined by U+0001; rows are then gathered per level and subject.
      facts: `SELECT i.inspected_at AS at, i.branch, i.service_type, concat_ws(chr(1), lv.level, lv.subject, i.branch, i.item) AS key,
    ${flag('NOT i.passed')} AS failed, 1 AS checks
  FROM inspection_facts i CROSS JOIN LATERAL (SELECT 'branch' AS level, i.branch AS subject UNION ALL SELECT 'staff', i.staff_id WHERE i.staff_id IS NOT NULL) lv`,
      measures: ['failed', 'checks'],
      finish: (sums) => {
        const rows = new Map<string, { level: string; subject: string; branch: string; failed: number; checks: number; failedItems: Set<string> }>();
        for (const [key, [failed, checks]] of sums) {
          const [level, subject, branch, item] = key.split('\u0001') as [string, string, string, string];
          const id = `${level}\u0001${subject}`;
          const row = rows.get(id) ?? { level, subject, branch, failed: 0, checks: 0, failedItems: new Set<string>() };
          row.failed += failed!;
          row.checks += checks!;
          if (branch < row.branch) row.branch = branch;
          if (failed! > 0) row.failedItems.add(item);
          rows.set(id, row);
        }
        return [...rows.values()].filter((r) => r.level === 'branch' || r.failed > 0)
          .sort((a, b) => byText(a.level, b.level) || b.failed - a.failed || byText(a.subject, b.subject))
          .map(({ failedItems, ...r }) => ({ ...r, items: failedItems.size > 0 ? [...failedItems].sort(byText).join(',') : null }));
      },
    },
  },
  {
    id: 'incident_reporting_delay', label: { zh: '事故上报时长', en: 'Incident reporting delay' }, requires: ['incidents'],
    with: [`inc AS (SELECT ${delayBucket('i')} AS ord FROM incidents i CROSS JOIN p WHERE ${inPeriod('i.occurred_at')} AND ${branchIs('i')})`,
    `agg AS (SELECT ord, count(*) AS n FROM inc GROUP BY ord)`],
    sql: `SELECT b.bucket, coalesce(agg.n, 0) AS incidents FROM (VALUES ${DELAY_BUCKETS.map((label, ord) => `(${ord}, '${label}')`).join(', ')})
    b(ord, bucket) LEFT JOIN agg ON agg.ord = b.ord ORDER BY b.ord`,
    cube: {
      facts: `SELECT i.occurred_at AS at, i.branch, CAST(NULL AS VARCHAR) AS service_type, ${delayBucket('i')} AS key, 1 AS n FROM incidents i`,
      measures: ['n'],
      byService: false,
      finish: (sums) => DELAY_BUCKETS.map((bucket, ord) => ({ bucket, incidents: sums.get(String(ord))?.[0] ?? 0 })),
    },
  },
  {
    id: 'open_incidents', label: { zh: '未结案的安全事故', en: 'Open safety incidents' }, requires: ['incidents'], reduce: (rows) => firstRows(rows, 30),
    sql: `SELECT i.incident_id, i.branch, i.type, i.severity, i.occurred_at, i.reported_at, ${secondsBetween('i.occurred_at', 'p.as_of')} / 86400.0 AS days_open
  FROM incidents i CROSS JOIN p WHERE i.occurred_at <= p.as_of AND (i.closed_at IS NULL OR i.closed_at > p.as_of) AND ${branchIs('i')}
  ORDER BY i.occurred_at, i.incident_id`,
    roster: {
      sql: `SELECT i.incident_id, i.branch, i.type, i.severity, i.occurred_at, i.reported_at, i.closed_at FROM incidents i`,
      rows: (roster, slice) => roster.filter((r) => {
        const closed = msOrNull(r.closed_at);
        return Number(r.occurred_at) <= slice.asOf && (closed === null || closed > slice.asOf) && (slice.branch === '' || r.branch === slice.branch);
      }).sort((a, b) => Number(a.occurred_at) - Number(b.occurred_at) || byText(String(a.incident_id), String(b.incident_id)))
        .map(({ closed_at: _, ...r }) => ({ ...r, days_open: (slice.asOf - Number(r.occurred_at)) / 1000 / 86400 })),
    },
  },
];

/** The breakdown called `id`; throws on an unknown id. */
export function breakdownById(id: string): BreakdownDef {
  const b = BREAKDOWNS.find((x) => x.id === id);
  if (!b) throw new Error(`unknown breakdown: ${id}`);
  return b;
}
