/**
 * Horizontal bars, one per category (branch, service type, complaint category…). With `status`
 * the bars take the status palette and a target line; `filter` tags each bar so a click can
 * filter the dashboard to it.
 */
import * as Plot from '@observablehq/plot';
import { FONT, STATUS_COLOURS, TARGET_COLOUR, pct, plot, type ChartOptions } from './theme.ts';
import type { KpiResult } from '../kpi/engine.ts';

export interface BarRow { key: string; label: string; value: number | null; ci_low?: number | null; ci_high?: number | null; status?: KpiResult['status']; n?: number | null }
export interface BarOptions extends ChartOptions {
  unit: string;
  format: (v: number | null) => string;
  target?: number | null;
  targetLabel?: string;
  /** The filter a click on a bar sets (`branch` or `service`). */
  filter?: 'branch' | 'service';
  colour?: string;
  /** The label at each bar's end (default: its formatted value). */
  text?: (r: BarRow) => string;
}

/** Renders the bars as an SVG element; rows without a value get an empty slot. */
export function barChart(rows: readonly BarRow[], o: BarOptions): SVGSVGElement | HTMLElement {
  const ratio = o.unit === 'ratio';
  const data = rows.map((r) => ({ ...r, v: r.value ?? 0 }));
  const fill = (r: BarRow) => (r.status ? STATUS_COLOURS[r.status] : o.colour ?? '#1b6ca8');
  const title = (r: BarRow) => `${r.label}: ${o.format(r.value)}${r.ci_low != null ? ` (95% CI ${o.format(r.ci_low)}–${o.format(r.ci_high ?? null)})` : ''}${r.n != null ? `, n=${r.n}` : ''}`;
  const max = Math.max(...data.map((r) => r.ci_high ?? r.v), o.target ?? 0, ratio ? 0 : 1);
  const marks: Plot.Markish[] = [
    Plot.barX(data, { y: 'label', x: 'v', fill, title, className: 'bar' }),
    Plot.text(data, { y: 'label', x: (r: BarRow & { v: number }) => Math.max(r.v, r.ci_high ?? 0), text: o.text ?? ((r: BarRow) => o.format(r.value)), textAnchor: 'start', dx: 5, fill: '#1f2937' }),
  ];
  const ci = data.filter((r) => r.ci_low != null);
  if (ci.length) marks.push(Plot.ruleY(ci, { y: 'label', x1: 'ci_low', x2: 'ci_high', stroke: '#111827', strokeOpacity: 0.55, strokeWidth: 1.5 }));
  if (o.target != null) marks.push(Plot.ruleX([o.target], { stroke: TARGET_COLOUR, strokeDasharray: '5 3' }), Plot.text([o.target], { x: (d: number) => d, frameAnchor: 'top', dy: -10, text: () => `${o.targetLabel ?? ''} ${o.format(o.target!)}`, fill: TARGET_COLOUR, fontSize: 11 }));
  const svg = plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, height: o.height ?? Math.max(90, 28 * rows.length + 40),
    marginLeft: labelMargin(rows), marginRight: o.text ? 140 : 60, marginTop: 24, style: { fontFamily: FONT, fontSize: '12px' },
    x: { domain: [0, ratio ? Math.min(1, max * 1.08) : max * 1.15], grid: true, label: null, tickFormat: ratio ? pct : undefined },
    y: { domain: rows.map((r) => r.label), label: null },
    marks,
  });
  if (o.filter) tagBars(svg, rows, o.filter);
  return svg;
}

/** Marks each bar with the filter it sets; Plot draws the bars in data order. */
function tagBars(svg: Element, rows: readonly BarRow[], filter: string): void {
  const rects = svg.querySelectorAll('g.bar rect');
  rects.forEach((rect, i) => {
    const r = rows[i];
    if (!r) return;
    rect.setAttribute('data-filter', filter);
    rect.setAttribute('data-value', r.key);
    rect.setAttribute('class', 'clickable');
    rect.setAttribute('tabindex', '0');
    rect.setAttribute('role', 'button');
    rect.setAttribute('aria-label', r.label);
  });
}

/** Room for the longest category label at 12 px (CJK characters are about twice as wide as Latin ones), at least 110 px. */
function labelMargin(rows: readonly BarRow[]): number {
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12 : 6.8), 0);
  return Math.min(260, Math.max(110, Math.ceil(Math.max(0, ...rows.map((r) => width(r.label))) + 14)));
}

