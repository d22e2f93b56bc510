/** A scorecard card: value, status against target, CI, n, change on the previous period, sparkline. */
import { sparkline } from '../charts/sparkline.ts';
import { kpiById } from '../kpi/catalogue.ts';
import type { KpiDef } from '../kpi/define.ts';
import type { KpiResult } from '../kpi/engine.ts';
import { formatCount, formatKpiValue, STATUS_TEXT, type Lang } from '../i18n/format.ts';
import { periodLabel, UI } from '../i18n/strings.ts';
import type { TrendRow } from '../charts/trend.ts';
import { h } from './dom.ts';
import { drillButton } from './figure.ts';
import type { RenderContext } from './render-context.ts';

/** The change against the previous period, in percentage points for rates ("unchanged" if it rounds to 0). */
export function deltaText(r: KpiResult, previous: KpiResult | undefined, unit: string, lang: Lang): string | null {
  if (!previous || previous.value === null || r.value === null) return null;
  const d = r.value - previous.value;
  if (Math.abs(d) < (unit === 'ratio' ? 0.0005 : 0.05)) return lang === 'zh' ? '持平' : 'unchanged';
  const sign = d > 0 ? '+' : '−';
  return unit === 'ratio' ? `${sign}${(Math.abs(d) * 100).toFixed(1)}${lang === 'zh' ? ' 个百分点' : ' pp'}` : `${sign}${formatKpiValue(Math.abs(d), unit, lang)}`;
}

/** Trend rows of one KPI from per-period results. */
export function trendRows(trend: readonly { period: string; results: readonly KpiResult[] }[], id: string, lang: Lang): TrendRow[] {
  return trend.map((t) => {
    const r = t.results.find((x) => x.id === id);
    return { period: t.period, label: periodLabel(t.period, lang), value: r?.value ?? null, ci_low: r?.ci_low ?? null, ci_high: r?.ci_high ?? null, status: r?.status ?? 'no_data', n: r ? (r.n ?? r.denominator) : null };
  });
}

/** Renders one card. */
export function kpiCard(doc: Document, lang: Lang, k: KpiDef, r: KpiResult, previous: KpiResult | undefined, trend: TrendRow[], methodHref: string): HTMLElement {
  const cmp = k.direction === 'higher' ? '≥' : '≤';
  const delta = deltaText(r, previous, k.unit, lang);
  const spark = trend.some((t) => t.value !== null)
    ? h(doc, 'div', { class: 'spark', title: `${UI.trend[lang]}: ${trend.map((t) => `${t.label} ${formatKpiValue(t.value, k.unit, lang)}`).join(' · ')}` },
        sparkline(trend, { document: doc, ariaLabel: `${k.label[lang]} ${UI.trend[lang]}`, target: r.target }))
    : null;
  return h(doc, 'article', { class: `card ${r.status}`, 'data-kpi': r.id, 'aria-label': k.label[lang] },
    h(doc, 'h3', {}, k.label[lang]),
    h(doc, 'div', { class: 'card-row' }, h(doc, 'p', { class: 'value', 'data-value': r.value ?? '' }, formatKpiValue(r.value, k.unit, lang)), spark),
    h(doc, 'p', { class: 'status' }, h(doc, 'span', { class: 'badge' }, STATUS_TEXT[r.status]?.[lang] ?? r.status),
      r.target !== null ? h(doc, 'span', { class: 'target' }, `${UI.target[lang]} ${cmp} ${formatKpiValue(r.target, k.unit, lang)}`) : null),
    h(doc, 'p', { class: 'meta' },
      r.ci_low !== null ? `95% CI ${formatKpiValue(r.ci_low, k.unit, lang)}–${formatKpiValue(r.ci_high, k.unit, lang)} · ` : '',
      `n = ${formatCount(r.n ?? r.denominator, lang)}`,
      delta !== null ? ` · ${UI.previous[lang]} ${delta}` : ''),
    h(doc, 'p', { class: 'card-links' },
      h(doc, 'a', { class: 'card-link', href: `${methodHref}#kpi-${r.id}` }, lang === 'zh' ? '口径与来源' : 'Definition and source'),
      drillable(k, r) ? drillButton(doc, lang, { kpi: r.id }, lang === 'zh' ? '查看明细行' : 'Show the rows') : null));
}

/**
 * Whether a figure of `k` has rows to list: additive KPIs are sums over rows, staff KPIs sums over
 * people (`rows`), which the drill-down lists (kpi/drill.ts).
 */
export function drillable(k: KpiDef, r: { denominator?: number | null; n?: number | null; status?: string | null }): boolean {
  return Boolean(k.facts ?? k.rows) && (r.denominator ?? r.n ?? 0) > 0 && r.status !== 'not_applicable';
}

/** The cards of a trend's last period, each with its change on the one before and a sparkline of the last four. */
export function scorecard(c: RenderContext, trend: readonly { period: string; results: readonly KpiResult[] }[], label?: string): HTMLElement {
  const last = trend.at(-1)?.results ?? [];
  const prev = trend.at(-2)?.results ?? [];
  const recent = trend.slice(-4);
  return h(c.doc, 'section', { class: 'grid', 'aria-label': label ?? null },
    last.map((r) => kpiCard(c.doc, c.lang, kpiById(r.id), r, prev.find((p) => p.id === r.id), trendRows(recent, r.id, c.lang), c.methodHref)));
}
