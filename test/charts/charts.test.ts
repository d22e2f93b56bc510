/**
 * Charts are pure (rows, options) → SVG: rendered into a linkedom document with fixed data and
 * compared with committed SVG snapshots (test/charts/snapshots/); plus the behaviours pages rely on.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { barChart } from '../../src/charts/bars.ts';
import { histogram } from '../../src/charts/histogram.ts';
import { flowsChart, headcountChart } from '../../src/charts/months.ts';
import { sparkline } from '../../src/charts/sparkline.ts';
import { trendChart, type TrendRow } from '../../src/charts/trend.ts';
import { figure } from '../../src/views/figure.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const trend: TrendRow[] = [
  { period: '2026-Q1', label: 'Q1', value: 0.9, ci_low: 0.87, ci_high: 0.93, status: 'met', n: 400 },
  { period: '2026-Q2', label: 'Q2', value: null, ci_low: null, ci_high: null, status: 'no_data', n: 0 },
  { period: '2026-Q3', label: 'Q3', value: 0.8, ci_low: 0.7, ci_high: 0.88, status: 'missed', n: 60 },
];

describe('chart snapshots', () => {
  it('trend with CI band, target and stretch lines', async () => {
    const svg = trendChart(trend, { document: doc(), ariaLabel: '满意度趋势', unit: 'ratio', target: 0.85, stretch: 0.95, format: pct, targetLabel: '目标', stretchLabel: '挑战目标' });
    expect(svg.getAttribute('aria-label')).toBe('满意度趋势');
    expect(svg.outerHTML).toContain('目标 85.0%');
    await expect(svg.outerHTML).toMatchFileSnapshot('snapshots/trend.svg');
  });

  it('bars coloured by status, tagged for click-to-filter', async () => {
    const rows = [
      { key: 'A店', label: 'A店', value: 0.92, ci_low: 0.9, ci_high: 0.94, status: 'met' as const, n: 500 },
      { key: '<b>B</b>', label: '<b>B</b>', value: 0.7, ci_low: 0.6, ci_high: 0.79, status: 'missed' as const, n: 80 },
    ];
    const svg = barChart(rows, { document: doc(), ariaLabel: 'by branch', unit: 'ratio', format: pct, target: 0.85, targetLabel: 'target', filter: 'branch' });
    const bars = [...svg.querySelectorAll('[data-filter=branch]')];
    expect(bars.map((b) => [b.getAttribute('data-value'), b.getAttribute('fill')])).toEqual([['A店', '#1b6ca8'], ['<b>B</b>', '#b04200']]);
    // Markup in a label stays text: in attributes (quoted) and in text nodes (escaped), never an element.
    expect(svg.outerHTML).toContain('&lt;b&gt;B&lt;/b&gt;');
    expect(parseHTML(`<div>${svg.outerHTML}</div>`).document.querySelector('b')).toBeNull();
    await expect(svg.outerHTML).toMatchFileSnapshot('snapshots/bars.svg');
  });

  it('histogram, sparkline and workforce months', async () => {
    const bins = [{ lo: 0, hi: 24, label: '0–24h', count: 5 }, { lo: 24, hi: 48, label: '24–48h', count: 2 }, { lo: 48, hi: 96, label: '≥48h', count: 1 }];
    await expect(histogram(bins, { document: doc(), ariaLabel: 'response', xLabel: 'hours', countLabel: 'n', lines: [{ at: 24, label: '24h' }, { at: 48, label: '48h' }] }).outerHTML).toMatchFileSnapshot('snapshots/histogram.svg');
    await expect(sparkline(trend, { document: doc(), ariaLabel: 'spark', target: 0.85 }).outerHTML).toMatchFileSnapshot('snapshots/sparkline.svg');
    const months = [{ month: '2026-01', headcount_end: 100, hires: 3, separations: 1 }, { month: '2026-02', headcount_end: 98, hires: 0, separations: 5 }];
    const labels = { headcount: 'Headcount', hires: 'Hires', separations: 'Separations' };
    await expect(headcountChart(months, { document: doc(), ariaLabel: 'hc', labels }).outerHTML).toMatchFileSnapshot('snapshots/headcount.svg');
    await expect(flowsChart(months, { document: doc(), ariaLabel: 'flows', labels }).outerHTML).toMatchFileSnapshot('snapshots/flows.svg');
  });

  it('draws no bars and a 0–1 axis for a year without hires or separations (not full-height bars on a [0, 0] axis)', () => {
    const quiet = ['2026-01', '2026-02', '2026-03'].map((month) => ({ month, headcount_end: 32, hires: 0, separations: 0 }));
    const labels = { headcount: 'Headcount', hires: 'Hires', separations: 'Separations' };
    const svg = flowsChart(quiet, { document: doc(), ariaLabel: 'flows', labels });
    // Bars are the rects placed at an x (the legend's swatches fill their box).
    const heights = [...svg.querySelectorAll('rect[x]')].map((r) => Number(r.getAttribute('height')));
    // Two bars a month, each of height 0.
    expect(heights).toHaveLength(6);
    expect(heights.every((h) => h === 0)).toBe(true);
    // The y axis's tick labels are the texts centred on their tick (x's hang below theirs, at 0.71em).
    const yTicks = (e: Element) => [...e.querySelectorAll('text[y="0.32em"]')].map((t) => t.textContent);
    expect(yTicks(svg)).toEqual(['0', '1']);
    // No one on the books at all: the headcount line lies on 0 of a 0–1 axis.
    const none = headcountChart(quiet.map((m) => ({ ...m, headcount_end: 0 })), { document: doc(), ariaLabel: 'hc', labels });
    expect(yTicks(none)).toEqual(['0', '1']);
  });
});

describe('figure', () => {
  it('shows an empty state instead of a chart when there are no rows', () => {
    const d = doc();
    const f = figure({ doc: d, lang: 'zh' }, { id: 'x', title: 'T', rows: [], columns: [], chart: () => { throw new Error('chart must not be drawn'); } });
    expect(f.hasAttribute('data-empty')).toBe(true);
    expect(f.textContent).toContain('此筛选条件下没有数据');
  });

  it('offers a formula-safe CSV of the rows and a data table', () => {
    const d = doc();
    const f = figure({ doc: d, lang: 'en' }, { id: 'x', title: 'T', rows: [{ b: '=HYPERLINK("x")', v: 1 }], columns: [{ label: 'Branch', value: (r) => r.b }, { label: 'V', value: (r) => r.v, num: true }], chart: () => d.createElement('svg') });
    const href = f.querySelector('a[download]')!.getAttribute('href')!;
    const csv = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(csv).toBe('\uFEFFBranch,V\r\n"\'=HYPERLINK(""x"")",1\r\n');
    expect(f.querySelector('table td')!.textContent).toBe('=HYPERLINK("x")');
  });
});
