/** A KPI over periods: value line and dots coloured by status, 95% CI band, target and stretch lines. */
import * as Plot from '@observablehq/plot';
import { FONT, STATUS_COLOURS, STRETCH_COLOUR, TARGET_COLOUR, pct, plot, type ChartOptions } from './theme.ts';
import type { KpiResult } from '../kpi/engine.ts';

export interface TrendRow { period: string; label: string; value: number | null; ci_low: number | null; ci_high: number | null; status: KpiResult['status']; n: number | null }
export interface TrendOptions extends ChartOptions { unit: string; target: number | null; stretch?: number | null; format: (v: number | null) => string; targetLabel: string; stretchLabel: string }

/** Renders the trend as an SVG element. Periods without data leave a gap, not a zero. */
export function trendChart(rows: readonly TrendRow[], o: TrendOptions): SVGSVGElement | HTMLElement {
  const ratio = o.unit === 'ratio';
  const values = rows.flatMap((r) => [r.value, r.ci_low, r.ci_high, o.target, o.stretch ?? null]).filter((v): v is number => v !== null);
  const lo = ratio ? Math.max(0, Math.min(...values, 1) - 0.05) : 0;
  const hi = ratio ? Math.min(1, Math.max(...values) + 0.02) : Math.max(...values, 1) * 1.1;
  const title = (r: TrendRow) => `${r.label}: ${o.format(r.value)}${r.ci_low !== null ? ` (95% CI ${o.format(r.ci_low)}–${o.format(r.ci_high)})` : ''}${r.n !== null ? `, n=${r.n}` : ''}`;
  const data = rows.map((r) => ({ ...r }));
  const withCi = data.filter((r) => r.ci_low !== null);
  const marks: Plot.Markish[] = [
    Plot.areaY(withCi, { x: 'label', y1: 'ci_low', y2: 'ci_high', fill: '#1b6ca8', fillOpacity: 0.12, curve: 'linear' }),
    Plot.lineY(data, { x: 'label', y: 'value', stroke: '#1b6ca8', strokeWidth: 2 }),
    Plot.dot(data.filter((r) => r.value !== null), { x: 'label', y: 'value', r: 4.5, fill: (r: TrendRow) => STATUS_COLOURS[r.status], stroke: 'white', title }),
  ];
  if (o.target !== null) marks.push(Plot.ruleY([o.target], { stroke: TARGET_COLOUR, strokeDasharray: '5 3' }), Plot.text([o.target], { y: (d: number) => d, frameAnchor: 'right', dy: -7, text: () => `${o.targetLabel} ${o.format(o.target)}`, fill: TARGET_COLOUR, fontSize: 11 }));
  if (o.stretch != null) marks.push(Plot.ruleY([o.stretch], { stroke: STRETCH_COLOUR, strokeDasharray: '2 3' }), Plot.text([o.stretch], { y: (d: number) => d, frameAnchor: 'left', dy: -7, dx: 4, text: () => `${o.stretchLabel} ${o.format(o.stretch!)}`, fill: STRETCH_COLOUR, fontSize: 11 }));
  return plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, height: o.height ?? 260, marginLeft: 48, marginRight: 16, style: { fontFamily: FONT, fontSize: '12px' },
    x: { type: 'point', domain: rows.map((r) => r.label), label: null, padding: 0.3 },
    y: { domain: [lo, hi], grid: true, label: null, tickFormat: ratio ? pct : undefined, nice: !ratio },
    marks,
  });
}
