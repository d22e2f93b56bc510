/** Monthly workforce: headcount at month end (line) and hires / separations (grouped bars). */
import * as Plot from '@observablehq/plot';
import { FONT, STATUS_COLOURS, plot, type ChartOptions } from './theme.ts';

export interface MonthRow { month: string; headcount_end: number; hires: number; separations: number }
export interface MonthOptions extends ChartOptions { labels: { headcount: string; hires: string; separations: string } }

/**
 * A count axis: Plot's own, but from 0 to 1 when every value is 0 (a branch with no hires in a
 * year): a [0, 0] domain draws every bar full height against a tick of 0.000000.
 */
const countY = (values: readonly number[], extra: object = {}) =>
  values.some((v) => v !== 0) ? { grid: true, label: null, ...extra } : { grid: true, label: null, ...extra, domain: [0, 1], ticks: 1 };

const base = (o: ChartOptions, rows: readonly MonthRow[]) => ({
  document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, marginLeft: 44, style: { fontFamily: FONT, fontSize: '12px' },
  x: { domain: rows.map((r) => r.month), label: null, tickFormat: (m: string) => m.slice(2) },
});

/** Headcount at each month's end. */
export function headcountChart(rows: readonly MonthRow[], o: MonthOptions): SVGSVGElement | HTMLElement {
  return plot({
    ...base(o, rows), height: o.height ?? 200,
    x: { ...base(o, rows).x, type: 'point', padding: 0.3 },
    y: countY(rows.map((r) => r.headcount_end), { zero: true }),
    marks: [
      Plot.lineY(rows, { x: 'month', y: 'headcount_end', stroke: '#1b6ca8', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'month', y: 'headcount_end', fill: '#1b6ca8', r: 3, title: (r: MonthRow) => `${r.month} ${o.labels.headcount}: ${r.headcount_end}` }),
    ],
  });
}

/** Hires and separations per month, side by side. */
export function flowsChart(rows: readonly MonthRow[], o: MonthOptions): SVGSVGElement | HTMLElement {
  const flows = rows.flatMap((r) => [{ month: r.month, kind: o.labels.hires, n: r.hires }, { month: r.month, kind: o.labels.separations, n: r.separations }]);
  return plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, height: o.height ?? 220, marginLeft: 44, style: { fontFamily: FONT, fontSize: '12px' },
    fx: { domain: rows.map((r) => r.month), label: null, tickFormat: (m: string) => m.slice(2), padding: 0.15 },
    x: { axis: null, domain: [o.labels.hires, o.labels.separations] },
    y: countY(flows.map((f) => f.n)),
    color: { domain: [o.labels.hires, o.labels.separations], range: ['#1b6ca8', STATUS_COLOURS.missed], legend: true },
    marks: [
      Plot.barY(flows, { fx: 'month', x: 'kind', y: 'n', fill: 'kind', title: (d: { kind: string; n: number; month: string }) => `${d.month} ${d.kind}: ${d.n}` }),
      Plot.ruleY([0]),
    ],
  });
}
