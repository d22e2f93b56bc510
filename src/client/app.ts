/**
 * The dashboard in the browser: the page arrives fully rendered for the default view; after first
 * paint this loads DuckDB-WASM, then answers every filter change (select, bar click, back/forward,
 * shared link) by running the same view model and renderers the build used.
 */
import type { Config } from '../kpi/config.ts';
import type { Lang } from '../i18n/format.ts';
import { FILTERED_PAGES, UI, type PageId } from '../i18n/strings.ts';
import { computeView, type ViewData, type ViewState } from '../views/model.ts';
import { renderView } from '../views/render.ts';
import { getRunner } from './engine.ts';
import { classify, type EngineFailureKind } from './load-watch.ts';
import { failureMessage, loadingMessage } from '../i18n/engine-messages.ts';
import { chartWidth, wireView } from './view-events.ts';
import { viewCaption } from '../views/render-filters.ts';
import { readState, sameState, writeState } from '../views/url-state.ts';

interface Boot { page: PageId; lang: Lang; base: string; default_state: ViewState; as_of_ms: number; config: Config; arrow: Record<string, string>; slices: string; method_href: string }
/** What tests and the benchmark read: engine state and each update's duration. */
interface Probe { engine: 'loading' | 'ready' | 'failed'; failure?: EngineFailureKind; updates: number[]; queries: number[]; rendered: string }
declare global { interface Window { __hsq: Probe } }

const boot = JSON.parse(document.getElementById('hsq-boot')!.textContent!) as Boot;
const L = boot.lang;
const view = document.getElementById('view')!;
const form = document.getElementById('filters') as HTMLFormElement;
const status = document.getElementById('engine-status')!;
const caption = document.getElementById('view-caption')!;
const select = (name: keyof ViewState) => form.elements.namedItem(name) as HTMLSelectElement;
const probe: Probe = (window.__hsq = { engine: 'loading', updates: [], queries: [], rendered: JSON.stringify(boot.default_state) });
let shown: ViewState = boot.default_state;
let wanted: ViewState = boot.default_state;
let seq = 0;

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


/** Replaces the view's content with `data` drawn at the current width. */
function draw(data: ViewData): void {
  view.replaceChildren(...renderView({ doc: document, lang: L, methodHref: boot.method_href, base: boot.base, width: chartWidth(view) }, data));
}

async function update(): Promise<void> {
  const target = wanted;
  if (probe.engine !== 'ready' || sameState(target, shown)) return;
  const mine = ++seq;
  const t0 = performance.now();
  view.setAttribute('aria-busy', 'true');
  say(UI.updating[L]);
  try {
    const runner = await getRunner(boot.arrow, boot.slices);
    const data = await computeView(runner, boot.page, target, { config: boot.config, asOf: boot.as_of_ms });
    if (mine !== seq || !data) return;
    const tq = performance.now() - t0;
    draw(data);
    shown = target;
    probe.rendered = JSON.stringify(target);
    probe.updates.push(performance.now() - t0);
    probe.queries.push(tq);
    say(UI.ready[L], 'ok');
  } catch (e) {
    console.warn(e);
    say(UI.query_failed[L], 'error');
  } finally {
    if (mine === seq) view.setAttribute('aria-busy', 'false');
  }
}

function go(next: ViewState, push = true): void {
  wanted = valid(next);
  reflect(wanted);
  if (push) history.pushState(null, '', location.pathname + writeState(wanted, boot.default_state));
  void update();
}

form.addEventListener('change', () => go({ period: select('period').value, branch: select('branch').value, service: select('service').value }));
form.addEventListener('submit', (e) => e.preventDefault());
form.querySelector('[data-action=reset]')!.addEventListener('click', () => go(boot.default_state));
window.addEventListener('popstate', () => go(readState(location.search, boot.default_state), false));
wireView(view, (by, value) => go({ ...wanted, [by]: value }));

for (const el of form.querySelectorAll('select')) el.disabled = false;
wanted = valid(readState(location.search, boot.default_state));
reflect(wanted);
if (!sameState(wanted, shown)) history.replaceState(null, '', location.pathname + writeState(wanted, boot.default_state));

/** Starts the engine once the page has painted (two frames after load), so it never delays the first view. */
function startEngine(): void {
  say(UI.loading[L]);
  // Busy while bytes arrive, so screen readers announce the outcome rather than every megabyte.
  status.setAttribute('aria-busy', 'true');
  getRunner(boot.arrow, boot.slices, (p) => {
    if (probe.engine === 'loading') say(loadingMessage(p, L));
  }).finally(() => status.removeAttribute('aria-busy')).then(
    async (runner) => {
      // Warm up: the shown view's queries prepare every statement this page uses (and fill the cache).
      const data = await computeView(runner, boot.page, shown, { config: boot.config, asOf: boot.as_of_ms }).catch(() => null);
      // Redraw the shown view from the engine's data: the same content (or, on a narrow screen,
      // charts at the real width rather than the build's 760 px), and the drawing code has run
      // once before the first filter change, which otherwise pays for it.
      if (data && sameState(wanted, shown)) draw(data);
      probe.engine = 'ready';
      say(UI.ready[L], 'ok');
      void update();
    },
    (e) => {
      probe.engine = 'failed';
      console.warn('DuckDB-WASM failed to load', e);
      const err = classify(e);
      probe.failure = err.kind;
      say(failureMessage(err, L), 'error');
      for (const el of form.querySelectorAll('select')) el.disabled = true;
    },
  );
}
const afterPaint = () => requestAnimationFrame(() => requestAnimationFrame(startEngine));
if (document.readyState === 'complete') afterPaint();
else window.addEventListener('load', afterPaint, { once: true });
