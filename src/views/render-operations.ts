/** Complaints, Training and compliance, and Workforce pages. */
import { STATUS_COLOURS } from '../charts/theme.ts';
import { barChart, type BarRow } from '../charts/bars.ts';
import { histogram, type BinRow } from '../charts/histogram.ts';
import { flowsChart, headcountChart, type MonthRow } from '../charts/months.ts';
import { kpiById } from '../kpi/catalogue.ts';
import { formatLocalTimestamp } from '../lib/datetime.ts';
import { formatKpiValue } from '../i18n/format.ts';
import { categoryLabel, UI } from '../i18n/strings.ts';
import { h } from './dom.ts';
import { figure, listTitle } from './figure.ts';
import { kpiCard, scorecard } from './kpi-card.ts';
import type { ViewData } from './model.ts';
import { countFormat, shareFormat, type RenderContext } from './render-context.ts';
import { staffSatisfactionFigures } from './render-quality.ts';
import { kpiBars, kpiTrendFigure } from './render-satisfaction.ts';
import { kpiFunnel } from './funnel-figure.ts';

type Of<P extends ViewData['page']> = Extract<ViewData, { page: P }>;
const n = (v: unknown) => Number(v ?? 0);

/** The Complaints page. */
export function renderComplaints(c: RenderContext, d: Of<'complaints'>): HTMLElement[] {
  const L = c.lang;
  const count = countFormat(L);
  const bins: BinRow[] = d.distribution.map((r) => ({ lo: n(r.lo), hi: n(r.hi), count: n(r.count), label: n(r.hi) === 96 ? '≥72h' : `${n(r.lo)}–${n(r.hi)}h` }));
  const cats = d.categories.map((r) => ({ key: String(r.category), label: categoryLabel(String(r.category), L), value: n(r.received), received: n(r.received), closed: n(r.closed), answered: n(r.answered_24h), mean: r.mean_response_hours as number | null }));
  const backlog: BarRow[] = d.backlog.map((r) => ({ key: String(r.bucket), label: String(r.bucket), value: n(r.open) }));
  const recurring = d.recurring as { level: string; subject: string; branch: string; category: string; recurrences: number; last_received_at: number; of?: number }[];
  // Staff-level rows are the top few (breakdowns.ts `reduce`), each with the full count in `of`.
  const staffRows = recurring.filter((r) => r.level === 'staff');
  const staffShown = staffRows.length;
  const groups = recurring.length - staffShown + (staffRows[0]?.of ?? 0);
  return [
    scorecard(c, d.trend),
    figure(c, {
      id: 'response-distribution', title: L === 'zh' ? '首次响应时长分布（期内受理的投诉）' : 'Time to first response (complaints received in the period)',
      rows: bins.some((b) => b.count > 0) ? bins : [],
      columns: [{ label: L === 'zh' ? '时长' : 'Hours', value: (r) => r.label }, { label: L === 'zh' ? '投诉数' : 'Complaints', value: (r) => count(r.count), csv: (r) => r.count, num: true }],
      chartKey: bins,
      chart: (aria) => histogram(bins, { document: c.doc, ariaLabel: aria, width: c.width, xLabel: L === 'zh' ? '小时' : 'hours', countLabel: L === 'zh' ? '投诉数' : 'complaints', lines: [{ at: 24, label: '24h' }, { at: 48, label: '48h' }] }),
    }),
    kpiTrendFigure(c, 'complaint_closure_rate', d.trend),
    figure(c, {
      id: 'complaint-categories', title: L === 'zh' ? '投诉类别' : 'Complaint categories', rows: cats,
      columns: [
        { label: L === 'zh' ? '类别' : 'Category', value: (r) => r.label, csv: (r) => r.key },
        { label: L === 'zh' ? '受理' : 'Received', value: (r) => count(r.received), csv: (r) => r.received, num: true },
        { label: L === 'zh' ? '已办结' : 'Closed', value: (r) => count(r.closed), csv: (r) => r.closed, num: true },
        { label: L === 'zh' ? '24小时内响应' : 'Answered ≤ 24 h', value: (r) => count(r.answered), csv: (r) => r.answered, num: true },
        { label: L === 'zh' ? '平均响应' : 'Mean response', value: (r) => formatKpiValue(r.mean, 'hours', L), csv: (r) => r.mean, num: true },
      ],
      chartKey: cats,
      chart: (aria) => barChart(cats, { document: c.doc, ariaLabel: aria, unit: 'count', format: count, width: c.width }),
    }),
    figure(c, {
      id: 'complaint-backlog', title: L === 'zh' ? '截至数据截止时未办结的投诉（按已过时长）' : 'Complaints open at the as-of time, by age', rows: backlog.some((b) => b.value) ? backlog : [],
      columns: [{ label: L === 'zh' ? '已过时长' : 'Age', value: (r) => r.label }, { label: L === 'zh' ? '未办结' : 'Open', value: (r) => count(r.value), csv: (r) => r.value, num: true }],
      chartKey: backlog,
      chart: (aria) => barChart(backlog, { document: c.doc, ariaLabel: aria, unit: 'count', format: count, colour: STATUS_COLOURS.missed, width: c.width }),
    }),
    figure(c, {
      id: 'recurring', title: L === 'zh' ? `重复投诉（同一人员或门店、同一类别，间隔不超过窗口期）` : 'Recurring complaints (same staff or branch and category within the window)',
      rows: recurring, tableLimit: 30,
      columns: [
        { label: L === 'zh' ? '层级' : 'Level', value: (r) => (r.level === 'staff' ? (L === 'zh' ? '人员' : 'Staff') : (L === 'zh' ? '门店' : 'Branch')), csv: (r) => r.level },
        { label: L === 'zh' ? '对象' : 'Subject', value: (r) => r.subject },
        { label: UI.branch[L], value: (r) => r.branch },
        { label: L === 'zh' ? '类别' : 'Category', value: (r) => categoryLabel(r.category, L), csv: (r) => r.category },
        { label: L === 'zh' ? '重复次数' : 'Repeats', value: (r) => r.recurrences, num: true },
        { label: L === 'zh' ? '最近一次' : 'Latest', value: (r) => formatLocalTimestamp(r.last_received_at).slice(0, 16) },
      ],
      chart: (aria) => h(c.doc, 'p', { class: 'note', 'aria-label': aria }, L === 'zh' ? `共 ${groups} 组重复投诉${groups > recurring.length ? `（人员层级只列重复最多的 ${staffShown} 组）` : ''}，详见数据表。` : `${groups} recurring groups${groups > recurring.length ? ` (staff level: the ${staffShown} with most repeats)` : ''}; see the data table.`),
    }),
  ];
}

