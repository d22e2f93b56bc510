/** Shared chart settings: the colour-blind-safe status palette (blue / orange / grey) and sizes. */
import type { KpiResult } from '../kpi/engine.ts';

export const STATUS_COLOURS: Record<KpiResult['status'], string> = {
  met: '#1b6ca8', missed: '#c84b00', insufficient: '#9ca3af', no_target: '#4b5563', not_applicable: '#d1d5db', no_data: '#d1d5db',
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
