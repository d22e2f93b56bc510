/**
 * "Try your data": dropped CSV files go to a worker running the build's ingest pipeline; its
 * validation report is shown, its Arrow tables are loaded into a fresh DuckDB-WASM, and the
 * dashboard's own view model and renderers run on them. Nothing leaves the browser.
 */
import type { Config } from '../kpi/config.ts';
import type { Lang } from '../i18n/format.ts';
import { FILTERED_PAGES, PAGES, UI, type PageId } from '../i18n/strings.ts';
import { fill, TRY } from '../i18n/try-strings.ts';
import type { Manifest } from '../ingest/manifest.ts';
import type { Reject } from '../ingest/types.ts';
import { branchNames } from '../kpi/filters.ts';
import { latestComplete } from '../kpi/period.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { serviceTypes } from '../kpi/slices.ts';
import { toSafeCsv } from '../lib/csv-safe.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';
import { computeView, type ViewState } from '../views/model.ts';
import { firstActivityDay, periodOptions } from '../views/periods.ts';
import { renderFilters, viewCaption } from '../views/render-filters.ts';
import { renderIngestReport } from '../views/render-ingest.ts';
import { renderView } from '../views/render.ts';
import { h } from '../views/dom.ts';
import { pageHref } from '../site/routes.ts';
import { readState } from '../views/url-state.ts';
import { openRunnerOver } from './engine.ts';
import { EngineLoadError } from './load-watch.ts';
import { failureMessage, loadingMessage } from '../i18n/engine-messages.ts';
import { collectDropped, splitDropped } from './dropped-files.ts';
import type { TryMessage } from './try-protocol.ts';
import { chartWidth, wireView } from './view-events.ts';

interface Boot { lang: Lang; base: string; config: Config; method_href: string }
/** What tests and the benchmark read. */
interface TryProbe { state: 'idle' | 'ingesting' | 'loading' | 'ready' | 'empty' | 'failed'; ingest_ms: number; total_ms: number; rendered: string }
declare global { interface Window { __hsqTry: TryProbe } }

const boot = JSON.parse(document.getElementById('hsq-try-boot')!.textContent!) as Boot;
const L = boot.lang;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const progressBox = $('try-progress');
const bar = progressBox.querySelector('progress')!;
const progressText = $('try-progress-text');
const errorBox = $('try-error');
const report = $('try-report');
const dashboard = $('try-dashboard');
const view = $('view');
const probe: TryProbe = (window.__hsqTry = { state: 'idle', ingest_ms: 0, total_ms: 0, rendered: '' });
const n = (x: number) => x.toLocaleString(L === 'zh' ? 'zh-CN' : 'en');

let session = 0;
let worker: Worker | null = null;
let engine: { runner: SqlRunner; close(): void } | null = null;
let csvUrl: string | null = null;
/** Shows `page` with `state` in the current dashboard (set once one is on screen). */
let followLink: ((page: PageId, state: ViewState) => void) | null = null;

function reset(): void {
  followLink = null;
  worker?.terminate();
  worker = null;
  engine?.close();
  engine = null;
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = null;
  for (const el of [errorBox, report, dashboard]) el.hidden = true;
  report.replaceChildren();
  view.replaceChildren();
}

/** Shows `message` after "could not ingest:", or as it is when `whole`. */
function fail(message: string, whole = false): void {
  probe.state = 'failed';
  progressBox.hidden = true;
  errorBox.hidden = false;
  errorBox.textContent = whole ? message : TRY.failed[L] + message;
}

