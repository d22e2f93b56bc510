/**
 * The dashboard in the browser: the page arrives fully rendered for the default view; it then
 * fetches the page's answers (a few KB to a few hundred, whatever the row count) and answers every
 * filter change (select, bar click, back/forward, shared link) by running the same view model and
 * renderers the build used, in JavaScript. DuckDB-WASM is loaded only if a view needs a query the
 * answers do not hold.
 */
import type { Config } from '../kpi/config.ts';
import type { Lang } from '../i18n/format.ts';
import { answersRunner, NeedsEngine, type Answers } from '../kpi/answers.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { FILTERED_PAGES, periodLabel, serviceLabel, UI, type PageId } from '../i18n/strings.ts';
import { computeView, type ViewData, type ViewState } from '../views/model.ts';
import { renderView } from '../views/render.ts';
import { BUILD_CHART_WIDTH, type RenderContext } from '../views/render-context.ts';
import { getRunner, stallMs } from './engine.ts';
import { classify, fetchBytes, watchLoad, type EngineFailureKind } from './load-watch.ts';
import { failureMessage, loadingMessage } from '../i18n/engine-messages.ts';
import { watchWidth, wireView } from './view-events.ts';
import { viewCaption } from '../views/render-filters.ts';
import { readState, sameState, writeState } from '../views/url-state.ts';
import { parsePeriod } from '../kpi/period.ts';
import { drillPanel, type DrillProbe } from './drill.ts';
import { chartQueue, type Pending, type QueueProbe } from './chart-queue.ts';
import { drillOfButton, drillState, readDrill, unpinChanged, writeDrill } from './drill-state.ts';
import { answerParts, whenIdle } from './answer-parts.ts';
import { inIdleSteps, rehearsals, warmUp } from './warm-up.ts';

interface Boot { page: PageId; lang: Lang; base: string; default_state: ViewState; as_of_ms: number; config: Config; arrow: Record<string, string>; answers: string; data_url: string; method_href: string }
/**
 * What tests and the benchmark read: whether filters work (`engine`: the answers loaded), whether
 * DuckDB-WASM was needed (`wasm`), and each update's duration.
 */
interface Probe { engine: 'loading' | 'ready' | 'failed'; failure?: EngineFailureKind; wasm: 'idle' | 'loading' | 'ready' | 'failed'; updates: number[]; queries: number[]; rendered: string; ready_ms?: number; drill?: DrillProbe; charts?: QueueProbe; rehearsed: string[] }
declare global { interface Window { __hsq: Probe } }

const boot = JSON.parse(document.getElementById('hsq-boot')!.textContent!) as Boot;
const L = boot.lang;
const view = document.getElementById('view')!;
const form = document.getElementById('filters') as HTMLFormElement;
const status = document.getElementById('engine-status')!;
const caption = document.getElementById('view-caption')!;
const select = (name: keyof ViewState) => form.elements.namedItem(name) as HTMLSelectElement;
const probe: Probe = (window.__hsq = { engine: 'loading', wasm: 'idle', updates: [], queries: [], rendered: JSON.stringify(boot.default_state), rehearsed: [] });
let shown: ViewState = boot.default_state;
let wanted: ViewState = boot.default_state;
let seq = 0;
const viewWidth = watchWidth(view);
const charts = chartQueue(view);
let answers: { runner: SqlRunner; slices: Answers['slices']; parts: ReturnType<typeof answerParts> } | null = null;
let drill = readDrill(location.search);
const panel = drillPanel(document.getElementById('drill')!, L, boot.data_url, () => { drill = null; history.pushState(null, '', url(wanted)); });
probe.drill = panel.probe;
probe.charts = charts.probe;

/** The page's URL for a state, with the open drill-down. */
function url(s: ViewState): string {
  const q = new URLSearchParams(writeState(s, boot.default_state));
  writeDrill(q, drill);
  const t = q.toString();
  return location.pathname + (t ? `?${t}` : '');
}

/** Opens (or refreshes) the drill-down: the shown state, with what the drill-down pinned. */
function showDrill(): void {
  if (!drill) return panel.hide();
  const s = drillState(drill, wanted);
  let p;
  try { p = parsePeriod(s.period, boot.as_of_ms); } catch { p = parsePeriod(wanted.period, boot.as_of_ms); s.period = wanted.period; }
  const label = [periodLabel(s.period, L), s.branch, s.service ? serviceLabel(s.service, L) : ''].filter(Boolean).join(' · ');
  void panel.show({ kpi: drill.kpi, start: p.start, stop: p.end, branch: s.branch, service: s.service, period: s.period }, label);
}

