/**
 * A small trend for a KPI card: values over the last periods, no axes, last point emphasised.
 * Drawn by hand, not with Plot: a page has one per card, and a Plot figure costs about 1 ms to
 * build where these few SVG elements cost a few µs (the cards redraw on every filter change).
 */
import { STATUS_COLOURS, type ChartOptions } from './theme.ts';
import type { TrendRow } from './trend.ts';

const SVG = 'http://www.w3.org/2000/svg';
const r3 = (v: number) => String(Math.round(v * 1000) / 1000);

/** Renders the sparkline; a target, when given, is a faint dashed line. Null values break the line. */
export function sparkline(rows: readonly TrendRow[], o: ChartOptions & { target: number | null }): SVGSVGElement {
  const width = o.width ?? 120, height = o.height ?? 36, m = 4;
  const vals = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const all = o.target !== null ? [...vals, o.target] : vals;
  const lo = Math.min(...all, Infinity);
  const hi = Math.max(...all, -Infinity);
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.05 || 1;
  // Points spread as Plot's point scale does (half a step of padding at each end).
  const step = (width - 2 * m) / Math.max(rows.length, 1);
  const x = (i: number) => m + step * (i + 0.5);
  const y = (v: number) => height - m - ((v - (lo - pad)) / (hi + pad - (lo - pad))) * (height - 2 * m);
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>) => {
    const e = o.document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const svg = el('svg', { 'aria-label': o.ariaLabel, viewBox: `0 0 ${width} ${height}`, width: String(width), height: String(height) });
  if (o.target !== null) svg.append(el('line', { x1: String(m), x2: String(width - m), y1: r3(y(o.target)), y2: r3(y(o.target)), stroke: '#9ca3af', 'stroke-dasharray': '3 2' }));
  let d = '';
  let open = false;
  rows.forEach((r, i) => {
    if (r.value === null) { if (open) d += 'Z'; open = false; return; }
    d += `${open ? 'L' : 'M'}${r3(x(i))},${r3(y(r.value))}`;
    open = true;
  });
  if (d) svg.append(el('path', { d, fill: 'none', stroke: '#4b5563', 'stroke-width': '1.5', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }));
  const lastAt = rows.findLastIndex((r) => r.value !== null);
  if (lastAt >= 0) {
    const last = rows[lastAt]!;
    svg.append(el('circle', { cx: r3(x(lastAt)), cy: r3(y(last.value!)), r: '3', fill: STATUS_COLOURS[last.status] }));
  }
  return svg;
}
