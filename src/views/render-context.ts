/** What every page renderer needs besides its data. */
import type { Lang } from '../i18n/format.ts';
import { formatCount, formatKpiValue } from '../i18n/format.ts';
import { kpiById } from '../kpi/catalogue.ts';

/** The chart width the build draws its pages at (the browser redraws at its own width when that differs). */
export const BUILD_CHART_WIDTH = 760;

export interface RenderContext {
  doc: Document;
  lang: Lang;
  /** The Method page's URL in this language (cards link to a KPI's definition there). */
  methodHref: string;
  /** The site's base path (ends with '/'), for links between pages. */
  base: string;
  /** Chart width in CSS pixels (the browser passes its container's width). */
  width: number;
  /**
   * Draws a figure's chart later: `draw` fills `slot` (the browser passes this to draw charts
   * off-screen after the rest of a filter change; without it every chart is drawn at once). With
   * `reuse`, a chart already drawn under the same key may be placed instead (client/chart-queue.ts).
   */
  defer?: (slot: HTMLElement, draw: () => void, reuse?: ChartReuse) => void;
}

/** A figure's chart as the browser may reuse it: one key (figure, width, title, chart data) is one drawing. */
export interface ChartReuse { key: string; place: (chart: Element) => void }

/** A formatter for a KPI's values. */
export const kpiFormat = (id: string, lang: Lang) => {
  const unit = kpiById(id).unit;
  return (v: number | null) => formatKpiValue(v, unit, lang);
};
/** A count formatter. */
export const countFormat = (lang: Lang) => (v: number | null) => formatCount(v, lang);
/** A percentage formatter for shares outside the catalogue. */
export const shareFormat = (lang: Lang) => (v: number | null) => formatKpiValue(v, 'ratio', lang);