/** Starts over with `files`: any run still going is dropped. */
function start(dropped: File[]): void {
  reset();
  const { readable: files, others } = splitDropped(dropped);
  if (files.length === 0) return fail(TRY.no_csv[L] + (others.length > 0 ? ` ${TRY.found_only[L]}${others.slice(0, 5).join(', ')}${others.length > 5 ? ' …' : ''}` : ''));
  const mine = ++session;
  const t0 = performance.now();
  probe.state = 'ingesting';
  progressBox.hidden = false;
  bar.value = 0;
  progressText.textContent = `${TRY.reading[L]} …`;
  worker = new Worker(new URL('./try-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<TryMessage>) => {
    if (mine !== session) return;
    const m = e.data;
    if (m.type === 'progress') {
      bar.value = m.overall;
      const what = m.phase === 'read' ? TRY.reading[L] : m.phase === 'parse' ? TRY.parsing[L] : TRY.storing[L];
      progressText.textContent = `${what} ${m.file}${m.rows ? ` · ${n(m.rows)} ${TRY.rows[L]}` : ''} · ${Math.round(m.overall * 100)}%`;
    } else if (m.type === 'error') {
      fail(m.message);
    } else {
      probe.ingest_ms = performance.now() - t0;
      worker?.terminate();
      worker = null;
      showReport(m.manifest, m.rejects);
      void load(mine, m.manifest, m.arrow, files.length, t0);
    }
  };
  worker.onerror = (e) => { if (mine === session) fail(e.message || 'worker error'); };
  const asOf = ($<HTMLInputElement>('try-as-of').value ?? '').trim();
  worker.postMessage({ files, others, asOf: asOf || null });
}

function showReport(manifest: Manifest, rejects: Reject[]): void {
  const rows = rejects.map((r) => [r.dataset, r.file, r.line, r.column ?? '', r.value, r.reason]);
  csvUrl = URL.createObjectURL(new Blob([toSafeCsv(['dataset', 'file', 'line', 'column', 'value', 'reason'], rows)], { type: 'text/csv;charset=utf-8' }));
  report.replaceChildren(...renderIngestReport(document, L, manifest, { rejects, csvHref: csvUrl }));
  report.hidden = false;
}

async function load(mine: number, manifest: Manifest, arrow: Record<string, Uint8Array>, files: number, t0: number): Promise<void> {
  const asOf = manifest.as_of ? parseLocalTimestamp(manifest.as_of) : null;
  const accepted = Object.values(manifest.datasets).reduce((s, d) => s + d.rows_accepted, 0);
  if (asOf === null || accepted === 0) {
    probe.state = 'empty';
    progressText.textContent = TRY.no_data[L];
    bar.value = 1;
    return;
  }
  probe.state = 'loading';
  progressText.textContent = TRY.loading[L];
  try {
    const opened = await openRunnerOver(new Map(Object.entries(arrow)), (p) => {
      if (mine === session) progressText.textContent = loadingMessage(p, L);
    });
    if (mine !== session) return opened.close();
    engine = opened;
    await showDashboard(mine, manifest, asOf);
    if (mine !== session) return;
    probe.total_ms = performance.now() - t0;
    probe.state = 'ready';
    progressText.textContent = fill(TRY.done[L], { files, s: (probe.total_ms / 1000).toFixed(1) });
  } catch (e) {
    console.warn(e);
    if (mine !== session) return;
    if (e instanceof EngineLoadError) fail(failureMessage(e, L), true);
    else fail((e as Error).message);
  }
}

async function showDashboard(mine: number, manifest: Manifest, asOf: number): Promise<void> {
  const runner = engine!.runner;
  const firstDay = firstActivityDay(manifest.datasets);
  const periods = periodOptions(firstDay, asOf);
  const complete = latestComplete('quarter', asOf).id;
  const initial: ViewState = { period: periods.quarter.includes(complete) ? complete : (periods.quarter[0] ?? complete), branch: '', service: '' };
  const [branches, services] = await Promise.all([branchNames(runner), serviceTypes(runner)]);
  if (mine !== session) return;
  const form = renderFilters(document, L, { periods, branches, services, state: initial, asOfMs: asOf }, { disabled: false });
  $('try-filters').replaceChildren(form);
  const select = (name: keyof ViewState) => form.querySelector<HTMLSelectElement>(`select[name=${name}]`)!;
  const tabs = $('try-tabs');
  let page: PageId = 'overview';
  let state = initial;
  let seq = 0;
  const env = { config: boot.config, asOf };

  const draw = async () => {
    const me = ++seq;
    view.setAttribute('aria-busy', 'true');
    for (const k of ['period', 'branch', 'service'] as const) select(k).value = state[k];
    $('view-caption').textContent = viewCaption(state, L);
    for (const t of tabs.querySelectorAll('[role=tab]')) {
      const on = t.getAttribute('data-page') === page;
      t.setAttribute('aria-selected', String(on));
      t.setAttribute('tabindex', on ? '0' : '-1');
    }
    try {
      const data = await computeView(runner, page, state, env);
      if (me !== seq || mine !== session) return;
      view.replaceChildren(...(data
        ? renderView({ doc: document, lang: L, methodHref: boot.method_href, base: boot.base, width: chartWidth(view) }, data)
        : [h(document, 'p', { class: 'empty' }, UI.empty[L])]));
      probe.rendered = JSON.stringify({ page, ...state });
    } catch (e) {
      console.warn(e);
      view.replaceChildren(h(document, 'p', { class: 'warn' }, UI.query_failed[L]));
    } finally {
      if (me === seq) view.setAttribute('aria-busy', 'false');
    }
  };

  tabs.replaceChildren(...FILTERED_PAGES.map((p) => {
    const b = h(document, 'button', { type: 'button', id: `tab-${p}`, role: 'tab', 'data-page': p, 'aria-controls': 'view' }, PAGES[p][L]);
    b.addEventListener('click', () => { page = p; void draw(); });
    return b;
  }));
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  tabs.onkeydown = (e) => {
    const i = FILTERED_PAGES.indexOf(page);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? FILTERED_PAGES.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    page = FILTERED_PAGES[(next + FILTERED_PAGES.length) % FILTERED_PAGES.length]!;
    tabs.querySelector<HTMLButtonElement>(`[data-page=${page}]`)!.focus();
    void draw();
  };
  form.addEventListener('change', () => { state = { period: select('period').value, branch: select('branch').value, service: select('service').value }; void draw(); });
  form.addEventListener('submit', (e) => e.preventDefault());
  form.querySelector('[data-action=reset]')!.addEventListener('click', () => { state = initial; void draw(); });
  form.querySelector('#engine-status')!.replaceChildren();
  followLink = (p, s) => {
    page = p;
    state = { period: s.period || state.period, branch: s.branch, service: s.service };
    tabs.querySelector<HTMLButtonElement>(`[data-page=${p}]`)?.focus();
    void draw();
  };
  dashboard.hidden = false;
  await draw();
}

// Links into the dashboard (commitment evidence) would open the published data: show that view of the dropped data instead.
view.addEventListener('click', (e) => {
  const a = (e.target as Element).closest<HTMLAnchorElement>('a[href]');
  const p = a && FILTERED_PAGES.find((x) => new URL(a.href).pathname === pageHref(boot.base, L, x));
  if (!a || !p) return;
  e.preventDefault();
  followLink?.(p, readState(new URL(a.href).search, { period: '', branch: '', service: '' }));
});

wireView(view, (by, value) => {
  const form = $('try-filters').querySelector('form');
  const sel = form?.querySelector<HTMLSelectElement>(`select[name=${by}]`);
  if (!sel) return;
  sel.value = value;
  form!.dispatchEvent(new Event('change'));
});

const zone = $('dropzone');
for (const id of ['try-files', 'try-folder']) {
  const input = $<HTMLInputElement>(id);
  input.addEventListener('change', () => { start([...(input.files ?? [])]); input.value = ''; });
}
zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  zone.classList.remove('over');
  if (e.dataTransfer) void collectDropped(e.dataTransfer).then((files) => start(files));
});
