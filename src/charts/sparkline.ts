/** A small trend for a KPI card: values over the last periods, no axes, last point emphasised. */
import * as Plot from '@observablehq/plot';
import { STATUS_COLOURS, plot, type ChartOptions } from './theme.ts';
import type { TrendRow } from './trend.ts';

/** Renders the sparkline; a target, when given, is a faint dashed line. */
export function sparkline(rows: readonly TrendRow[], o: ChartOptions & { target: number | null }): SVGSVGElement | HTMLElement {
  const vals = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const all = o.target !== null ? [...vals, o.target] : vals;
  const lo = Math.min(...all, Infinity);
  const hi = Math.max(...all, -Infinity);
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.05 || 1;
  const last = rows.filter((r) => r.value !== null).slice(-1);
  return plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 120, height: o.height ?? 36, margin: 4, axis: null,
    x: { type: 'point', domain: rows.map((r) => r.period) }, y: { domain: [lo - pad, hi + pad] },
    marks: [
      o.target !== null ? Plot.ruleY([o.target], { stroke: '#9ca3af', strokeDasharray: '3 2' }) : null,
      Plot.lineY(rows, { x: 'period', y: 'value', stroke: '#4b5563', strokeWidth: 1.5 }),
      Plot.dot(last, { x: 'period', y: 'value', r: 3, fill: (r: TrendRow) => STATUS_COLOURS[r.status] }),
    ],
  });
}
