/** Overview (scorecard, branch league) and Satisfaction pages. */
import { barChart, type BarRow } from '../charts/bars.ts';
import { trendChart } from '../charts/trend.ts';
import { kpiById } from '../kpi/catalogue.ts';
import type { KpiResult } from '../kpi/engine.ts';
import { formatCount, STATUS_TEXT } from '../i18n/format.ts';
import { dimensionLabel, periodLabel, serviceLabel, UI } from '../i18n/strings.ts';
import { h } from './dom.ts';
import { commitmentsFigure } from './render-commitments.ts';
import { figure, type Column } from './figure.ts';
import { kpiFunnel } from './funnel-figure.ts';
import { drillable, scorecard, trendRows } from './kpi-card.ts';
import type { ViewData } from './model.ts';
import { countFormat, kpiFormat, shareFormat, type RenderContext } from './render-context.ts';

type Of<P extends ViewData['page']> = Extract<ViewData, { page: P }>;

/** Bars of one KPI per branch / service type; the selected one is marked. */
export function kpiBars(c: RenderContext, id: string, figId: string, title: string, pairs: readonly [string, KpiResult][], by: 'branch' | 'service', label: (k: string) => string) {
  const k = kpiById(id);
  const fmt = kpiFormat(id, c.lang);
  const rows: BarRow[] = pairs.map(([key, r]) => ({ key, label: label(key), value: r.value, ci_low: r.ci_low, ci_high: r.ci_high, status: r.status, n: r.n ?? r.denominator }));
  const cols: Column<BarRow>[] = [
    { label: by === 'branch' ? UI.branch[c.lang] : UI.service[c.lang], value: (r) => r.label },
    { label: k.label[c.lang], value: (r) => fmt(r.value), csv: (r) => r.value, num: true },
    { label: '95% CI', value: (r) => (r.ci_low != null ? `${fmt(r.ci_low)}–${fmt(r.ci_high ?? null)}` : '–'), csv: (r) => (r.ci_low != null ? `${r.ci_low}–${r.ci_high}` : '') },
    { label: 'n', value: (r) => formatCount(r.n ?? null, c.lang), csv: (r) => r.n, num: true },
    { label: c.lang === 'zh' ? '状态' : 'Status', value: (r) => STATUS_TEXT[r.status!]?.[c.lang] ?? '' },
  ];
  const target = pairs[0]?.[1].target ?? null;
  const observed = rows.filter((r) => r.n);
  return figure(c, {
    id: figId, title, note: UI.click_to_filter[c.lang], rows: observed, columns: cols,
    drill: (r) => (drillable(k, r) ? { kpi: id, [by]: r.key } : null),
    chartKey: [observed, target],
    chart: (aria) => barChart(observed, { document: c.doc, ariaLabel: aria, unit: k.unit, format: fmt, target, targetLabel: UI.target[c.lang], filter: by, width: c.width }),
  });
}

/** A KPI's trend figure. */
export function kpiTrendFigure(c: RenderContext, id: string, trend: Of<'satisfaction'>['trend']) {
  const k = kpiById(id);
  const fmt = kpiFormat(id, c.lang);
  const rows = trendRows(trend, id, c.lang);
  const target = trend.at(-1)?.results.find((r) => r.id === id);
  return figure(c, {
    id: `trend-${id}`, title: `${k.label[c.lang]} · ${UI.trend[c.lang]}`, rows: rows.some((r) => r.value !== null) ? rows : [],
    note: UI.insufficient_note[c.lang],
    drill: (r) => (drillable(k, r) ? { kpi: id, period: r.period } : null),
    columns: [
      { label: UI.period[c.lang], value: (r) => r.label, csv: (r) => r.period },
      { label: k.label[c.lang], value: (r) => fmt(r.value), csv: (r) => r.value, num: true },
      { label: '95% CI', value: (r) => (r.ci_low !== null ? `${fmt(r.ci_low)}–${fmt(r.ci_high)}` : '–'), csv: (r) => (r.ci_low !== null ? `${r.ci_low}–${r.ci_high}` : '') },
      { label: 'n', value: (r) => formatCount(r.n, c.lang), csv: (r) => r.n, num: true },
      { label: c.lang === 'zh' ? '状态' : 'Status', value: (r) => STATUS_TEXT[r.status]?.[c.lang] ?? '' },
    ],
    chartKey: [rows, target?.target ?? null, target?.stretch ?? null],
    chart: (aria) => trendChart(rows, { document: c.doc, ariaLabel: aria, unit: k.unit, target: target?.target ?? null, stretch: target?.stretch ?? null, format: fmt, targetLabel: UI.target[c.lang], stretchLabel: UI.stretch[c.lang], width: c.width }),
  });
}