/** The Training and compliance page. */
export function renderTraining(c: RenderContext, d: Of<'training'>): HTMLElement[] {
  const L = c.lang;
  const share = shareFormat(L);
  // Reduced per state (breakdowns.ts reduceTrainingCounts): a histogram, then the first of those under the rule.
  const counts = d.counts as ({ level: 'hist'; trainings: number; staff: number } | { level: 'missing'; staff_id: string; branch: string; trainings: number; of: number })[];
  const hist: BarRow[] = counts.flatMap((r) => (r.level === 'hist' ? [{ key: String(r.trainings), label: r.trainings === 3 ? '≥3' : String(r.trainings), value: r.staff }] : []));
  const active = hist.reduce((a, b) => a + (b.value ?? 0), 0);
  const missing = counts.flatMap((r) => (r.level === 'missing' ? [r] : []));
  const missingAll = missing[0]?.of ?? 0;
  const ages = d.ages as { staff_id: string; branch: string; gender: string | null; age: number | null; reason: string; of: number }[];
  const reason: Record<string, [string, string]> = { below_min: ['低于最低年龄', 'below minimum age'], above_max: ['超过最高年龄', 'above maximum age'], above_female_max: ['超过女性最高年龄', 'above the maximum for women'], unknown: ['出生日期缺失', 'birth date missing'] };
  return [
    h(c.doc, 'section', { class: 'grid' }, d.kpis.map((r) => kpiCard(c.doc, L, kpiById(r.id), r, undefined, [], c.methodHref))),
    ...d.kpis.map((k) => kpiBars(c, k.id, `branch-${k.id}`, `${kpiById(k.id).label[L]} · ${L === 'zh' ? '各门店' : 'by branch'}`, d.branches.map(([b, rs]) => [b, rs.find((r) => r.id === k.id)!]), 'branch', (b) => b)),
    ...d.kpis.filter((k) => kpiById(k.id).kind === 'rate').flatMap((k) => kpiFunnel(c, k.id, `funnel-${k.id}`, d.branches.map(([b, rs]) => [b, rs.find((r) => r.id === k.id)!]), 'branch', (b) => b)),
    figure(c, {
      id: 'training-counts', title: L === 'zh' ? '本年度（至期末）每人培训次数（要求每年至少2次）' : 'Trainings per person this year to the period end (rule: at least 2 a year)', rows: active ? hist : [],
      columns: [{ label: L === 'zh' ? '培训次数' : 'Trainings', value: (r) => r.label }, { label: L === 'zh' ? '人数' : 'Staff', value: (r) => r.value, num: true }],
      chartKey: hist,
      chart: (aria) => barChart(hist, { document: c.doc, ariaLabel: aria, unit: 'count', format: countFormat(L), width: c.width }),
    }),
    figure(c, {
      id: 'training-missing', title: listTitle(L, missing, ['培训不足2次的人员', 'Staff with fewer than 2 trainings'], '人', ['前', 'the first # listed']), rows: missing, tableLimit: 40,
      columns: [{ label: L === 'zh' ? '人员编号' : 'Staff id', value: (r) => r.staff_id }, { label: UI.branch[L], value: (r) => r.branch }, { label: L === 'zh' ? '培训次数' : 'Trainings', value: (r) => r.trainings, num: true }],
      chart: (aria) => h(c.doc, 'p', { class: 'note', 'aria-label': aria }, L === 'zh' ? `覆盖率 ${share(active ? 1 - missingAll / active : null)}；名单见数据表。` : `Coverage ${share(active ? 1 - missingAll / active : null)}; the list is in the data table.`),
    }),
    figure(c, {
      id: 'age-eligibility', title: listTitle(L, ages, ['年龄不符合要求的在岗人员', 'Active staff outside the age bounds'], '人', ['前', 'the first # listed']), rows: ages, tableLimit: 40,
      columns: [
        { label: L === 'zh' ? '人员编号' : 'Staff id', value: (r) => r.staff_id }, { label: UI.branch[L], value: (r) => r.branch },
        { label: L === 'zh' ? '年龄' : 'Age', value: (r) => r.age, num: true }, { label: L === 'zh' ? '原因' : 'Reason', value: (r) => reason[r.reason]?.[L === 'zh' ? 0 : 1] ?? r.reason, csv: (r) => r.reason },
      ],
      chart: (aria) => h(c.doc, 'p', { class: 'note', 'aria-label': aria }, L === 'zh' ? '名单见数据表。' : 'The list is in the data table.'),
    }),
  ];
}

