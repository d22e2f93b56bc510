/**
 * The commitments scorecard: every KPI with a target, met or missed in each of the last four
 * complete quarters. Each mark links to its evidence: the page that shows that KPI, filtered to
 * that quarter (and the current branch and service type).
 */
import { kpiById } from '../kpi/catalogue.ts';
import type { KpiResult } from '../kpi/engine.ts';
import { formatKpiValue, STATUS_MARK, STATUS_TEXT } from '../i18n/format.ts';
import { periodLabel, type PageId } from '../i18n/strings.ts';
import { pageHref } from '../site/routes.ts';
import { h } from './dom.ts';
import { figure } from './figure.ts';
import type { Trend, ViewState } from './model.ts';
import type { RenderContext } from './render-context.ts';
import { writeState } from './url-state.ts';

/** Where each KPI's breakdown is shown. */
const EVIDENCE: Record<string, PageId> = {
  satisfaction_rate: 'satisfaction', feedback_participation_rate: 'satisfaction',
  complaint_response_hours_avg: 'complaints', complaint_response_within_24h_rate: 'complaints', complaint_closure_rate: 'complaints', complaint_closed_within_48h_rate: 'complaints',
  training_coverage_rate: 'training', training_pass_rate: 'training', background_check_rate: 'training',
  staff_turnover_rate: 'workforce', staff_satisfaction_rate: 'workforce',
  inspection_pass_rate: 'quality', incident_rate_per_1000_orders: 'quality', incident_reported_within_24h_rate: 'quality',
};

interface Row { id: string; label: string; cells: KpiResult[] }

/** The evidence link of one mark. */
export function evidenceHref(c: RenderContext, id: string, quarter: string, state: ViewState): string {
  return pageHref(c.base, c.lang, EVIDENCE[id] ?? 'overview') + writeState({ ...state, period: quarter }, { period: '', branch: '', service: '' });
}

/** The scorecard as a figure (grid, data table, CSV). */
export function commitmentsFigure(c: RenderContext, quarters: readonly Trend[], state: ViewState): HTMLElement {
  const L = c.lang;
  const rows: Row[] = (quarters[0]?.results ?? []).map((r) => ({ id: r.id, label: kpiById(r.id).label[L], cells: quarters.map((q) => q.results.find((x) => x.id === r.id)!) }));
  const fmt = (r: KpiResult) => formatKpiValue(r.value, kpiById(r.id).unit, L);
  const cell = (r: KpiResult, quarter: string) => {
    const text = `${STATUS_TEXT[r.status]?.[L] ?? r.status} · ${fmt(r)}${r.target !== null ? ` (${L === 'zh' ? '目标' : 'target'} ${formatKpiValue(r.target, kpiById(r.id).unit, L)})` : ''}`;
    return h(c.doc, 'td', { class: `mark ${r.status}` },
      h(c.doc, 'a', { href: evidenceHref(c, r.id, quarter, state), title: text, 'aria-label': `${periodLabel(quarter, L)} ${kpiById(r.id).label[L]}: ${text}` },
        h(c.doc, 'span', { class: 'sym', 'aria-hidden': 'true' }, STATUS_MARK[r.status] || '–'), ' ', fmt(r)));
  };
  const grid = () => h(c.doc, 'table', { class: 'commitments' },
    h(c.doc, 'thead', {}, h(c.doc, 'tr', {}, h(c.doc, 'th', { scope: 'col' }, L === 'zh' ? '承诺' : 'Commitment'), quarters.map((q) => h(c.doc, 'th', { scope: 'col' }, periodLabel(q.period, L))))),
    h(c.doc, 'tbody', {}, rows.map((row) => h(c.doc, 'tr', {},
      h(c.doc, 'th', { scope: 'row' }, h(c.doc, 'a', { href: `${c.methodHref}#kpi-${row.id}` }, row.label)),
      row.cells.map((r, i) => cell(r, quarters[i]!.period))))));
  return figure(c, {
    id: 'commitments', title: L === 'zh' ? '服务承诺兑现情况（最近四个完整季度）' : 'Commitments kept (last four complete quarters)',
    note: L === 'zh' ? '✓ 达标　✗ 未达标　… 样本不足。点击任一格查看该季度的明细。' : '✓ met · ✗ missed · … too few observations. Click a mark for that quarter’s evidence.',
    rows, chart: grid,
    columns: [
      { label: L === 'zh' ? '指标' : 'KPI', value: (r) => r.label, csv: (r) => r.id },
      ...quarters.map((q, i) => ({ label: periodLabel(q.period, L), value: (r: Row) => `${STATUS_TEXT[r.cells[i]!.status]?.[L] ?? ''} ${fmt(r.cells[i]!)}`, csv: (r: Row) => `${r.cells[i]!.status} ${r.cells[i]!.value ?? ''}` })),
    ],
  });
}
