/**
 * "Show the rows behind this figure": the panel listing the rows a KPI card counts, with their
 * source file and line, sortable, downloadable as CSV (formula-safe). Rows come from the build's
 * monthly partitions (kpi/drill.ts); only the months of the period are fetched, each once.
 */
import { kpiById } from '../kpi/catalogue.ts';
import { denCol, numCol, type DrillSlice, type RowsIndex } from '../kpi/drill-rows.ts';
import type { DrillRows } from '../kpi/drill-load.ts';
import { formatCount, type Lang } from '../i18n/format.ts';
import { serviceLabel } from '../i18n/strings.ts';
import { failureMessage, loadingMessage } from '../i18n/engine-messages.ts';
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import { toSafeCsv } from '../lib/csv-safe.ts';
import { stallMs } from './engine.ts';
import { classify, fetchBytes, watchLoad } from './load-watch.ts';

/** Rows drawn in the table at once; the CSV has them all. */
const SHOWN = 200;
const EXTRA: Record<string, { zh: string; en: string }> = {
  _at: { zh: '计入时间', en: 'Counted at' }, _branch: { zh: '计入门店', en: 'Branch counted' }, _service: { zh: '计入服务类型', en: 'Service type counted' },
  num: { zh: '计入分子', en: 'Numerator' }, den: { zh: '计入分母', en: 'Denominator' }, source_file: { zh: '来源文件', en: 'Source file' }, source_line: { zh: '行号', en: 'Line' },
};

export interface DrillProbe { open: string | null; rows: number; numerator: number; denominator: number; ms: number[]; files: string[] }

