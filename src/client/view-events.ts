/** Clicks, keys and size of a rendered view, shared by the dashboard and the "Try your data" page. */
import { BUILD_CHART_WIDTH } from '../views/render-context.ts';
import { downloadSvg } from './download.ts';

/**
 * Wires `view`: a click (or Enter / Space) on a bar carrying `data-filter` calls `onFilter` with
 * its dimension and value; an image-download button saves its figure's chart as SVG.
 */
export function wireView(view: HTMLElement, onFilter: (by: 'branch' | 'service', value: string) => void): void {
  const pick = (el: Element | null) => {
    const bar = el?.closest('[data-filter]');
    if (!bar) return false;
    onFilter(bar.getAttribute('data-filter') as 'branch' | 'service', bar.getAttribute('data-value') ?? '');
    return true;
  };
  view.addEventListener('click', (e) => {
    if (pick(e.target as Element)) return;
    const btn = (e.target as Element).closest<HTMLButtonElement>('[data-action=download-image]');
    const svg = btn?.closest('figure')?.querySelector('.chart svg');
    if (btn && svg) downloadSvg(svg as SVGSVGElement, btn.dataset.name ?? 'chart');
  });
  view.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && pick(e.target as Element)) e.preventDefault();
  });
}

/** Chart width for the view's current size (at most the build's). */
export const chartWidth = (view: HTMLElement): number => Math.max(300, Math.min(BUILD_CHART_WIDTH, view.clientWidth - 32));

/**
 * The chart width for `view`, kept current by a ResizeObserver: reading clientWidth while a filter
 * change has just edited the page would force a layout on every update.
 */
export function watchWidth(view: HTMLElement): () => number {
  let width = chartWidth(view);
  new ResizeObserver(() => { width = chartWidth(view); }).observe(view);
  return () => width;
}
