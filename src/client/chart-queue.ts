/**
 * Charts drawn after a filter change's frame. Drawing every chart of a page with Plot takes
 * 20–60 ms, most of it for charts off-screen; so a filter change draws the charts that were on
 * screen at once and the rest at idle, or as soon as they scroll within half a screen. What is on
 * screen comes from an IntersectionObserver (kept current after each frame), not from reading
 * layout, which the change has just invalidated.
 */

import type { ChartReuse } from '../views/render-context.ts';

/** A figure's chart to draw (or to reuse: `reuse`), as a RenderContext's `defer` receives it. */
export interface Pending { slot: HTMLElement; draw: () => void; reuse?: ChartReuse }
/** What tests and the benchmark read: charts still to draw, and per change the ms until all were drawn. */
export interface QueueProbe { pending: number; settled: number[] }

/** The queue for `view`'s charts; `defer` is a RenderContext's, `placed` is called once the view holds the new elements. */
export function chartQueue(view: HTMLElement) {
  const seen = new Map<string, { near: boolean; height: number }>();
  const probe: QueueProbe = { pending: 0, settled: [] };
  let waiting: Pending[] = [];
  let queue: Pending[] = [];
  let started = 0;
  let idle = 0;
  const key = (slot: Element) => slot.closest('figure')?.id ?? '';
  // The charts of the view on screen, by figure: a change whose figure has the same reuse key moves
  // the chart into its new figure instead of drawing it again (a period change leaves the last
  // 12 months' headcount as it was; a branch change, the bars of every branch).
  let drawn = new Map<string, { key: string; chart: Element }>();
  const keep = (p: Pending) => {
    const chart = p.slot.firstElementChild;
    if (p.reuse && chart) drawn.set(key(p.slot), { key: p.reuse.key, chart });
  };
  // Two observers: what is on screen is drawn with the change; what is within half a screen of it
  // is drawn before the idle queue reaches it (scrolling).
  const onScreen = new IntersectionObserver((entries) => {
    for (const e of entries) seen.set(key(e.target), { near: e.isIntersecting, height: e.boundingClientRect.height });
  });
  const soon = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) drawOne(queue.find((p) => p.slot === e.target));
  }, { rootMargin: '50% 0px' });
  const ric = window.requestIdleCallback ?? ((f: (d: IdleDeadline) => void) => window.setTimeout(() => f({ didTimeout: true, timeRemaining: () => 8 }), 1));

  function drawOne(p: Pending | undefined): void {
    if (!p) return;
    queue = queue.filter((q) => q !== p);
    p.draw();
    keep(p);
    p.slot.removeAttribute('style');
    probe.pending = queue.length;
    if (queue.length === 0) probe.settled.push(performance.now() - started);
  }

  function drain(d: IdleDeadline): void {
    idle = 0;
    // One chart takes 5–15 ms: start one only while the idle period has room for it.
    while (queue.length > 0 && (d.didTimeout || d.timeRemaining() > 6)) drawOne(queue[0]);
    if (queue.length > 0) idle = ric(drain, { timeout: 500 });
  }

  /** Draws every chart still waiting (before printing, say). */
  function flush(): void {
    while (queue.length > 0) drawOne(queue[0]);
  }
  window.addEventListener('beforeprint', flush);
  const observe = () => {
    for (const slot of view.querySelectorAll<HTMLElement>('.fig .chart')) { onScreen.observe(slot); soon.observe(slot); }
  };
  observe();

  return {
    probe,
    flush,
    /** The RenderContext's `defer`: charts are held until `placed`. */
    defer(slot: HTMLElement, draw: () => void, reuse?: ChartReuse): void { waiting.push({ slot, draw, reuse }); },
    /**
     * Takes charts drawn off the document for the view on screen (the warm-up's, client/warm-up.ts),
     * so that the first filter change can reuse them as it would the ones it drew.
     */
    adopt(charts: readonly Pending[]): void {
      for (const c of charts) keep(c);
    },
    /** Call after the view holds the newly rendered elements: draws the charts on screen, queues the rest. */
    placed(t0: number): void {
      onScreen.disconnect();
      soon.disconnect();
      queue = [];
      started = t0;
      const before = drawn;
      drawn = new Map();
      for (const p of waiting) {
        if (!p.slot.isConnected) continue;
        const old = before.get(key(p.slot));
        if (p.reuse && old?.key === p.reuse.key) {
          p.reuse.place(old.chart);
          keep(p);
          continue;
        }
        const was = seen.get(key(p.slot));
        if (was?.near) {
          p.draw();
          keep(p);
        } else {
          // As an attribute: removing one set through el.style can leave `style=""` in Chromium.
          if (was) p.slot.setAttribute('style', `min-height: ${Math.round(was.height)}px`);
          queue.push(p);
        }
      }
      waiting = [];
      observe();
      probe.pending = queue.length;
      if (queue.length > 0 && !idle) idle = ric(drain, { timeout: 500 });
      if (queue.length === 0) probe.settled.push(performance.now() - t0);
    },
  };
}