/** The panel's controller: `show` opens (or refreshes) it for a slice; `hide` closes it. */
export function drillPanel(panel: HTMLElement, lang: Lang, dataUrl: string, onClose: () => void): { show(s: DrillSlice, label: string): Promise<void>; hide(): void; probe: DrillProbe } {
  const zh = lang === 'zh';
  const probe: DrillProbe = { open: null, rows: 0, numerator: 0, denominator: 0, ms: [], files: [] };
  const parts = new Map<string, Promise<Uint8Array>>();
  let index: Promise<RowsIndex> | null = null;
  let loader: Promise<typeof import('../kpi/drill-load.ts')> | null = null;
  let seq = 0;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...content: (string | Node)[]) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...content);
    return e;
  };
  const status = el('p', { class: 'engine', role: 'status', 'aria-live': 'polite' });

  const fetchAll = (files: readonly string[]) => watchLoad(async (report) => {
    const got = new Map<string, Uint8Array>();
    await Promise.all(files.map(async (f) => {
      let p = parts.get(f);
      if (!p) {
        p = fetchBytes(`${dataUrl}/${f}`, f, report);
        p.catch(() => parts.delete(f));
        parts.set(f, p);
        probe.files.push(f);
      }
      got.set(f, await p);
    }));
    return got;
  }, { stallMs: stallMs(), onProgress: (p) => { status.textContent = loadingMessage(p, lang, 'rows'); } });

  async function show(s: DrillSlice, label: string): Promise<void> {
    const mine = ++seq;
    const t0 = performance.now();
    probe.open = s.kpi;
    panel.hidden = false;
    panel.setAttribute('aria-busy', 'true');
    const k = kpiById(s.kpi);
    const title = el('h2', { id: 'drill-title' }, `${k.label[lang]} · ${label} · ${zh ? '明细行' : 'rows'}`);
    const close = el('button', { type: 'button', 'data-action': 'drill-close' }, zh ? '关闭' : 'Close');
    close.addEventListener('click', () => { hide(); onClose(); });
    status.textContent = zh ? '正在加载明细数据…' : 'Loading the rows…';
    panel.replaceChildren(el('div', { class: 'drill-head' }, title, close), status);
    try {
      loader ??= import('../kpi/drill-load.ts');
      index ??= fetch(`${dataUrl}/rows-index.json`).then((r) => { if (!r.ok) throw new Error(`${dataUrl}/rows-index.json: HTTP ${r.status}`); return r.json() as Promise<RowsIndex>; });
      index.catch(() => { index = null; });
      const [{ loadDrillRows, partsFor }, idx] = await Promise.all([loader, index]);
      const files = await fetchAll(partsFor(idx, s).flatMap((p) => p.files));
      const sets = await loadDrillRows(idx, s, async (f) => files.get(f)!);
      if (mine !== seq) return;
      render(sets, s);
      probe.ms.push(performance.now() - t0);
    } catch (e) {
      if (mine !== seq) return;
      status.textContent = failureMessage(classify(e), lang, 'rows');
      status.className = 'engine error';
    } finally {
      if (mine === seq) panel.setAttribute('aria-busy', 'false');
    }
  }

  function render(sets: DrillRows[], s: DrillSlice): void {
    const k = kpiById(s.kpi);
    let num = 0, den = 0, total = 0;
    for (const d of sets) for (const r of d.rows) { num += Number(r[numCol(s.kpi)] ?? 0); den += Number(r[denCol(s.kpi)] ?? 0); total++; }
    Object.assign(probe, { rows: total, numerator: num, denominator: den });
    const mean = k.kind === 'mean';
    status.className = 'engine ok';
    status.textContent = total === 0
      ? (zh ? '这一范围内没有计入该指标的记录。' : 'No rows count towards this figure in this selection.')
      : mean
        ? (zh ? `共 ${formatCount(total, lang)} 行，均值由这些行计算。` : `${formatCount(total, lang)} rows; the mean is taken over them.`)
        : (zh ? `共 ${formatCount(total, lang)} 行：计入分子 ${formatCount(num, lang)}，计入分母 ${formatCount(den, lang)}。` : `${formatCount(total, lang)} rows: ${formatCount(num, lang)} in the numerator, ${formatCount(den, lang)} in the denominator.`);
    panel.dataset.numerator = String(num);
    panel.dataset.denominator = String(den);
    panel.dataset.rows = String(total);
    for (const d of sets) if (d.rows.length > 0) panel.append(table(d, s));
  }

  function table(d: DrillRows, s: DrillSlice): HTMLElement {
    const meta = d.table.meta;
    // Where a row counts, when its own columns do not say: staff rows are counted per period (no time of their own) and by their branch.
    const own = d.table.columns.filter((c) => !c.name.includes(':') && !(c.name === '_branch' && meta.branch) && !(c.name === '_service' && (meta.service || d.table.periods)) && !(c.name === '_at' && d.table.periods));
    const cols = [...own.filter((c) => !c.name.startsWith('source_')), { name: numCol(s.kpi), kind: 'number' as const }, { name: denCol(s.kpi), kind: 'number' as const }, ...own.filter((c) => c.name.startsWith('source_'))];
    const head = (name: string) => EXTRA[name]?.[lang] ?? (name === numCol(s.kpi) ? EXTRA.num![lang] : name === denCol(s.kpi) ? EXTRA.den![lang] : zh ? (meta.heads[name] ?? name) : name);
    // A coded value (gender, service type, category…) shows its Chinese label in zh: the label an export would carry, which the ingest reads back.
    const codeLabel = (name: string, v: string) => !zh ? v : name === '_service' ? serviceLabel(v, lang) : meta.codes[name]?.[v] ?? v;
    const cell = (v: unknown, kind: string, name = ''): string => v === null || v === undefined ? '' : kind === 'timestamp' ? formatLocalTimestamp(Number(v)) : kind === 'date' ? formatLocalDate(Number(v)) : kind === 'boolean' ? (v ? (zh ? '是' : 'yes') : (zh ? '否' : 'no')) : codeLabel(name, String(v));
    // By when a row counts; staff rows (no time of their own) by their first column.
    let sortBy = Math.max(0, cols.findIndex((c) => c.name === '_at'));
    let asc = true;
    const wrap = el('section', { class: 'drill-set', 'data-dataset': d.table.dataset });
    const name = meta.label[lang];
    const csv = el('button', { type: 'button', 'data-action': 'drill-csv' }, zh ? `下载 CSV（${formatCount(d.rows.length, lang)} 行）` : `Download CSV (${formatCount(d.rows.length, lang)} rows)`);
    csv.addEventListener('click', () => {
      const text = toSafeCsv(cols.map((c) => head(c.name)), d.rows.map((r) => cols.map((c) => cell(r[c.name], c.kind, c.name))));
      const a = el('a', { download: `${s.kpi}-${d.table.dataset}.csv` });
      a.setAttribute('href', URL.createObjectURL(new Blob(['\uFEFF' + text], { type: 'text/csv;charset=utf-8' })));
      document.body.append(a);
      a.click();
      a.remove();
    });
    const note = el('p', { class: 'note' });
    const scroll = el('div', { class: 'drill-scroll', tabindex: '0', role: 'region', 'aria-label': name });
    const draw = () => {
      const c = cols[sortBy]!;
      const sorted = [...d.rows].sort((a, b) => {
        const x = a[c.name], y = b[c.name];
        const r = x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : x < y ? -1 : 1;
        return asc ? r : -r;
      });
      const t = el('table');
      const tr = el('tr');
      cols.forEach((col, i) => {
        const th = el('th', { scope: 'col', 'aria-sort': i === sortBy ? (asc ? 'ascending' : 'descending') : 'none' });
        const b = el('button', { type: 'button' }, `${head(col.name)}${i === sortBy ? (asc ? ' ▲' : ' ▼') : ''}`);
        b.addEventListener('click', () => { asc = i === sortBy ? !asc : true; sortBy = i; draw(); (scroll.querySelectorAll('th button')[i] as HTMLElement | undefined)?.focus(); });
        th.append(b);
        tr.append(th);
      });
      t.append(el('thead'), el('tbody'));
      t.tHead!.append(tr);
      for (const r of sorted.slice(0, SHOWN)) {
        const row = el('tr');
        for (const col of cols) row.append(el('td', col.kind === 'number' || col.kind === 'integer' ? { class: 'num' } : {}, cell(r[col.name], col.kind, col.name)));
        t.tBodies[0]!.append(row);
      }
      scroll.replaceChildren(t);
      note.textContent = d.rows.length > SHOWN ? (zh ? `显示前 ${SHOWN} 行（共 ${formatCount(d.rows.length, lang)} 行）；点击列名排序，全部行请下载 CSV。` : `First ${SHOWN} of ${formatCount(d.rows.length, lang)} rows; click a column to sort, download the CSV for all.`) : (zh ? '点击列名排序。' : 'Click a column to sort.');
    };
    draw();
    wrap.append(el('h3', {}, name), el('div', { class: 'drill-head' }, csv), note, scroll);
    return wrap;
  }

  function hide(): void {
    seq++;
    probe.open = null;
    panel.hidden = true;
    panel.replaceChildren();
  }
  return { show, hide, probe };
}