/** The Workforce page. */
export function renderWorkforce(c: RenderContext, d: Of<'workforce'>): HTMLElement[] {
  const L = c.lang;
  const months = d.months.map((r) => ({ month: String(r.month), headcount_end: n(r.headcount_end), hires: n(r.hires), separations: n(r.separations) })) as MonthRow[];
  const labels = { headcount: L === 'zh' ? '月末在册' : 'Headcount', hires: L === 'zh' ? '入职' : 'Hires', separations: L === 'zh' ? '离职' : 'Separations' };
  const cols = [
    { label: L === 'zh' ? '月份' : 'Month', value: (r: MonthRow) => r.month },
    { label: labels.headcount, value: (r: MonthRow) => r.headcount_end, num: true },
    { label: labels.hires, value: (r: MonthRow) => r.hires, num: true },
    { label: labels.separations, value: (r: MonthRow) => r.separations, num: true },
  ];
  const rows = months.some((m) => m.headcount_end || m.separations) ? months : [];
  return [
    scorecard(c, d.trend),
    kpiTrendFigure(c, 'staff_turnover_rate', d.trend),
    kpiBars(c, 'staff_turnover_rate', 'turnover-branch', L === 'zh' ? '各门店人员流失率' : 'Turnover by branch', d.branches, 'branch', (b) => b),
    ...kpiFunnel(c, 'staff_turnover_rate', 'turnover-funnel-branch', d.branches, 'branch', (b) => b),
    figure(c, { id: 'headcount', title: L === 'zh' ? '近12个月月末在册人数' : 'Headcount at month end, last 12 months', rows, columns: cols, chartKey: months, chart: (aria) => headcountChart(months, { document: c.doc, ariaLabel: aria, labels, width: c.width }) }),
    figure(c, { id: 'flows', title: L === 'zh' ? '近12个月入职与离职' : 'Hires and separations, last 12 months', rows, columns: cols, chartKey: months, chart: (aria) => flowsChart(months, { document: c.doc, ariaLabel: aria, labels, width: c.width }) }),
    ...(d.staff ? staffSatisfactionFigures(c, d.staff) : []),
  ];
}