const say = (text: string, kind = '') => {
  status.textContent = text;
  status.className = `engine ${kind}`;
};

/** Keeps only values the selects offer, so a hand-edited link cannot ask for an unknown view. */
function valid(s: ViewState): ViewState {
  const ok = (name: keyof ViewState, v: string) => [...select(name).options].some((o) => o.value === v);
  return { period: ok('period', s.period) ? s.period : boot.default_state.period, branch: ok('branch', s.branch) ? s.branch : '', service: ok('service', s.service) ? s.service : '' };
}

function reflect(s: ViewState): void {
  for (const k of ['period', 'branch', 'service'] as const) select(k).value = s[k];
  caption.textContent = viewCaption(s, L);
  const q = writeState(s, boot.default_state);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page], #lang-switch')) {
    const u = new URL(a.href, location.href);
    const page = a.dataset.page as PageId | undefined;
    u.search = page && !FILTERED_PAGES.includes(page) ? '' : q;
    a.href = u.pathname + u.search;
  }
}

/** The renderers' context at the view's current width; `defer` holds charts back (chart-queue.ts). */
const context = (defer: RenderContext['defer']): RenderContext => ({ doc: document, lang: L, methodHref: boot.method_href, base: boot.base, width: viewWidth(), defer });
/** The view model's settings: the site's thresholds and as-of time. */
const env = { config: boot.config, asOf: boot.as_of_ms };

/** Replaces the view's content with `data` drawn at the current width (charts off-screen follow at idle). */
function draw(data: ViewData, t0: number): void {
  view.replaceChildren(...renderView(context(charts.defer), data));
  charts.placed(t0);
}

/** DuckDB-WASM over the raw tables, for a view the answers cannot give (loaded on first need only). */
function engine(): Promise<SqlRunner> {
  if (probe.wasm === 'idle') probe.wasm = 'loading';
  const p = getRunner(boot.arrow, answers?.slices ?? [], (x) => say(loadingMessage(x, L, 'engine')));
  p.then(() => { probe.wasm = 'ready'; }, () => { probe.wasm = 'failed'; });
  return p;
}

/** The view's data from the answers, or from the engine when they do not hold it. */
async function compute(state: ViewState): Promise<ViewData | null> {
  // Without its part (a failed fetch), the view needs the engine.
  await answers!.parts.load(state.period).catch((e: unknown) => console.warn('a part of the answers failed to load', e));
  try {
    return await computeView(answers!.runner, boot.page, state, env);
  } catch (e) {
    if (!(e instanceof NeedsEngine)) throw e;
    console.info('view not in the answers; loading the query engine', e.sql.slice(0, 120));
    return computeView(await engine(), boot.page, state, env);
  }
}

async function update(): Promise<void> {
  const target = wanted;
  if (!answers || sameState(target, shown)) return;
  const mine = ++seq;
  const t0 = performance.now();
  view.setAttribute('aria-busy', 'true');
  say(UI.updating[L]);
  try {
    const data = await compute(target);
    if (mine !== seq || !data) return;
    const tq = performance.now() - t0;
    draw(data, t0);
    shown = target;
    probe.rendered = JSON.stringify(target);
    probe.updates.push(performance.now() - t0);
    probe.queries.push(tq);
    say(UI.ready[L], 'ok');
  } catch (e) {
    console.warn(e);
    const err = classify(e);
    say(probe.wasm === 'failed' ? failureMessage(err, L, 'engine') : UI.query_failed[L], 'error');
  } finally {
    if (mine === seq) view.setAttribute('aria-busy', 'false');
  }
}

function go(next: ViewState, push = true): void {
  const was = wanted;
  wanted = valid(next);
  // Choosing a branch (say) in the filters replaces the branch a table row pinned.
  if (drill && push) drill = unpinChanged(drill, was, wanted);
  reflect(wanted);
  if (push) history.pushState(null, '', url(wanted));
  void update();
  showDrill();
}

