/**
 * A funnel plot: each unit's rate against its denominator (log scale), the centre line and the
 * 95% and 99.8% limits; units beyond a limit coloured by whether that is better or worse.
 */
import * as Plot from '@observablehq/plot';
import type { Funnel, FunnelPosition } from '../kpi/funnel.ts';
import { FONT, pct, plot, STATUS_COLOURS, TARGET_COLOUR, type ChartOptions } from './theme.ts';

export interface FunnelPoint { label: string; rate: number; denominator: number; position: FunnelPosition }
export interface FunnelChartOptions extends ChartOptions {
  /** Whether a higher rate is better (above the funnel = better). */
  direction: 'higher' | 'lower';
  /** Draws the names of units outside the limits, the furthest first, up to 12 (only where names may be shown). */
  nameOutliers?: boolean;
}

const INSIDE = '#6b7280';

/** Whether a position is better, worse or neither, given the KPI's direction. */
export function verdict(p: FunnelPosition, direction: 'higher' | 'lower'): 'better' | 'worse' | 'inside' {
  if (p === 'inside') return 'inside';
  return (p.startsWith('above') ? direction === 'higher' : direction === 'lower') ? 'better' : 'worse';
}

/** Renders the funnel of `points` (already filtered to what may be published) as SVG. */
export function funnelChart(points: readonly FunnelPoint[], f: Pick<Funnel, 'p0' | 'limitsAt'>, o: FunnelChartOptions): SVGSVGElement | HTMLElement {
  const ns = points.map((p) => p.denominator);
  const nMin = Math.max(1, (ns.length ? Math.min(...ns) : 10) / 1.5), nMax = Math.max(...ns, nMin * 4) * 1.5;
  // Limits at 48 sizes spread evenly on the log scale (smooth at chart size; 120 took a third of a redraw).
  const curve = Array.from({ length: 49 }, (_, i) => {
    const n = Math.round(nMin * (nMax / nMin) ** (i / 48));
    return { n, ...f.limitsAt(Math.max(1, n)) };
  });
  const rates = [...points.map((p) => p.rate), ...curve.flatMap((c) => [c.lo998, c.hi998]), f.p0];
  const lo = Math.max(0, Math.min(...rates) - 0.02), hi = Math.min(1, Math.max(...rates) + 0.02);
  const colour = (p: FunnelPoint) => {
    const v = verdict(p.position, o.direction);
    return v === 'inside' ? INSIDE : v === 'better' ? STATUS_COLOURS.met : STATUS_COLOURS.missed;
  };
  const title = (p: FunnelPoint) => `${p.label}: ${(p.rate * 100).toFixed(1)}%, n=${p.denominator}`;
  const line = (y: 'lo998' | 'lo95' | 'hi95' | 'hi998', dash: string) => Plot.line(curve, { x: 'n', y, stroke: TARGET_COLOUR, strokeOpacity: 0.7, strokeDasharray: dash, curve: 'step-after' });
  const marks: Plot.Markish[] = [
    Plot.ruleY([f.p0], { stroke: TARGET_COLOUR }),
    line('lo95', '5 3'), line('hi95', '5 3'), line('lo998', '2 3'), line('hi998', '2 3'),
    Plot.dot(points, { x: 'denominator', y: 'rate', r: 3.5, fill: colour, fillOpacity: 0.85, stroke: 'white', strokeWidth: 0.5, title }),
  ];
  if (o.nameOutliers) {
    const far = points.filter((p) => p.position !== 'inside').sort((a, b) => Number(b.position.endsWith('998')) - Number(a.position.endsWith('998'))).slice(0, 12);
    marks.push(Plot.text(far, { x: 'denominator', y: 'rate', text: 'label', dx: 6, textAnchor: 'start', fontSize: 10, fill: colour }));
  }
  return plot({
    document: o.document, ariaLabel: o.ariaLabel, width: o.width ?? 640, height: o.height ?? 300, marginLeft: 48, marginRight: 16, marginBottom: 36,
    style: { fontFamily: FONT, fontSize: '12px' },
    x: { type: 'log', domain: [nMin, nMax], label: 'n →', labelAnchor: 'right', grid: true },
    y: { domain: [lo, hi], grid: true, label: null, tickFormat: pct },
    marks,
  });
}
