/** Counts over numeric bins (e.g. complaint response hours) with reference lines (24 h, 48 h). */
import * as Plot from '@observablehq/plot';
import { FONT, STATUS_COLOURS, TARGET_COLOUR, plot, type ChartOptions } from './theme.ts';

export interface BinRow { lo: number; hi: number; label: string; count: number }
export interface HistogramOptions extends ChartOptions { lines: { at: number; label: string }[]; xLabel: string; countLabel: string }

/** Renders the bins as rectangles on a linear axis, colouring bins past each line darker. */
export function histogram(rows: readonly BinRow[], o: HistogramOptions): SVGSVGElement | HTMLElement {
  const cut = o.lines.map((l) => l.at);
  const shade = (r: BinRow) => (r.lo >= (cut[1] ?? Infinity) ? STATUS_COLOURS.missed : r.lo >= (cut[0] ?? Infinity) ? '#e69f00' : '#1b6ca8');
  return plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, height: o.height ?? 240, marginLeft: 44, marginTop: 22, style: { fontFamily: FONT, fontSize: '12px' },
    x: { label: o.xLabel, domain: [0, Math.max(...rows.map((r) => r.hi), 1)], ticks: rows.map((r) => r.lo) },
    y: { grid: true, label: o.countLabel },
    marks: [
      Plot.rectY(rows, { x1: 'lo', x2: 'hi', y: 'count', fill: shade, inset: 1, title: (r: BinRow) => `${r.label}: ${r.count}` }),
      Plot.ruleY([0]),
      Plot.ruleX(o.lines, { x: 'at', stroke: TARGET_COLOUR, strokeDasharray: '5 3' }),
      Plot.text(o.lines, { x: 'at', text: 'label', frameAnchor: 'top', dy: -12, fill: TARGET_COLOUR, fontSize: 11 }),
    ],
  });
}