/** The Overview page. */
export function renderOverview(c: RenderContext, d: Of<'overview'>): HTMLElement[] {
  const heading = c.lang === 'zh' ? `各项指标 · ${periodLabel(d.state.period, c.lang)}` : `Headline KPIs · ${periodLabel(d.state.period, c.lang)}`;
  return [
    h(c.doc, 'h2', {}, heading),
    scorecard(c, d.trend, heading),
    d.commitments.length && d.commitments[0]!.results.length ? commitmentsFigure(c, d.commitments, d.state) : null,
    d.branches.length ? kpiBars(c, 'satisfaction_rate', 'branch-satisfaction', c.lang === 'zh' ? '各门店客户满意度' : 'Customer satisfaction by branch', d.branches, 'branch', (b) => b) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

/** The Satisfaction page. */
export function renderSatisfaction(c: RenderContext, d: Of<'satisfaction'>): HTMLElement[] {
  const L = c.lang;
  const share = shareFormat(L);
  type Dim = { dimension: string; n: number; mean: number; satisfied: number };
  const dims = (d.dimensions as Dim[]).filter((r) => r.n > 0);
  const dimRows: BarRow[] = dims.map((r) => ({ key: r.dimension, label: dimensionLabel(r.dimension, L), value: r.satisfied / r.n, n: r.n }));
  return [
    kpiTrendFigure(c, 'satisfaction_rate', d.trend),
    figure(c, {
      id: 'satisfaction-dimensions', title: L === 'zh' ? '各维度满意比例（≥4分）' : 'Satisfied (≥ 4) by dimension', rows: dimRows,
      columns: [
        { label: L === 'zh' ? '维度' : 'Dimension', value: (r) => r.label, csv: (r) => r.key },
        { label: L === 'zh' ? '满意比例' : 'Satisfied', value: (r) => share(r.value), csv: (r) => r.value, num: true },
        { label: L === 'zh' ? '平均分' : 'Mean score', value: (r) => dims.find((x) => x.dimension === r.key)!.mean.toFixed(2), num: true },
        { label: 'n', value: (r) => countFormat(L)(r.n ?? null), csv: (r) => r.n, num: true },
      ],
      chartKey: dimRows,
      chart: (aria) => barChart(dimRows, { document: c.doc, ariaLabel: aria, unit: 'ratio', format: share, width: c.width }),
    }),
    kpiBars(c, 'satisfaction_rate', 'satisfaction-branch', L === 'zh' ? '各门店满意度' : 'Satisfaction by branch', d.branches, 'branch', (b) => b),
    kpiBars(c, 'satisfaction_rate', 'satisfaction-service', L === 'zh' ? '各服务类型满意度' : 'Satisfaction by service type', d.services, 'service', (s) => serviceLabel(s, L)),
    ...kpiFunnel(c, 'satisfaction_rate', 'satisfaction-funnel-branch', d.branches, 'branch', (b) => b),
    ...kpiFunnel(c, 'satisfaction_rate', 'satisfaction-funnel-service', d.services, 'service', (s) => serviceLabel(s, L)),
  ];
}
