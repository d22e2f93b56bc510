/** The Quality & safety page (inspections and mystery shoppers, safety incidents) and staff satisfaction on Workforce. */
import { STATUS_COLOURS } from '../charts/theme.ts';
import { barChart, type BarRow } from '../charts/bars.ts';
import { formatLocalTimestamp } from '../lib/datetime.ts';
import { formatCount, formatKpiValue } from '../i18n/format.ts';
import { incidentLabel, inspectionLabel, periodLabel, UI } from '../i18n/strings.ts';
import { kpiById } from '../kpi/catalogue.ts';
import { h } from './dom.ts';
import { figure, listTitle } from './figure.ts';
import { scorecard } from './kpi-card.ts';
import type { StaffSatisfactionView, ViewData } from './model.ts';
import { countFormat, shareFormat, type RenderContext } from './render-context.ts';
import { kpiTrendFigure } from './render-satisfaction.ts';

type Of<P extends ViewData['page']> = Extract<ViewData, { page: P }>;
const n = (v: unknown) => Number(v ?? 0);
const rate = (passed: number, checks: number) => (checks > 0 ? passed / checks : null);

/** The Quality & safety page: sections only for the datasets the company has. */
export function renderQuality(c: RenderContext, d: Of<'quality'>): HTMLElement[] {
  const L = c.lang;
  const share = shareFormat(L);
  const count = countFormat(L);
  const has = (id: string) => d.trend.at(-1)?.results.some((r) => r.id === id) ?? false;
  const out: HTMLElement[] = [scorecard(c, d.trend)];
  if (has('inspection_pass_rate')) {
    const methods: BarRow[] = d.byMethod.map((r) => ({ key: String(r.method), label: inspectionLabel(String(r.method), L), value: rate(n(r.passed), n(r.checks)), n: n(r.checks) }));
    const items = d.byItem.map((r) => ({
      key: String(r.item), label: inspectionLabel(String(r.item), L), value: rate(n(r.passed), n(r.checks)), n: n(r.checks),
      supervisor: rate(n(r.supervisor_passed), n(r.supervisor_checks)), mystery: rate(n(r.mystery_passed), n(r.mystery_checks)),
    }));
    type Failure = { level: string; subject: string; branch: string; failed: number; checks: number; items: string | null; of?: number };
    const failures = d.failures as Failure[];
    const byBranch: BarRow[] = failures.filter((f) => f.level === 'branch').map((f) => ({ key: f.branch, label: f.branch, value: rate(f.failed, f.checks), n: f.checks }));
    const staff = failures.filter((f) => f.level === 'staff');
    const itemList = (s: string | null) => (s ? s.split(',').map((i) => inspectionLabel(i, L)).join(L === 'zh' ? '、' : ', ') : '');
    out.push(
      h(c.doc, 'h2', {}, L === 'zh' ? '质量检查与神秘顾客' : 'Inspections and mystery shoppers'),
      kpiTrendFigure(c, 'inspection_pass_rate', d.trend),
      figure(c, {
        id: 'inspection-methods', title: L === 'zh' ? '各检查方式的项目合格率（神秘顾客与领班检查分开统计）' : 'Items passed by method (mystery shoppers apart from supervisor checks)', rows: methods,
        columns: [{ label: L === 'zh' ? '方式' : 'Method', value: (r) => r.label, csv: (r) => r.key }, { label: L === 'zh' ? '合格率' : 'Passed', value: (r) => share(r.value), csv: (r) => r.value, num: true }, { label: L === 'zh' ? '检查项数' : 'Items checked', value: (r) => count(r.n ?? null), csv: (r) => r.n, num: true }],
        chartKey: methods,
        chart: (aria) => barChart(methods, { document: c.doc, ariaLabel: aria, unit: 'ratio', format: share, width: c.width }),
      }),
      figure(c, {
        id: 'inspection-items', title: L === 'zh' ? '各检查项目合格率（最差的在前）' : 'Pass rate by item (worst first)', rows: items,
        columns: [
          { label: L === 'zh' ? '项目' : 'Item', value: (r) => r.label, csv: (r) => r.key },
          { label: L === 'zh' ? '合格率' : 'Passed', value: (r) => share(r.value), csv: (r) => r.value, num: true },
          { label: L === 'zh' ? '领班检查' : 'Supervisor', value: (r) => share(r.supervisor), csv: (r) => r.supervisor, num: true },
          { label: L === 'zh' ? '神秘顾客' : 'Mystery shopper', value: (r) => share(r.mystery), csv: (r) => r.mystery, num: true },
          { label: L === 'zh' ? '检查项数' : 'Checked', value: (r) => count(r.n), csv: (r) => r.n, num: true },
        ],
        chartKey: items,
        chart: (aria) => barChart(items, { document: c.doc, ariaLabel: aria, unit: 'ratio', format: share, width: c.width, target: kpiById('inspection_pass_rate').target, targetLabel: UI.target[L] }),
      }),
      figure(c, {
        id: 'inspection-branches', title: L === 'zh' ? '各门店不合格项目比例' : 'Share of items failed, by branch', note: UI.click_to_filter[L], rows: byBranch,
        columns: [{ label: UI.branch[L], value: (r) => r.label }, { label: L === 'zh' ? '不合格比例' : 'Failed', value: (r) => share(r.value), csv: (r) => r.value, num: true }, { label: L === 'zh' ? '检查项数' : 'Checked', value: (r) => count(r.n ?? null), csv: (r) => r.n, num: true }],
        chartKey: byBranch,
        chart: (aria) => barChart(byBranch, { document: c.doc, ariaLabel: aria, unit: 'ratio', format: share, width: c.width, colour: STATUS_COLOURS.missed, filter: 'branch' }),
      }),
      figure(c, {
        id: 'inspection-staff', title: listTitle(L, staff, ['有不合格项目的人员', 'Staff with failed items'], '人', ['最多的', 'the # with most failures']), rows: staff, tableLimit: 30,
        columns: [
          { label: L === 'zh' ? '人员编号' : 'Staff id', value: (r) => r.subject }, { label: UI.branch[L], value: (r) => r.branch },
          { label: L === 'zh' ? '不合格' : 'Failed', value: (r) => r.failed, num: true }, { label: L === 'zh' ? '检查项数' : 'Checked', value: (r) => r.checks, num: true },
          { label: L === 'zh' ? '不合格项目' : 'Failed items', value: (r) => itemList(r.items), csv: (r) => r.items },
        ],
        chart: (aria) => h(c.doc, 'p', { class: 'note', 'aria-label': aria }, L === 'zh' ? '按不合格项数排序；名单见数据表。' : 'Most failures first; the list is in the data table.'),
      }),
    );
  }
  if (has('incident_rate_per_1000_orders') || has('incident_reported_within_24h_rate')) {
    const delay: BarRow[] = d.delay.map((r) => ({ key: String(r.bucket), label: r.bucket === 'not_reported' ? (L === 'zh' ? '未上报' : 'Not reported') : String(r.bucket), value: n(r.incidents) }));
    type Open = { incident_id: string; branch: string; type: string; severity: string | null; occurred_at: number; days_open: number; of: number };
    const open = d.open as Open[];
    out.push(
      h(c.doc, 'h2', {}, L === 'zh' ? '安全事故' : 'Safety incidents'),
      kpiTrendFigure(c, 'incident_rate_per_1000_orders', d.trend),
      figure(c, {
        id: 'incident-delay', title: L === 'zh' ? '事故从发生到上报的时长（期内发生的事故）' : 'Time from incident to report (incidents in the period)', rows: delay.some((b) => b.value) ? delay : [],
        columns: [{ label: L === 'zh' ? '上报时长' : 'Reported after', value: (r) => r.label, csv: (r) => r.key }, { label: L === 'zh' ? '事故数' : 'Incidents', value: (r) => count(r.value), csv: (r) => r.value, num: true }],
        chartKey: delay,
        chart: (aria) => barChart(delay, { document: c.doc, ariaLabel: aria, unit: 'count', format: count, width: c.width, colour: STATUS_COLOURS.missed }),
      }),
      figure(c, {
        id: 'open-incidents', title: listTitle(L, open, ['截至数据截止时未结案的事故', 'Incidents open at the as-of time'], '起', ['最早的', 'the # oldest listed']), rows: open, tableLimit: 30,
        columns: [
          { label: L === 'zh' ? '事故编号' : 'Incident', value: (r) => r.incident_id }, { label: UI.branch[L], value: (r) => r.branch },
          { label: L === 'zh' ? '类型' : 'Type', value: (r) => incidentLabel(r.type, L), csv: (r) => r.type },
          { label: L === 'zh' ? '严重程度' : 'Severity', value: (r) => (r.severity ? incidentLabel(r.severity, L) : '–'), csv: (r) => r.severity },
          { label: L === 'zh' ? '发生时间' : 'Occurred', value: (r) => formatLocalTimestamp(r.occurred_at).slice(0, 16) },
          { label: L === 'zh' ? '已过天数' : 'Days open', value: (r) => Math.floor(r.days_open), num: true },
        ],
        chart: (aria) => h(c.doc, 'p', { class: 'note', 'aria-label': aria }, L === 'zh' ? '按发生时间排序；名单见数据表。' : 'Oldest first; the list is in the data table.'),
      }),
    );
  }
  return out;
}

