/** Shared chart settings: the colour-blind-safe status palette (blue / orange / grey) and sizes. */
import * as Plot from '@observablehq/plot';
import type { KpiResult } from '../kpi/engine.ts';

export const STATUS_COLOURS: Record<KpiResult['status'], string> = {
  met: '#1b6ca8', missed: '#b04200', insufficient: '#9ca3af', no_target: '#4b5563', not_applicable: '#d1d5db', no_data: '#d1d5db',
};
export const TARGET_COLOUR = '#111827';
export const STRETCH_COLOUR = '#6b7280';
export const FONT = 'system-ui, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Options every chart takes besides its rows. */
export interface ChartOptions {
  document: Document;
  /** Accessible name of the SVG (the figure's title). */
  ariaLabel: string;
  width?: number;
  height?: number;
}

/** Percent tick format for ratio axes. */
export const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Plot.plot, with the marks' own `aria-label`s ("dot", "rule"…) removed from their `<g>`s: ARIA
 * forbids a name on an element without a role, and the chart's name and data table already say
 * what it shows. Every chart renders through this.
 */
export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const el = Plot.plot(options);
  for (const g of el.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  return el;
}
