/**
 * A chart in its frame: a heading that names it (also the SVG's accessible name), the chart or an
 * empty state, a data-table view, a CSV download (formula-injection-safe, works without JS as a
 * data: link) and an image download (SVG, wired up by the client script).
 */
import { toSafeCsv } from '../lib/csv-safe.ts';
import { UI } from '../i18n/strings.ts';
import type { Lang } from '../i18n/format.ts';
import { h } from './dom.ts';
import type { RenderContext } from './render-context.ts';

/** A table row's drill-down: a KPI's rows with dimensions pinned (the rest follow the filters). */
export interface DrillAt { kpi: string; branch?: string; service?: string; period?: string }
export interface Column<R> { label: string; value: (r: R) => string | number | null; csv?: (r: R) => unknown; num?: boolean }
export interface FigureSpec<R> {
  id: string;
  title: string;
  note?: string;
  chart: (ariaLabel: string) => Element;
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Rows too many to list in full in the table view are cut here (the CSV keeps them all). */
  tableLimit?: number;
  /** Each table row's "show the rows behind this figure" (client/app.ts opens it), or null for none. */
  drill?: (r: R) => DrillAt | null;
  /**
   * Everything `chart` draws from besides the figure's id, title and width (its rows and options'
   * data): given, a filter change that leaves it equal keeps the chart drawn before.
   */
  chartKey?: unknown;
}

/** The button that opens a drill-down (client/app.ts reads its data attributes). */
export function drillButton(doc: Document, lang: Lang, at: DrillAt, text = lang === 'zh' ? '明细行' : 'Rows'): HTMLElement {
  return h(doc, 'button', {
    type: 'button', class: 'card-link drill-open js-only', 'data-action': 'drill', 'data-drill': at.kpi,
    'data-drill-branch': at.branch, 'data-drill-service': at.service, 'data-drill-period': at.period,
  }, text);
}

/**
 * Renders the figure; with no rows it shows the empty state instead of an empty chart. With
 * `c.defer` the chart is drawn when that calls back (the browser: charts off-screen, at idle) and
 * the data table when it is first opened.
 */
export function figure<R>(c: Pick<RenderContext, 'doc' | 'lang' | 'defer'> & Partial<Pick<RenderContext, 'width'>>, f: FigureSpec<R>): HTMLElement {
  const { doc, lang } = c;
  const titleId = `fig-${f.id}-title`;
  const head = h(doc, 'figcaption', {}, h(doc, 'h3', { id: titleId }, f.title), f.note ? h(doc, 'p', { class: 'note' }, f.note) : null);
  if (f.rows.length === 0) {
    return h(doc, 'figure', { class: 'fig', id: `fig-${f.id}`, 'aria-labelledby': titleId, 'data-empty': '' }, head,
      h(doc, 'div', { class: 'empty', role: 'status' }, h(doc, 'strong', {}, UI.empty[lang]), ' ', UI.empty_hint[lang]));
  }
  const csv = toSafeCsv(f.columns.map((c) => c.label), f.rows.map((r) => f.columns.map((c) => (c.csv ? c.csv(r) : c.value(r)))));
  const shown = f.tableLimit ? f.rows.slice(0, f.tableLimit) : f.rows;
  const drill = f.drill;
  const table = () => h(doc, 'table', {},
    h(doc, 'thead', {}, h(doc, 'tr', {}, f.columns.map((c) => h(doc, 'th', { scope: 'col', class: c.num ? 'num' : null }, c.label)),
      drill ? h(doc, 'th', { scope: 'col', class: 'js-only' }, lang === 'zh' ? '明细' : 'Rows') : null)),
    h(doc, 'tbody', {}, shown.map((r) => {
      const at = drill?.(r);
      return h(doc, 'tr', {}, f.columns.map((c) => h(doc, 'td', { class: c.num ? 'num' : null }, c.value(r) ?? '–')),
        drill ? h(doc, 'td', { class: 'js-only' }, at ? drillButton(doc, lang, at) : '') : null);
    })));
  const more = shown.length < f.rows.length ? h(doc, 'p', { class: 'note' }, lang === 'zh' ? `仅显示前 ${shown.length} 行，共 ${f.rows.length} 行；CSV 含全部。` : `First ${shown.length} of ${f.rows.length} rows; the CSV has them all.`) : null;
  const slot = h(doc, 'div', { class: 'chart' });
  // In the browser (`defer`) the table is built when it is first opened: most never are, and a
  // filter change would otherwise build every figure's rows again.
  const wrap = h(doc, 'div', { class: 'table-wrap' }, c.defer ? null : table());
  const details = h(doc, 'details', {}, h(doc, 'summary', {}, UI.show_table[lang]), wrap, more);
  if (c.defer) details.addEventListener('toggle', () => { if ((details as HTMLDetailsElement).open && !wrap.firstChild) wrap.append(table()); });
  const tools = h(doc, 'div', { class: 'fig-tools' },
    details,
    h(doc, 'a', { class: 'btn', download: `${f.id}.csv`, href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}` }, UI.download_csv[lang]));
  const place = (chart: Element) => {
    slot.replaceChildren(chart);
    if (chart.tagName.toLowerCase() === 'svg') tools.append(h(doc, 'button', { type: 'button', class: 'btn js-only', 'data-action': 'download-image', 'data-name': f.id }, UI.download_image[lang]));
  };
  const draw = () => place(f.chart(f.title));
  if (c.defer) c.defer(slot, draw, f.chartKey === undefined ? undefined : { key: JSON.stringify([f.id, c.width, f.title, f.chartKey]), place });
  else draw();
  return h(doc, 'figure', { class: 'fig', id: `fig-${f.id}`, 'aria-labelledby': titleId }, head, slot, tools);
}

/**
 * A reduced list's title (breakdowns.ts `reduce`): the name and the full count (`of` on its rows),
 * and, when only the first rows are listed, which: `which` is "前" / "the first # listed".
 */
export function listTitle(lang: Lang, rows: readonly { of?: number }[], name: readonly [string, string], unit: string, which: readonly [string, string]): string {
  const all = rows[0]?.of ?? rows.length;
  const cut = all > rows.length;
  if (lang === 'zh') return `${name[0]}（${all} ${unit}${cut ? `，列出${which[0]} ${rows.length} ${unit}` : ''}）`;
  return `${name[1]} (${all}${cut ? `; ${which[1].replace('#', String(rows.length))}` : ''})`;
}