form.addEventListener('change', () => go({ period: select('period').value, branch: select('branch').value, service: select('service').value }));
form.addEventListener('submit', (e) => e.preventDefault());
form.querySelector('[data-action=reset]')!.addEventListener('click', () => go(boot.default_state));
window.addEventListener('popstate', () => { drill = readDrill(location.search); go(readState(location.search, boot.default_state), false); });
view.addEventListener('click', (e) => {
  const b = (e.target as Element).closest<HTMLElement>('[data-action=drill]');
  const at = b ? drillOfButton(b.dataset) : null;
  if (!at) return;
  drill = at;
  history.pushState(null, '', url(wanted));
  showDrill();
  document.getElementById('drill')!.focus();
});
wireView(view, (by, value) => go({ ...wanted, [by]: value }));

for (const el of form.querySelectorAll('select')) el.disabled = false;
wanted = valid(readState(location.search, boot.default_state));
reflect(wanted);
history.replaceState(null, '', url(wanted));
showDrill();

/** Fetches the page's answers (at once: they are small, and the first filter change needs them). */
function loadAnswers(): void {
  say(UI.loading[L]);
  // Busy while bytes arrive, so screen readers announce the outcome rather than every kilobyte.
  status.setAttribute('aria-busy', 'true');
  watchLoad(async (report) => JSON.parse(new TextDecoder().decode(await fetchBytes(boot.answers, 'answers', report))) as Answers, {
    stallMs: stallMs(), onProgress: (p) => { if (probe.engine === 'loading') say(loadingMessage(p, L, 'answers')); },
  }).finally(() => status.removeAttribute('aria-busy')).then(
    (a) => {
      const runner = answersRunner(a);
      answers = { runner, slices: a.slices, parts: answerParts(boot.page, boot.data_url, runner, new Set(a.parts ?? [])) };
      probe.engine = 'ready';
      probe.ready_ms = performance.now();
      say(UI.ready[L], 'ok');
      if (!sameState(wanted, shown)) void update().then(() => rehearseChanges(false));
      else if (viewWidth() !== BUILD_CHART_WIDTH) whenIdle(() => void redrawShown().then(() => rehearseChanges(false)));
      // At the build's width the page as built is the shown view: nothing to redraw, but its code
      // has not run yet, so the shown view is rehearsed first, charts and all, a step per idle period.
      else rehearseChanges(true);
      answers.parts.prefetch([...select('period').options].map((o) => o.value));
    },
    (e) => {
      probe.engine = 'failed';
      console.warn('the page\'s answers failed to load', e);
      const err = classify(e);
      probe.failure = err.kind;
      say(failureMessage(err, L, 'answers'), 'error');
      for (const el of form.querySelectorAll('select')) el.disabled = true;
    },
  );
}

/**
 * Redraws the shown view from the answers, on a screen narrower than the build's charts: the same
 * content, its charts at the real width.
 */
async function redrawShown(): Promise<void> {
  const before = seq;
  const t0 = performance.now();
  const data = await compute(shown).catch(() => null);
  if (data && before === seq && sameState(wanted, shown)) draw(data, t0);
}

/**
 * Rehearses (client/warm-up.ts) one change of each filter from the shown view, yielding to real
 * ones; with `withShown`, the shown view first, its charts drawn off the document.
 */
function rehearseChanges(withShown: boolean): void {
  const options = (k: keyof ViewState) => [...select(k).options].map((o) => o.value);
  const states = rehearsals(shown, { period: options('period'), branch: options('branch'), service: options('service') });
  const first = withShown ? shown : null;
  warmUp(first ? [first, ...states] : states, async (s) => {
    const at = seq;
    const stale = () => at !== seq;
    await answers!.parts.load(s.period);
    if (stale()) return;
    // No engine for a rehearsal.
    const data = await computeView(answers!.runner, boot.page, s, env).catch((e: unknown) => { if (e instanceof NeedsEngine) return null; throw e; });
    if (!data || stale()) return;
    // Charts for the shown view only (the other rehearsals' are of the same kinds), kept for the
    // first filter change to reuse where its data leaves one unchanged.
    const held: Pending[] = [];
    const drawn = await inIdleSteps([() => renderView(context(s === first ? (slot, d, reuse) => held.push({ slot, draw: d, reuse }) : () => {}), data)], stale)
      && await inIdleSteps(held.map((c) => c.draw), stale);
    if (!drawn) return;
    if (s === first) charts.adopt(held);
    probe.rehearsed.push(JSON.stringify(s));
  });
}

loadAnswers();