/** Staff satisfaction next to turnover on the Workforce page. */
export function staffSatisfactionFigures(c: RenderContext, s: StaffSatisfactionView): HTMLElement[] {
  const L = c.lang;
  const fmt = (v: number | null) => formatKpiValue(v, 'ratio', L);
  const rows = s.branches.filter((b) => b.satisfaction.denominator);
  const bars: BarRow[] = rows.map((b) => ({ key: b.branch, label: b.branch, value: b.satisfaction.value, ci_low: b.satisfaction.ci_low, ci_high: b.satisfaction.ci_high, n: b.satisfaction.denominator }));
  const turnover = new Map(rows.map((b) => [b.branch, b.turnover.value]));
  const followed = (r: BarRow) => turnover.get(r.key) ?? null;
  return [
    kpiTrendFigure(c, 'staff_satisfaction_rate', s.trend),
    figure(c, {
      id: 'staff-satisfaction-turnover',
      title: L === 'zh' ? `员工满意度（${periodLabel(s.surveyed, L)}调查）与其后的人员流失（${periodLabel(s.following, L)}），按门店` : `Staff satisfaction (${periodLabel(s.surveyed, L)} survey) and the turnover that followed (${periodLabel(s.following, L)}), by branch`,
      note: L === 'zh' ? '满意度低的门店，随后离职是否更多？柱形为员工满意度（含95%置信区间），箭头后为其后半年的流失率。' : 'Do branches with low staff satisfaction lose more staff next? Bars: staff satisfaction (with 95% CI); after the arrow: turnover in the half-year that followed.',
      rows: bars,
      columns: [
        { label: UI.branch[L], value: (r) => r.label },
        { label: L === 'zh' ? '员工满意度' : 'Staff satisfaction', value: (r) => fmt(r.value), csv: (r) => r.value, num: true },
        { label: L === 'zh' ? '答卷数' : 'Responses', value: (r) => formatCount(r.n ?? null, L), csv: (r) => r.n, num: true },
        { label: L === 'zh' ? '其后流失率' : 'Turnover that followed', value: (r) => fmt(followed(r)), csv: followed, num: true },
      ],
      chartKey: [bars, rows.map((b) => b.turnover.value)],
      chart: (aria) => barChart(bars, {
        document: c.doc, ariaLabel: aria, unit: 'ratio', format: fmt, width: c.width, filter: 'branch',
        text: (b) => `${fmt(b.value)} → ${L === 'zh' ? '流失' : 'turnover'} ${fmt(followed(b))}`,
      }),
    }),
  ];
}
